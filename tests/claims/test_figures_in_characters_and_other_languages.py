"""Figures a record gives in Chinese or Japanese characters ("三月二十五日", "十八万 四千六百円"),
in Portuguese words ("às nove e dez", "dia seis", "um euro e oitenta e dois") or in French
ones that are English words too ("sept cent cinquante", "vingt et un", "quinze heures
trente") support a summary's digits; the same summary with the figure changed is still a
finding, and "Sept 12" or "um, ok" stay English.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of
from service.claims.cjk_numbers import cjk_numbers_as_digits
from service.claims.foreign_numbers import foreign_numbers_as_digits


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("三月二十五日までに", "3月25日までに"),
        ("十八万 四千六百円", "184600円"),
        ("一千兩百九十元", "1290元"),
        ("一千零五十元", "1050元"),
        ("二十三點五", "23.5"),
        ("訂單 二零二六 零三二八", "訂單 2026 0328"),
        ("一億二千万", "120000000"),
        ("no figure here", "no figure here"),
    ],
)
def test_chinese_and_japanese_figures_are_written_in_digits(written: str, digits: str) -> None:
    assert cjk_numbers_as_digits(written) == digits


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("sept cent cinquante piasses", "750 piasses"),
        ("le vingt et un avril", "le 21 avril"),
        ("de sept à dix jours ouvrables", "de 7 à 10 jours ouvrables"),
        ("Due Sept 12, um, ok", "Due Sept 12, um, ok"),
        ("once again, un peu", "once again, un peu"),
        ("einen Termin um zehn", "einen Termin um 10"),
    ],
)
def test_number_words_that_are_english_too_count_only_beside_another(
    said: str, digits: str
) -> None:
    assert foreign_numbers_as_digits(said) == digits


def _facts(summary: str, notes: str) -> set[str]:
    report = check_summary(summary, [record(0, "agent", notes)], OPTIONS)
    return {kind_of(f.category).name for f in report.findings}


_JAPANESE = (
    "オペレーター: 現在のリボ残高が 十八万 四千六百円 ございまして こちらはリボのままとなります "
    "アプリから 全額繰上返済 が可能で 三月二十五日までにお手続きいただければ 次回以降の手数料は"
    "かかりません"
)
_FRENCH = (
    "AGENT: OK je vois le train vingt-quatre du deux mai quinze heures trente a été annulé\n"
    "spk_1: sept cent cinquante piasses hier le vingt et un c'était mon loyer"
)
_PORTUGUESE = (
    "spk_0: consta aqui um corte por falta de pagamento hoje às nove e dez\n"
    "spk_1: mas eu paguei no boleto anteontem dia seis eu tenho o comprovante\n"
    "spk_0: sim um euro e oitenta e dois de juros de descoberto esses também anulo"
)


@pytest.mark.parametrize(
    ("faithful", "slipped", "notes"),
    [
        (
            "Revolving balance ¥184,600 stays; repay it in the app by 25 March.",
            "Revolving balance ¥184,700 stays; repay it in the app by 25 March.",
            _JAPANESE,
        ),
        (
            "Revolving balance ¥184,600 stays; repay it in the app by 25 March.",
            "Revolving balance ¥184,600 stays; repay it in the app by 26 March.",
            _JAPANESE,
        ),
        (
            "Power cut at 09:10; he paid the bill by boleto on 6 March.",
            "Power cut at 09:20; he paid the bill by boleto on 6 March.",
            _PORTUGUESE,
        ),
        (
            "Power cut at 09:10; he paid the bill by boleto on 6 March.",
            "Power cut at 09:10; he paid the bill by boleto on 5 March.",
            _PORTUGUESE,
        ),
        (
            "The 15:30 train was cancelled; he sent $750 on the 21st.",
            "The 15:40 train was cancelled; he sent $750 on the 21st.",
            _FRENCH,
        ),
        (
            "The 15:30 train was cancelled; he sent $750 on the 21st.",
            "The 15:30 train was cancelled; he sent $760 on the 21st.",
            _FRENCH,
        ),
        (
            "The €1.82 of overdraft interest was reversed.",
            "The €1.92 of overdraft interest was reversed.",
            _PORTUGUESE,
        ),
    ],
)
def test_a_figure_given_in_their_words_supports_the_summarys(
    faithful: str, slipped: str, notes: str
) -> None:
    assert "unsupported_fact" not in _facts(faithful, notes)
    assert "unsupported_fact" in _facts(slipped, notes)
