"""The report's wild-set section: the checker on conversations written outside the
generator, each half apart (dev is tuned on; held-out is only measured)."""

from __future__ import annotations

from collections.abc import Sequence

from eval.metaeval.table import Rate
from eval.metaeval.wild import FAMILY_SIGNAL, WildFigures


def wild_markdown(halves: Sequence[WildFigures]) -> list[str]:
    """Faithful summaries flagged and abstained on per style, slips named per family."""
    if not halves:
        return []
    names = [figures.half for figures in halves]
    lines = [
        "## Conversations written outside the generator",
        "",
        "The wild set (datasets/wild/): real export shapes, unlabelled records. A faithful "
        "summary flagged is a false alarm; a slip is named when its family's own check fires. "
        "Wilson 95 % intervals.",
        "",
        "| | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for group in ("human", "llm"):
        lines.append(
            f"| faithful {group}-style flagged | "
            + " | ".join(_cell(f.faithful.get(group)) for f in halves)
            + " |"
        )
        lines.append(
            f"| faithful {group}-style abstained on | "
            + " | ".join(_cell(f.abstained.get(group)) for f in halves)
            + " |"
        )
    for family, signal in sorted(FAMILY_SIGNAL.items()):
        lines.append(
            f"| {family} named ({signal}) | "
            + " | ".join(_cell(f.named.get(family)) for f in halves)
            + " |"
        )
    return lines


def wild_metrics(halves: Sequence[WildFigures]) -> dict[str, float]:
    """The same figures as MLflow metric values (shares; halves with no summaries skipped)."""
    values: dict[str, float] = {}
    for figures in halves:
        for group, rate in figures.faithful.items():
            if rate.value is not None:
                values[f"wild.{figures.half}.faithful_flagged.{group}"] = rate.value
        for family, rate in figures.named.items():
            if rate.value is not None:
                values[f"wild.{figures.half}.named.{family}"] = rate.value
    return values


def _cell(rate: Rate | None) -> str:
    return "—" if rate is None else rate.text()
