"""Rich terminal scorecard: who was evaluated and judged by what, the metrics, the verdict."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eval.aggregate import aggregate
from eval.gate import Verdict
from eval.report.common import (
    NOT_COMPARABLE,
    check_threshold,
    check_value,
    commonest_error,
    dataset_label,
    judge_label,
    metric_rows,
    pair_label,
    production_label,
    validation_cell,
    validation_line,
)
from eval.report.compact import print_compact, where_lines
from eval.report.context import ReportContext, compare_latency
from eval.types import EvalRun

WIDE = 120  # below this the tables fold their detail column into slivers


def render_scorecard(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    *,
    console: Console | None = None,
    context: ReportContext | None = None,
) -> None:
    """Print the scorecard: header, metrics (candidate vs production, deltas), verdict table.

    Both the wide and the compact form end with the report path and the MLflow run id.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.
        console: Where to print; a default stdout console when None.
        context: Production label, report path and MLflow run id, when known.
    """
    out = console or Console()
    context = context or ReportContext()
    if not out.is_terminal or out.width < WIDE:
        # A CI log or a pipe: one line per check instead of tables folded to 80 columns.
        print_compact(candidate, production, verdict, out, context)
        return
    out.print(_header(candidate, production, verdict, context))
    out.print(_metrics_table(candidate, production))
    out.print(_verdict_table(verdict))
    error = commonest_error(candidate)
    if error is not None:
        message, count, total = error
        out.print(Text(f"{total} errored results; commonest ({count}): {message}", style="red"))
    style = "bold green" if verdict.passed else "bold red"
    trust = validation_line(verdict)
    out.print(Text(f"GATE {'PASS' if verdict.passed else 'FAIL'}", style=style))
    if trust:
        out.print(Text(trust, style="yellow" if verdict.unvalidated_passes else ""))
    for line in where_lines(context):
        out.print(Text(line), soft_wrap=True)


def _header(
    candidate: EvalRun, production: EvalRun | None, verdict: Verdict, context: ReportContext
) -> Panel:
    judge = Text(f"Judge: {judge_label(candidate)}", style="bold yellow")
    lines = [
        Text(f"Candidate:  {pair_label(candidate)}", style="bold"),
        Text(f"Production: {production_label(production, context, verdict)}"),
        Text(f"Datasets:   {dataset_label(candidate)}"),
        judge,
        Text(f"Trials: {candidate.trials}   wall time: {candidate.wall_s:.1f} s"),
    ]
    return Panel(Group(*lines), title="Eval scorecard", expand=False)


def _metrics_table(candidate: EvalRun, production: EvalRun | None) -> Table:
    cand_m = aggregate(candidate)
    prod_m = aggregate(production) if production is not None else None
    latency = compare_latency(candidate, production)
    table = Table(title="Metrics", title_justify="left")
    table.add_column("metric")
    table.add_column("candidate", justify="right")
    table.add_column("production", justify="right")
    table.add_column("Δ", justify="right")
    for row in metric_rows(cand_m, prod_m, latency_comparable=latency.comparable):
        style = {True: "green", False: "red", None: ""}[row.better]
        if row.delta == NOT_COMPARABLE:
            style = "yellow"
        table.add_row(row.label, row.candidate, row.production, Text(row.delta, style=style))
    table.caption = (
        f"latency: {cand_m.n_latency_measured} measured in this run, "
        f"{cand_m.n_latency_cached} as measured when their cached output was produced; "
        f"{cand_m.n_errors} errored results excluded from quality means"
    ) + (f"\n⚠ {latency.note}" if not latency.comparable else "")
    return table


def _verdict_table(verdict: Verdict) -> Table:
    title = "Gate checks" + (f" vs {verdict.compared_with}" if verdict.compared_with else "")
    table = Table(title=title, title_justify="left")
    table.add_column("")
    for column in ("check", "kind", "value", "threshold", "valid."):
        table.add_column(column, no_wrap=True)
    table.add_column("detail", overflow="fold", ratio=1)
    for check in verdict.checks:
        mark = Text("✓", style="green") if check.passed else Text("✗", style="bold red")
        table.add_row(
            mark,
            check.name,
            check.kind,
            check_value(check),
            check_threshold(check),
            validation_cell(verdict, check, short=True),
            check.detail,
        )
    caption = list(verdict.notes)
    if verdict.validation:
        caption.append("valid.: each check's detection measured by the meta-evaluation")
    if caption:
        table.caption = "; ".join(caption)
    return table
