"""PII leak check: source PII repeated in a summary, compared in digit-normalised form."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from eval.metrics.pii import leaked_pii, luhn_valid, pii_in_summary, source_pii
from service.models import Interaction

FILLER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.;:", max_size=40)


def _source(notes: str) -> tuple[Interaction, ...]:
    stamp = datetime(2025, 11, 3, 14, tzinfo=UTC)
    return (Interaction(channel="chat", timestamp=stamp, intent="FraudReport", notes=notes),)


def _luhn_complete(body: str) -> str:
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise AssertionError("unreachable: one check digit always fits")


def test_source_pii_finds_phones_cards_emails_and_accounts() -> None:
    notes = (
        "Verified acct 2046609315. Card 4012 8888 8888 1881 typed in chat. "
        "Email Tom_Home25@example.net, callback (555) 013-5453. Not a card: 1234 5678 9012 3456."
    )
    found = source_pii(_source(notes))
    assert {"2046609315", "4012888888881881", "tom_home25@example.net", "5550135453"} <= found
    assert "1234567890123456" not in found  # fails the Luhn check


def test_leaked_pii_matches_any_formatting_of_the_same_number() -> None:
    source = _source("Callback number 555-010-4477; card 4111 1111 1111 1111.")
    assert leaked_pii("Call back on 5550104477.", source) == ["5550104477"]
    assert leaked_pii("Reach them at +1 (555) 010-4477.", source) == ["+1 (555) 010-4477"]
    assert leaked_pii("Card 4111-1111-1111-1111 on file.", source) == ["4111-1111-1111-1111"]
    assert leaked_pii("Card ending 1111, callback promised.", source) == []


def test_leaked_pii_counts_only_source_pii_and_the_account_number() -> None:
    source = _source("Customer asked about the bill.")
    assert leaked_pii("Call 555-999-0000.", source) == []  # invented, not leaked
    assert leaked_pii("Account 8579031753 verified.", source, account_number="8579031753") == [
        "8579031753"
    ]


PHONE_FORMATS = ("({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "{a}{b}{c}", "+1 {a} {b} {c}")


@settings(max_examples=80, deadline=None)
@given(
    kind=st.sampled_from(["phone", "card", "email"]),
    digits=st.text(alphabet="0123456789", min_size=15, max_size=15),
    source_format=st.integers(0, len(PHONE_FORMATS) - 1),
    summary_format=st.integers(0, len(PHONE_FORMATS) - 1),
    user=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12),
    before=FILLER,
    after=FILLER,
    notes_before=FILLER,
)
def test_leaked_pii_finds_a_planted_item_in_any_position(
    kind: str,
    digits: str,
    source_format: int,
    summary_format: int,
    user: str,
    before: str,
    after: str,
    notes_before: str,
) -> None:
    if kind == "phone":
        a, b, c = "555", "01" + digits[0], digits[1:5]
        in_source = PHONE_FORMATS[source_format].format(a=a, b=b, c=c)
        in_summary = PHONE_FORMATS[summary_format].format(a=a, b=b, c=c)
    elif kind == "card":
        number = _luhn_complete("4" + digits[:14])
        in_source = " ".join(number[i : i + 4] for i in range(0, 16, 4))
        in_summary = number if summary_format % 2 else in_source
    else:
        in_source = f"{user}@example.org"
        in_summary = in_source.upper() if summary_format % 2 else in_source
    source = _source(f"{notes_before} contact: {in_source} .")
    summary = f"{before} {in_summary} {after}"
    assert leaked_pii(summary, source), (summary, in_source)


REFERENCE_LEADS = st.sampled_from(
    ["case ", "Case CS-", "ref ", "Ref no. ", "ticket KP-", "SR ", "order ", "Complaint No. NX-"]
)


@given(lead=REFERENCE_LEADS, number=st.from_regex(r"\d{3}-?\d{3}-?\d{4}", fullmatch=True))
@settings(max_examples=60, deadline=None)
def test_a_case_or_order_number_is_a_reference_not_a_phone(lead: str, number: str) -> None:
    # The agent needs the case number the records give; only a person's number is secret.
    notes = f"Opened {lead}{number} for the refund."
    assert source_pii(_source(notes)) == set()
    assert leaked_pii(f"Refund tracked under {lead}{number}.", _source(notes)) == []
    assert pii_in_summary(f"Refund tracked under {lead}{number}.") == []


@given(number=st.from_regex(r"\(\d{3}\) \d{3}-\d{4}", fullmatch=True))
@settings(max_examples=30, deadline=None)
def test_a_phone_after_ordinary_words_is_still_a_phone(number: str) -> None:
    notes = f"Customer asked for a call back on {number} after 5pm."
    assert source_pii(_source(notes))
    assert leaked_pii(f"Call back on {number}.", _source(notes))
