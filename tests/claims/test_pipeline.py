"""The check's stages and the tables that order its checks: a claim copied from a record,
or said in a handover line to the next agent, is read only by the checks that read such
claims; a check runs after nothing from the checks it waits on, and not beside a finding
of the kinds that make it redundant."""

from __future__ import annotations

from oci_testing.claim_histories import BILLING, OPTIONS

from service.claims import check_summary, read_history
from service.claims.check import STAGES
from service.claims.claim_checks import CLAIM_CHECKS, ClaimCheck, applies, check_claim
from service.claims.summary_checks import SUMMARY_CHECKS
from service.claims.summary_reading import read_summary
from service.claims.types import Finding

DATE = Finding("date", "unsupported", "by Mar 30", "no record sets it")


def _claim(text: str) -> object:
    return read_summary(text, read_history(BILLING, OPTIONS)).claims[0]


def _check(**rules: object) -> ClaimCheck:
    return ClaimCheck("probe", lambda claim, history, found: [], **rules)  # type: ignore[arg-type]


def test_the_stages_run_in_their_order() -> None:
    assert [stage.__name__ for stage in STAGES] == ["read_claims", "match", "decide", "explain"]


def test_every_check_has_a_name_of_its_own() -> None:
    names = [check.name for check in CLAIM_CHECKS] + [check.name for check in SUMMARY_CHECKS]
    assert len(names) == len(set(names))
    waited_on = {name for check in CLAIM_CHECKS for name in check.after_nothing_from}
    assert waited_on <= {check.name for check in CLAIM_CHECKS}


def test_a_copied_claim_is_read_only_by_checks_that_read_copies() -> None:
    copied = _claim("Refund of $45 issued to the card.")
    assert copied.copied  # type: ignore[attr-defined]
    assert not applies(_check(), copied, [], {})  # type: ignore[arg-type]
    assert applies(_check(reads_copied=True), copied, [], {})  # type: ignore[arg-type]


def test_a_handover_line_is_read_only_by_checks_that_read_handovers() -> None:
    handover = _claim("Next agent: confirm the refund reached the card.")
    assert handover.handover  # type: ignore[attr-defined]
    assert not applies(_check(reads_handover=False), handover, [], {})  # type: ignore[arg-type]
    assert applies(_check(), handover, [], {})  # type: ignore[arg-type]


def test_precedence_waits_on_named_checks_and_kinds_of_finding() -> None:
    claim = _claim("A callback is promised by Mar 30.")
    assert not applies(_check(after_nothing_from=("acts",)), claim, [], {"acts": 1})  # type: ignore[arg-type]
    assert applies(_check(after_nothing_from=("acts",)), claim, [], {"acts": 0})  # type: ignore[arg-type]
    assert not applies(_check(unless_found=("date",)), claim, [DATE], {})  # type: ignore[arg-type]
    assert not applies(_check(only_when_clean=True), claim, [DATE], {})  # type: ignore[arg-type]
    assert applies(_check(unless_found=("promise",)), claim, [DATE], {})  # type: ignore[arg-type]


def test_a_claim_s_findings_are_those_of_the_checks_that_ran() -> None:
    history = read_history(BILLING, OPTIONS)
    summary = read_summary("The $45 late fee was never refunded.", history)
    found = check_claim(summary.claims[0], history)
    report = check_summary("The $45 late fee was never refunded.", BILLING, OPTIONS)
    assert found == list(report.claims[0].findings)
    assert {f.category for f in found} == {"negated_action"}
