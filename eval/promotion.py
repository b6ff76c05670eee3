"""Promotion, rollback and canary: the rules for moving a prompt's aliases, audited.

`production` moves only with evidence (the MLflow run of a passing eval) or an explicit,
audited reason; a canary needs the same: a passing eval of that version against the current
production, or a reason. Every move writes an `AuditEntry`. The CLIs (`oci promote`,
`oci registry ...`) are thin wrappers over these functions.
"""

from __future__ import annotations

import fcntl
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from service.registry.canary import validate_weight
from service.registry.protocol import (
    CANARY,
    PRODUCTION,
    AliasMoveError,
    AuditEntry,
    PromptRegistry,
    previous_production,
    utc_timestamp,
)

if TYPE_CHECKING:  # the registry commands need no eval machinery
    from eval.findings import Review
    from eval.gate import Verdict

# Version tags that record a version's latest eval (written PASS or FAIL).
VERDICT_TAG = "oci.verdict"
RUN_TAG = "oci.eval_run_id"
AGAINST_TAG = "oci.eval_against"  # the production version it was compared with ("-": none)
NO_PRODUCTION = "-"


class PromotionLockedError(RuntimeError):
    """Another promotion holds the lock."""


class PromotionRefusedError(RuntimeError):
    """The eval did not earn the move: the gate failed, or its pass is not validated.

    Attributes:
        failed_checks: The names of the checks that failed (empty for an unvalidated pass).
    """

    def __init__(self, message: str, failed_checks: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.failed_checks = failed_checks


@dataclass(frozen=True)
class EvalEvidence:
    """A version's latest recorded eval: verdict, MLflow run, and the production it faced."""

    passed: bool
    run_id: str | None
    against: str | None


@dataclass(frozen=True)
class RollbackOutcome:
    """What a rollback did: the production move, and what became of a running canary.

    Attributes:
        production: The audit entry of the production move.
        canary: The audit entry clearing the canary, None when there was none or it was kept.
        canary_state: "none" (no canary ran), "cleared" or "kept".
        canary_version: The canary's version before the rollback (None when there was none).
    """

    production: AuditEntry
    canary: AuditEntry | None
    canary_state: Literal["none", "cleared", "kept"]
    canary_version: str | None


def open_registry(tracking_uri: str) -> PromptRegistry:
    """The MLflow registry at `tracking_uri` (creating the sqlite folder if needed)."""
    from service.registry.mlflow_registry import MlflowPromptRegistry

    if tracking_uri.startswith("sqlite:///"):
        Path(tracking_uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return MlflowPromptRegistry(tracking_uri)


@contextmanager
def promotion_lock(state_dir: Path) -> Iterator[None]:
    """One promotion at a time on this machine (and so on the embedded registry).

    Raises:
        PromotionLockedError: Another process holds the lock.
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    with (state_dir / "promote.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise PromotionLockedError(
                "another promotion is running; try again when it has finished"
            ) from error
        yield


def record_eval(
    registry: PromptRegistry,
    name: str,
    version: str,
    *,
    passed: bool,
    run_id: str | None,
    against: str | None,
    extra: dict[str, str] | None = None,
) -> None:
    """Tag `version` with its latest eval: PASS or FAIL, the run, and the production it faced."""
    tags = {
        VERDICT_TAG: "PASS" if passed else "FAIL",
        RUN_TAG: run_id or "",
        AGAINST_TAG: against or NO_PRODUCTION,
        **(extra or {}),
    }
    for key, value in tags.items():
        registry.set_version_tag(name, version, key, value)


def eval_evidence(registry: PromptRegistry, name: str, version: str) -> EvalEvidence | None:
    """The latest eval recorded on `version`, or None when it was never evaluated."""
    tags = registry.version_tags(name, version)
    if VERDICT_TAG not in tags:
        return None
    against = tags.get(AGAINST_TAG)
    return EvalEvidence(
        passed=tags[VERDICT_TAG] == "PASS",
        run_id=tags.get(RUN_TAG) or None,
        against=None if against in (None, NO_PRODUCTION) else against,
    )


def move_production(
    registry: PromptRegistry,
    name: str,
    version: str,
    *,
    who: str,
    eval_run_id: str | None = None,
    force_reason: str | None = None,
    clock: Callable[[], str] = utc_timestamp,
) -> AuditEntry:
    """Point `production` at `version`, audited; the mechanism behind `promote`.

    A canary of the same version ends with it (audited): it now serves everyone.

    Args:
        registry: The registry.
        name: Prompt name.
        version: Target version; it must load and verify before the alias moves.
        who: Actor recorded in the audit trail.
        eval_run_id: The MLflow run whose gate passed (action `promote`).
        force_reason: Why production moves without a passing run (action `force`).
        clock: ISO timestamp source.

    Returns:
        The audit entry written.

    Raises:
        AliasMoveError: Neither an eval run id nor a force reason was given.
    """
    if not eval_run_id and not (force_reason and force_reason.strip()):
        raise AliasMoveError("moving production needs an eval run id or a force reason")
    registry.load_version(name, version)
    action, current = (
        "promote" if eval_run_id else "force",
        registry.alias_version(name, PRODUCTION),
    )
    evidence = (eval_run_id or None, force_reason or None)
    entry = AuditEntry(who, clock(), action, PRODUCTION, current, version, *evidence)
    registry.set_alias(name, PRODUCTION, version, audit=entry)
    if registry.canary(name).version == version:
        cleared = AuditEntry(
            who,
            clock(),
            "canary",
            CANARY,
            version,
            None,
            None,
            f"version {version} became production",
            weight=0,
        )
        registry.set_canary(name, None, 0, audit=cleared)
    return entry


OVERRIDES_TAG = "oci.findings_overridden"  # findings reviewed as false alarms, not counted
_TAG_LIMIT = 4500  # MLflow keeps tag values up to 5,000 characters


def overrides_tag(overrides: Sequence[Review]) -> str:
    """The reviews a pass relied on, as JSON (id, kind, sample, reviewer, reason), within a
    tag's size; the eval run's `findings_overridden.json` holds them all."""
    items = [
        {
            "id": r.finding.id,
            "kind": r.finding.kind,
            "sample": r.finding.sample_id,
            "reviewer": r.reviewer,
            "reason": r.reason,
        }
        for r in overrides
    ]
    while items and len(json.dumps(items)) > _TAG_LIMIT:
        items.pop()
    return json.dumps(items)


def promote_evaluated(
    registry: PromptRegistry,
    name: str,
    version: str,
    verdict: Verdict,
    *,
    run_id: str | None,
    against: str | None,
    who: str,
    overrides: Sequence[Review] = (),
) -> AuditEntry:
    """Record the eval of `version` on it (PASS or FAIL), then move production on a pass.

    `overrides` are the reviews whose false alarms the verdict left out: they are recorded
    on the version (who, why), whatever the outcome.

    Raises:
        PromotionRefusedError: The gate failed, or passed on checks that have no current
            meta-evaluation (a pass nobody has measured is not evidence).
    """
    extra = {
        "oci.checks": str(len(verdict.checks)),
        "oci.unvalidated_passes": str(len(verdict.unvalidated_passes)),
    }
    if overrides:
        extra[OVERRIDES_TAG] = overrides_tag(overrides)
    record_eval(
        registry,
        name,
        version,
        passed=verdict.passed,
        run_id=run_id,
        against=against,
        extra=extra,
    )
    if not verdict.passed:
        failed = tuple(check.name for check in verdict.failed)
        raise PromotionRefusedError(f"gate FAILED ({', '.join(failed)})", failed)
    if not verdict.validation_current:
        raise PromotionRefusedError(
            "the gate passed, but its checks have no current meta-evaluation for this judge, "
            "rubric and scoring code; run `oci meta-eval run` (or promote with --force --reason)"
        )
    return move_production(registry, name, version, who=who, eval_run_id=run_id)


def rollback(
    registry: PromptRegistry,
    name: str,
    *,
    who: str,
    reason: str,
    keep_canary: bool = False,
    clock: Callable[[], str] = utc_timestamp,
) -> RollbackOutcome:
    """Move production back to the version it held before the current one, audited.

    A running canary is cleared too (audited with the same reason): it was evaluated
    against the production being rolled back. `keep_canary` leaves it serving.
    """
    if not reason.strip():
        raise AliasMoveError("a rollback needs a reason")
    current = registry.alias_version(name, PRODUCTION)
    target = previous_production(registry.audit_trail(name), current)
    if target is None:
        raise AliasMoveError(f"{name}: no previous production version to roll back to")
    registry.load_version(name, target)
    canary = registry.canary(name)
    entry = AuditEntry(who, clock(), "rollback", PRODUCTION, current, target, None, reason)
    registry.set_alias(name, PRODUCTION, target, audit=entry)
    if canary.version is None or canary.weight == 0:
        return RollbackOutcome(entry, None, "none", None)
    if keep_canary and canary.version != target:
        return RollbackOutcome(entry, None, "kept", canary.version)
    cleared = AuditEntry(
        who,
        clock(),
        "canary",
        CANARY,
        canary.version,
        None,
        None,
        f"rollback: {reason}",
        weight=0,
    )
    registry.set_canary(name, None, 0, audit=cleared)
    return RollbackOutcome(entry, cleared, "cleared", canary.version)


def set_canary(
    registry: PromptRegistry,
    name: str,
    version: str | None,
    weight: int,
    *,
    who: str,
    force_reason: str | None = None,
    clock: Callable[[], str] = utc_timestamp,
) -> AuditEntry:
    """Serve `version` to `weight` percent of accounts; weight 0 clears the canary.

    A weight above 0 needs a passing eval of `version` against the current production
    (`oci eval --version N` records it), or a `force_reason`, which the audit trail keeps.

    Raises:
        AliasMoveError: No version, the version is production, or no passing eval and no
            reason.
        CanaryWeightError: The weight is not a rollout stage.
    """
    validate_weight(weight)
    state = registry.canary(name)
    run_id: str | None = None
    reason = force_reason.strip() if force_reason and force_reason.strip() else None
    if weight > 0:
        if version is None:
            raise AliasMoveError("a canary weight above 0 needs a version")
        production = registry.alias_version(name, PRODUCTION)
        if version == production:
            raise AliasMoveError(f"{name}: version {version} already is production")
        registry.load_version(name, version)
        if reason is None:
            run_id = _passing_run(registry, name, version, production)
    target = version if weight > 0 else None
    entry = AuditEntry(
        who, clock(), "canary", CANARY, state.version, target, run_id, reason, weight=weight
    )
    registry.set_canary(name, target, weight, audit=entry)
    return entry


def _passing_run(
    registry: PromptRegistry, name: str, version: str, production: str | None
) -> str | None:
    """The run of `version`'s passing eval against `production`; raises when there is none."""
    evidence = eval_evidence(registry, name, version)
    how = f"run `oci eval --version {version}` first, or pass --force --reason"
    if evidence is None:
        raise AliasMoveError(f"{name}: version {version} was never evaluated; {how}")
    if not evidence.passed:
        raise AliasMoveError(
            f"{name}: version {version} failed its latest eval (run {evidence.run_id}); {how}"
        )
    if evidence.against != production:
        raise AliasMoveError(
            f"{name}: version {version} passed against production "
            f"{evidence.against or '(none)'}, but production is now {production or '(none)'}; "
            f"{how}"
        )
    return evidence.run_id
