"""What a faithful summary tells as its records do, and the checker read the other way: an
offer declined ("declined an offer to review his settings" of "Offered to review settings
- declined"), an id's number written "no" ("acc no transposed"), a name spelt out from
initials written with a small letter ("Confirmation of Payee" of "CoP"), a quality denied
("the fixed charge is not refundable"), a fee refused ("refused the $25 test fee"), a
refund done and shown as pending, a contact number that is a date ("call 12/05"), a
contact a note numbers on an earlier day ("his 1st call 2/1") and a saying ("third time
lucky")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import findings_of, record

from service.claims.clause import read_clause
from service.claims.mentions import CONTACT_NUMBER
from service.claims.repeats import numbers_given

OFFER = (
    record(
        0,
        "agent",
        "IB call. Mbr asked for fee waiver on $15 overdraft fee - WAIVED $15 one-time "
        "courtesy. Offered to review QuickSend settings / add recipient confirmation - "
        "declined.",
    ),
)
PAYMENT = (
    record(
        0,
        "agent",
        "IB call. Sent £1,250.00 Faster Payment Fri 06/03 to builder. Checked: 2 digits of "
        "acc no transposed, pmt went to acct at Arden Building Society. CoP returned 'No "
        "match' at time of pmt, cx chose to continue. Raised recall req w/ Arden BS.",
    ),
)
CHARGES = (
    record(
        0,
        "agent",
        "Cx asked re: R30 service fee on token - adv that's the monthly fixed charge, "
        "deducted on first purchase each month, not refundable. Meter test scheduled for "
        "Thu, $25 fee only if meter accurate. Refunded £23.40 interest as gesture - done, "
        "shows as pending credit.",
    ),
)
CONTACTS = (
    record(
        0,
        "chat",
        "Customer: exchange sent the wrong colour again.\nAgent: sorry, navy sent today.\n"
        "Customer: ok hopefully third time lucky",
    ),
    record(
        7,
        "agent",
        "Inbound call 12/05 10:15 - agent: Rob. Cx navy jumper rec'd. This is her 2nd "
        "contact about this order.",
    ),
)


def test_an_offer_declined_denies_taking_it_up_not_the_act_offered() -> None:
    clause = read_clause("He declined an offer to review his QuickSend settings")
    assert (clause.mode, "review" in clause.negated, "accept" in clause.negated) == (
        "offer",
        False,
        True,
    )
    said = "He declined an offer to review his QuickSend settings."
    assert findings_of(said, OFFER, "negated_action") == ([], [])


def test_an_ids_number_written_no_is_no_negation() -> None:
    said = "Two digits of the account number had been transposed."
    assert findings_of(said, PAYMENT, "negated_action") == ([], [])
    found, _ = findings_of("The digits were not transposed.", PAYMENT, "negated_action")
    assert ["transpos" in f.reason for f in found] == [True]
    assert read_clause("account no longer active").negated == frozenset()


def test_a_name_spelt_out_from_initials_with_a_small_letter() -> None:
    said = "The Confirmation of Payee check returned no match."
    assert findings_of(said, PAYMENT, "entity") == ([], [])
    found, _ = findings_of("The Verification of Payee check said no.", PAYMENT, "entity")
    assert any("'Verification'" in f.reason for f in found)


def test_a_quality_denied_and_a_fee_refused_leave_the_act_alone() -> None:
    quality = read_clause("the R30 monthly fixed charge is not refundable")
    assert "charg" not in quality.negated and "refundabl" in quality.negated
    assert "credit" in read_clause("the refund is not possible").negated
    fee = read_clause("first refused $25 test fee")
    assert (sorted(fee.negated), "test" in fee.negated) == (["fee"], False)
    # A verb the refusal governs is refused with its object.
    assert {"waiv", "fee"} <= read_clause("the bank refused to waive the fee").negated
    for said in (
        "He was told the R30 monthly fixed charge is not refundable.",
        "She first refused the $25 test fee.",
    ):
        assert findings_of(said, CHARGES, "negated_action") == ([], [])


def test_a_refund_done_and_shown_as_pending_is_no_status_slip() -> None:
    said = "£23.40 interest refunded (pending credit)."
    assert findings_of(said, CHARGES, "status") == ([], [])


def test_a_contact_told_with_a_date_is_held_to_the_records_own_number() -> None:
    counted = numbers_given(CONTACTS)
    assert (counted.ordinals, counted.contacts) == ({2}, 2)
    found, _ = findings_of("Rob (call 12/5, her 3rd contact): navy fine.", CONTACTS, "count")
    assert [f.reason for f in found] == ["the records hold 2 contacts"]
    assert findings_of("Rob (call 12/5, her 2nd contact): ok.", CONTACTS, "count") == ([], [])


@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.sampled_from(["call", "contact", "attempt"]),
    st.sampled_from(["/", ".", "-"]),
)
def test_a_date_or_a_time_after_a_contacts_noun_numbers_no_contact(
    day: int, month: int, noun: str, mark: str
) -> None:
    assert CONTACT_NUMBER.findall(f"{noun} {day}{mark}{month:02d} at 10:15") == []
    assert CONTACT_NUMBER.findall(f"{noun} {day} of 3") == [str(day)]


def test_a_contact_a_record_numbers_on_an_earlier_day_came_before_it() -> None:
    history = (
        record(
            1,
            "agent",
            "Cx re lost phone (snatched 2/1). Line was barred on his 1st call 2/1 1:12pm. "
            "Today: new SIM issued.",
        ),
    )
    assert numbers_given(history).earlier_counted == 1
    said = "He called a second time; the line had been barred on his first call."
    assert findings_of(said, history, "count") == ([], [])
    found, _ = findings_of("He called a fourth time about the phone.", history, "count")
    assert len(found) == 1
