"""The matrix's leaderboard as markdown, a self-contained HTML page with Pareto plots, and a
narrow terminal table."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from rich.table import Table

from eval.matrix.leaderboard import QUALITY, Row, recommend
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


def _verdict(row: Row) -> str:
    if row.verdict is None:
        return "—"
    if row.verdict.passed:
        return "PASS"
    return "FAIL: " + ", ".join(check.name for check in row.verdict.failed[:3])


def recommendation_line(rows: Sequence[Row]) -> str:
    """ "Cheapest pair non-inferior to the best on the judge score: ..."."""
    found = recommend(rows)
    if found is None:
        return "No recommendation: no pair has judge scores."
    best, cheapest = found
    if cheapest is best:
        return f"Recommendation: {best.label} (best judge score; no cheaper pair is non-inferior)."
    return (
        f"Recommendation: {cheapest.label}, the cheapest pair non-inferior to the best "
        f"({best.label}) on the judge score "
        f"(${_fmt(cheapest.cost_per_1000_usd, '{:.2f}')} vs "
        f"${_fmt(best.cost_per_1000_usd, '{:.2f}')} per 1,000 summaries)."
    )


def render_markdown(rows: Sequence[Row], baseline: str, *, emulated: bool) -> str:
    """The leaderboard and the recommendation as GitHub-flavoured markdown."""
    lines = [f"## Model matrix ({len(rows)} pairs; Δ against {baseline})", ""]
    if emulated:
        lines += [f"> {EMULATED_NOTE}", ""]
    lines += [recommendation_line(rows), ""]
    header = [
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
    ]
    header += [f"Δ {metric}" for metric in QUALITY]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        m = r.metrics
        cells = [
            r.label,
            f"`{r.run.pair.model_primary}`",
            _fmt(m.judge_mean, "{:.3f}"),
            _fmt(m.key_fact_recall_mean, "{:.3f}"),
            _fmt(m.bleu_mean, "{:.1f}"),
            _fmt(m.latency_p50_ms, "{:.0f}"),
            _fmt(m.latency_p95_ms, "{:.0f}"),
            _fmt(m.latency_p99_ms, "{:.0f}"),
            _fmt(m.cost_per_summary_usd, "{:.5f}"),
            _fmt(r.cost_per_1000_usd, "{:.2f}"),
            _fmt(m.cache_read_share, "{:.0%}"),
            _fmt(m.error_rate, "{:.1%}"),
            _fmt(m.fallback_rate, "{:.1%}"),
            _verdict(r),
        ]
        cells += [
            _delta(r.vs_baseline[q], "{:+.2f}" if q == "bleu" else "{:+.3f}") for q in QUALITY
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Δ: mean paired difference (pair − baseline) over golden samples with its "
        "95 % paired bootstrap interval.",
        "",
    ]
    return "\n".join(lines)


def _frontier(points: list[tuple[float, float]]) -> list[int]:
    """Indexes on the Pareto frontier: nothing else is both cheaper (x) and better (y)."""
    keep = []
    for i, (x, y) in enumerate(points):
        if not any(
            (ox <= x and oy >= y) and (ox < x or oy > y)
            for j, (ox, oy) in enumerate(points)
            if j != i
        ):
            keep.append(i)
    return sorted(keep, key=lambda i: points[i][0])


def pareto_png(rows: Sequence[Row], x_attr: str, x_label: str) -> str:
    """A base64 PNG of judge score against `x_attr`, the frontier drawn through."""
    usable = [
        r
        for r in rows
        if getattr(r.metrics, x_attr) is not None and r.metrics.judge_mean is not None
    ]
    points = [(float(getattr(r.metrics, x_attr)), float(r.metrics.judge_mean or 0)) for r in usable]
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    for row, (x, y) in zip(usable, points, strict=True):
        ax.scatter([x], [y], s=40)
        ax.annotate(row.label, (x, y), textcoords="offset points", xytext=(5, 4), fontsize=8)
    front = _frontier(points)
    if len(front) > 1:
        ax.plot(
            [points[i][0] for i in front],
            [points[i][1] for i in front],
            "--",
            lw=1,
            color="grey",
            label="Pareto frontier",
        )
        ax.legend(loc="lower right", fontsize=8)
    ax.margins(x=0.25, y=0.1)  # room for the labels of the outermost points
    ax.set_xlabel(x_label)
    ax.set_ylabel("judge score (mean)")
    ax.grid(alpha=0.3)
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=110)
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def render_html(rows: Sequence[Row], baseline: str, *, emulated: bool) -> str:
    """One self-contained page: leaderboard table, the two Pareto plots, the recommendation."""
    markdown = render_markdown(rows, baseline, emulated=emulated)
    table_lines = [line for line in markdown.splitlines() if line.startswith("|")]
    head, body = table_lines[0], table_lines[2:]

    def cells(line: str, tag: str) -> str:
        parts = [html.escape(c.strip().strip("`")) for c in line.strip("|").split("|")]
        return "<tr>" + "".join(f"<{tag}>{p}</{tag}>" for p in parts) + "</tr>"

    cost = pareto_png(rows, "cost_per_summary_usd", "cost per summary (USD)")
    p95 = pareto_png(rows, "latency_p95_ms", "latency p95 (ms)")
    note = f"<p class='note'>{html.escape(EMULATED_NOTE)}</p>" if emulated else ""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Model matrix</title>
<style>body{{font-family:sans-serif;margin:2rem;}}
table{{border-collapse:collapse;font-size:.8rem}}
td,th{{border:1px solid #ccc;padding:.25rem .4rem;text-align:right}}
td:first-child{{text-align:left}}
.note{{background:#fff4d6;padding:.5rem;border-radius:4px}}</style></head><body>
<h1>Model matrix: {len(rows)} pairs, Δ against {html.escape(baseline)}</h1>{note}
<p><b>{html.escape(recommendation_line(rows))}</b></p>
<table>{cells(head, "th")}{"".join(cells(line, "td") for line in body)}</table>
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
        table.add_row(
            r.label,
            _fmt(m.judge_mean, "{:.3f}"),
            _fmt(m.key_fact_recall_mean, "{:.2f}"),
            _fmt(m.latency_p95_ms, "{:.0f}"),
            _fmt(r.cost_per_1000_usd, "{:.2f}"),
            "—" if r.verdict is None else ("PASS" if r.verdict.passed else "FAIL"),
        )
    return table


def write_reports(rows: Sequence[Row], baseline: str, out_dir: Path, *, emulated: bool) -> Path:
    """report.md and report.html under `out_dir`; returns the HTML path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "report.md").write_text(render_markdown(rows, baseline, emulated=emulated))
    page = out_dir / "report.html"
    page.write_text(render_html(rows, baseline, emulated=emulated), encoding="utf-8")
    return page
