"""PNG plots for the HTML report, drawn on matplotlib's Agg canvas and kept in memory.

Figures are built as `matplotlib.figure.Figure` objects attached to an explicit
`FigureCanvasAgg`, never through `pyplot`: no GUI backend is ever selected, no global figure
state leaks between reports, and nothing depends on the MPLBACKEND environment variable.
The PNG bytes go into the page as data URIs, so the report is one self-contained file that
renders the same in a browser, a CI artifact view and MLflow's artifact viewer.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Protocol

from eval.aggregate import values_of
from eval.gate import Check, pair_values
from eval.types import EvalRun

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# (score name or "latency_ms", axis label)
DISTRIBUTIONS: tuple[tuple[str, str], ...] = (
    ("bleu", "sentence BLEU (0-100)"),
    ("judge", "judge score (0-1)"),
    ("key_fact_recall", "key-fact recall (0-1)"),
    ("latency_ms", "latency (ms)"),
)
CANDIDATE_COLOUR, PRODUCTION_COLOUR, EMPTY_COLOUR = "#1f77b4", "#ff7f0e", "#d62728"
LABELLED = 3  # extreme points named on the plot at each end


class PngCache(Protocol):
    """Where drawn plots are remembered (`eval.report.plot_cache.PlotCache`)."""

    def png(self, kind: str, data: object, draw: Callable[[], bytes]) -> bytes: ...


def _figure(**kwargs: Any) -> Figure:
    # matplotlib is imported when a plot is actually drawn: a report whose plots are all
    # remembered never loads it.
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _png(fig: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, dpi=100, format="png")
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:image/png;base64,...`` URI for an ``<img src>``."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _series(run: EvalRun, name: str) -> list[float]:
    if name == "latency_ms":
        return [r.latency_ms for r in run.results]
    return values_of(run.results, name)


def plot_distributions(
    candidate: EvalRun, production: EvalRun | None, cache: PngCache | None = None
) -> bytes:
    """Histograms of sentence BLEU, judge score, key-fact recall and latency, overlaid.

    Args:
        candidate: The candidate run.
        production: The production run, drawn translucent behind the candidate, or None.
        cache: Where drawn plots are remembered, if anywhere.

    Returns:
        The PNG.
    """
    series = {
        name: (_series(candidate, name), _series(production, name) if production else [])
        for name, _ in DISTRIBUTIONS
    }
    if cache is None:
        return _draw_distributions(series)
    return cache.png("distributions", series, lambda: _draw_distributions(series))


def _draw_distributions(series: dict[str, tuple[list[float], list[float]]]) -> bytes:
    fig = _figure(figsize=(11, 7), layout="constrained")
    axes = fig.subplots(2, 2).ravel()
    for ax, (name, label) in zip(axes, DISTRIBUTIONS, strict=True):
        cand, prod = series[name]
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
    return _png(fig)


@dataclass(frozen=True)
class PairedDelta:
    """One sample's Δ on a paired check's metric."""

    dataset: str
    sample_id: str
    delta: float
    empty_history: bool


@dataclass(frozen=True)
class DeltaPlot:
    """One paired check's per-sample Δ plot and the samples at both ends of it.

    `lowest` and `highest` leave out empty-history samples: their fixed "No interactions
    found" answer scores by its own rules and would crowd out the samples worth reading.
    """

    check: Check
    png: bytes
    lowest: tuple[PairedDelta, ...]
    highest: tuple[PairedDelta, ...]
    n_empty: int


def paired_deltas(
    candidate: EvalRun, production: EvalRun, check: Check, empty: set[tuple[str, str]]
) -> list[PairedDelta]:
    """Per-sample Δ (candidate − production) of the check's metric, sorted ascending."""
    pairs = pair_values(candidate, production, check.metric, scope=check.scope)
    deltas = [
        PairedDelta(key[0], key[1], c - p, key in empty)
        for key, c, p in zip(pairs.keys, pairs.candidate, pairs.production, strict=True)
    ]
    return sorted(deltas, key=lambda d: d.delta)


def _label_ends(ax: Any, points: list[tuple[int, PairedDelta]]) -> None:
    """Name the samples at both ends, stepped apart so the labels never overlap.

    Only a point that stands out from the median gets a name: on a flat run of equal
    deltas every name would fall on the same spot and say nothing.
    """
    if not points:
        return
    median = sorted(d.delta for _, d in points)[len(points) // 2]
    low = [(i, d) for i, d in points[:LABELLED] if d.delta < median]
    high = [(i, d) for i, d in reversed(points[-LABELLED:]) if d.delta > median]
    # A sorted curve rises from bottom left to top right, so the space just right of its
    # low end and just left of its high end is empty: the names go there, one per line.
    arrow = {"arrowstyle": "-", "color": "#999999", "lw": 0.5}
    for step, (i, d) in enumerate(low):
        ax.annotate(
            d.sample_id,
            (i, d.delta),
            xytext=(0.1, 0.06 + 0.08 * step),
            textcoords="axes fraction",
            fontsize=7,
            arrowprops=arrow,
        )
    for step, (i, d) in enumerate(high):
        ax.annotate(
            d.sample_id,
            (i, d.delta),
            xytext=(0.9, 0.9 - 0.08 * step),
            ha="right",
            textcoords="axes fraction",
            fontsize=7,
            arrowprops=arrow,
        )


def plot_delta(
    candidate: EvalRun,
    production: EvalRun,
    check: Check,
    *,
    empty: set[tuple[str, str]],
    extremes: int = 5,
    cache: PngCache | None = None,
) -> DeltaPlot:
    """The sorted per-sample Δ of one paired check, its mean, bootstrap CI and margin.

    Empty-history samples are drawn as red crosses; the most extreme other samples are
    named on the plot.

    Args:
        candidate: The candidate run.
        production: The production run.
        check: A paired gate check with a CI.
        empty: (dataset, sample_id) of the samples whose history was empty.
        extremes: How many samples to list at each end.
        cache: Where drawn plots are remembered, if anywhere.
    """
    assert check.ci is not None, "only paired checks with a CI have a Δ plot"
    deltas = paired_deltas(candidate, production, check, empty)
    normal = [(i, d) for i, d in enumerate(deltas) if not d.empty_history]
    hollow = [(i, d) for i, d in enumerate(deltas) if d.empty_history]
    others = [d for _, d in normal]
    drawn = {
        "deltas": [asdict(d) for d in deltas],
        "ci": [check.ci.low, check.ci.high, check.ci.mean_diff],
        "threshold": check.threshold,
        "title": [check.name, check.metric, check.scope, check.passed],
    }

    def draw() -> bytes:
        return _draw_delta(check, normal, hollow)

    return DeltaPlot(
        check=check,
        png=cache.png("delta", drawn, draw) if cache is not None else draw(),
        lowest=tuple(d for d in others[:extremes] if d.delta < 0),
        highest=tuple(d for d in reversed(others[-extremes:]) if d.delta > 0),
        n_empty=len(hollow),
    )


def _draw_delta(
    check: Check, normal: list[tuple[int, PairedDelta]], hollow: list[tuple[int, PairedDelta]]
) -> bytes:
    assert check.ci is not None
    ci = check.ci
    fig = _figure(figsize=(8, 3.4), layout="constrained")
    ax = fig.subplots()
    ax.axhspan(ci.low, ci.high, color=CANDIDATE_COLOUR, alpha=0.2, label="95% CI of mean Δ")
    ax.scatter(
        [i for i, _ in normal],
        [d.delta for _, d in normal],
        s=8,
        color="#444444",
        label="per-sample Δ",
    )
    if hollow:
        ax.scatter(
            [i for i, _ in hollow],
            [d.delta for _, d in hollow],
            s=22,
            marker="x",
            color=EMPTY_COLOUR,
            label=f"empty history ({len(hollow)})",
        )
    ax.axhline(ci.mean_diff, color=CANDIDATE_COLOUR, linewidth=1.5, label="mean Δ")
    ax.axhline(0.0, color="black", linewidth=0.7)
    if check.threshold is not None:
        ax.axhline(check.threshold, color="red", linestyle="--", label="margin")
    _label_ends(ax, normal)
    status = "pass" if check.passed else "FAIL"
    ax.set_title(f"{check.name}: Δ {check.metric} on {check.scope} ({status})", fontsize=10)
    ax.set_xlabel("paired samples, sorted by Δ")
    ax.set_ylabel("candidate − production")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7)
    return _png(fig)
