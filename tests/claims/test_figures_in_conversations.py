"""Figures as conversations and their summaries write them: a slot said "eight till one",
an id spelt out with "dash", "₹24k", "apr 17-20"; a message that ends on an emoji; a
customer's mood in an agent's note; a promise bound to a day no record gives."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.layout import cut_off

CALL = (
    record(
        0,
        "agent",
        "spk_0: um the broadband drops every evening from about seven o'clock\n"
        "spk_1: uh the earliest engineer slot is wednesday the 20th eight till one\n"
        "spk_1: booked reference uh n g f dash three three oh four one\n"
        "spk_0: and my claim was for twenty four thousand rupees\n"
        "spk_1: redelivery will be between eight and six on tuesday\n"
        "spk_0: um okay thank you so much",
    ),
)
CHAT = (
    record(
        0,
        "chat",
        "Guest: new orleans, apr 17-20, 3 nights\nAgent: I can move it, anything else?\nGuest: no",
    ),
)
NOTE = (record(0, "agent", "Cx called re fee.\nAdvised on options.\nCx calm, polite, said thx."),)


def reasons(summary: str, records: tuple[object, ...] = CALL) -> list[str]:
    report = check_summary(summary, records, OPTIONS)  # type: ignore[arg-type]
    return [f.reason for f in report.findings]


def test_times_said_as_slots_and_oclock_are_given() -> None:
    summary = "Drops from about 7pm; engineer booked Wed 8am-1pm; redelivery 8am-6pm."
    assert not [r for r in reasons(summary) if "time of day" in r]
    assert any("time of day" in r for r in reasons("Engineer booked for 3pm."))


def test_an_id_spelt_out_with_dash_is_given() -> None:
    assert not [r for r in reasons("Engineer booked, ref NGF-33041.") if "ticket" in r]
    assert any("ticket" in r for r in reasons("Engineer booked, ref NGF-33042."))


def test_an_amount_with_a_scale_is_the_amount() -> None:
    assert not [r for r in reasons("Claim was for ₹24k.") if "amount" in r]
    assert any("amount" in r for r in reasons("Claim was for ₹25k."))


def test_both_ends_of_a_span_of_days_are_dates() -> None:
    assert not [r for r in reasons("Booking 17-20 April, moved.", CHAT) if "date" in r]


def test_an_emoji_ends_a_message() -> None:
    assert not cut_off("Refund done, she's happy 🙏")
    assert cut_off("Refund of 🙏")


def test_a_calm_customer_told_angry_is_a_contradiction() -> None:
    assert any("sentiment" in r or "customer is" in r for r in reasons("Mood: angry.", NOTE))
    assert not [r for r in reasons("Mood: calm.", NOTE) if "customer is" in r]


def test_a_promise_bound_to_a_day_no_record_gives_is_a_finding() -> None:
    report = check_summary("Agent will call her back on Friday.", CHAT, OPTIONS)
    assert [f for f in report.findings if f.category == "promise"]


THIRD_CALL = (
    record(
        0,
        "agent",
        "spk_0: um this is the third time im calling about the bill\n"
        "spk_1: uh sorry about that let me check",
    ),
)


def test_a_contact_numbered_otherwise_than_the_records_is_a_count_finding() -> None:
    assert any("number the times" in r for r in reasons("Second call about the bill.", THIRD_CALL))
    assert not [r for r in reasons("Third call about the bill.", THIRD_CALL) if "number" in r]
    assert not [r for r in reasons("Fourth call now.", THIRD_CALL) if "number" in r]


def test_dates_and_time_limits_in_a_records_own_language_are_given() -> None:
    turkish = (record(0, "email", "Dolap 12 Şubat teslim edildi.\nKonser 21 Haz 2026."),)
    assert not [
        r for r in reasons("Delivered 12 February; concert 21 June.", turkish) if "date" in r
    ]
    vietnamese = (record(0, "chat", "Vy: hoàn 30.000đ trong vòng 5 ngày làm việc nha\nLan: ok"),)
    summary = "Refund of 30k requested, expected within 5 working days."
    assert not [r for r in reasons(summary, vietnamese) if "length of time" in r]
