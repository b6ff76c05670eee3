"""Detection tables on disk, keyed by digest, and each gate check's validation status.

A table is written as JSON under `var/metaeval/<digest>.json`. The eval report asks for the
table of the current digest: present means each check's status is current ("validated" or
"below minimum"); a table only for an older digest (the judge, rubric, scorer code, suite,
dataset or production pair changed since) makes every status "stale"; none at all, "not
validated".
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from eval.metaeval.run import MetaEvalResult
from eval.metaeval.table import FamilyRow

Status = Literal["validated", "below minimum", "stale", "not validated", "not measured"]


@dataclass(frozen=True)
class CheckStatus:
    """One gate check's validation status and why."""

    status: Status
    detail: str


@dataclass(frozen=True)
class ValidationState:
    """The statuses of every meta-evaluated gate check, and which table they come from."""

    digest: str | None
    current: bool
    checks: dict[str, CheckStatus]
    table: Path | None = None
    report: str | None = None

    def status_of(self, check: str) -> CheckStatus | None:
        """The check's status, or None when the check does not rest on a scorer."""
        return self.checks.get(check)


def _rate(rate: Any) -> dict[str, int]:
    return {"k": rate.k, "n": rate.n}


def _row(row: FamilyRow) -> dict[str, Any]:
    return {
        "family": row.family,
        "kind": row.kind,
        "trips": list(row.trips),
        "caught": _rate(row.caught),
        "by_signal": {name: _rate(rate) for name, rate in row.by_signal.items()},
        "top_checks": [list(pair) for pair in row.top_checks],
    }


def to_json(result: MetaEvalResult, *, report: str | None = None) -> dict[str, Any]:
    """A detection table as JSON-ready data (no per-variant texts)."""
    return {
        "digest": result.digest,
        "created": result.created,
        "wall_s": round(result.wall_s, 2),
        "inputs": result.inputs,
        "variants": len(result.outcomes),
        "rows": [_row(row) for row in result.rows],
        "rows_by_split": {k: [_row(r) for r in v] for k, v in result.rows_by_split.items()},
        "rows_by_source": {k: [_row(r) for r in v] for k, v in result.rows_by_source.items()},
        "checks": [
            {
                **{k: v for k, v in asdict(check).items() if k not in ("detection", "false_alarm")},
                "detection": {f: _rate(r) for f, r in check.detection.items()},
                "false_alarm": _rate(check.false_alarm),
            }
            for check in result.checks
        ],
        "signals": [{"name": s.name, "kind": s.kind, "rule": s.rule} for s in result.signals],
        "verdicts": [
            {"source": source, "family": family, "failed": list(failed)}
            for (source, family), failed in sorted(result.verdicts.items())
        ],
        "unmeasured": {source: list(names) for source, names in result.unmeasured.items()},
        "known_good_flags": {
            source: {name: _rate(rate) for name, rate in rates.items()}
            for source, rates in result.known_good_flags.items()
        },
        "first_run": result.first_run,
        "by_source": {
            item.overall.check: {
                source: {"status": r.status, "detail": r.detail}
                for source, r in item.by_source.items()
            }
            for item in result.by_source
        },
        "report": report,
    }


def table_path(state_dir: Path, digest: str) -> Path:
    """Where the table of `digest` lives."""
    return state_dir / "metaeval" / f"{digest.removeprefix('sha256:')[:24]}.json"


def save(state_dir: Path, result: MetaEvalResult, *, report: str | None = None) -> Path:
    """Write the table (atomically) and return its path."""
    path = table_path(state_dir, result.digest)
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    scratch.write_text(json.dumps(to_json(result, report=report), indent=1), encoding="utf-8")
    scratch.replace(path)
    return path


def _statuses(data: dict[str, Any], *, stale: bool) -> dict[str, CheckStatus]:
    statuses = {}
    for check in data.get("checks", []):
        if stale:
            statuses[check["check"]] = CheckStatus(
                "stale", f"table {data['digest'][7:19]} is for another judge, rubric or code"
            )
        else:
            statuses[check["check"]] = CheckStatus(check["status"], check["detail"])
    return statuses


def validation_state(state_dir: Path, digest: str, check_names: list[str]) -> ValidationState:
    """The statuses for the table of `digest`, or stale / not validated ones without it."""
    path = table_path(state_dir, digest)
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return ValidationState(digest, True, _statuses(data, stale=False), path, data.get("report"))
    older = sorted(path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime)
    if older:
        data = json.loads(older[-1].read_text(encoding="utf-8"))
        return ValidationState(data.get("digest"), False, _statuses(data, stale=True), older[-1])
    missing = CheckStatus("not validated", "no meta-evaluation has been run (make meta-eval)")
    return ValidationState(None, False, {name: missing for name in check_names})
