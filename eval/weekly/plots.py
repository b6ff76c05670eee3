"""PNG plots of the weekly report, on matplotlib's Agg canvas (no pyplot, no global state).

Each plot is built as a `Figure` (what the tests inspect) and returned as PNG bytes, so that
it can be drawn beside the judge and written by the report with the rest of its files.
Legends sit outside the axes, so they never cover data; every KPI has an axes of its own,
scaled to its own value, interval and target, so a close call is visible.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from eval.weekly.judging import Agreement
from eval.weekly.metrics import (
    KPI_NOT_HELPFUL,
    KPI_P95_MS,
    KPI_P99_MS,
    Headline,
    Ratio,
    WeeklyNumbers,
)

HELPFUL_PNG = "helpful_ratio.png"
KPI_PNG = "kpis.png"
KAPPA_PNG = "judge_agreement.png"
TREND_PNG = "version_trend.png"

CURRENT = "#1f77b4"  # this week
PREVIOUS = "#a0a0a0"  # the week before: grey and hatched, never the current week's blue
MET, MISSED = "#2ca02c", "#d62728"
TARGET = "black"
_HEADROOM = 1.3  # a KPI axes ends 30% above the largest of its value, interval and target


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=100, format="png")
    return buffer.getvalue()


def number_plots(numbers: WeeklyNumbers) -> dict[str, bytes]:
    """The plots drawn from the week's numbers alone, by report key."""
    return {
        "helpful": _png(helpful_figure(numbers)),
        "kpis": _png(kpis_figure(numbers)),
        "trend": _png(trend_figure(numbers)),
    }


def _bars(ax: Axes, xs: Sequence[float], ratios: Sequence[Ratio], **style: Any) -> None:
    """Bars of the ratios that have data, with their Wilson intervals."""
    kept = [
        (x, r.value, r.low, r.high)
        for x, r in zip(xs, ratios, strict=True)
        if r.value is not None and r.low is not None and r.high is not None
    ]
    if not kept:
        return
    errors = [[v - low for _, v, low, _ in kept], [high - v for _, v, _, high in kept]]
    ax.bar([x for x, *_ in kept], [v for _, v, _, _ in kept], yerr=errors, capsize=3, **style)


def helpful_figure(numbers: WeeklyNumbers) -> Figure:
    """Helpful ratio per prompt version and model with Wilson 95% bars, last week beside."""
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax = fig.subplots()
    rows = numbers.helpful_by_pair
    positions = range(len(rows))
    has_previous = any(row.previous.value is not None for row in rows)
    _bars(
        ax,
        [i - 0.18 for i in positions],
        [r.previous for r in rows],
        width=0.34,
        color=PREVIOUS,
        hatch="//",
        edgecolor="#707070",
    )
    _bars(ax, [i + 0.18 for i in positions], [r.helpful for r in rows], width=0.34, color=CURRENT)
    ax.axhline(1 - KPI_NOT_HELPFUL, color=MISSED, linestyle="--")
    ax.set_xticks(
        list(positions), [f"{r.prompt_version}\n{r.model_used}" for r in rows], fontsize=8
    )
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("helpful ratio (95% Wilson)")
    handles = [Patch(color=CURRENT, label=numbers.week)]
    handles.append(
        Patch(facecolor=PREVIOUS, hatch="//", edgecolor="#707070", label="previous week")
        if has_previous
        else Patch(facecolor="white", edgecolor=PREVIOUS, label="previous week: no votes")
    )
    handles.append(
        Patch(facecolor="white", edgecolor=MISSED, linestyle="--", label="KPI: ≥85% helpful")
    )
    fig.legend(handles=handles, loc="outside right upper", fontsize=8)
    if not rows:
        ax.text(0.5, 0.5, "no feedback this week", ha="center", transform=ax.transAxes)
    return fig


def _headline_axes(ax: Axes, headline: Headline) -> None:
    """One KPI on its own scale: last week and this week with intervals, and the target."""
    ratios = [headline.previous, headline.current]
    met = None
    if headline.current.value is not None:
        value = headline.current.value
        met = value < headline.target if headline.below else value > headline.target
    colours = [PREVIOUS, MET if met else MISSED if met is False else CURRENT]
    for x, ratio, colour in zip((0, 1), ratios, colours, strict=True):
        _bars(ax, [x], [ratio], width=0.6, color=colour)
        if ratio.value is None:
            ax.text(x, 0, "no data", ha="center", va="bottom", fontsize=8)
    ax.axhline(headline.target, color=TARGET, linestyle="--", linewidth=1)
    top = max([headline.target, *(r.high for r in ratios if r.high is not None)])
    ax.set_ylim(0, min(1.0, top * _HEADROOM) if top < 1.0 else 1.0)
    ax.set_xlim(-0.6, 1.6)
    ax.set_xticks([0, 1], ["previous week", "this week"], fontsize=8)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=None))
    direction = "<" if headline.below else ">"
    change = headline.change
    delta = "" if change is None else f", {change * 100:+.2f} pt"
    shown = "n/a" if headline.current.value is None else f"{headline.current.value:.2%}"
    ax.set_title(
        f"{headline.name.replace('_', ' ')}\n{shown} (target {direction} {headline.target:.1%}"
        f"{delta})",
        fontsize=9,
    )


def kpis_figure(numbers: WeeklyNumbers) -> Figure:
    """Latency percentiles against the SLOs, then each rate KPI in its own panel."""
    fig = Figure(figsize=(12, 6.5), layout="constrained")
    axes = fig.subplots(2, 3).flatten()
    latency = axes[0]
    perf = numbers.performance
    values = [perf.latency_p50, perf.latency_p95, perf.latency_p99]
    latency.bar(["p50", "p95", "p99"], [v or 0.0 for v in values], color=CURRENT)
    latency.axhline(KPI_P95_MS, color="orange", linestyle="--")
    latency.axhline(KPI_P99_MS, color=MISSED, linestyle="--")
    latency.set_ylim(0, max(KPI_P99_MS, *(v or 0.0 for v in values)) * 1.15)
    latency.set_ylabel("generation latency (ms)", fontsize=8)
    latency.set_title("latency (dashed: p95 SLO 5 s, p99 SLO 8 s)", fontsize=9)
    for ax, headline in zip(axes[1:], numbers.headlines, strict=False):
        _headline_axes(ax, headline)
    for ax in axes[1 + len(numbers.headlines) :]:
        ax.set_visible(False)
    fig.suptitle(
        "KPIs, each on its own scale (dashed: target; bars: 95% Wilson; green: met)", fontsize=10
    )
    return fig


def trend_figure(numbers: WeeklyNumbers) -> Figure:
    """Helpful ratio and validation-failure rate per prompt version, week by week."""
    fig = Figure(figsize=(11, 4), layout="constrained")
    helpful_ax, check_ax = fig.subplots(1, 2)
    weeks = sorted({point.week_start for point in numbers.trend})
    for version in sorted({point.prompt_version for point in numbers.trend}):
        points = [p for p in numbers.trend if p.prompt_version == version]
        for ax, attr in ((helpful_ax, "helpful"), (check_ax, "validation_failure")):
            shown = [(p.week_start, getattr(p, attr).value) for p in points]
            shown = [(week, value) for week, value in shown if value is not None]
            if shown:
                ax.plot(
                    [weeks.index(w) for w, _ in shown],
                    [v for _, v in shown],
                    marker="o",
                    label=version,
                )
    for ax, title in ((helpful_ax, "helpful ratio"), (check_ax, "validation failure rate")):
        ax.set_xticks(range(len(weeks)), [f"{w:%m-%d}" for w in weeks], fontsize=8)
        ax.set_xlim(-0.5, max(len(weeks) - 0.5, 0.5))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_title(f"{title} per prompt version (week starting)", fontsize=9)
    helpful_ax.set_ylim(0, 1.05)
    check_ax.set_ylim(bottom=0)
    handles, labels = helpful_ax.get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside right upper", fontsize=8, title="version")
    else:
        helpful_ax.text(0.5, 0.5, "no data", ha="center", transform=helpful_ax.transAxes)
    return fig


def agreement_png(agreement: Agreement) -> bytes:
    """The judge-vs-agent confusion matrix as a heat map with counts."""
    return _png(agreement_figure(agreement))


def agreement_figure(agreement: Agreement) -> Figure:
    """The judge-vs-agent confusion matrix, titled with kappa and its interval."""
    fig = Figure(figsize=(5.5, 4.2), layout="constrained")
    ax = fig.subplots()
    grid = [
        [agreement.confusion[j][a] for a in ("helpful", "not_helpful")] for j in ("pass", "fail")
    ]
    ax.imshow(grid, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax.text(
                j,
                i,
                str(grid[i][j]),
                ha="center",
                va="center",
                fontsize=12,
                bbox={"facecolor": "white", "alpha": 0.7, "linewidth": 0},
            )
    ax.set_xticks([0, 1], ["agent: helpful", "agent: not helpful"])
    ax.set_yticks([0, 1], ["judge: pass", "judge: fail"])
    title = (
        f"Cohen's kappa {agreement.text}"
        if agreement.kappa is not None
        else f"Cohen's kappa not measurable:\n{agreement.unmeasurable}"
    )
    ax.set_title(f"{title} (n={agreement.n})", fontsize=9, wrap=True)
    return fig
