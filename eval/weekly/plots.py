"""PNG plots of the weekly report, on matplotlib's Agg canvas (no pyplot, no global state).

Each plot is returned as PNG bytes, so that it can be drawn beside the judge and written by
the report with the rest of its files.
"""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.weekly.judging import Agreement
from eval.weekly.metrics import KPI_NOT_HELPFUL, KPI_P95_MS, KPI_P99_MS, WeeklyNumbers

HELPFUL_PNG = "helpful_ratio.png"
KPI_PNG = "kpis.png"
KAPPA_PNG = "judge_agreement.png"


def _png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=100, format="png")
    return buffer.getvalue()


def number_plots(numbers: WeeklyNumbers) -> dict[str, bytes]:
    """The plots drawn from the week's numbers alone, by report key: helpful ratios, KPIs."""
    return {"helpful": helpful_png(numbers), "kpis": kpis_png(numbers)}


def helpful_png(numbers: WeeklyNumbers) -> bytes:
    """Helpful ratio per prompt version and model with Wilson 95% bars, last week behind."""
    fig = Figure(figsize=(10, 4), layout="constrained")
    ax = fig.subplots()
    rows = numbers.helpful_by_pair
    labels = [f"{r.prompt_version}\n{r.model_used}" for r in rows]
    for offset, attr, colour, name in ((-0.18, "previous", "#bbbbbb", "previous week"),
                                       (0.18, "helpful", "#1f77b4", numbers.week)):  # fmt: skip
        xs: list[float] = []
        ys: list[float] = []
        errs: list[list[float]] = [[], []]
        for i, row in enumerate(rows):
            ratio = getattr(row, attr)
            if ratio.value is None:
                continue
            xs.append(i + offset)
            ys.append(ratio.value)
            errs[0].append(ratio.value - ratio.low)
            errs[1].append(ratio.high - ratio.value)
        ax.bar(xs, ys, width=0.34, color=colour, label=name, yerr=errs, capsize=3)
    ax.axhline(1 - KPI_NOT_HELPFUL, color="red", linestyle="--", label="KPI: ≥85% helpful")
    ax.set_xticks(range(len(rows)), labels, fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("helpful ratio (95% Wilson)")
    ax.legend(loc="lower right", fontsize=8)
    if not rows:
        ax.text(0.5, 0.5, "no feedback this week", ha="center", transform=ax.transAxes)
    return _png(fig)


def kpis_png(numbers: WeeklyNumbers) -> bytes:
    """Latency percentiles against the SLOs, and the rate KPIs against their targets."""
    fig = Figure(figsize=(11, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    perf = numbers.performance
    values = [perf.latency_p50, perf.latency_p95, perf.latency_p99]
    left.bar(["p50", "p95", "p99"], [v or 0.0 for v in values], color="#1f77b4")
    left.axhline(KPI_P95_MS, color="orange", linestyle="--", label="p95 SLO 5 s")
    left.axhline(KPI_P99_MS, color="red", linestyle="--", label="p99 SLO 8 s")
    left.set_ylabel("summary generation latency (ms)")
    left.legend(fontsize=8)
    names, measured, targets = [], [], []
    for name, kpi in numbers.kpis.items():
        if name.startswith("latency") or kpi["value"] is None:
            continue
        names.append(name.replace("_", " "))
        measured.append(kpi["value"])
        targets.append(kpi["target"])
    colours = ["#2ca02c" if numbers.kpis[n.replace(" ", "_")]["met"] else "#d62728" for n in names]
    right.barh(names, measured, color=colours)
    right.scatter(targets, names, marker="|", s=400, color="black", label="target")
    right.set_xlim(0, 1)
    right.set_xlabel("rate (green: KPI met)")
    right.legend(fontsize=8)
    return _png(fig)


def agreement_png(agreement: Agreement) -> bytes:
    """The judge-vs-agent confusion matrix as a heat map with counts."""
    fig = Figure(figsize=(4.5, 4), layout="constrained")
    ax = fig.subplots()
    grid = [
        [agreement.confusion[j][a] for a in ("helpful", "not_helpful")] for j in ("pass", "fail")
    ]
    ax.imshow(grid, cmap="Blues")
    for i in range(2):
        for j in range(2):
            ax.text(j, i, str(grid[i][j]), ha="center", va="center", fontsize=12)
    ax.set_xticks([0, 1], ["agent: helpful", "agent: not helpful"])
    ax.set_yticks([0, 1], ["judge: pass", "judge: fail"])
    kappa = "undefined" if agreement.kappa is None else f"{agreement.kappa:.3f}"
    ax.set_title(f"Cohen's kappa {kappa} (n={agreement.n})", fontsize=10)
    return _png(fig)
