"""Records read as exports from elsewhere write them: days dotted with no year after "from"
and "to", two days a transcript says joined, a sum run on from its currency's letters,
sums after a one-letter currency, a reply sent by a desk whose name says so, and the
company telling the customer an act is open to them again."""

from __future__ import annotations

from decimal import Decimal

from oci_testing.claim_histories import findings_of, record

from service.claims.mentions import DAY_ALONE, dotted_days, money_amounts
from service.claims.threads import sent_by_the_company

# Day 0 is Monday 2 March 2026.
MOVED = (
    record(
        0,
        "chat",
        "@jule: Delivery moved from 12.3 to 15.3, and on 15.3 they brought the "
        "oven without the electrician! I paid 89 € for installation",
    ),
)


def test_days_dotted_after_from_and_to_are_days() -> None:
    assert dotted_days("moved from 22.4 to 25.4, and") == {(4, 22), (4, 25)}
    # A figure with a unit after it is no day.
    assert dotted_days("weighs from 2.5 kg") == set()
    found, _ = findings_of("Oven delivered 15/3 (moved from 12/3).", MOVED, "date")
    assert not found
    found, _ = findings_of("Oven delivered 15/3 (moved from 11/3).", MOVED, "date")
    assert found


SAID_DAYS = (
    record(
        0,
        "agent",
        "CUSTOMER: the electrician was coming fourth then sixth and both times "
        "he did not come\nAGENT: i see it is now fixed for thursday twelfth",
    ),
)


def test_two_days_a_transcript_joins_are_days() -> None:
    assert [m.group(0) for m in DAY_ALONE.finditer("coming 4th then 6th and")] == ["4th then 6th"]
    # Ordinals of a thing counted are no days.
    assert not list(DAY_ALONE.finditer("my 2nd or 3rd call"))
    assert not list(DAY_ALONE.finditer("1st and 2nd line support"))
    found, _ = findings_of("Electrician no-show 4/3 & 6/3, now Thu 12/3.", SAID_DAYS, "date")
    assert not found
    found, _ = findings_of("Electrician no-show 5/3 & 6/3, now Thu 12/3.", SAID_DAYS, "date")
    assert found


def test_a_sum_run_on_from_letters_holds_no_shorter_sum() -> None:
    assert money_amounts("waive the RM4,850 balance") == {Decimal("4850.00")}
    assert Decimal("850.00") in money_amounts("a fee of RM 850")


CHARGES = (
    record(
        0,
        "agent",
        "- Cx saw 2 carrier-billing charges after loss: P500 + P350 (game "
        "credits). Filed dispute.\n- Deductible P4,500 if approved.",
    ),
)


def test_sums_after_a_one_letter_currency_in_the_records_are_sums() -> None:
    found, unsure = findings_of("Charges of ₱500 and ₱350 disputed.", CHARGES, "amount")
    assert not found and not unsure
    found, _ = findings_of("Charges of ₱400 and ₱350 disputed.", CHARGES, "amount")
    assert found


def test_a_reply_from_a_named_desk_is_the_companys() -> None:
    for desk in (
        "Ciara - Westmeath Echo Subscriptions",
        "Quaystone Compliance",
        "Harbour Club Membership Enquiries",
    ):
        assert sent_by_the_company(f"From: {desk}\nSubject: RE: your account\n\nHi,\nThanks.")
    assert not sent_by_the_company("From: Siobhan Kavanagh\nSubject: charged\n\nThanks.")


LIFTED = (
    record(
        0,
        "email",
        "From: Daniel\nHi, I can't withdraw my own £3,200 and nobody told me this could happen.",
    ),
    record(
        20,
        "email",
        "From: Quaystone Support\nDear Daniel, the restriction on your account "
        "was lifted on 21 March. You can withdraw your GBP balance as normal.",
    ),
)


def test_an_act_the_company_opens_to_the_customer_is_told_possible() -> None:
    summary = "The restriction was lifted on 21 March and he can withdraw his £3,200."
    found, _ = findings_of(summary, LIFTED, "negated_action")
    assert not found
    found, _ = findings_of(summary, LIFTED[:1], "negated_action")
    assert found
