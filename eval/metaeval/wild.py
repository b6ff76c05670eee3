"""The wild set as a source: conversations written outside the generator, measured.

`datasets/wild/<half>/` holds customer-care conversations in the shapes unlabelled exports
have, with faithful summaries in human and LLM styles and one-slip copies of them
(`datasets/wild/README.md`). Every summary is checked against its conversation's records
the way the service checks a summary, with the same gate signals the meta-evaluation reads:
the claim kinds, the open item left out, personal data. A faithful summary flagged is a
false alarm; a slip is *named* when the family's own signal fires.
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.metaeval.table import Rate
from eval.metrics.pii import leaked_pii, pii_in_summary
from service.claims import check_summary, kind_of
from service.models import Interaction, SummaryOptions, select_interactions

HALVES = ("dev", "heldout")
_COLUMNS = 80  # a CI log's width
# The signal that names each slip family: a kind of wrong claim, "omission" (the open item
# left out) or "pii".
FAMILY_SIGNAL: dict[str, str] = {
    "wrong_amount": "unsupported_fact",
    "shifted_date": "unsupported_fact",
    "wrong_count": "unsupported_fact",
    "entity_swap": "unsupported_fact",
    "negated_action": "negated_action",
    "open_to_resolved": "status_contradiction",
    "resolved_to_open": "status_contradiction",
    "invented_promise": "invented_promise",
    "sentiment_flipped": "sentiment_flip",
    "injection_obeyed": "instruction_violation",
    "truncation": "truncation",
    "open_item_omitted": "omission",
}


@dataclass(frozen=True)
class Conversation:
    """One wild conversation as the checker sees it."""

    id: str
    shape: str
    industry: str
    interactions: tuple[Interaction, ...]
    options: SummaryOptions


@dataclass(frozen=True)
class WildSummary:
    """A summary of a wild conversation: faithful (`family` "faithful") or one slip."""

    conversation: str
    family: str
    style: str
    text: str


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_half(root: Path, half: str) -> tuple[dict[str, Conversation], list[WildSummary]]:
    """The conversations and summaries of one half (`dev` or `heldout`)."""
    folder = root / "wild" / half
    conversations = {}
    for record in _lines(folder / "conversations.jsonl"):
        options = SummaryOptions(
            ivr_intent=record.get("ivr_intent") or "misc",
            as_of=record["as_of"],
            max_history_days=90,
            max_interactions=10,
        )
        items = [Interaction(**item) for item in record["interactions"]]
        conversations[record["id"]] = Conversation(
            record["id"],
            record.get("shape", ""),
            record.get("industry", ""),
            select_interactions(items, options),
            options,
        )
    summaries = [
        WildSummary(r["conversation_id"], r["family"], r["style"], r["text"])
        for r in _lines(folder / "summaries.jsonl")
    ]
    return conversations, summaries


def signals_of(summary: WildSummary, conversation: Conversation) -> set[str]:
    """Every gate signal a summary raises: claim kinds, "omission", "pii"."""
    report = check_summary(summary.text, conversation.interactions, conversation.options)
    raised: set[str] = {kind_of(f.category).name for f in report.findings}
    if report.open_items and not report.open_items_stated:
        raised.add("omission")
    if pii_in_summary(summary.text) or leaked_pii(summary.text, conversation.interactions):
        raised.add("pii")
    return raised


def abstains(summary: WildSummary, conversation: Conversation) -> bool:
    """Whether the checker abstained on any claim of the summary."""
    report = check_summary(summary.text, conversation.interactions, conversation.options)
    return bool(report.abstentions)


@dataclass(frozen=True)
class WildFigures:
    """What the checker made of one half."""

    half: str
    faithful: dict[str, Rate]  # "human" / "llm" -> flagged of faithful summaries
    faithful_by_signal: Counter[str]
    caught: dict[str, Rate]  # family -> slips raising any signal
    named: dict[str, Rate]  # family -> slips raising the family's own signal
    by_shape: dict[str, Rate] = field(default_factory=dict)  # faithful flagged per shape
    # Faithful summaries the checker abstained on (a finding the records do not settle),
    # flagged or not: abstentions are reported beside the findings, never hidden in a pass.
    abstained: dict[str, Rate] = field(default_factory=dict)


def style_group(style: str) -> str:
    """'human' for human-written styles, 'llm' for briefing styles."""
    return "human" if style.startswith("human") else "llm"


def measure(
    conversations: dict[str, Conversation], summaries: Iterable[WildSummary], half: str
) -> WildFigures:
    """The half's figures: faithful summaries flagged, slips caught and named per family."""
    faithful: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    shapes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_signal: Counter[str] = Counter()
    caught: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    named: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    abstained: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for summary in summaries:
        conversation = conversations[summary.conversation]
        raised = signals_of(summary, conversation)
        if summary.family == "faithful":
            for tally in (faithful[style_group(summary.style)], shapes[conversation.shape]):
                tally[0] += bool(raised)
                tally[1] += 1
            unsure = abstained[style_group(summary.style)]
            unsure[0] += abstains(summary, conversation)
            unsure[1] += 1
            by_signal.update(raised)
            continue
        own = FAMILY_SIGNAL.get(summary.family)
        caught[summary.family][0] += bool(raised)
        caught[summary.family][1] += 1
        named[summary.family][0] += own in raised
        named[summary.family][1] += 1

    def rates(counts: dict[str, list[int]]) -> dict[str, Rate]:
        return {key: Rate(k, n) for key, (k, n) in sorted(counts.items())}

    return WildFigures(
        half,
        rates(faithful),
        by_signal,
        rates(caught),
        rates(named),
        rates(shapes),
        rates(abstained),
    )


def figures_lines(figures: WildFigures) -> list[str]:
    """The figures as lines of at most 80 columns."""
    lines = [f"wild set, {figures.half}:"]
    for group, rate in figures.faithful.items():
        lines.append(f"  faithful {group:6} flagged {rate.text()}")
    for group, rate in figures.abstained.items():
        lines.append(f"  faithful {group:6} abstained on {rate.text()}")
    signals = ", ".join(f"{k} {v}" for k, v in figures.faithful_by_signal.most_common())
    # Ten signals run past an 80-column log: the rest goes on indented lines.
    lines += textwrap.wrap(
        f"flagged by: {signals or 'none'}",
        width=_COLUMNS,
        initial_indent="  ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )
    lines.append("  slips named for their own reason (caught by any signal):")
    for family, rate in figures.named.items():
        caught = figures.caught[family]
        lines.append(f"    {family:18} {rate.text():26} caught {caught.k}/{caught.n}")
    return lines


def measure_halves(root: Path, halves: Sequence[str]) -> list[WildFigures]:
    """Figures for each named half."""
    return [measure(*load_half(root, half), half) for half in halves]
