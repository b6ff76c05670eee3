"""Mechanical fact families on hand-made samples: exact variants, and None when they do
not apply."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.metaeval_cases import amounts, context, counts, dates, record, sample, summaries

from eval.metaeval import FAMILIES

DISPUTE = sample(
    record("Data overage charge $26 questioned. Submitted BD-94364, 5-7 business days.", day=3),
    record(
        "Customer asked for dispute status. Agent confirmed BD-94364 open.", channel="chat", day=6
    ),
)
TEXT = (
    "Customer has contacted us twice about a $26 data overage charge. On Nov 3 dispute "
    "BD-94364 was filed. A Nov 6 chat found it still open. Customer sentiment: frustrated."
)


def make(family: str, text: str = TEXT, **kwargs: object) -> str | None:
    variant = FAMILIES[family].make(context(family, DISPUTE, text, **kwargs))  # type: ignore[arg-type]
    return None if variant is None else variant.text


def test_wrong_amount_swaps_digits_and_keeps_the_format() -> None:
    assert make("wrong_amount") == TEXT.replace("$26", "$62")


def test_wrong_amount_keeps_cents_and_commas() -> None:
    text = "A $1,398.87 order was disputed."
    changed = make("wrong_amount", text)
    assert changed is not None and changed != text
    assert changed.startswith("A $") and changed.endswith(" order was disputed.")
    assert "," in changed and changed.split("$")[1].split(" ")[0].count(".") == 1


def test_wrong_amount_does_not_apply_without_an_amount() -> None:
    assert make("wrong_amount", "The customer called about slow internet.") is None


def test_shifted_date_moves_the_date_in_its_own_format_avoiding_record_dates() -> None:
    # The first offset (-14 days) is free: Oct 20 is not a record date.
    assert make("shifted_date") == TEXT.replace("On Nov 3", "On Oct 20")
    padded = make("shifted_date", TEXT.replace("Nov 3", "Nov 03"))
    assert padded == TEXT.replace("On Nov 3", "On Oct 20")
    # 11/9 lies in the "5-7 business days" after Nov 3 (a derived date): a week back instead.
    assert make("shifted_date", "Dispute filed 11/23.") == "Dispute filed 11/16."
    assert make("shifted_date", "First due 08/26.") == "First due 08/12."


def test_shifted_date_skips_range_starts_and_dateless_text() -> None:
    assert make("shifted_date", "Contacts on Sep 14-17 about wifi.") is None
    assert make("shifted_date", "No dates here.") is None


def test_wrong_count_changes_the_count_in_its_own_form() -> None:
    assert make("wrong_count") == TEXT.replace("twice", "three times")
    digits = make("wrong_count", "Customer contacted us 3 times via chat.")
    assert digits is not None and digits.startswith("Customer contacted us ")
    assert digits.endswith(" times via chat.") and " 3 times" not in digits
    words = make("wrong_count", "Three calls so far; 4 payments of $50.")
    assert words == "Two calls so far; 4 payments of $50."


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=0, max_value=3))
@settings(max_examples=40, deadline=None)
def test_a_wrong_contact_total_is_one_no_reading_of_the_records_allows(
    said: int, notices: int
) -> None:
    # Two conversations and some texts the company sent: a fair total is 2 (the customer's
    # own contacts) up to every record; a wrong one lies outside that.
    history = sample(
        record("Customer asked about a $26 charge.", day=1),
        record("Customer asked again about the charge.", channel="chat", day=2),
        *(
            record(f"Notice {n}: your bill is ready.", channel="sms", day=3 + n)
            for n in range(notices)
        ),
    )
    text = f"Customer contacted us {said} times about a $26 charge."
    variant = FAMILIES["wrong_count"].make(context("wrong_count", history, text))  # type: ignore[arg-type]
    assert variant is not None
    count = int(variant.text.split("contacted us ")[1].split(" ")[0])
    assert not 2 <= count <= 2 + notices


def test_wrong_count_does_not_apply_without_a_count() -> None:
    assert make("wrong_count", "The customer waited 2 days for a reply.") is None


def test_entity_swap_changes_a_ticket_id_keeping_its_shape() -> None:
    changed = make("entity_swap")
    assert changed == TEXT.replace("BD-94364", "BD-49364")


def test_entity_swap_swaps_a_device_for_another_kind() -> None:
    changed = make("entity_swap", "The agent restarted the modem remotely.")
    assert changed == "The agent restarted the set-top box remotely."


def test_entity_swap_does_not_apply_without_an_entity() -> None:
    assert make("entity_swap", "The customer is upset about the wait.") is None


@settings(max_examples=100, deadline=None)
@given(text=summaries, rng=st.randoms(use_true_random=False))
def test_fact_families_change_only_their_own_fact(text: str, rng: random.Random) -> None:
    changed = {}
    for family in ("wrong_amount", "shifted_date", "wrong_count"):
        variant = FAMILIES[family].make(context(family, DISPUTE, text, rng=rng))
        if variant is not None:
            changed[family] = variant.text
    if "wrong_amount" in changed:
        new = changed["wrong_amount"]
        assert amounts(new) != amounts(text) and sum(amounts(new).values()) == sum(
            amounts(text).values()
        )
        assert dates(new) == dates(text) and counts(new) == counts(text)
    if "shifted_date" in changed:
        new = changed["shifted_date"]
        assert dates(new) != dates(text) and len(dates(new)) == len(dates(text))
        assert amounts(new) == amounts(text) and counts(new) == counts(text)
    if "wrong_count" in changed:
        new = changed["wrong_count"]
        assert amounts(new) == amounts(text) and dates(new) == dates(text)
        assert new != text
