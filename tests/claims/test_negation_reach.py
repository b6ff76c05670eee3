"""How far a denial reaches: a cause is outside it; a closing "not received" denies what
the clause named."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, in_a_chat

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


def test_a_subordinate_clause_is_outside_the_negation_before_it() -> None:
    lamp = read_clause("a floor lamp that went missing when he moved in")
    assert "mov" not in lamp.negated
    assert "credit" in read_clause("the refund was not issued when he called").negated
    assert "call" not in read_clause("the refund was not issued when he called").negated


def test_a_participle_describing_the_subject_is_not_what_is_denied() -> None:
    bag = read_clause("her checked bag didn't arrive")
    assert "bag" in bag.negated and "check" not in bag.negated
    promised = read_clause("the promised callback never came")
    assert "call-back" in promised.negated and "promis" not in promised.negated
    # Without a determiner the participle is the clause's own verb, and is denied.
    assert "apply" in read_clause("the credit was never applied").negated
    # A possessive is a determiner too, and its owner is not what is denied.
    owned = read_clause("Customer's checked bag did not arrive on his 2 May flight")
    assert "bag" in owned.negated
    assert not {"check", "customer"} & owned.negated


def test_not_before_a_preposition_denies_where_a_thing_is() -> None:
    locker = read_clause("Locker not in the cancel note so June stands")
    assert "cancel" not in locker.negated
    assert "cancel" in read_clause("the locker was not cancelled").negated


def test_a_denying_verb_before_a_gerund_denies_that_act_and_its_object() -> None:
    missed = read_clause("the warehouse missed triggering the replacement")
    assert {"trigger", "replac"} <= missed.negated and "warehous" not in missed.negated
    assert read_clause("first payment missed").negated == {"payment"}


def test_a_dated_verb_before_a_closing_denial_is_not_what_it_denies() -> None:
    lens = read_clause("lens A$489 from a 3rd-party seller, bought 21/3, never dispatched")
    assert "dispatch" in lens.negated and "buy" not in lens.negated
    assert "pay" not in read_clause("robot vacuum RM1,349 paid 28/4, never rcvd").negated
    assert "credit" in read_clause("refund paid, not received").negated


def test_an_attempt_that_failed_was_made() -> None:
    assert not read_clause("two remote resets failed").negated
    assert "payment" in read_clause("the first payment failed").negated


def test_nothing_of_a_kind_denies_the_verb_it_is_the_subject_of() -> None:
    assert "approv" in read_clause("RB said nothing of the kind is approved").negated
    assert "chang" in read_clause("nothing in the account was changed").negated


def test_an_act_told_done_and_within_a_denial_is_told_neither_way() -> None:
    # "added" and "processing" read as one act: the clause tells it both ways.
    clause = read_clause(
        "She added his travel date to the file without promising faster processing"
    )
    assert "apply" in clause.mixed and "promis" in clause.negated
    assert not read_clause("The agent did not apply the credit").mixed
    # The act a denial reaches first stays denied, whatever the clause tells done after it.
    sent = read_clause("has not supplied any receipt to show the extender was sent back")
    assert "send" in sent.negated and not sent.mixed
    history = in_a_chat("Agent: I've added a note with your travel date. No promises on speed.")
    summary = "Agent added her travel date as a note without promising faster processing."
    assert "negated_action" not in categories_of(summary, history)
    assert "negated_action" in categories_of("Agent did not add her travel date.", history)


def test_a_negated_gerund_ends_where_the_clauses_own_verb_starts() -> None:
    clause = read_clause("Complaint about not being told at enrolment passed to the sales team")
    assert "pass" not in clause.negated and "enrolment" in clause.negated
    assert "receiv" in read_clause("not having received the parcel").negated
