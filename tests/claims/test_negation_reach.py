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


def test_what_someone_meant_or_wanted_is_denied_not_the_act_after_it() -> None:
    meant = read_clause("cancelled the auto-reorder he hadn't meant to sign up for")
    assert "sign" not in meant.negated
    wanted = read_clause("she did not want to cancel the plan")
    assert "cancel" not in wanted.negated and "want" in wanted.negated
    assert "cancel" in read_clause("she did not cancel the plan").negated


def test_a_not_before_a_verb_of_its_own_denies_that_verb() -> None:
    clause = read_clause("2,400 Shards bought Sat not showing")
    assert "buy" not in clause.negated and "show" in clause.negated
    assert "credit" in read_clause("refund requested, not issued").negated


def test_a_post_posed_refusal_is_said_of_the_noun_before_its_qualifier() -> None:
    assert read_clause("Comp for lost meeting refused").negated == {"comp"}
    lamp = read_clause("refund request for the damaged lamp refused")
    assert "credit" in lamp.negated and not lamp.negated & {"lamp", "damag"}
    assert "credit" in read_clause("refund of the fee declined").negated
