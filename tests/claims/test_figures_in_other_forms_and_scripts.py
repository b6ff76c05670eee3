"""Figures a record gives in a form of its own: a count beside the thing written without
its vowels ("12 ctns"), a time with a space before its "h" ("à partir de 14 h") or against
letters of a script without spaces ("12:18に"), a day marked alone in Korean or Japanese
("23일에"), "yesterday" in another language, the first of a month as an ordinal ("el
primero de marzo"), a price said in words with its cents apart ("neunundzwanzig
neunzig"). And what is no figure of that kind: a number after "size", a decimal after a
date ("26/3 - 2.1kg"), a count of things the records never count."""

from __future__ import annotations

from oci_testing.claim_histories import chat, record, unsupported_of

from service.claims.clock_times import times_given
from service.claims.mentions import mentioned_dates


def test_a_count_beside_the_thing_written_without_vowels_is_that_count() -> None:
    history = (
        record(
            0,
            "agent",
            "Cx: delivery yday - only 12 ctns recvd, packing list sez 14.\n"
            'Cx very upset - "na 2 cartons of bone-straight, over 1.2m naira stock".',
        ),
    )
    assert not unsupported_of("12 cartons received against 14 on the list.", history, "count")
    assert unsupported_of("11 cartons received against 14 on the list.", history, "count")


def test_a_number_after_size_or_model_counts_nothing() -> None:
    history = chat(
        "Customer: I use 312 brown. you sent 13 orange. 6 packs. useless to me",
        "Agent: I'm sending 6 packs of size 312 today. Each pack has 6 batteries.",
    )
    assert not unsupported_of("He was sent size 13 batteries instead of 312.", history, "count")
    assert unsupported_of("He was sent 7 packs of the wrong size.", history, "count")


def test_things_the_records_list_but_never_count_are_an_abstention() -> None:
    history = chat(
        "Customer: SM-55 0192 and SM-55 0207. I paid for split shipping so they don't "
        "arrive the same day",
        "Agent: 확인했습니다. 두 건 모두 같은 항공편으로 도착했습니다.",
    )
    assert unsupported_of("Two orders were taxed together.", history, "count") == [
        ("Two orders", False)
    ]
    counted = chat("Customer: I placed 3 orders and all were taxed", "Agent: I see.")
    assert ("Two orders", True) in unsupported_of("Two orders were taxed.", counted, "count")


def test_times_written_the_french_way_or_against_another_script() -> None:
    assert 14 * 60 in times_given("prêts à récupérer jeudi 19 mars à partir de 14 h.")
    assert 14 * 60 + 30 in times_given("rendez-vous vers 14 h 30")
    assert 12 * 60 + 18 in times_given("車両ログを確認しました。12:18にバッテリー残量0%")
    history = chat(
        "Agent: ils seront prêts à récupérer jeudi 19 mars à partir de 14 h.",
        "Client : jeudi. bon.",
    )
    assert not unsupported_of("Ready for pickup from 2pm on Thursday 19 March.", history, "date")
    assert unsupported_of("Ready for pickup from 3pm on Thursday 19 March.", history, "date")


def test_a_decimal_after_a_date_ends_no_span_of_days() -> None:
    assert mentioned_dates("held at the hub since 26/3 - 2.1kg too heavy") == [
        ("26/3", frozenset({(3, 26)}))
    ]
    assert ("04/22-24", frozenset({(4, 24)})) in mentioned_dates("stay 04/22-24")


def test_days_told_alone_yesterday_and_the_first_in_other_languages() -> None:
    korean = (
        record(
            0,
            "agent",
            "상담원: 화물 3월 1일 부산 도착했고 4일에 CFS에서 적출했는데요 박스 3개가 파손됐어요",
        ),
    )
    assert not unsupported_of("Unpacked at the CFS on 4/3.", korean, "date")
    turkish = (
        record(
            2,
            "email",
            "4 Mart 2026 09:12 tarihinde Ece yazdı:\nMerhaba, dün pasaportum elime ulaştı "
            "ama vize tarihi yanlış.",
        ),
    )
    assert not unsupported_of("Her passport came back on 3 March.", turkish, "date")
    spanish = (
        record(
            4,
            "agent",
            "AGENTE: veo un cargo del primero de marzo por quinientos veintiocho pesos "
            "renovación anual",
        ),
    )
    assert not unsupported_of("Charged 528 pesos on 1 March for the renewal.", spanish, "date")


def test_a_price_said_in_words_with_its_cents_apart() -> None:
    history = (
        record(
            0,
            "agent",
            "AGENT: ich könnte ihnen auch ein neues notebook im leasing anbieten aktuelles "
            "modell neunundzwanzig neunzig im monat\nKUNDIN: nein danke",
        ),
    )
    assert not unsupported_of("She declined a notebook lease at €29.90 a month.", history)


def test_figures_said_in_words_of_more_languages() -> None:
    slovak = (
        record(
            0,
            "agent",
            "spk_1: už mi aj prišli peniaze dvestoštyridsať eur v pondelok\n"
            "spk_0: faktúru vám pošlem mailom splatnosť dvadsiateho piateho septembra",
        ),
    )
    summary = "The €240 refund arrived; invoice due 25 September."
    assert not unsupported_of(summary, slovak, "amount")
    assert not unsupported_of(summary, slovak, "date")
    assert unsupported_of("The €250 refund arrived.", slovak, "amount")
    polish = (record(0, "agent", "Konsultant: zwrot trzysta dwadzieścia złotych"),)
    assert not unsupported_of("Refund of 320 zł.", polish, "amount")
    turkish = (record(0, "agent", "MÜŞTERİ: iki yüz elli lira ödedim, CUMA günü"),)
    assert not unsupported_of("He paid 250 lira.", turkish, "amount")


def test_a_month_written_in_capitals_is_read_whatever_its_letters() -> None:
    # Turkish "Kasım" in capitals lowers to "kasim": read, not an error.
    assert mentioned_dates("Teslimat 15 KASIM") == [("15 KASIM", frozenset({(11, 15)}))]
    history = (record(0, "agent", "MÜŞTERİ: kargo 15 KASIM geldi, PAZAR"),)
    assert not unsupported_of("The parcel came on 15 November.", history, "date")
