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
    production_label,
    validation_cell,
    validation_line,
)
from eval.report.comparison import compare_samples, largest_changes
from eval.report.context import ReportContext, compare_latency, prompt_diff
from eval.report.findings import evidence_text
from eval.types import EvalRun


def _cell(text: str) -> str:
    # A pipe or newline inside a cell would break the table.
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    context: ReportContext | None = None,
) -> str:
    """Render the verdict, every check and the metrics table as GitHub-flavoured markdown.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.
        context: Prompt texts, production label and MLflow run id, when known.

    Returns:
        Markdown text.
    """
    context = context or ReportContext()
    status = "✅ PASS" if verdict.passed else "❌ FAIL"
    lines = [
        f"## Eval gate: {status} — `{_cell(pair_label(candidate))}`",
        "",
        f"- **Judge:** {_cell(judge_label(candidate))}",
        f"- **Datasets:** {_cell(dataset_label(candidate))}",
        f"- **Production:** {_cell(production_label(production, context, verdict))}",
        f"- **Trials:** {candidate.trials}; wall time {candidate.wall_s:.1f} s",
        f"- **MLflow run:** `{context.mlflow_run_id or candidate.mlflow_run_id or 'not logged'}`",
    ]
    if context.candidate_prompt is not None and context.production_prompt is not None:
        parts = prompt_diff(context.candidate_prompt, context.production_prompt)
        changed = [p.part for p in parts if p.diff is not None]
        lines.append(
            "- **Prompt vs production:** "
            + (("changed: " + ", ".join(f"`{p}`" for p in changed)) if changed else "identical")
        )
    lines += [f"- **Note:** {_cell(note)}" for note in verdict.notes]
    trust = validation_line(verdict)
    if trust:
        lines.append(f"- **Check validation:** {_cell(trust)}")
    if verdict.validation_report:
        lines.append(f"- **Detection table:** `{verdict.validation_report}`")
    failed = verdict.failed
    if failed:
        lines += ["", f"**Failed ({len(failed)}):** " + ", ".join(f"`{c.name}`" for c in failed)]
    if verdict.decisive_findings:
        lines += [
            "",
            f"### Findings behind the failed claim checks ({len(verdict.decisive_findings)})",
            "",
            "Each can be reviewed: `oci findings review <id> --verdict confirmed|false_alarm "
            "--reason ...`.",
            "",
            "| id | sample | kind | claim | reason | evidence |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{f.id}` | {f.sample_id} | {f.kind} | {_cell(f.claim)} | {_cell(f.reason)} "
            f"| {evidence_text(f)} |"
            for f in verdict.decisive_findings
        ]
    if verdict.overridden_findings:
        lines += [
            "",
            f"{len(verdict.overridden_findings)} finding(s) reviewed as false alarms were not "
            "counted.",
        ]
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
    latency = compare_latency(candidate, production)
    for row in metric_rows(cand_m, prod_m, latency_comparable=latency.comparable):
        lines.append(f"| {row.label} | {row.candidate} | {row.production} | {row.delta} |")
    lines += [
        "",
        f"Latency percentiles: {cand_m.n_latency_measured} latencies measured in this run, "
        f"{cand_m.n_latency_cached} as measured when their cached output was produced "
        f"(`--remeasure` calls the model again). {cand_m.n_errors} errored "
        "results count in the error rate and are excluded from quality means.",
        "",
    ]
    if not latency.comparable:
        lines += [f"⚠ {latency.note}", ""]
    regressions, _ = largest_changes(compare_samples(candidate, production), n=5)
    if regressions:
        lines += ["### Largest regressions vs production (details in the HTML report)", ""]
        for worse in regressions:
            deltas = ", ".join(f"{name} {value:+.3g}" for name, value in worse.deltas.items())
            lines.append(
                f"- `{worse.dataset}/{worse.sample_id}` net {worse.change:+.3f}: {_cell(deltas)}"
            )
        lines.append("")
    return "\n".join(lines)
