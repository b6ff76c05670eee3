from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from service.gateway import Completion, ModelGateway
from service.model_config import ModelConfig
from service.models import Interaction, SummaryOptions
from service.prompt_source import load_prompt_dir
from service.prompts import RenderedPrompt
from service.summarizer import NO_INTERACTIONS, summarize

AS_OF = datetime(2025, 12, 8, tzinfo=UTC)


class CountingGateway:
    """A gateway that records calls and delegates to the real one."""

    def __init__(self) -> None:
        self.calls: list[RenderedPrompt] = []
        self._inner = ModelGateway()

    async def complete(self, rendered: RenderedPrompt, config: ModelConfig) -> Completion:
        self.calls.append(rendered)
        return await self._inner.complete(rendered, config)


def _interaction(days_ago: float, channel: str = "agent", notes: str = "") -> Interaction:
    return Interaction.model_validate(
        {
            "channel": channel,
            "timestamp": AS_OF - timedelta(days=days_ago),
            "intent": "BillingInquiry",
            "notes": notes or f"Customer asked about the bill {days_ago} days ago.",
            "outcome": "resolved",
            "sentiment": "neutral",
        }
    )


@pytest.fixture
def pair(repo_root: Path):  # type: ignore[no-untyped-def]
    return load_prompt_dir(repo_root / "prompts" / "omni-summary").pair


@pytest.mark.parametrize(
    ("history", "options"),
    [
        ([], SummaryOptions(as_of=AS_OF)),
        ([_interaction(120)], SummaryOptions(as_of=AS_OF, max_history_days=90)),
        ([_interaction(2, "ivr")], SummaryOptions(as_of=AS_OF, channel_filter=("email",))),
    ],
    ids=["empty", "outside-window", "filtered-out"],
)
async def test_summarize_without_interactions_makes_no_model_call(history, options, pair) -> None:  # type: ignore[no-untyped-def]
    gateway = CountingGateway()
    summary = await summarize(history, options, pair, gateway)
    assert summary.text == NO_INTERACTIONS
    assert not summary.model_called
    assert gateway.calls == []
    assert summary.cost_usd == 0.0


async def test_summarize_uses_the_newest_interactions_and_accounts_for_them(pair) -> None:  # type: ignore[no-untyped-def]
    history = [_interaction(day) for day in range(1, 30)]
    gateway = CountingGateway()
    summary = await summarize(
        history, SummaryOptions(as_of=AS_OF, max_interactions=5), pair, gateway
    )
    assert len(gateway.calls) == 1
    assert [item.timestamp for item in summary.interactions] == sorted(
        item.timestamp for item in history[:5]
    )
    assert summary.model_used == "local/extractive-summarizer"
    assert summary.prompt_name == "omni-summary"
    assert summary.prompt_version == pair.version
    assert summary.input_tokens > 0 and summary.output_tokens > 0
    assert summary.fallback_used is False
    assert (
        summary.date_range
        == f"{AS_OF - timedelta(days=5):%Y-%m-%d} to {AS_OF - timedelta(days=1):%Y-%m-%d}"
    )
    # The system prefix goes out untouched; the data only in the user suffix.
    assert gateway.calls[0].system == pair.template.system
    assert "[5]" in gateway.calls[0].user and "[6]" not in gateway.calls[0].user
