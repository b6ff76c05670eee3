"""Markdown summary of a gate decision, sized for a pull-request comment."""

from __future__ import annotations

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
)
from eval.types import EvalRun


def _cell(text: str) -> str:
    # A pipe or newline inside a cell would break the table.
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(candidate: EvalRun, production: EvalRun | None, verdict: Verdict) -> str:
    """Render the verdict, every check and the metrics table as GitHub-flavoured markdown.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.

    Returns:
        Markdown text.
    """
    status = "✅ PASS" if verdict.passed else "❌ FAIL"
    lines = [
        f"## Eval gate: {status} — `{_cell(pair_label(candidate))}`",
        "",
        f"- **Judge:** {_cell(judge_label(candidate))}",
        f"- **Datasets:** {_cell(dataset_label(candidate))}",
        f"- **Compared with:** {_cell(pair_label(production)) if production else 'nothing'}",
        f"- **Trials:** {candidate.trials}; wall time {candidate.wall_s:.1f} s",
    ]
    lines += [f"- **Note:** {_cell(note)}" for note in verdict.notes]
    trust = validation_line(verdict)
    if trust:
        lines.append(f"- **Check validation:** {_cell(trust)}")
    if verdict.validation_report:
        lines.append(f"- **Detection table:** `{verdict.validation_report}`")
    failed = verdict.failed
    if failed:
        lines += ["", f"**Failed ({len(failed)}):** " + ", ".join(f"`{c.name}`" for c in failed)]
    lines += [
        "",
        "### Checks",
        "",
        "| | check | kind | value | threshold | validation | detail |",
        "|---|---|---|---:|---|---|---|",
    ]
    for c in verdict.checks:
        mark = "✅" if c.passed else "❌"
        lines.append(
            f"| {mark} | `{c.name}` | {c.kind} | {check_value(c)} | {_cell(check_threshold(c))} "
            f"| {validation_cell(verdict, c)} | {_cell(c.detail)} |"
        )
    cand_m = aggregate(candidate)
    prod_m = aggregate(production) if production is not None else None
    lines += [
        "",
        "### Metrics",
        "",
        "| metric | candidate | production | Δ |",
        "|---|---:|---:|---:|",
    ]
    for row in metric_rows(cand_m, prod_m):
        lines.append(f"| {row.label} | {row.candidate} | {row.production} | {row.delta} |")
    lines += [
        "",
        f"Latency percentiles: {cand_m.n_latency_measured} latencies measured in this run, "
        f"{cand_m.n_latency_cached} as measured when their cached output was produced "
        f"(`--remeasure` calls the model again). {cand_m.n_errors} errored "
        "results count in the error rate and are excluded from quality means.",
        "",
    ]
    return "\n".join(lines)
