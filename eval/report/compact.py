"""The scorecard for a CI log or any narrow, non-interactive output, within 80 columns.

Rich tables squeezed into 80 columns wrap their detail column to a few characters a line;
here the passing checks share a wrapped line, each failed check gets one line (value,
threshold, validation) and its detail, and the headline metrics fit on two.
"""

from __future__ import annotations

import textwrap

from rich.console import Console
from rich.text import Text

from eval.aggregate import aggregate
from eval.gate import Verdict
from eval.report.common import (
    check_threshold,
    check_value,
    commonest_error,
    dataset_label,
    judge_label,
    pair_label,
    production_label,
    validation_cell,
    validation_line,
)
from eval.report.context import ReportContext, compare_latency
from eval.report.findings import findings_lines
from eval.types import EvalRun

WIDTH = 80


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _num(value: float | None, pattern: str) -> str:
    return "n/a" if value is None else pattern.format(value)


def where_lines(context: ReportContext) -> list[str]:
    """Where to read more: the HTML report and the MLflow run (PASS or FAIL alike).

    Never wrapped: a path or run id broken across lines cannot be copied.
    """
    report = str(context.report_path) if context.report_path is not None else "not written"
    return [f"report:     {report}", f"MLflow run: {context.mlflow_run_id or 'not logged'}"]


def compact_lines(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    context: ReportContext | None = None,
) -> list[str]:
    """The scorecard as plain lines of at most 80 characters."""
    context = context or ReportContext()
    m = aggregate(candidate)
    header = [
        f"Candidate:  {pair_label(candidate)}",
        f"Production: {production_label(production, context, verdict)}",
        f"Datasets:   {dataset_label(candidate)}",
        f"Judge:      {judge_label(candidate)}",
    ]
    lines = [
        wrapped
        for line in header
        for wrapped in textwrap.wrap(line, WIDTH, subsequent_indent=" " * 12)
    ]
    lines += [
        f"key facts {_num(m.key_fact_recall_mean, '{:.3f}')} · judge pass "
        f"{_pct(m.judge_pass_rate)} · BLEU {_num(m.bleu_mean, '{:.2f}')} · wrong facts "
        f"{_pct(m.get('unsupported_fact_rate'))} · PII "
        f"{m.pii_leaks if m.pii_leaks is not None else 'n/a'}",
        f"errors {_pct(m.error_rate)} · p95 {_num(m.latency_p95_ms, '{:.0f}')} ms · "
        f"${_num(m.cost_per_summary_usd, '{:.5f}')} per summary",
    ]
    latency = compare_latency(candidate, production)
    if not latency.comparable:
        lines += textwrap.wrap(f"⚠ {latency.note}", WIDTH, subsequent_indent="  ")
    passed = [c for c in verdict.checks if c.passed]
    lines.append(
        f"checks: {len(passed)} passed, {len(verdict.failed)} failed "
        "(* = detection not validated by the meta-evaluation)"
    )
    unvalidated = {c.name for c in verdict.unvalidated_passes}
    names = ", ".join(c.name + ("*" if c.name in unvalidated else "") for c in passed)
    if names:
        lines += textwrap.wrap(f"✓ {names}", WIDTH, subsequent_indent="  ")
    for check in verdict.failed:
        lines.append(
            f"✗ {check.name[:29]:30}{check_value(check)[:10]:>10}  "
            f"{check_threshold(check)[:11]:<12}{validation_cell(verdict, check, short=True)}"
        )
        lines += textwrap.wrap(check.detail, WIDTH, initial_indent="    ", subsequent_indent="    ")
    lines += findings_lines(verdict, width=WIDTH)
    error = commonest_error(candidate)
    if error is not None:
        message, count, total = error
        lines += textwrap.wrap(f"{total} errored results; commonest ({count}): {message}", WIDTH)
    lines.append(f"GATE {'PASS' if verdict.passed else 'FAIL'}")
    trust = validation_line(verdict)
    if trust:
        lines += textwrap.wrap(trust, WIDTH)
    return lines + where_lines(context)


def print_compact(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    console: Console,
    context: ReportContext | None = None,
) -> None:
    """Print `compact_lines` without Rich wrapping or markup."""
    for line in compact_lines(candidate, production, verdict, context):
        style = ""
        if line.startswith("GATE"):
            style = "bold green" if verdict.passed else "bold red"
        console.print(Text(line, style=style), soft_wrap=True)
