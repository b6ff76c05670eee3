"""Acts a summary tells done late, awaited or done by the customer: none is an act denied
or invented. "The offset wasn't linked till today" says it was linked today; "she called
back" is the customer getting in touch again; "visit not yet booked" awaits the visit.
"""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, START, record

from service.claims import check_summary, kind_of
from service.claims.clause import read_clause
from service.claims.repeats import tells_of_an_earlier_contact


def _signals(summary: str, *notes: str, channel: str = "agent") -> tuple[set[str], set[str]]:
    """(signals raised, kinds abstained on) of `summary` against one record per note."""
    history = [record(day, channel, text) for day, text in enumerate(notes)]
    report = check_summary(summary, history, OPTIONS)
    return (
        {kind_of(f.category).name for f in report.findings},
        {kind_of(f.category).name for f in report.abstentions},
    )


_LINKED = "Refi settled 02/02. Offset account linked today after cx called. Interest adj $312.77."


def test_an_act_denied_until_a_time_in_the_past_was_done_then() -> None:
    raised, unsure = _signals("The offset wasn't linked till today, after he called.", _LINKED)
    assert "negated_action" not in raised | unsure
    raised, unsure = _signals("The offset was not linked, after he called.", _LINKED)
    assert "negated_action" in raised | unsure


def test_an_act_forbidden_until_a_time_to_come_is_still_denied() -> None:
    assert "use" in read_clause("Advised not to use the fan oven till the visit").negated
    assert "link" not in read_clause("the offset wasn't linked till today").negated


def test_the_customer_calling_back_is_no_callback() -> None:
    notes = (
        "Fan element replaced, £148 paid by card on site.",
        "Cx called - since Sun the oven trips the RCD ~5 min into fan oven. Booked revisit.",
    )
    raised, unsure = _signals("She called back because the oven trips the RCD.", *notes)
    assert "invented_promise" not in raised | unsure
    for customer in ("She called back because the oven trips", "cx rang back later"):
        assert "call-back" not in read_clause(customer).acts
    assert "call-back" in read_clause("The agent called her back about the oven").acts


_BOOKINGS = (
    "PH called chasing the claim. Sent referral manually, DryFast confirmed booking for Wed "
    "AM (8-12). Loss adjuster visit not yet booked, TBC after drying assessment."
)


def test_an_act_one_thing_awaits_is_not_denied_for_another() -> None:
    raised, _ = _signals("DryFast has booked a visit for Wednesday morning.", _BOOKINGS)
    assert not raised & {"negated_action", "invented_promise"}
    raised, _ = _signals("The loss adjuster visit has been booked.", _BOOKINGS)
    assert "negated_action" in raised


def test_an_act_told_still_to_come_agrees_with_one_not_done_yet() -> None:
    raised, _ = _signals("Loss adjuster visit to be booked after the drying check.", _BOOKINGS)
    assert not raised & {"negated_action", "invented_promise"}


def test_a_denial_does_not_reach_a_participle_after_a_possessive() -> None:
    clause = read_clause("The seller did not agree to the buyer's suggested £15 partial refund")
    assert "suggest" not in clause.negated and "agre" in clause.negated


def test_a_past_contact_told_with_its_day_is_earlier_unless_a_record_is_of_that_day() -> None:
    day = START.day  # the first record's day of the month
    told = f"Customer: I chatted with you people on {day + 11}th and nobody did anything"
    assert tells_of_an_earlier_contact([record(0, "chat", told)])
    same_day = f"Customer: I chatted with you people on {day}nd and nobody did anything"
    assert not tells_of_an_earlier_contact([record(0, "chat", same_day)])


def test_an_act_a_note_in_another_language_may_tell_is_an_abstention() -> None:
    thread = (
        "Estimado Hernán: el pedido de stop debit del 04/03 fue registrado con un error en el "
        "código de empresa, por lo que el débito del 10/03 de $38.700 no fue frenado.\n"
        "Hemos realizado la reversión del débito por $38.700 y la baja definitiva de la "
        "adhesión al débito automático.\n"
        "Saludos cordiales, Valeria G. - Atención a Clientes"
    )
    sms = "Banco Ceibo: Acreditamos en tu cuenta $38.700 (reversión débito automático)."
    history = [record(0, "email", thread), record(4, "sms", sms)]
    report = check_summary(
        "6 Mar: SMS confirmed $38,700 credited to his account.", history, OPTIONS
    )
    assert "invented_promise" not in {kind_of(f.category).name for f in report.findings}
    assert "invented_promise" in {kind_of(f.category).name for f in report.abstentions}
