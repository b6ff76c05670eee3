"""The HTML report: one page, autoescaped Jinja2, PNG plots written beside it."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from eval.aggregate import aggregate
from eval.gate import Verdict
from eval.report.common import (
    check_threshold,
    check_value,
    dataset_label,
    judge_label,
    metric_rows,
    pair_label,
    validation_cell,
    validation_line,
    worst_samples,
)
from eval.report.plots import plot_deltas, plot_distributions
from eval.types import EvalRun

TEMPLATES = Path(__file__).with_name("templates")
REPORT_FILE = "report.html"
DISTRIBUTIONS_PNG = "distributions.png"
DELTAS_PNG = "deltas.png"


def _environment() -> Environment:
    # autoescape=True for every template: summaries, references and judge reasons are model
    # output or customer text and must never become markup.
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(
    candidate: EvalRun, production: EvalRun | None, verdict: Verdict, out_dir: Path
) -> Path:
    """Write `report.html` and its PNG plots into `out_dir`.

    The page references the plots by relative file name, so the folder can be moved or
    attached to a CI run as a whole.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.
        out_dir: Output folder, created if missing.

    Returns:
        The path of the HTML file.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    distributions = plot_distributions(candidate, production, out_dir / DISTRIBUTIONS_PNG)
    deltas = (
        plot_deltas(candidate, production, verdict, out_dir / DELTAS_PNG)
        if production is not None
        else None
    )
    cand_m = aggregate(candidate)
    prod_m = aggregate(production) if production is not None else None
    checks = [
        {
            "check": c,
            "value": check_value(c),
            "threshold": check_threshold(c),
            "validation": validation_cell(verdict, c),
        }
        for c in verdict.checks
    ]
    html = (
        _environment()
        .get_template("report.html.j2")
        .render(
            candidate=candidate,
            production=production,
            verdict=verdict,
            checks=checks,
            validation_line=validation_line(verdict),
            candidate_label=pair_label(candidate),
            production_label=pair_label(production) if production is not None else None,
            datasets=dataset_label(candidate),
            judge=judge_label(candidate),
            judge_is_baseline=candidate.judge_is_baseline,
            metrics=cand_m,
            rows=metric_rows(cand_m, prod_m),
            by_dataset=cand_m.by_dataset,
            distributions_png=distributions.name,
            deltas_png=deltas.name if deltas is not None else None,
            worst=worst_samples(candidate, n=10),
        )
    )
    path = out_dir / REPORT_FILE
    path.write_text(html, encoding="utf-8")
    return path
