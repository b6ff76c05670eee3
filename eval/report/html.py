"""The HTML report: one self-contained page (autoescaped Jinja2, plots as data URIs)."""

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
    production_label,
    validation_cell,
    validation_line,
    worst_samples,
)
from eval.report.comparison import (
    DELTA_METRICS,
    compare_samples,
    judge_reason,
    largest_changes,
    outputs_diff,
    sample_anchor,
)
from eval.report.context import ReportContext, compare_latency, prompt_diff
from eval.report.plots import PngCache, data_uri, plot_delta, plot_distributions
from eval.types import EvalRun

TEMPLATES = Path(__file__).with_name("templates")
REPORT_FILE = "report.html"
CHANGES_SHOWN = 10


def _environment() -> Environment:
    # autoescape=True for every template: summaries, references and judge reasons are model
    # output or customer text and must never become markup.
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(anchor=sample_anchor, outputs_diff=outputs_diff, judge_reason=judge_reason)
    return env


def render_page(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    context: ReportContext | None = None,
    plot_cache: PngCache | None = None,
) -> str:
    """The report as one HTML string, every plot inside it.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.
        context: Prompt texts, production label and MLflow run id, when known.
        plot_cache: Where drawn plots are remembered, if anywhere.
    """
    context = context or ReportContext()
    cand_m = aggregate(candidate)
    prod_m = aggregate(production) if production is not None else None
    latency = compare_latency(candidate, production)
    comparisons = compare_samples(candidate, production)
    regressions, improvements = largest_changes(comparisons, n=CHANGES_SHOWN)
    empty = {(c.dataset, c.sample_id) for c in comparisons if c.empty_history}
    delta_plots = (
        [
            plot_delta(candidate, production, check, empty=empty, cache=plot_cache)
            for check in verdict.checks
            if check.ci is not None
        ]
        if production is not None
        else []
    )
    diff = None
    if context.candidate_prompt is not None and context.production_prompt is not None:
        diff = prompt_diff(context.candidate_prompt, context.production_prompt)
    checks = [
        {
            "check": c,
            "value": check_value(c),
            "threshold": check_threshold(c),
            "validation": validation_cell(verdict, c),
        }
        for c in verdict.checks
    ]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            candidate=candidate,
            production=production,
            verdict=verdict,
            checks=checks,
            validation_line=validation_line(verdict),
            candidate_label=pair_label(candidate),
            production_label=production_label(production, context, verdict),
            mlflow_run_id=context.mlflow_run_id or candidate.mlflow_run_id,
            datasets=dataset_label(candidate),
            judge=judge_label(candidate),
            judge_is_baseline=candidate.judge_is_baseline,
            metrics=cand_m,
            rows=metric_rows(cand_m, prod_m, latency_comparable=latency.comparable),
            latency=latency,
            by_dataset=cand_m.by_dataset,
            distributions_uri=data_uri(plot_distributions(candidate, production, plot_cache)),
            delta_plots=[(plot, data_uri(plot.png)) for plot in delta_plots],
            prompt_diff=diff,
            regressions=regressions,
            improvements=improvements,
            comparisons=comparisons,
            n_empty=len(empty),
            delta_metrics=DELTA_METRICS,
            worst=worst_samples(candidate, n=10),
        )
    )


def render_html(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    out_dir: Path,
    context: ReportContext | None = None,
    plot_cache: PngCache | None = None,
) -> Path:
    """Write `report.html` into `out_dir` (created if missing) and return its path.

    The page holds everything, plots included, so it can be moved, attached to a CI run or
    opened in MLflow's artifact viewer on its own.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_FILE
    page = render_page(candidate, production, verdict, context, plot_cache)
    path.write_text(page, encoding="utf-8")
    return path
