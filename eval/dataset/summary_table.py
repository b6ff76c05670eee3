"""What the golden set contains: scenarios, channels, history lengths, reference lengths."""

from __future__ import annotations

import io
import statistics
from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from eval.dataset.loader import GoldenSet
from eval.dataset.schema import DIFFICULTIES, SCENARIOS, GoldenSample, HistorySample, word_count
from eval.dataset.summary_makeup import makeup_tables
from service.models import CHANNELS

LENGTH_BUCKETS = ((0, 0, "0"), (1, 2, "1-2"), (3, 5, "3-5"), (6, 10, "6-10"), (11, 10**6, "11+"))
WORD_BUCKETS = (
    (0, 29, "<30 (no history)"),
    (30, 49, "30-49"),
    (50, 79, "50-79"),
    (80, 120, "80-120"),
)


def summary_tables(samples: Sequence[HistorySample]) -> list[Table]:
    """The summary tables, built from samples (annotated or not) without printing anything."""
    return [
        _scenarios(samples),
        _channels(samples),
        _lengths(samples),
        _references(samples),
        *makeup_tables(samples),
    ]


def print_summary_table(
    golden_set: GoldenSet | Sequence[HistorySample], *, console: Console | None = None
) -> None:
    """Print the summary tables with Rich.

    Args:
        golden_set: A loaded set, or bare samples (e.g. histories before annotation).
        console: Where to print; the terminal when omitted.
    """
    samples = golden_set.samples if isinstance(golden_set, GoldenSet) else golden_set
    console = console or Console()
    for table in summary_tables(samples):
        console.print(table)


def render_summary_text(samples: Sequence[HistorySample], *, width: int = 100) -> str:
    """The tables as plain text, for pasting into datasets/README.md."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, legacy_windows=False)
    print_summary_table(samples, console=console)
    return buffer.getvalue()


def _scenarios(samples: Sequence[HistorySample]) -> Table:
    table = Table(title=f"Scenarios ({len(samples)} samples)")
    for column in ("scenario", "samples", *DIFFICULTIES, "median in scope"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for scenario in SCENARIOS:
        group = [s for s in samples if s.tags.scenario == scenario]
        if not group:
            continue
        split = Counter(s.tags.difficulty for s in group)
        median = statistics.median(len(s.in_scope()) for s in group)
        table.add_row(
            scenario, str(len(group)), *(str(split[d]) for d in DIFFICULTIES), f"{median:g}"
        )
    return table


def _channels(samples: Sequence[HistorySample]) -> Table:
    table = Table(title="Channels")
    for column in ("channel", "interactions", "in scope", "samples using it"):
        table.add_column(column, justify="left" if column == "channel" else "right")
    for channel in CHANNELS:
        total = sum(1 for s in samples for i in s.interactions if i.channel == channel)
        scoped = sum(1 for s in samples for i in s.in_scope() if i.channel == channel)
        users = sum(1 for s in samples if channel in s.tags.channel_mix)
        table.add_row(channel, str(total), str(scoped), str(users))
    return table


def _lengths(samples: Sequence[HistorySample]) -> Table:
    table = Table(title="History lengths (interactions per sample)")
    for column in ("interactions", "samples (whole history)", "samples (in scope)"):
        table.add_column(column, justify="right")
    for low, high, label in LENGTH_BUCKETS:
        whole = sum(1 for s in samples if low <= len(s.interactions) <= high)
        scoped = sum(1 for s in samples if low <= len(s.in_scope()) <= high)
        table.add_row(label, str(whole), str(scoped))
    return table


def _references(samples: Sequence[HistorySample]) -> Table:
    annotated = [s for s in samples if isinstance(s, GoldenSample)]
    words = [word_count(r) for s in annotated for r in s.references]
    title = "Reference lengths (words)"
    if not words:
        title += ": not annotated yet"
    table = Table(title=title)
    for column in ("words", "references", "key facts per sample"):
        table.add_column(column, justify="right")
    facts = Counter(len(s.key_facts) for s in annotated)
    for (low, high, label), count in zip(WORD_BUCKETS, range(3, 9), strict=False):
        n = sum(1 for w in words if low <= w <= high)
        table.add_row(label, str(n), f"{count}: {facts[count]}")
    for count in range(len(WORD_BUCKETS) + 3, 9):
        table.add_row("", "", f"{count}: {facts[count]}")
    if words:
        table.add_row(
            "min / median / max", f"{min(words)} / {statistics.median(words):g} / {max(words)}", ""
        )
    return table
