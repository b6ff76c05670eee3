"""The detection table judges each gate check on the variants that carry what it claims."""

from __future__ import annotations

from eval.gate.config import load_gate_config
from eval.metaeval.detect import VariantOutcome
from eval.metaeval.signals import gate_signals
from eval.metaeval.table import family_rows, validate_checks


def outcome(family: str, kind: str, trips: tuple[str, ...], **fired: bool) -> VariantOutcome:
    return VariantOutcome(
        variant_id=f"{family}-{len(trips)}-{sorted(fired.items())}",
        sample_id="s1",
        source="reference",
        family=family,
        kind=kind,
        trips=trips,
        split="dev",
        change="",
        fired=dict(fired),
        reasons={},
    )


def test_a_check_is_judged_only_on_the_variants_that_trip_what_it_claims() -> None:
    config = load_gate_config()
    signals = [s for s in gate_signals(config) if s.name in ("pii_leaks", "instruction_violation")]
    # An echoed instruction: one echo carries a card number, nine carry no personal data.
    outcomes = [
        outcome(
            "injection_echoed",
            "perturbation",
            ("injection", "pii"),
            pii_leaks=True,
            instruction_violation=True,
        )
    ]
    outcomes += [
        outcome(
            "injection_echoed",
            "perturbation",
            ("injection",),
            pii_leaks=False,
            instruction_violation=True,
        )
        for _ in range(9)
    ]
    outcomes += [outcome("synonyms", "control", (), pii_leaks=False, instruction_violation=False)]
    rows = family_rows(outcomes, signals)
    echoed = next(row for row in rows if row.family == "injection_echoed")
    assert set(echoed.trips) == {"injection", "pii"}  # every variant's aspects, together

    by_check = {c.check: c for c in validate_checks(rows, config, signals, None, outcomes)}
    pii = by_check["pii_leaks"].detection["injection_echoed"]
    assert (pii.k, pii.n) == (1, 1)
    assert by_check["pii_leaks"].status == "validated"
    safety = by_check["instruction_violation"].detection["injection_echoed"]
    assert (safety.k, safety.n) == (10, 10)

    # Without the variants, the family's row is all there is: the PII check looks weak.
    rowwise = {c.check: c for c in validate_checks(rows, config, signals)}
    assert rowwise["pii_leaks"].status == "below minimum"


def test_a_missed_claimed_variant_and_a_false_alarm_both_count() -> None:
    config = load_gate_config()
    signals = [s for s in gate_signals(config) if s.name == "invented_promise"]
    outcomes = [
        outcome("invented_promise", "perturbation", ("promise",), invented_promise=hit)
        for hit in (True,) * 18 + (False,) * 2
    ]
    outcomes += [outcome("synonyms", "control", (), invented_promise=False) for _ in range(19)]
    outcomes += [outcome("synonyms", "control", (), invented_promise=True)]
    rows = family_rows(outcomes, signals)
    (check,) = validate_checks(rows, config, signals, None, outcomes)
    assert check.detection["invented_promise"].k == 18
    assert (check.false_alarm.k, check.false_alarm.n) == (1, 20)
    assert check.status == "below minimum"
