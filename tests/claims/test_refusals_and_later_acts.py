"""A doer's own refusal in a conversation's turns, and what a summary tells of after the
records: the slips the checker names in conversations no label sums up, and the faithful
readings of the same turns it leaves alone.

- "I'm not able to waive the processor fee" against "the agent waived the fee": clear,
  unless a line tells the act done or possible, or a later record grants it;
- "the fix has since been rolled out" where the newest record leaves it to come;
- "the reversal is still under review" against "the charge has been reversed";
- a count of e-mails the customer "had to" send, beyond the threads' own.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import findings_of, record

from service.claims.clause import read_clause

REFUSED = (
    record(
        0,
        "agent",
        "spk_0: there's a two ninety five convenience fee from the card processor\n"
        "spk_1: can you waive that I mean come on\n"
        "spk_0: I'm sorry I'm not able to waive the processor fee that's not ours\n"
        "spk_1: nah just do the card",
    ),
)


def test_an_act_told_done_that_the_doer_refused_is_named() -> None:
    found, _ = findings_of("The agent waived the $2.95 processor fee.", REFUSED, "negated_action")
    assert len(found) == 1


def test_the_refusal_told_as_it_was_is_no_finding() -> None:
    said = "The agent would not waive the $2.95 processor fee; he paid by card."
    assert findings_of(said, REFUSED, "negated_action") == ([], [])


@pytest.mark.parametrize(
    "later",
    [
        "spk_0: ok fine I'll waive it this once",
        "spk_0: actually I can waive the processor fee as a one-off",
    ],
)
def test_a_refusal_the_doer_goes_back_on_is_no_clear_evidence(later: str) -> None:
    history = (record(0, "agent", f"{REFUSED[0].notes}\n{later}"),)
    found, _ = findings_of("The agent waived the $2.95 processor fee.", history, "negated_action")
    assert found == []


def test_a_refusal_a_later_record_overturns_is_no_clear_evidence() -> None:
    history = (*REFUSED, record(3, "email", "Good news - we have waived the processor fee."))
    found, _ = findings_of("The agent waived the $2.95 processor fee.", history, "negated_action")
    assert found == []


def test_a_refusal_of_another_thing_named_by_it_alone_is_no_evidence() -> None:
    history = (
        record(
            0,
            "email",
            "The R$ 180,00 tow charge was wrong; reembolso aprovado by PIX in 5 days.\n"
            "About the taxi (R$ 95,00), unfortunately we cannot reimburse it.",
        ),
    )
    found, _ = findings_of("Luana approved a refund of the R$180.", history, "negated_action")
    assert found == []


AWAITED = (
    record(
        0,
        "chat",
        "Customer: my TV only shows HD now, no 4K\n"
        "Agent: this is a known issue with app version 7.2 on some models, a fix is expected "
        "in the next app update by the end of June\nCustomer: ok",
    ),
)


def test_a_fix_told_done_after_the_newest_record_is_a_status_finding() -> None:
    found, _ = findings_of("4K playback has since been fixed as well.", AWAITED, "status")
    assert len(found) == 1


def test_the_awaited_fix_told_still_to_come_is_no_finding() -> None:
    said = "A known issue with app 7.2; the 4K fix is expected in the next update by end of June."
    assert findings_of(said, AWAITED, "status")[0] == []


def test_a_fix_told_done_with_no_word_of_after_is_left_to_the_unlabelled_reading() -> None:
    found, unsure = findings_of("4K playback was fixed as well.", AWAITED, "status")
    assert found == [] and len(unsure) == 1


REVERSED = (
    record(
        0,
        "email",
        "Thank you for your email. The minibar charge of AED 65 has been reversed and a "
        "refund was issued to your card today (reference RF-20931).",
    ),
)


@pytest.mark.parametrize(
    "pending",
    ["still under review with Finance", "still awaiting approval", "not yet confirmed"],
)
def test_a_reversal_told_pending_that_a_turn_tells_done_is_named(pending: str) -> None:
    said = f"Minibar charge reversal {pending} (ref RF-20931)."
    found, _ = findings_of(said, REVERSED, "status")
    assert len(found) == 1


MAILED = (
    record(
        0,
        "email",
        "From: Olena Kovalenko\nDate: 10 March 2026\nSubject: cancel booking\n\n"
        "Please cancel my 18-20 March booking, my flight was cancelled.",
    ),
    record(
        2,
        "email",
        "From: Reservations Desk\nDate: 13 March 2026\nSubject: RE: cancel booking\n\n"
        "Dear Olena, we have cancelled the booking and issued a credit note.\n\n"
        "> From: Olena Kovalenko\n> Date: 12 March 2026\n> Nobody has replied to me!",
    ),
)


def test_a_count_of_mails_the_customer_had_to_send_is_read() -> None:
    said = "She had to email three times before getting a reply."
    found, _ = findings_of(said, MAILED, "count")
    assert len(found) == 1
    assert findings_of(said, MAILED, "promise") == ([], [])
    assert findings_of("She had to email twice before getting a reply.", MAILED, "count")[0] == []


@given(st.sampled_from(["received", "sent", "added", "done"]))
def test_a_bare_denied_verb_names_no_thing_of_its_own(verb: str) -> None:
    history = (record(0, "chat", f"Agent: we {verb} both of your readings at 06:30 today"),)
    said = f"Replacement ordered, due in 5-7 working days; not yet {verb}."
    assert findings_of(said, history, "negated_action")[0] == []


def test_a_closing_participle_is_not_said_of_a_part_with_its_own_subject() -> None:
    clause = read_clause("Offered WCHR, he'll check w/ her, not added")
    assert "check" not in clause.negated
    assert "check" not in read_clause("he will check with her, not added").negated
    assert "call-back" in read_clause("callback promised by 13 May, not received").negated


def test_a_requirement_is_no_act_told_done() -> None:
    assert read_clause("need benefit letter posted/uploaded w/in 30 days").mode == "request"
    assert read_clause("benefit letter posted on 3 May").mode == "done"
