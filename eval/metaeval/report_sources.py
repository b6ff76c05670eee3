"""The report's per-source sections: each check on each source of known-good text, the
slips authors wrote blind, per family, with the checker's first-run figures beside today's,
and the checker's precision on the findings people reviewed."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from eval.findings import CategoryPrecision
from eval.metaeval.known_good import BLIND
from eval.metaeval.run import MetaEvalResult
from eval.metaeval.table import FamilyRow, Rate
from service.claims import kind_of


@dataclass(frozen=True)
class BlindRow:
    """One family of author-written slips: caught by any gate check, named by its own."""

    family: str
    caught: Rate
    named: Rate
    first_run: str  # "caught/n (named)" at the first run, or "—"


def _own_checks(result: MetaEvalResult, row: FamilyRow) -> list[str]:
    """The gate checks that claim what the family trips."""
    return [c.check for c in result.checks if set(c.claims) & set(row.trips)]


def blind_rows(result: MetaEvalResult) -> list[BlindRow]:
    """The blind-slip table (every source pooled; each family's first-run figure kept)."""
    first = {
        family: figures
        for run in result.first_run.values()
        for family, figures in (run.get("slips") or {}).items()
    }
    rows = []
    for row in result.rows_by_split.get(BLIND, []):
        own = _own_checks(result, row)
        named = max(
            (row.by_signal[c] for c in own if c in row.by_signal),
            key=lambda rate: rate.k,
            default=Rate(0, row.n),
        )
        before = first.get(row.family)
        text = f"{before['caught']}/{before['n']} ({before['named']})" if before else "—"
        rows.append(BlindRow(row.family, row.caught, Rate(named.k, row.n), text))
    return rows


def sources_markdown(result: MetaEvalResult) -> list[str]:
    """Markdown for the per-source validation and the blind slips."""
    sources = sorted(result.known_good_flags)
    lines = [
        "## Each check on each source",
        "",
        "A check is validated only on its worst source; known-good texts flagged as they "
        "stand are false alarms.",
        "",
        "| check | " + " | ".join(sources) + " |",
        "|---|" + "---|" * len(sources),
    ]
    for item in result.by_source:
        cells = []
        for source in sources:
            status = item.by_source.get(source)
            flagged = item.known_good.get(source)
            cell: str = status.status if status is not None else "not measured"
            if flagged is not None and flagged.n:
                cell += f"; flags {flagged.k}/{flagged.n} known-good"
            cells.append(cell)
        lines.append(f"| {item.overall.check} | " + " | ".join(cells) + " |")
    blind = blind_rows(result)
    if blind:
        lines += [
            "",
            "## Slips written blind by authors",
            "",
            "| family | slips | caught by a gate check | named by its own check | first run |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {r.family} | {r.caught.n} | {r.caught.text()} | {r.named.text()} | {r.first_run} |"
            for r in blind
        ]
    return lines


def sources_html(result: MetaEvalResult) -> list[str]:
    """The same sections as HTML table rows."""
    return [markdown_line_html(line) for line in sources_markdown(result)]


def markdown_line_html(line: str) -> str:
    """One line of these sections as HTML (a heading, a table row, a paragraph)."""
    if line.startswith("## "):
        return f"<h2>{html.escape(line[3:])}</h2>"
    if line.startswith("|---"):
        return ""
    if line.startswith("| "):
        cells = [html.escape(cell.strip()) for cell in line.strip("|").split("|")]
        return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
    return f"<p>{html.escape(line)}</p>" if line else ""


def wrap_tables(parts: Sequence[str]) -> str:
    """Consecutive table rows inside <table> elements."""
    out: list[str] = []
    open_table = False
    for part in parts:
        is_row = part.startswith("<tr>")
        if is_row and not open_table:
            out.append("<table>")
            open_table = True
        if not is_row and open_table and part:
            out.append("</table>")
            open_table = False
        out.append(part)
    if open_table:
        out.append("</table>")
    return "\n".join(p for p in out if p)


def precision_markdown(rows: Sequence[CategoryPrecision]) -> list[str]:
    """The checker's precision on reviewed findings, per category (none: a line saying so)."""
    lines = [
        "## Checker precision on reviewed findings",
        "",
        "Of the claim findings people reviewed (in the review queue, or with oci findings "
        "review), the share they confirmed, per finding category, with a Wilson 95 % interval.",
        "",
    ]
    if not rows:
        return [*lines, "No finding has been reviewed yet."]
    lines += ["| category | kind | confirmed | false alarms | precision |", "|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row.name} | {kind_of(row.name).name} | {row.confirmed} | {row.false_alarms} "
            f"| {row.text()} |"
        )
    return lines
