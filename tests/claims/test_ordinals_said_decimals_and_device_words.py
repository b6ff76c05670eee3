"""Records that write ordinary things their own way: a French first of the month, a decimal
comma said aloud, a chat line stamped with its time, a device word with no device to swap,
a Turkish hour, a flight's day in brackets, an agent signing with initials, a Polish number
of months, a status a message listed, and parts that were missing and then sent."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims import check_summary
from service.claims.foreign_numbers import prices_said_in_words
from service.claims.mentions import mentioned_dates
from service.claims.role_rivals import staff_named

FRENCH_MAIL = (
    record(
        0,
        "email",
        "Bonjour, votre engagement se termine le 30/06/2026 ; à partir du 1er juillet vous "
        "pourrez résilier le pack sans frais. Cordialement, Hajar",
    ),
)


def test_a_first_of_the_month_with_its_french_ordinal_mark_is_a_date() -> None:
    assert any((7, 1) in found for _, found in mentioned_dates("à partir du 1er juillet"))
    assert any((5, 1) in found for _, found in mentioned_dates("el 1º de mayo"))
    kept, _ = findings_of("He can cancel free of charge from 1 July.", FRENCH_MAIL, "date")
    moved, _ = findings_of("He can cancel free of charge from 1 September.", FRENCH_MAIL, "date")
    assert not kept
    assert moved


ROAMING_CALL = (
    record(
        0,
        "agent",
        "CONSEILLER: le maroc c'est la zone deux donc hors forfait à zéro virgule quinze "
        "euro le méga\nCLIENT: personne me l'a dit",
    ),
)

_FRENCH_DIGITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
_FRENCH_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50}


@given(st.integers(0, 9), st.sampled_from(sorted(_FRENCH_TENS)))
def test_a_decimal_comma_said_in_words_gives_the_figure_it_says(whole: int, part: str) -> None:
    said = f"le tarif est de {_FRENCH_DIGITS[whole]} virgule {part} euro le méga"
    expected = Decimal(whole) + Decimal(_FRENCH_TENS[part]) / 100
    assert expected in prices_said_in_words(said)


def test_a_rate_said_with_its_decimal_comma_supports_the_summary_rate_only() -> None:
    said = check_summary("Morocco data is billed at €0.15 per MB.", ROAMING_CALL, OPTIONS)
    other = check_summary("Morocco data is billed at €0.25 per MB.", ROAMING_CALL, OPTIONS)
    assert not [f for f in (*said.findings, *said.abstentions) if f.category == "amount"]
    assert [f for f in (*other.findings, *other.abstentions) if f.category == "amount"]


def test_what_the_agent_could_offer_told_as_a_fact_is_no_advice() -> None:
    told, _ = findings_of(
        "Half the amount was the most the agent could offer.", ROAMING_CALL, "filler"
    )
    advised, _ = findings_of("The agent could offer him a goodwill credit.", ROAMING_CALL, "filler")
    assert not told
    assert advised


def _stamped_refusal(refusal: str) -> tuple:  # type: ignore[type-arg]
    return (
        record(
            0,
            "chat",
            "7:50 PM Raj (Maplewave): Each receiver is $7/month. I can remove the basement "
            f"one.\n7:53 PM Customer: and the 300 credit?\n7:53 PM Raj (Maplewave): {refusal}"
            "\n7:54 PM Raj (Maplewave): Done: basement receiver removed.",
        ),
    )


def test_the_time_stamping_a_turn_is_not_the_sum_its_refusal_names() -> None:
    summary = "Removed the basement receiver (-$7) and added the credit."
    stamped = _stamped_refusal("I'm not able to add one of that size.")
    found, _ = findings_of(summary, stamped, "negated_action")
    assert not found
    named = _stamped_refusal("I'm not able to add the $300 credit, sorry.")
    found, _ = findings_of("Raj added the $300 credit.", named, "negated_action")
    assert found


def test_a_device_word_is_a_swap_only_beside_another_device_in_the_records() -> None:
    router = (record(0, "agent", "Router keeps dropping wifi. Sent a replacement router."),)
    found, _ = findings_of("A replacement modem was sent.", router, "entity")
    assert found
    payment = (
        record(0, "chat", "Agent: the second charge was a duplicate from our payment system."),
    )
    found, unsure = findings_of("The charge was a payment gateway error.", payment, "entity")
    assert not found
    assert unsure


TURKISH_POST = (
    record(
        0,
        "chat",
        "@deniz: Bolu'da mola yerinde beni bırakıp gittiniz!!! Gece 3te dağ başında kaldım.",
    ),
)


def test_an_hour_with_its_turkish_case_ending_is_a_time_of_day() -> None:
    kept, _ = findings_of(
        "The bus left him at the Bolu rest stop around 3am.", TURKISH_POST, "date"
    )
    moved, _ = findings_of(
        "The bus left him at the Bolu rest stop around 5am.", TURKISH_POST, "date"
    )
    assert not kept
    assert moved


BAG_FILE = (
    record(
        0,
        "agent",
        "CUSTOMER: i arrived yesterday flight b z twenty two fourteen and my suitcase did not "
        "come\nAGENT: your bag will be delivered to your hotel within twenty four hours",
    ),
    record(7, "chat", "Agent Kaan: I see your delayed bag file AYTBZ10482. I've approved ₺2.500."),
)


def test_a_day_in_brackets_dates_what_the_aside_names_not_the_act() -> None:
    aside, _ = findings_of(
        "Emre, delayed bag file AYTBZ10482 (BZ2214 IST-AYT 2/3).", BAG_FILE, "date"
    )
    assert not aside


SIGNED = (
    record(
        0,
        "chat",
        "@KesariCares Hi Neha, please DM your PNR so we can help right away. ^PK\n"
        "[DM] Kesari Airways: I can protect you on KA 611 tomorrow, no extra charge. ^PK",
    ),
)


def test_an_agent_named_where_replies_are_signed_with_initials_has_no_rival() -> None:
    assert "PNR" not in staff_named("Agent PNR lookup. Please DM your PNR, agent Selin")
    summary = "Neha's flight was cancelled. Agent Prakash rebooked her at no cost."
    found, unsure = findings_of(summary, SIGNED, "entity")
    assert not found
    assert unsure
    swapped, _ = findings_of(
        "Neha's flight was cancelled. Agent Selin rebooked her.",
        (record(0, "chat", "Hi Neha, this is agent Priya. I rebooked you on KA 611."),),
        "entity",
    )
    assert swapped


def test_months_counted_in_polish_are_months() -> None:
    letter = (
        record(
            0,
            "email",
            "Okres wypowiedzenia członkostwa wynosi 3 miesiące. Odpowiemy w ciągu 3 dni roboczych.",
        ),
    )
    months, _ = findings_of("There is a notice period of 3 months.", letter, "date")
    weeks, _ = findings_of("There is a notice period of 3 weeks.", letter, "date")
    assert not months
    assert weeks


def test_what_a_message_listed_as_outstanding_is_told_as_its_words() -> None:
    history = (
        record(
            0,
            "email",
            "Received: letter of disengagement, ID. Outstanding: sworn affidavit, bank letter. "
            "Once we have the two outstanding documents we will submit your application.",
        ),
        record(8, "sms", "Documents for your withdrawal are now complete. Application submitted."),
    )
    summary = "The email listed the documents received and two still outstanding."
    found, _ = findings_of(summary, history, "status")
    assert not found


def test_parts_that_were_missing_and_then_sent_were_sent() -> None:
    history = (
        record(
            0,
            "email",
            "We have sent the missing parts today by Baro Express. Tracking: 5520 1187 336.",
        ),
    )
    found, _ = findings_of("4 Feb: missing parts sent by Baro Express.", history, "negated_action")
    assert not found
    refused, _ = findings_of("The missing parts were not sent.", history, "negated_action")
    assert refused


def test_a_missing_thing_is_the_whole_noun_it_qualifies() -> None:
    history = (
        record(
            0,
            "chat",
            "Customer: where is my overpayment refund?\nAgent: I'm sorry, the overpayment "
            "refund has not been issued yet. I have re-sent the case to the back office.",
        ),
    )
    summary = "The customer has been chasing a missing overpayment refund."
    found, unsure = findings_of(summary, history, "negated_action")
    assert not found and not unsure
