"""How far a denial reaches: a cause is outside it; a closing "not received" denies what
the clause named."""

from __future__ import annotations

from service.claims.clause import read_clause


def test_a_cause_is_outside_what_a_negation_denies() -> None:
    clause = read_clause("No service due to a confirmed area outage")
    assert "servic" in clause.negated and not clause.negated & {"confirm", "outag"}
    assert "call-back" in read_clause("A callback is due to ring them back").acts


def test_a_closing_not_received_denies_what_the_clause_named() -> None:
    clause = read_clause("supervisor callback promised by 13 May, not received")
    assert "call-back" in clause.negated
    assert "credit" in read_clause("refund requested, not issued").negated
