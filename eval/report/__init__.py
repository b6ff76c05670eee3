"""Reports of an eval run and its gate verdict: terminal scorecard, markdown, HTML.

All renderers take the same three inputs (candidate run, production run or None, verdict) and
read their numbers from `eval.aggregate` and `eval.report.common`, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.gate import Verdict
from eval.report.context import PromptText, ReportContext
from eval.report.findings import write_findings
from eval.report.html import render_html
from eval.report.markdown import render_markdown
from eval.report.plots import PngCache
from eval.report.scorecard import render_scorecard
from eval.types import EvalRun

__all__ = [
    "PromptText",
    "ReportContext",
    "ReportPaths",
    "render_html",
    "render_markdown",
    "render_scorecard",
    "write_reports",
]

SUMMARY_FILE = "summary.md"


@dataclass(frozen=True)
class ReportPaths:
    """Where `write_reports` put the files."""

    html: Path
    markdown: Path
    findings: Path


def write_reports(
    candidate: EvalRun,
    production: EvalRun | None,
    verdict: Verdict,
    out_dir: Path,
    context: ReportContext | None = None,
    plot_cache: PngCache | None = None,
) -> ReportPaths:
    """Write the self-contained HTML report, the markdown summary and the findings file
    (`findings.jsonl`, what `oci findings list` reads) into `out_dir`.

    Args:
        candidate: The candidate run.
        production: The production run it was compared with, or None.
        verdict: The gate's verdict.
        out_dir: Folder such as ``reports/eval/<run>``; created if missing.
        context: Prompt texts, production label and MLflow run id, when known.
        plot_cache: Where drawn plots are remembered (an unchanged eval redraws nothing).

    Returns:
        The paths written.
    """
    html = render_html(candidate, production, verdict, out_dir, context, plot_cache)
    markdown = out_dir / SUMMARY_FILE
    markdown.write_text(render_markdown(candidate, production, verdict, context), encoding="utf-8")
    reviews = context.reviews if context is not None else {}
    findings = write_findings(candidate, verdict, out_dir, reviews)
    return ReportPaths(html=html, markdown=markdown, findings=findings)
