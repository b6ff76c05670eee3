"""The scenario distribution table in datasets/README.md, read back as data.

The README is where people look for what the set contains, so it is the contract: the validator
compares the set against this table rather than against a constant in code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from eval.dataset.schema import DIFFICULTIES, SCENARIOS, SampleTags

START_MARKER = "<!-- golden-distribution:start -->"
END_MARKER = "<!-- golden-distribution:end -->"
HEADER = ("scenario", "samples", "easy", "medium", "hard")


@dataclass(frozen=True)
class DistributionRow:
    """One scenario's planned counts and the README line they are on."""

    scenario: str
    samples: int
    by_difficulty: tuple[int, int, int]
    line: int


@dataclass(frozen=True)
class TableProblem:
    """Something wrong with the table itself, located in the README."""

    line: int
    message: str


def find_readme(path: Path) -> Path | None:
    """The nearest README.md above `path` that holds a distribution table."""
    for folder in path.resolve().parents:
        candidate = folder / "README.md"
        if candidate.is_file() and START_MARKER in candidate.read_text(encoding="utf-8"):
            return candidate
    return None


def read_table(readme: Path) -> tuple[list[DistributionRow], list[TableProblem]]:
    """Parse the markdown table between the markers; problems name README lines."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    try:
        start = lines.index(START_MARKER)
        end = lines.index(END_MARKER, start)
    except ValueError:
        return [], [TableProblem(0, f"markers {START_MARKER} ... {END_MARKER} not found")]
    rows: list[DistributionRow] = []
    problems: list[TableProblem] = []
    total: tuple[int, list[int]] | None = None
    for number in range(start + 2, end + 1):
        text = lines[number - 1].strip()
        if not text.startswith("|") or set(text) <= set("|-: "):
            continue
        cells = [cell.strip().strip("*`") for cell in text.strip("|").split("|")]
        if cells[: len(HEADER)] == list(HEADER):
            continue
        try:
            counts = [int(cell) for cell in cells[1:5]]
        except (ValueError, IndexError):
            problems.append(TableProblem(number, f"expected {' | '.join(HEADER)}, got {text!r}"))
            continue
        if cells[0].lower() == "total":
            total = (number, counts)
        elif cells[0] not in SCENARIOS:
            problems.append(TableProblem(number, f"unknown scenario {cells[0]!r}"))
        elif counts[0] != sum(counts[1:]):
            problems.append(TableProblem(number, f"{cells[0]}: samples != easy + medium + hard"))
        else:
            rows.append(
                DistributionRow(cells[0], counts[0], (counts[1], counts[2], counts[3]), number)
            )
    if total is not None:
        sums = [sum(row.samples for row in rows)] + [
            sum(row.by_difficulty[i] for row in rows) for i in range(3)
        ]
        if sums != total[1]:
            problems.append(TableProblem(total[0], f"total row {total[1]} != column sums {sums}"))
    return rows, problems


def compare(rows: list[DistributionRow], tags: Iterable[SampleTags]) -> list[TableProblem]:
    """Rows whose counts differ from the samples' tags, plus scenarios missing from the table."""
    seen: Counter[tuple[str, str]] = Counter((tag.scenario, tag.difficulty) for tag in tags)
    problems = []
    for row in rows:
        actual = tuple(seen.pop((row.scenario, d), 0) for d in DIFFICULTIES)
        if actual != row.by_difficulty or sum(actual) != row.samples:
            problems.append(
                TableProblem(
                    row.line,
                    f"{row.scenario}: table says {row.samples} {_split(row.by_difficulty)}, "
                    f"the set has {sum(actual)} {_split(actual)}",
                )
            )
    for scenario in sorted({scenario for scenario, _ in seen}):
        count = sum(n for (s, _), n in seen.items() if s == scenario)
        problems.append(TableProblem(0, f"{scenario}: {count} samples but no row in the table"))
    return problems


def _split(counts: tuple[int, ...]) -> str:
    return "(" + ", ".join(f"{d} {n}" for d, n in zip(DIFFICULTIES, counts, strict=True)) + ")"


def render_table(plan: dict[str, tuple[int, int, int]], purposes: dict[str, str]) -> str:
    """The markdown table (with its markers) for a scenario plan, as the README shows it."""
    lines = [
        START_MARKER,
        "| " + " | ".join(HEADER) + " | what it tests |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for scenario, counts in plan.items():
        cells = [scenario, str(sum(counts)), *map(str, counts), purposes.get(scenario, "")]
        lines.append("| " + " | ".join(cells) + " |")
    totals = [sum(c[i] for c in plan.values()) for i in range(3)]
    lines.append(f"| **total** | {sum(totals)} | " + " | ".join(map(str, totals)) + " | |")
    return "\n".join([*lines, END_MARKER])
