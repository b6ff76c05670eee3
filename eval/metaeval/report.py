"""The detection table as markdown, as one self-contained HTML page, and as a terminal table."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from eval.findings import CategoryPrecision
from eval.metaeval.report_sources import (
    blind_rows,
    markdown_line_html,
    precision_markdown,
    sources_html,
    sources_markdown,
    wrap_tables,
)
from eval.metaeval.report_wild import wild_markdown
from eval.metaeval.run import MetaEvalResult
from eval.metaeval.table import FamilyRow
from eval.metaeval.wild import WildFigures

BASELINE_NOTE = (
    "Judge: {judge}{baseline}. Every rate is the share of labelled variants a signal told apart "
    "from their known-good original, with its Wilson 95 % interval."
)


def _judge(result: MetaEvalResult) -> str:
    inputs = result.inputs
    baseline = " (local deterministic baseline, not an LLM)" if inputs["judge_is_baseline"] else ""
    return BASELINE_NOTE.format(judge=inputs["judge_model"], baseline=baseline)


def _top(row: FamilyRow) -> str:
    return ", ".join(f"{name} {count}" for name, count in row.top_checks) or "—"


def _runs(result: MetaEvalResult, family: str) -> str:
    """Which gate checks fail a whole run with the family's change, per source."""
    parts = [
        f"{source}: {', '.join(failed) or 'PASS'}"
        for (source, fam), failed in sorted(result.verdicts.items())
        if fam == family
    ]
    return "; ".join(parts) or "—"


def _rows_md(rows: Sequence[FamilyRow], result: MetaEvalResult) -> list[str]:
    lines = [
        "| family | kind | must trip | variants | caught per sample | caught most by "
        "| whole-run gate verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        label = "detected" if row.kind == "perturbation" else "false alarms"
        lines.append(
            f"| {row.family} | {row.kind} | {', '.join(row.trips) or '—'} | {row.n} | "
            f"{label} {row.caught.text()} | {_top(row)} | {_runs(result, row.family)} |"
        )
    return lines


def render_markdown(
    result: MetaEvalResult,
    precision: Sequence[CategoryPrecision] = (),
    wild: Sequence[WildFigures] = (),
) -> str:
    """The table, the checks' validation, the held-out split and the checker's precision on
    reviewed findings, as markdown."""
    inputs = result.inputs
    lines = [
        "# Meta-evaluation: what each gate check catches",
        "",
        _judge(result),
        f"Rubric {inputs['rubric']}; dataset {inputs['dataset']} ({inputs['dataset_digest'][:19]});"
        f" production {inputs['production']}; {len(result.outcomes)} variants; "
        f"{result.wall_s:.1f} s; table {result.digest[:19]}.",
        "",
        "## Families",
        "",
        *_rows_md(result.rows, result),
        "",
        "## Gate checks against their requirements",
        "",
        "| check | status | claims | detail |",
        "|---|---|---|---|",
    ]
    for check in result.checks:
        claims = ", ".join(check.claims) or "—"
        lines.append(f"| {check.check} | {check.status} | {claims} | {check.detail} |")
    lines += ["", *sources_markdown(result), "", *precision_markdown(precision)]
    if wild:
        lines += ["", *wild_markdown(wild)]
    for split, rows in result.rows_by_split.items():
        lines += ["", f"## Wording split: {split}", "", *_rows_md(rows, result)]
    for source, rows in result.rows_by_source.items():
        lines += ["", f"## Source: {source}", "", *_rows_md(rows, result)]
    return "\n".join(lines) + "\n"


def heatmap_png(result: MetaEvalResult) -> bytes:
    """Families (rows) by gate checks (columns): the share of variants each check fired on."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = [s.name for s in result.signals if s.kind in ("gate", "paired")]
    rows = result.rows
    grid = [[(row.by_signal[c].value or 0.0) for c in columns] for row in rows]
    fig, axis = plt.subplots(figsize=(1.0 + 0.55 * len(columns), 0.9 + 0.3 * len(rows)))
    axis.imshow(grid, cmap="Reds", vmin=0.0, vmax=1.0, aspect="auto")
    axis.set_xticks(range(len(columns)), columns, rotation=60, ha="right", fontsize=8)
    labels = [f"{r.family} ({'ctrl' if r.kind == 'control' else r.n})" for r in rows]
    axis.set_yticks(range(len(rows)), labels, fontsize=8)
    for y, line in enumerate(grid):
        for x, value in enumerate(line):
            if value >= 0.005:
                colour = "white" if value > 0.6 else "black"
                axis.text(x, y, f"{value:.0%}", ha="center", va="center", fontsize=6, color=colour)
    axis.set_title("Share of variants each gate check fired on", fontsize=10)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return buffer.getvalue()


def render_html(
    result: MetaEvalResult,
    precision: Sequence[CategoryPrecision] = (),
    wild: Sequence[WildFigures] = (),
) -> str:
    """One self-contained page: the heatmap as a data URI and the tables."""
    image = base64.b64encode(heatmap_png(result)).decode("ascii")
    body = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        "<title>Meta-evaluation</title><style>body{font-family:sans-serif;margin:2em;}"
        "table{border-collapse:collapse;margin:1em 0;}td,th{border:1px solid #ccc;"
        "padding:3px 8px;font-size:13px;text-align:left;vertical-align:top;}"
        ".bad{color:#b00;font-weight:bold}.ok{color:#070}</style></head><body>",
        "<h1>Meta-evaluation: what each gate check catches</h1>",
        f"<p>{html.escape(_judge(result))}</p>",
        f"<p>Table {html.escape(result.digest[:19])}, {len(result.outcomes)} variants, "
        f"{result.wall_s:.1f} s.</p>",
        f"<img alt='detection heatmap' src='data:image/png;base64,{image}'>",
        "<h2>Gate checks</h2><table><tr><th>check</th><th>status</th><th>claims</th>"
        "<th>detail</th></tr>",
    ]
    for check in result.checks:
        css = "ok" if check.status == "validated" else "bad"
        body.append(
            f"<tr><td>{html.escape(check.check)}</td><td class='{css}'>{check.status}</td>"
            f"<td>{html.escape(', '.join(check.claims) or '—')}</td>"
            f"<td>{html.escape(check.detail)}</td></tr>"
        )
    body.append("</table>")
    body.append(wrap_tables(sources_html(result)))
    body.append(wrap_tables([markdown_line_html(line) for line in precision_markdown(precision)]))
    body.append(wrap_tables([markdown_line_html(line) for line in wild_markdown(wild)]))
    body.append(
        "<h2>Families</h2><table><tr><th>family</th><th>kind</th>"
        "<th>variants</th><th>caught per sample</th><th>caught most by</th>"
        "<th>whole-run gate verdict</th></tr>"
    )
    for row in result.rows:
        body.append(
            f"<tr><td>{html.escape(row.family)}</td><td>{row.kind}</td><td>{row.n}</td>"
            f"<td>{row.caught.text()}</td><td>{html.escape(_top(row))}</td>"
            f"<td>{html.escape(_runs(result, row.family))}</td></tr>"
        )
    body.append("</table></body></html>")
    return "\n".join(body)


def write_reports(
    result: MetaEvalResult,
    out_dir: Path,
    precision: Sequence[CategoryPrecision] = (),
    wild: Sequence[WildFigures] = (),
) -> tuple[Path, Path]:
    """Write report.md and report.html into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown, page = out_dir / "report.md", out_dir / "report.html"
    markdown.write_text(render_markdown(result, precision, wild), encoding="utf-8")
    page.write_text(render_html(result, precision, wild), encoding="utf-8")
    return markdown, page


def print_table(result: MetaEvalResult, console: Console) -> None:
    """The families and the checks, narrow enough for an 80-column log."""
    families = Table(title="Detection by family", title_justify="left")
    for column in ("family", "n", "caught by a gate check"):
        families.add_column(column, no_wrap=column != "caught by a gate check")
    for row in result.rows:
        text = row.caught.text().replace(f" (n={row.n})", "")
        mark = "FA " if row.kind == "control" else ""
        families.add_row(row.family, str(row.n), f"{mark}{text}")
    console.print(families)
    checks = Table(title="Gate checks", title_justify="left")
    checks.add_column("check", no_wrap=True)
    checks.add_column("status", no_wrap=True)
    for check in result.checks:
        style = "green" if check.status == "validated" else "red"
        checks.add_row(check.check, f"[{style}]{check.status}[/]")
    console.print(checks)
    blind = blind_rows(result)
    if blind:
        slips = Table(title="Slips written blind", title_justify="left")
        for column in ("family", "n", "named", "first run"):
            slips.add_column(column, no_wrap=True)
        for slip in blind:
            named = slip.named.text().replace(f" (n={slip.named.n})", "")
            slips.add_row(slip.family, str(slip.caught.n), named, slip.first_run)
        console.print(slips)
