"""The claim findings behind a verdict, as every report shows them: each finding that makes
a failed claim check fail (for a person to review), and those a reviewer overrode."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from pathlib import Path

from eval.findings.model import RunFinding, run_findings
from eval.gate import Verdict
from eval.types import EvalRun

FINDINGS_FILE = "findings.jsonl"
REVIEW_HINT = "review: oci findings review <id> --verdict confirmed|false_alarm --reason ..."


def evidence_text(finding: RunFinding) -> str:
    """'records 2, 4' or 'no record supports it'."""
    if not finding.evidence:
        return "no record supports it"
    return "record " + ", ".join(str(p) for p in finding.evidence)


def finding_line(finding: RunFinding, width: int = 80) -> list[str]:
    """One finding in at most three lines of `width` characters."""
    head = f"{finding.id} {finding.kind} {finding.sample_id}: {finding.claim}"
    lines = ["  " + textwrap.shorten(head, width - 2, placeholder=" …")]
    why = f"{finding.reason} ({evidence_text(finding)})"
    lines += textwrap.wrap(why, width, initial_indent="      ", subsequent_indent="      ")[:2]
    return lines


def findings_lines(verdict: Verdict, *, limit: int = 3, width: int = 80) -> list[str]:
    """The scorecard's findings section (empty when no claim check failed on findings)."""
    lines = []
    decisive = verdict.decisive_findings
    if decisive:
        lines.append(f"findings behind the failed claim checks: {len(decisive)}")
        for finding in decisive[:limit]:
            lines += finding_line(finding, width)
        more = len(decisive) - limit
        tail = f"  … {more} more: oci findings list --decisive" if more > 0 else ""
        lines += [tail] if tail else []
        lines.append(textwrap.shorten(REVIEW_HINT, width, placeholder=" …"))
    overridden = verdict.overridden_findings
    if overridden:
        lines.append(
            f"{len(overridden)} finding(s) reviewed as false alarms were not counted "
            "(oci findings list --reviewed)"
        )
    return lines


def findings_records(
    run: EvalRun, verdict: Verdict, reviews: Mapping[str, str]
) -> list[dict[str, object]]:
    """Every finding of the candidate run, with whether it decides a FAIL and its review."""
    decisive = {f.id for f in verdict.decisive_findings}
    return [
        {**f.as_record(), "decisive": f.id in decisive, "review": reviews.get(f.id, "")}
        for f in run_findings(run)
    ]


def write_findings(
    run: EvalRun, verdict: Verdict, out_dir: Path, reviews: Mapping[str, str] | None = None
) -> Path:
    """`findings.jsonl` in `out_dir`: what `oci findings list` reads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / FINDINGS_FILE
    records = findings_records(run, verdict, reviews or {})
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path
