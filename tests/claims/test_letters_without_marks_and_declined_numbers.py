"""What records and summaries in other languages write that the checker misread: number
words typed without their marks ("douazeci si patru"), numbers declined after "do" and "w
ciągu", a slot said "8–16 óra" or "între 9 și 17", "bank days", a note's calm denied, one
instalment of a series written "2/3", a day that dates another verb than the contact told
after it, and names spelt with letters beyond plain Latin ("Brașov", "Cancún")."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims import check_summary
from service.claims.contacts import check_dated_contacts
from service.claims.customer_mood import customer_mood
from service.claims.foreign_numbers import foreign_numbers_as_digits, prices_said_in_words
from service.claims.history import read_history
from service.claims.mentions import mentioned_dates
from service.claims.name_rivals import rival_beside
from service.claims.text import letters_without_marks
from service.claims.towns import rival_town, towns_written


def test_number_words_typed_without_their_marks_are_read() -> None:
    said = (
        "mi-a luat treizeci si doi de lei si patruzeci de bani, bonus in douazeci si patru de ore"
    )
    assert "24 de ore" in foreign_numbers_as_digits(said)
    assert Decimal("32.40") in prices_said_in_words(said)
    assert Decimal("32.40") in prices_said_in_words(
        "nu pot returna treizeci si doi virgula patruzeci lei"
    )


def test_a_short_word_without_marks_is_no_number_alone() -> None:
    for text in ("my pet cat was sick", "het is de vijfde keer", "dort bekleyin"):
        assert foreign_numbers_as_digits(text) == text


CZECH_CALL = (
    record(
        0,
        "agent",
        "AGENT: jakmile obchodník vrácení potvrdí smlouvu zrušíme a splátku vám vrátíme\n"
        "ZÁKAZNÍK: a jak dlouho\nAGENT: vrácení peněz do pěti pracovních dnů od potvrzení",
    ),
)


def test_a_czech_length_declined_after_do_supports_the_summary() -> None:
    told = "Once the merchant confirms, the instalment comes back within {} working days."
    found, _ = findings_of(told.format(5), CZECH_CALL, "date")
    assert not found
    found, _ = findings_of(told.format(9), CZECH_CALL, "date")
    assert found


def test_polish_numbers_declined_after_w_ciagu_are_read() -> None:
    assert "5 dni" in foreign_numbers_as_digits("zwrot w ciągu pięciu dni roboczych")
    assert "14 dni" in foreign_numbers_as_digits("odpowiemy do czternastu dni")


HEATING_OIL_CHAT = (
    record(
        0,
        "chat",
        "Dóra: Módosítva: 750 liter, szállítás jan. 21., szerda, 8–16 óra között.\n"
        "Ügyfél: ok köszi",
    ),
)


def test_a_slot_said_with_a_dash_and_an_hour_word_gives_both_ends() -> None:
    told = "Delivery of 750 litres on Wednesday between {} and 16:00."
    found, _ = findings_of(told.format("8:00"), HEATING_OIL_CHAT, "date")
    assert not found
    found, _ = findings_of(told.format("10:00"), HEATING_OIL_CHAT, "date")
    assert found


def test_a_romanian_slot_between_two_hours_gives_both_ends() -> None:
    call = (record(0, "agent", "AGENT: curierul vine pe trei iunie între nouă și șaptesprezece"),)
    found, _ = findings_of("Courier pickup on 3 June, 9:00-17:00.", call, "date")
    assert not found


def test_bank_days_are_working_days() -> None:
    call = (
        record(
            0, "agent", "AGENT: I send the payment again today it takes three to five bank days"
        ),
    )
    found, _ = findings_of("Refund resent; expected within 3-5 banking days.", call, "date")
    assert not found


def test_calm_denied_is_no_calm_ending() -> None:
    note = (
        record(
            0,
            "agent",
            "Escalated to billing lead.\nCx not calmed down much, said it always goes wrong.",
        ),
    )
    assert customer_mood(read_history(note, OPTIONS).evidence) is None
    calm = (record(0, "agent", "Escalated to billing lead.\nCx calm and polite by the end."),)
    assert customer_mood(read_history(calm, OPTIONS).evidence) == ("neutral", 1)


def test_one_instalment_of_a_series_the_records_count_is_no_date() -> None:
    counted = (record(0, "sms", "Your instalment of R583.33 (3 of 6) due 25/04 was unsuccessful."),)
    found, unsure = findings_of("Instalment 3/6 R583.33 bounced 25/4.", counted, "date")
    assert not found and not unsure
    uncounted = (record(0, "sms", "Your instalment of R583.33 due 25/04 was unsuccessful."),)
    found, unsure = findings_of("Instalment R583.33 bounced 25/4, again 3/6.", uncounted, "date")
    assert found or unsure


@given(st.integers(1, 9), st.integers(1, 9))
def test_a_series_count_is_read_only_as_the_records_write_it(part: int, whole: int) -> None:
    assert mentioned_dates(f"Instalment {part}/{whole} bounced")


def test_a_day_that_dates_an_earlier_verb_does_not_date_the_contact() -> None:
    calls = (record(5, "agent", "Call note: voucher rejected, raised with the voucher team."),)
    told = "After an SMS warning his service would expire on 9/3, he called."
    assert not check_dated_contacts(told, calls)
    assert check_dated_contacts("On 9/3, he called.", calls)


@given(st.text(alphabet="AaĂăÂâÎîȘșȚțÉéÜüŁłØøCcZz -", max_size=30))
def test_letters_without_marks_keep_their_places(text: str) -> None:
    bare = letters_without_marks(text)
    assert len(bare) == len(text)
    assert all(a == b or not a.isascii() for a, b in zip(text, bare, strict=True))


ROMANIAN_MAIL = (
    record(
        0,
        "email",
        "Hello, today I took a day off for the installation and nobody came. "
        "Comanda FN-2026-04118, Cluj-Napoca, Mănăștur. I want a new date.",
    ),
)


def test_a_name_with_marks_no_record_gives_is_found() -> None:
    found, _ = findings_of(
        "Ioana's fibre install in Brașov was a no-show.", ROMANIAN_MAIL, "entity"
    )
    assert found
    found, _ = findings_of("Ioana's install in Manastur was a no-show.", ROMANIAN_MAIL, "entity")
    assert not found


def test_a_name_with_marks_a_code_spells_out_is_given() -> None:
    note = (
        record(0, "agent", "Trip YYZ-CUN 9-Oct to 18-Oct, hurricane warning, flew home early."),
    )
    report = check_summary(
        "They cut short their Toronto–Cancún trip after a hurricane warning.", note, OPTIONS
    )
    assert not [f for f in report.findings if f.category == "entity"]


def test_towns_with_marks_or_hyphens_are_read() -> None:
    assert towns_written("fibre install in Brașov") == towns_written("fibre install in Brasov")
    assert towns_written("fibre install in Brasov")
    assert towns_written("Comanda FN-2026-04118, Cluj-Napoca, Mănăștur.")


def test_a_town_with_marks_is_swapped_for_the_one_the_records_write() -> None:
    records = "Hello, nobody came. Comanda FN-2026-04118, Cluj-Napoca, Mănăștur. Ioana"
    told = "Ioana's fibre install in Brașov was a no-show."
    assert rival_town("Brașov", records, told) is not None
    assert rival_town("Cluj-Napoca", records, "Install in Cluj-Napoca was a no-show.") is None


def test_a_name_the_records_run_together_has_no_rival_beside_it() -> None:
    records = "[DM] PlataAyuda: two QR payments to Café Lisboa Palermo, 1 minute apart."
    told = "Jess complained publicly to Billetera {} that a coffee was charged twice."
    assert rival_beside(["Billetera", "Plata"], records, told.format("Plata")) is None
    rival = rival_beside(["Billetera", "Verde"], records, told.format("Verde"))
    assert rival == "Café Lisboa Palermo"


def test_turkish_thousands_are_read_beside_other_number_words() -> None:
    said = "bakım altı bin iki yüz lira, disk ve balata dört bin yedi yüz elli lira ekstra"
    assert "6200 lira" in foreign_numbers_as_digits(said)
    assert "4750 lira" in foreign_numbers_as_digits(said)
    english = "call me on 3 May, it went in the bin two days later"
    assert foreign_numbers_as_digits(english) == english


def test_days_without_their_marks_and_an_hour_until_abroad_are_read() -> None:
    note = (record(0, "sms", "Lutfen 10 gun icinde uygulamadan yukleyiniz."),)
    found, _ = findings_of("He has to upload it within 10 days.", note, "date")
    assert not found
    chat = (record(0, "chat", "Klient: nowa praca, pracuje do 19\nMarta: rozumiem"),)
    found, _ = findings_of("New job, works till 7pm.", chat, "date")
    assert not found


def test_a_missed_thing_does_not_deny_the_act_told_of_it() -> None:
    note = (record(0, "chat", "I've unlocked recordings of both missed sessions. ^AK"),)
    found, _ = findings_of(
        "Recordings of both missed classes unlocked, she checked.", note, "negated_action"
    )
    assert not found


def test_a_count_times_a_sum_gives_their_total() -> None:
    chat = (
        record(0, "chat", "Fare 151,40 EUR plus seat selection 2 x 18,00 EUR. Total 187,40 EUR."),
    )
    found, _ = findings_of("Refunded 187.40 EUR (fare 151.40 + seats 36.00).", chat, "amount")
    assert not found
    found, _ = findings_of("Refunded 187.40 EUR (fare 151.40 + seats 38.00).", chat, "amount")
    assert found
