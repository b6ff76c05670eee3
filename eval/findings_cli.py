"""`oci findings list` and `oci findings review`: the claim findings of an eval, and people's
verdicts on them.

Findings are read from an eval's `findings.jsonl`: the newest report under
`reports/eval/` by default, or a report folder, an MLflow run, or the latest eval of a
registered version. Reviews go to `datasets/findings/reviews.jsonl`
(`eval.findings.reviews` says why there); the next `make eval` / `make promote` counts
confirmed and unreviewed findings and leaves out the false alarms.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from eval.findings import (
    ReviewError,
    ReviewStore,
    RunFinding,
    make_reviews,
    precision_by,
    review_requests,
)
from eval.report.findings import FINDINGS_FILE, finding_line
from service.settings import Settings

findings_app = typer.Typer(
    help="Claim findings of an eval, and people's reviews of them.", no_args_is_help=True
)
console = Console()
err_console = Console(stderr=True)

ReportOption = Annotated[
    Path | None, typer.Option("--report", help="An eval report folder (holds findings.jsonl)")
]
RunOption = Annotated[str, typer.Option("--run", help="An eval's MLflow run id")]
VersionOption = Annotated[
    str, typer.Option("--version", help="The latest eval of this registered version")
]
PromptOption = Annotated[str, typer.Option("--prompt", help="Prompt name (with --version)")]


def _fail(message: str) -> typer.Exit:
    # Never wrapped: a path split across lines cannot be copied.
    err_console.print(Text(f"error: {message}", style="bold red"), soft_wrap=True)
    return typer.Exit(2)


def _newest_report(settings: Settings) -> Path:
    found = sorted((settings.reports_dir / "eval").glob(f"*/{FINDINGS_FILE}"))
    if not found:
        raise _fail(f"no eval report under {settings.reports_dir / 'eval'}; run make eval first")
    return found[-1]


def _run_artifact(settings: Settings, run_id: str) -> Path:
    from mlflow.artifacts import download_artifacts
    from mlflow.exceptions import MlflowException

    scratch = Path(tempfile.mkdtemp(prefix="oci-findings-"))
    try:
        path = download_artifacts(
            run_id=run_id,
            artifact_path=FINDINGS_FILE,
            dst_path=str(scratch),
            tracking_uri=settings.mlflow_tracking_uri,
        )
    except (MlflowException, OSError) as error:
        raise _fail(f"run {run_id}: no {FINDINGS_FILE} ({str(error).splitlines()[0]})") from error
    return Path(path)


def _version_run(settings: Settings, prompt: str, version: str) -> str:
    from eval.promotion import eval_evidence
    from service.composition import build_registry
    from service.registry.protocol import RegistryError

    try:
        evidence = eval_evidence(build_registry(settings), prompt, version)
    except RegistryError as error:
        raise _fail(str(error)) from error
    if evidence is None or not evidence.run_id:
        raise _fail(f"{prompt} version {version} has no recorded eval; run make eval VERSION=")
    return evidence.run_id


def findings_file(
    settings: Settings, report: Path | None, run: str, version: str, prompt: str
) -> Path:
    """The findings file the options name (the newest report's by default)."""
    if report is not None:
        path = report / FINDINGS_FILE if report.is_dir() else report
        if not path.is_file():
            raise _fail(f"{path}: no findings file")
        return path
    if version:
        run = _version_run(settings, prompt or settings.prompt_name, version)
    return _run_artifact(settings, run) if run else _newest_report(settings)


def load_findings(path: Path) -> tuple[list[RunFinding], dict[str, bool]]:
    """The findings of a findings file, and which of them decide a FAIL."""
    findings, decisive = [], {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            finding = RunFinding.from_record(record)
        except (json.JSONDecodeError, TypeError, KeyError, ValueError) as error:
            raise _fail(f"{path}:{number}: not a finding ({error})") from error
        findings.append(finding)
        decisive[finding.id] = bool(record.get("decisive"))
    return findings, decisive


@findings_app.command("list")
def list_command(
    report: ReportOption = None,
    run: RunOption = "",
    version: VersionOption = "",
    prompt: PromptOption = "",
    decisive_only: Annotated[
        bool, typer.Option("--decisive", help="Only those that make a claim check fail")
    ] = False,
    unreviewed: Annotated[bool, typer.Option(help="Only findings nobody reviewed")] = False,
    reviewed: Annotated[bool, typer.Option(help="Only reviewed findings")] = False,
    kind: Annotated[str, typer.Option(help="Only this kind of wrong claim")] = "",
) -> None:
    """Every claim finding of an eval: id, kind, sample, claim, reason, evidence, review."""
    settings = Settings()
    path = findings_file(settings, report, run, version, prompt)
    findings, decisive = load_findings(path)
    try:
        standing = ReviewStore(settings.datasets_dir / "findings").latest()
    except ReviewError as error:
        raise _fail(str(error)) from error
    shown = [
        f
        for f in findings
        if (not decisive_only or decisive[f.id])
        and (not unreviewed or f.id not in standing)
        and (not reviewed or f.id in standing)
        and (not kind or f.kind == kind)
    ]
    deciding = sum(decisive.values())
    console.print(
        f"{len(findings)} findings in {path}: {deciding} decide a FAIL, "
        f"{sum(f.id in standing for f in findings)} reviewed; showing {len(shown)}",
        soft_wrap=True,
    )
    for finding in shown:
        review = standing.get(finding.id)
        state = f"{review.verdict} by {review.reviewer}" if review else "unreviewed"
        flag = "decides FAIL; " if decisive[finding.id] else ""
        for line in finding_line(finding):
            console.print(Text(line), soft_wrap=True)
        console.print(Text(f"      [{flag}{state}]"), soft_wrap=True)


@findings_app.command("review")
def review_command(
    ids: Annotated[list[str] | None, typer.Argument(help="Finding ids")] = None,
    verdict: Annotated[str, typer.Option(help="confirmed or false_alarm")] = "",
    reason: Annotated[str, typer.Option(help="Why (required; audited)")] = "",
    file: Annotated[
        Path | None,
        typer.Option("--file", help="JSON lines with finding_id, verdict and reason"),
    ] = None,
    reviewer: Annotated[str, typer.Option(help="Who reviews (default: this user)")] = "",
    report: ReportOption = None,
    run: RunOption = "",
    version: VersionOption = "",
    prompt: PromptOption = "",
) -> None:
    """Mark findings `confirmed` or `false_alarm`, with a reason; all or nothing is stored."""
    from service.registry.bootstrap import default_who

    settings = Settings()
    if bool(ids) == (file is not None):
        raise _fail("give finding ids with --verdict and --reason, or --file (not both)")
    try:
        requests = (
            review_requests(file)
            if file is not None
            else [("argument", key, verdict, reason) for key in ids or []]
        )
        path = findings_file(settings, report, run, version, prompt)
        known = {f.id: f for f in load_findings(path)[0]}
        pair = f"{prompt or settings.prompt_name}@{version}" if version else ""
        made = make_reviews(known, requests, reviewer=reviewer or default_who(), pair=pair)
        stored = ReviewStore(settings.datasets_dir / "findings").add(made)
    except ReviewError as error:
        raise _fail(str(error)) from error
    counts = precision_by(stored)
    summary = ", ".join(
        f"{c.name}: {c.confirmed} confirmed, {c.false_alarms} false" for c in counts
    )
    repeat = len(made) - len(stored)
    console.print(
        f"stored {len(stored)} review(s)"
        + (f" ({summary})" if summary else "")
        + (f"; {repeat} already stood as given" if repeat else ""),
        soft_wrap=True,
    )


@findings_app.command("precision")
def precision_command(
    by: Annotated[str, typer.Option(help="kind or category")] = "kind",
) -> None:
    """The checker's precision on reviewed findings, per kind or category."""
    if by not in ("kind", "category"):
        raise _fail("--by must be kind or category")
    settings = Settings()
    try:
        standing = ReviewStore(settings.datasets_dir / "findings").latest().values()
    except ReviewError as error:
        raise _fail(str(error)) from error
    rows = precision_by(standing, by="kind" if by == "kind" else "category")
    if not rows:
        console.print("no reviewed findings yet (oci findings review)")
    for row in rows:
        console.print(f"{row.name:24} {row.text()}")
