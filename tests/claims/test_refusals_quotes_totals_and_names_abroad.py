"""Ordinary ways of telling a conversation the checker misread: a refusal that turns to
what was given instead, a step told "when done", an error message quoted, a sum told for
the two things it adds up, a charge the summary itself says was waived, and names in a
record written partly in another language."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims import check_summary, read_history
from service.claims.clause import read_clause
from service.claims.lexicon import CONDITIONAL
from service.claims.proper_names import spelt_otherwise
from service.claims.stated_acts import told_the_other_way


def test_a_sum_given_after_a_refusal_is_no_sum_refused() -> None:
    promo = (
        record(
            0,
            "chat",
            "Customer: can you give me a free month of Plus?\nAgent Dana: I can't add Plus "
            "from here, but I've put a $15 voucher on your account (valid 30 days).",
        ),
    )
    found, _ = findings_of("A $15 voucher was added instead.", promo, "negated_action")
    assert not found
    # A turn to what may only be done leaves the sum the refusal's.
    fee = (
        record(
            0,
            "chat",
            "Agent Dana: I can't refund the $15 delivery fee, sorry, but I can raise it with "
            "the billing team.",
        ),
    )
    found, _ = findings_of("The $15 delivery fee was refunded.", fee, "negated_action")
    assert found


@given(st.sampled_from(["done", "complete", "completed", "ready", "finished"]))
def test_a_step_told_when_done_sets_a_condition(word: str) -> None:
    assert CONDITIONAL.search(f"a fix is scheduled, with a text when {word}")
    assert CONDITIONAL.search(f"it ships once {word}")
    assert not CONDITIONAL.search(f"the repair was {word} on Monday")
    # A step promised once another is processed is still a step to come.
    assert not CONDITIONAL.search("utr will be shared once processed")


def test_a_step_told_when_done_is_not_told_done() -> None:
    chat = (
        record(
            0,
            "chat",
            "Agent Sam: I've found the fault and raised ticket TK-1203. A fix is scheduled "
            "and we'll text you once it's done, usually within 48 hours.",
        ),
    )
    report = check_summary(
        "Sam raised TK-1203; a fix is scheduled, with a text when done.", chat, OPTIONS
    )
    assert not [f for f in report.findings + report.abstentions if f.category == "status"]


def test_an_error_message_quoted_tells_no_act_undone() -> None:
    chat = (
        record(
            0,
            "chat",
            "Customer: new watch, error says Unable to add cellular plan\nBen: I've added the "
            "WatchLine ($10/month) to your line.",
        ),
    )
    evidence = read_history(chat, OPTIONS).evidence
    quoted = "the watch shows 'Unable to add cellular plan' when adding her WatchLine ($10/month)"
    assert not told_the_other_way(read_clause(quoted), evidence)
    told = "she was unable to add her WatchLine ($10/month) service"
    assert told_the_other_way(read_clause(told), evidence)


VET_CLAIM = (
    record(
        0,
        "email",
        "Claim review:\n1. 02/01 consult $80 - covered.\n2. 09/01 invoice $260: check-up $140 "
        "- covered; booster $95 - covered; grooming $25 - not covered.\nTotal reimbursed: $315.",
    ),
)


def test_a_sum_told_for_the_two_things_it_adds_up_stands() -> None:
    summary = "Reimbursed $315: $80 for the consult plus {} for the check-up and booster."
    found, _ = findings_of(summary.format("$235"), VET_CLAIM, "amount")
    assert not found
    found, _ = findings_of(summary.format("$255"), VET_CLAIM, "amount")
    assert found


def test_a_charge_the_summary_says_was_waived_is_told_in_order() -> None:
    chat = (
        record(
            0,
            "chat",
            "Agent Jo: The $40 late fee from the 3rd has been waived as a one-off, it's gone "
            "from your balance.",
        ),
    )
    told_both = "Customer was charged a $40 late fee; Jo waived the fee as a one-off."
    found, _ = findings_of(told_both, chat, "negated_action")
    assert not found


def test_a_title_in_another_language_is_no_name() -> None:
    chat = (
        record(
            0,
            "chat",
            "Kundin: ich brauche mehr Zeit für die Zahlung.\nAgent: Claudia Keller from "
            "accounts agreed to extend the deadline to 8 May.",
        ),
    )
    found, _ = findings_of("Frau Keller agreed to extend only to 8 May.", chat, "entity")
    assert not found


def test_a_name_the_records_give_in_their_own_language_is_no_swap() -> None:
    chat = (
        record(
            0,
            "chat",
            "Cliente: la patente non è arrivata, devo andare in Germania a febbraio.\n"
            "Operatore: il permesso provvisorio è valido solo in Italia, nessun costo.",
        ),
    )
    found, _ = findings_of("The provisional permit is valid in Italy only.", chat, "entity")
    assert not found


def test_a_name_spelt_otherwise_needs_a_name_inside_a_sentence() -> None:
    assert spelt_otherwise("Italy", "valido solo in Italia, nessun costo.")
    assert spelt_otherwise("Seville", "the hotel in Sevilla said so")
    # A sentence's first word is capitalised whatever it is; a lower-case word is no name.
    assert not spelt_otherwise("Court", "Could you check. The flat is fine.")
    assert not spelt_otherwise("Court", "ok.\n  Could you check")
    assert not spelt_otherwise("Paula", "asked to pause it")
    assert not spelt_otherwise("Portland", "flew via Portsmouth")
