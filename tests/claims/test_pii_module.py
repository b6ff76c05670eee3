"""The shared PII definition: what it finds, and that every masker removes all of it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eval.metrics.pii import pii_in_summary
from eval.weekly.cases import redact_pii
from service.observability import scrub
from service.pii import find_pii, redact

EXAMPLES = {
    "email": "jordan.lee@example.org",
    "card": "4111 1111 1111 1111",
    "phone": "+44 20 7946 0958",
    "ssn": "123-45-6789",
    "dob": "DOB 03/14/1985",
    "address": "42 Maple Avenue, Apt 3B",
    "account": "account number 8579031753",
    "spelled": "five five five zero one zero four four seven seven",
}
NOT_PII = (
    "A $45.00 late fee was refunded on March 3.",
    "Card ending 1111 was charged twice.",
    "The customer called 3 times in 7 days about order 4821.",
    "Technician visit booked for 2026-03-14 between 9 and 12.",
    # A reference's number, named as one, is no phone whatever its shape.
    "The agent opened a dispute (protocol 2026-0903-7781) for one charge.",
    "Return RMA 4471 0926 88 was approved; voucher 3300 4471 29 sent.",
    # ... in brackets after its word, or after the word in the records' language.
    "He registered a funds-recovery request (20260318-0457) with the other bank.",
    "Stop debit gimnasio - me debitaron igual [Gestión 2026-118204].",
    # A parcel's id, glued to its code's letters once, is that id read out anywhere else.
    "Object number RR812334905PT: the menu reads it as RR 812 334 905 PT.",
    # A reference that opens with the day it was raised, with no word before it.
    "Lodged new claim CLM 2026-0309-4471 for the hail damage.",
    "Customer: TU 2026 0419 7731",
)


def test_each_kind_is_found_in_a_sentence() -> None:
    for kind, value in EXAMPLES.items():
        kinds = {m.kind for m in find_pii(f"Note: {value}, per the customer.")}
        assert kinds == {kind}, (kind, kinds)


def test_amounts_dates_counts_and_last_four_are_not_pii() -> None:
    for text in NOT_PII:
        assert find_pii(text) == [], text


pii_values = st.sampled_from(sorted(EXAMPLES.values()))
filler = st.sampled_from(["Customer called.", "Refund of $20 issued.", "Call back Monday.", ""])


@settings(max_examples=150, deadline=None)
@given(before=filler, value=pii_values, after=filler)
def test_every_masker_removes_what_the_leak_metric_calls_pii(
    before: str, value: str, after: str
) -> None:
    text = f"{before} Details: {value}. {after}"
    assert pii_in_summary(text), text
    for masked in (redact(text), scrub(text), redact_pii(text)):
        assert pii_in_summary(masked) == [], (text, masked)


@given(
    st.integers(2020, 2039),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 9999),
    st.sampled_from(["-", " ", "."]),
)
def test_a_reference_stamped_with_its_day_is_no_phone(
    year: int, month: int, day: int, serial: int, mark: str
) -> None:
    reference = f"{year}{mark}{month:02d}{day:02d}{mark}{serial:04d}"
    assert find_pii(f"Ticket {reference} raised.") == find_pii(f"Raised it: {reference}") == []


@given(st.integers(200, 999), st.integers(200, 999), st.integers(0, 9999))
def test_a_phone_written_three_three_four_is_still_found(
    area: int, exchange: int, line: int
) -> None:
    phone = f"{area}-{exchange}-{line:04d}"
    assert [match.kind for match in find_pii(f"Call me back on {phone} today.")] == ["phone"]
