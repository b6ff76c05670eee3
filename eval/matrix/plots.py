"""The matrix's Pareto plots: judge score against cost and against p95 latency.

Every row is a point, production's too (a star, the reference); a pair that passes the gate
against production is a filled circle, one that fails it a cross, so the plot never shows a
cheap, good-looking pair without saying that the gate refuses it.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from eval.matrix.leaderboard import Row

# (marker, colour, legend label) by what the gate says of the row.
STYLES = {
    "production": ("*", "black", "production (the reference)"),
    "pass": ("o", "tab:green", "passes the gate"),
    "fail": ("X", "tab:red", "fails the gate"),
}


def status(row: Row) -> str:
    """`production`, `pass` or `fail`."""
    return "production" if row.is_production else "pass" if row.passed else "fail"


def frontier(points: list[tuple[float, float]]) -> list[int]:
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


def plotted(rows: Sequence[Row], x_attr: str) -> list[tuple[Row, float, float]]:
    """The rows a plot of judge score against `x_attr` shows, with their coordinates."""
    return [
        (r, float(getattr(r.metrics, x_attr)), float(r.metrics.judge_mean))
        for r in rows
        if getattr(r.metrics, x_attr) is not None and r.metrics.judge_mean is not None
    ]


def pareto_png(rows: Sequence[Row], x_attr: str, x_label: str) -> str:
    """A base64 PNG of judge score against `x_attr`, the frontier drawn through."""
    shown_rows = plotted(rows, x_attr)
    usable = [row for row, _, _ in shown_rows]
    points = [(x, y) for _, x, y in shown_rows]
    fig, ax = plt.subplots(figsize=(8.0, 4.2))
    shown: set[str] = set()
    for row, (x, y) in zip(usable, points, strict=True):
        kind = status(row)
        marker, colour, label = STYLES[kind]
        ax.scatter(
            [x],
            [y],
            s=150 if kind == "production" else 50,
            marker=marker,
            color=colour,
            label=None if kind in shown else label,
            zorder=3,
        )
        shown.add(kind)
        ax.annotate(row.label, (x, y), textcoords="offset points", xytext=(6, 4), fontsize=8)
    front = frontier(points)
    if len(front) > 1:
        ax.plot(
            [points[i][0] for i in front],
            [points[i][1] for i in front],
            "--",
            lw=1,
            color="grey",
            label="Pareto frontier",
        )
    if usable:  # beside the plot, where it hides no point
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    ax.margins(x=0.25, y=0.1)  # room for the labels of the outermost points
    ax.set_xlabel(x_label)
    ax.set_ylabel("judge score (mean)")
    ax.grid(alpha=0.3)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
