"""The wild set loads as the checker reads it, and its figures count what they say."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval.metaeval.report_wild import wild_markdown, wild_metrics
from eval.metaeval.table import Rate
from eval.metaeval.wild import (
    FAMILY_SIGNAL,
    HALVES,
    WildFigures,
    figures_lines,
    load_half,
    measure,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("half", HALVES)
def test_each_half_holds_two_faithful_and_three_slips_per_conversation(half: str) -> None:
    conversations, summaries = load_half(ROOT / "datasets", half)
    assert len(conversations) == 4668
    per: dict[str, list[str]] = {}
    for summary in summaries:
        per.setdefault(summary.conversation, []).append(summary.family)
    assert set(per) == set(conversations)
    for families in per.values():
        assert families.count("faithful") == 2 and len(families) == 5
        slips = [f for f in families if f != "faithful"]
        assert len(set(slips)) == 3 and set(slips) <= set(FAMILY_SIGNAL)
    for conversation in conversations.values():
        assert conversation.interactions  # every record is inside its request's window
        assert all(i.outcome == "" and i.sentiment is None for i in conversation.interactions)


def _half(tmp_path: Path, summaries: list[dict[str, str]]) -> Path:
    folder = tmp_path / "wild" / "dev"
    folder.mkdir(parents=True)
    conversation = {
        "id": "c1",
        "industry": "retail",
        "shape": "live_chat",
        "ivr_intent": "order",
        "as_of": "2026-03-02T10:00:00Z",
        "interactions": [
            {
                "channel": "chat",
                "timestamp": "2026-03-01T09:00:00Z",
                "intent": "order",
                "notes": "Customer: my order of $45.00 never came. Agent: I have sent a "
                "replacement today.",
                "outcome": "",
                "sentiment": None,
            }
        ],
    }
    (folder / "conversations.jsonl").write_text(json.dumps(conversation) + "\n")
    lines = [{"conversation_id": "c1", **s} for s in summaries]
    (folder / "summaries.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    return tmp_path


def test_figures_count_flagged_faithful_and_named_slips(tmp_path: Path) -> None:
    root = _half(
        tmp_path,
        [
            {
                "family": "faithful",
                "style": "human_agent",
                "text": "Order of $45.00 missing; replacement sent.",
            },
            {
                "family": "faithful",
                "style": "llm_prose",
                "text": "The customer's $45.00 order "
                "never arrived, and the agent sent a replacement the same day.",
            },
            {
                "family": "wrong_amount",
                "style": "llm_prose",
                "text": "The customer's $54.00 "
                "order never arrived, and the agent sent a replacement the same day.",
            },
        ],
    )
    figures = measure(*load_half(root, "dev"), "dev")
    assert figures.faithful["human"].n == 1 and figures.faithful["llm"].n == 1
    assert figures.faithful["human"].k == 0 and figures.faithful["llm"].k == 0
    assert (figures.named["wrong_amount"].k, figures.named["wrong_amount"].n) == (1, 1)
    assert figures.caught["wrong_amount"].k == 1
    assert figures.abstained["human"].n == 1 and figures.abstained["llm"].n == 1


def test_report_section_shows_each_half_and_each_family(tmp_path: Path) -> None:
    root = _half(
        tmp_path,
        [
            {"family": "faithful", "style": "human_agent", "text": "Order missing."},
            {"family": "wrong_amount", "style": "llm_prose", "text": "A $54.00 order is lost."},
        ],
    )
    figures = measure(*load_half(root, "dev"), "dev")
    lines = wild_markdown([figures])
    assert lines[0] == "## Conversations written outside the generator"
    assert "| | dev |" in lines
    named = next(line for line in lines if line.startswith("| wrong_amount named"))
    assert "100%" in named and "(n=1)" in named
    metrics = wild_metrics([figures])
    assert metrics["wild.dev.named.wrong_amount"] == 1.0
    assert metrics["wild.dev.faithful_flagged.human"] == 0.0
    assert wild_markdown([]) == []


def test_printed_figures_fit_an_80_column_log() -> None:
    signals = Counter(
        {name: 100 + index for index, name in enumerate(sorted(set(FAMILY_SIGNAL.values())))}
    )
    figures = WildFigures(
        "heldout",
        {"human": Rate(169, 2088), "llm": Rate(202, 2088)},
        signals,
        {family: Rate(400, 540) for family in FAMILY_SIGNAL},
        {family: Rate(300, 540) for family in FAMILY_SIGNAL},
        abstained={"human": Rate(1157, 2088)},
    )
    lines = figures_lines(figures)
    assert max(len(line) for line in lines) <= 80
    # Every signal is still printed with its count.
    printed = " ".join(lines)
    assert all(f"{name} {count}" in printed for name, count in signals.items())
