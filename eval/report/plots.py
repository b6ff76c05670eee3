"""PNG plots for the HTML report, drawn on matplotlib's Agg canvas.

Figures are built as `matplotlib.figure.Figure` objects attached to an explicit
`FigureCanvasAgg`, never through `pyplot`: no GUI backend is ever selected, no global figure
state leaks between reports, and nothing depends on the MPLBACKEND environment variable.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.aggregate import values_of
from eval.gate import Verdict, pair_values
from eval.types import EvalRun

# (score name or "latency_ms", axis label)
DISTRIBUTIONS: tuple[tuple[str, str], ...] = (
    ("bleu", "sentence BLEU (0-100)"),
    ("judge", "judge score (0-1)"),
    ("key_fact_recall", "key-fact recall (0-1)"),
    ("latency_ms", "latency, measured (ms)"),
)
CANDIDATE_COLOUR, PRODUCTION_COLOUR = "#1f77b4", "#ff7f0e"


def _save(fig: Figure, path: Path) -> Path:
    FigureCanvasAgg(fig)
    fig.savefig(path, dpi=100, format="png")
    return path


def _series(run: EvalRun, name: str) -> list[float]:
    if name == "latency_ms":
        return [r.latency_ms for r in run.results]
    return values_of(run.results, name)


def plot_distributions(candidate: EvalRun, production: EvalRun | None, path: Path) -> Path:
    """Histograms of sentence BLEU, judge score, key-fact recall and latency, overlaid.

    Args:
        candidate: The candidate run.
        production: The production run, drawn translucent behind the candidate, or None.
        path: Where to write the PNG.

    Returns:
        `path`.
    """
    fig = Figure(figsize=(11, 7), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    for ax, (name, label) in zip(axes, DISTRIBUTIONS, strict=True):
        cand = _series(candidate, name)
        prod = _series(production, name) if production is not None else []
        everything = cand + prod
        if not everything:
            ax.text(0.5, 0.5, "not measured", ha="center", va="center", transform=ax.transAxes)
        else:
            # Shared bin edges so the two histograms are comparable bar for bar.
            lo, hi = min(everything), max(everything)
            bins = [lo + (hi - lo) * i / 20 for i in range(21)] if hi > lo else 10
            if prod:
                ax.hist(prod, bins=bins, alpha=0.45, color=PRODUCTION_COLOUR, label="production")
            if cand:
                ax.hist(cand, bins=bins, alpha=0.6, color=CANDIDATE_COLOUR, label="candidate")
            ax.legend(loc="best", fontsize=8)
        ax.set_xlabel(label)
        ax.set_ylabel("results")
    fig.suptitle("Metric distributions")
    return _save(fig, path)


def plot_deltas(
    candidate: EvalRun, production: EvalRun, verdict: Verdict, path: Path
) -> Path | None:
    """Per-sample deltas (candidate - production) of every paired gate check, with its CI.

    Each panel shows the sorted per-sample differences as points, the mean difference, the
    bootstrap CI as a shaded band and the non-inferiority threshold as a dashed red line.

    Args:
        candidate: The candidate run.
        production: The production run.
        verdict: The gate verdict whose paired checks (those with a CI) are drawn.
        path: Where to write the PNG.

    Returns:
        `path`, or None when the verdict has no paired check with a CI.
    """
    paired = [c for c in verdict.checks if c.ci is not None]
    if not paired:
        return None
    fig = Figure(figsize=(11, 3.2 * len(paired)), layout="constrained")
    axes = fig.subplots(len(paired), 1, squeeze=False)[:, 0]
    for ax, check in zip(axes, paired, strict=True):
        assert check.ci is not None
        pairs = pair_values(candidate, production, check.metric, scope=check.scope)
        deltas = sorted(c - p for c, p in zip(pairs.candidate, pairs.production, strict=True))
        ci = check.ci
        ax.axhspan(ci.low, ci.high, color=CANDIDATE_COLOUR, alpha=0.2, label="95% CI of mean Δ")
        ax.scatter(range(len(deltas)), deltas, s=8, color="#444444", label="per-sample Δ")
        ax.axhline(ci.mean_diff, color=CANDIDATE_COLOUR, linewidth=1.5, label="mean Δ")
        ax.axhline(0.0, color="black", linewidth=0.7)
        if check.threshold is not None:
            ax.axhline(check.threshold, color="red", linestyle="--", label="margin")
        status = "pass" if check.passed else "FAIL"
        ax.set_title(f"{check.name}: Δ {check.metric} on {check.scope} ({status})", fontsize=10)
        ax.set_xlabel("paired samples, sorted by Δ")
        ax.set_ylabel("candidate − production")
        ax.legend(loc="best", fontsize=8)
    return _save(fig, path)
