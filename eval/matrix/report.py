"""The matrix's leaderboard as markdown, a self-contained HTML page with Pareto plots, and a
narrow terminal table. Each says what the gate says of each pair, failed checks with their
values and thresholds, and production's row is the reference."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table

from eval.gate import Check
from eval.matrix.leaderboard import QUALITY, Recommendation, Row, recommend
from eval.matrix.plots import pareto_png, status
from eval.report.common import check_threshold, check_value
from eval.stats import PairedCI

EMULATED_NOTE = (
    "Models are EMULATED by the Converse emulator's model zoo (eval/emulator/zoo.yaml): "
    "latency and behaviour are profiles, not measurements of the real models; prices are "
    "litellm's list prices for each model id."
)


def _fmt(value: float | None, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)


def _delta(ci: PairedCI | None, scale: str = "{:+.3f}") -> str:
    if ci is None:
        return "—"
    return f"{scale.format(ci.mean_diff)} [{scale.format(ci.low)}, {scale.format(ci.high)}]"


def failed_check_text(check: Check) -> str:
    """`unsupported_fact 0.065 (needs <= 0.05)`: the check's value and its threshold, or
    why it has no value (`judge_non_inferior: too few to judge: ... (needs >= -0.05)`)."""
    needs = "" if check.threshold is None else f" (needs {check_threshold(check)})"
    if check.value is None:
        return f"{check.name}: {check.detail}{needs}"
    return f"{check.name} {check_value(check)}{needs}"


def gate_word(row: Row) -> str:
    """`PASS`, `FAIL`, or `reference` for production's own row."""
    if row.is_production:
        return "reference"
    return "—" if row.verdict is None else "PASS" if row.passed else "FAIL"


def gate_cell(row: Row) -> str:
    """The gate column: PASS, the reference, or FAIL with every failed check's value."""
    if row.is_production:
        return "production (the reference)"
    if row.verdict is None:
        return "—"
    if row.verdict.passed:
        return "PASS"
    return "FAIL: " + "; ".join(failed_check_text(check) for check in row.failed_checks)


def _production_name(found: Recommendation) -> str:
    if found.production is None:
        return "production"
    row = found.production
    version = f"v{row.run.pair.version}"
    return (
        f"production ({version})"
        if row.label == "production"
        else f"production ({row.label}, {version})"
    )


def recommendation_line(rows: Sequence[Row]) -> str:
    """What the matrix recommends: only a pair that passes the gate, or why none."""
    found = recommend(rows)
    against = (
        f"the gate against {_production_name(found)}"
        if found.compared_with_production
        else "the gate's absolute checks (no production pair to compare with)"
    )
    if not found.passing:
        failures = ", ".join(f"{name} ({n})" for name, n in found.common_failures()[:5])
        count = len(found.failing)
        return (
            f"No recommendation: none of the {count} pair(s) passes {against}; keep "
            f"production. Checks failed (pairs failing each): {failures or 'none recorded'}."
        )
    if found.chosen is None or found.best is None:
        names = ", ".join(row.label for row in found.passing)
        return f"No recommendation: the pairs that pass {against} ({names}) have no judge scores."
    chosen, best = found.chosen, found.best
    passing = f"{len(found.passing)} of {len(found.passing) + len(found.failing)} pairs"
    if chosen is best:
        return (
            f"Recommendation: {best.label}: it passes {against} ({passing} do), with the best "
            "judge score of those; no cheaper passing pair is non-inferior."
        )
    return (
        f"Recommendation: {chosen.label}: it passes {against} ({passing} do) and is the "
        f"cheapest of those non-inferior to the best ({best.label}) on the judge score "
        f"(${_fmt(chosen.cost_per_1000_usd, '{:.2f}')} vs "
        f"${_fmt(best.cost_per_1000_usd, '{:.2f}')} per 1,000 summaries)."
    )


HEADER = (
    "pair",
    "model",
    "judge",
    "key facts",
    "BLEU",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "$/summary",
    "$/1k",
    "cache read",
    "errors",
    "fallbacks",
    "gate vs production",
    *(f"Δ {metric}" for metric in QUALITY),
)
GATE_COLUMN = HEADER.index("gate vs production")


def table_cells(row: Row) -> list[str]:
    """One row of the leaderboard, as text, in `HEADER`'s order."""
    m = row.metrics
    cells = [
        row.label,
        row.run.pair.model_primary,
        _fmt(m.judge_mean, "{:.3f}"),
        _fmt(m.key_fact_recall_mean, "{:.3f}"),
        _fmt(m.bleu_mean, "{:.1f}"),
        _fmt(m.latency_p50_ms, "{:.0f}"),
        _fmt(m.latency_p95_ms, "{:.0f}"),
        _fmt(m.latency_p99_ms, "{:.0f}"),
        _fmt(m.cost_per_summary_usd, "{:.5f}"),
        _fmt(row.cost_per_1000_usd, "{:.2f}"),
        _fmt(m.cache_read_share, "{:.0%}"),
        _fmt(m.error_rate, "{:.1%}"),
        _fmt(m.fallback_rate, "{:.1%}"),
        gate_cell(row),
    ]
    return cells + [
        _delta(row.vs_baseline[q], "{:+.2f}" if q == "bleu" else "{:+.3f}") for q in QUALITY
    ]


def _count(rows: Sequence[Row]) -> str:
    pairs = sum(not row.is_production for row in rows)
    return f"{pairs} pairs" + (" and production" if any(r.is_production for r in rows) else "")


def render_markdown(rows: Sequence[Row], baseline: str, *, emulated: bool) -> str:
    """The leaderboard and the recommendation as GitHub-flavoured markdown."""
    lines = [f"## Model matrix ({_count(rows)}; Δ against {baseline})", ""]
    if emulated:
        lines += [f"> {EMULATED_NOTE}", ""]
    lines += [recommendation_line(rows), ""]
    lines += ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in rows:
        cells = table_cells(row)
        cells[1] = f"`{cells[1]}`"
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *_FOOTNOTES, ""]
    return "\n".join(lines)


_FOOTNOTES = (
    "Δ: mean paired difference (pair − baseline) over golden samples with its "
    "95 % paired bootstrap interval.",
    "",
    "Gate: `make eval`'s gate (eval/gate.yaml) of each pair against production; a failed "
    "check shows its value and what it needed. Only a pair that passes can be recommended.",
)


def render_html(rows: Sequence[Row], baseline: str, *, emulated: bool) -> str:
    """One self-contained page: recommendation, leaderboard, the two Pareto plots."""
    chosen = recommend(rows).chosen

    def row_html(row: Row) -> str:
        classes = [status(row)] + (["chosen"] if row is chosen else [])
        cells = "".join(
            f'<td class="gate">{html.escape(c)}</td>'
            if i == GATE_COLUMN
            else f"<td>{html.escape(c)}</td>"
            for i, c in enumerate(table_cells(row))
        )
        return f'<tr class="{" ".join(classes)}">{cells}</tr>'

    head = "".join(f"<th>{html.escape(name)}</th>" for name in HEADER)
    cost = pareto_png(rows, "cost_per_summary_usd", "cost per summary (USD)")
    p95 = pareto_png(rows, "latency_p95_ms", "latency p95 (ms)")
    note = f"<p class='note'>{html.escape(EMULATED_NOTE)}</p>" if emulated else ""
    footnotes = "".join(
        "<p class='foot'>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(t)) + "</p>"
        for t in _FOOTNOTES
        if t
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Model matrix</title>
<style>body{{font-family:sans-serif;margin:2rem;}}
.scroll{{overflow-x:auto}}
table{{border-collapse:collapse;font-size:.8rem}}
td,th{{border:1px solid #ccc;padding:.25rem .4rem;text-align:right;vertical-align:top}}
td:first-child,td:nth-child(2),th{{text-align:left}}
td.gate{{text-align:left;min-width:16rem;max-width:30rem;overflow-wrap:anywhere}}
tr.fail td.gate{{color:#a40000}} tr.pass td.gate{{color:#006400}}
tr.production{{background:#eef3fb}} tr.chosen{{background:#e3f6e3;font-weight:bold}}
.note{{background:#fff4d6;padding:.5rem;border-radius:4px}}
.foot{{color:#555;font-size:.8rem}}</style></head><body>
<h1>Model matrix: {_count(rows)}, Δ against {html.escape(baseline)}</h1>{note}
<p><b>{html.escape(recommendation_line(rows))}</b></p>
<div class="scroll"><table><tr>{head}</tr>{"".join(row_html(row) for row in rows)}</table></div>
{footnotes}
<h2>Quality against cost</h2><img alt="judge score vs cost" src="data:image/png;base64,{cost}">
<h2>Quality against p95 latency</h2><img alt="judge score vs p95" src="data:image/png;base64,{p95}">
</body></html>"""


def terminal_table(rows: Sequence[Row]) -> Table:
    """The headline columns only, so it stays readable in an 80-column log."""
    table = Table(title="Model matrix", title_justify="left")
    for column in ("pair", "judge", "facts", "p95 ms", "$/1k", "gate"):
        table.add_column(column, no_wrap=column != "gate")
    for r in rows:
        m = r.metrics
        gate = gate_word(r) + (f" ({len(r.failed_checks)})" if r.failed_checks else "")
        table.add_row(
            r.label,
            _fmt(m.judge_mean, "{:.3f}"),
            _fmt(m.key_fact_recall_mean, "{:.2f}"),
            _fmt(m.latency_p95_ms, "{:.0f}"),
            _fmt(r.cost_per_1000_usd, "{:.2f}"),
            gate,
        )
    return table


def failure_lines(rows: Sequence[Row]) -> list[str]:
    """`<pair>: <check> <value> (needs <op> <threshold>); ...` for every failing pair."""
    return [
        f"{row.label}: " + "; ".join(failed_check_text(check) for check in row.failed_checks)
        for row in rows
        if row.failed_checks
    ]


def write_reports(rows: Sequence[Row], baseline: str, out_dir: Path, *, emulated: bool) -> Path:
    """report.md and report.html under `out_dir`; returns the HTML path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.md").write_text(render_markdown(rows, baseline, emulated=emulated))
    page = out_dir / "report.html"
    page.write_text(render_html(rows, baseline, emulated=emulated), encoding="utf-8")
    return page
