"""Records in scripts and tongues the checker reads only in part: a clock time before a
date, a call to the helpline told in Banglish, a code read out across its dash in Spanish,
an Egyptian call in Arabic script, a Portuguese day said alone, a Vietnamese call, and a
refund told not landed yet."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, findings_of, record

from service.claims import check_summary
from service.claims.mentions import mentioned_dates
from service.claims.said_codes import codes_said_digit_by_digit
from service.claims.text import looks_foreign


def test_a_clock_times_minutes_before_a_month_are_no_day() -> None:
    assert not any((6, 14) in found for _, found in mentioned_dates("left 06:14 Jun 20"))
    assert any((6, 14) in found for _, found in mentioned_dates("left on 14 Jun"))


BANGLISH_CHAT = (
    record(
        0,
        "chat",
        "Customer: apu ami 30GB pack kinsi 549 tk diye, taka kete gese but pack ashe nai\n"
        "Customer: kal raat 11 tay kinsi. sokale helpline e call dilam, bolse 2 hour wait "
        "koren.\nAgent Farzana: Ami manually pack activate kore dicchi.",
    ),
)


def test_a_call_to_the_helpline_told_in_banglish_is_an_earlier_contact() -> None:
    summary = "This was his second contact, after a helpline call that morning."
    found, _ = findings_of(summary, BANGLISH_CHAT, "count")
    assert not found
    alone = (record(0, "chat", "Customer: pack ashe nai\nAgent: activated now."),)
    found, _ = findings_of("This was his third contact about it.", alone, "count")
    assert found


@given(
    st.lists(
        st.sampled_from(["cuatro", "cinco", "dos", "nueve", "ocho", "seis"]), min_size=2, max_size=3
    )
)
def test_a_code_read_out_across_its_dash_is_one_code(after: list[str]) -> None:
    digits = {"cuatro": "4", "cinco": "5", "dos": "2", "nueve": "9", "ocho": "8", "seis": "6"}
    said = "la orden es 4 5 2 guion " + " ".join(digits[w] for w in after)
    assert "452" + "".join(digits[w] for w in after) in codes_said_digit_by_digit(said)


def test_a_code_whose_figures_a_call_reads_out_is_no_sure_finding() -> None:
    call = (
        record(
            0,
            "agent",
            "spk_0: listo queda agendada la orden de servicio es la o te cuatro cinco dos "
            "guion nueve ocho uno\nspk_1: o te cuatro cinco dos nueve ocho uno ok",
        ),
    )
    found, unsure = findings_of("Tech visit booked, order OT-452-981.", call, "ticket")
    assert not found
    assert any("the code's figures" in f.reason for f in unsure)
    _, other = findings_of("Tech visit booked, order OT-452-777.", call, "ticket")
    assert not any("the code's figures" in f.reason for f in other)


ARABIC_CALL = (
    record(
        0,
        "agent",
        "[تفريغ آلي للمكالمة – 02/02/2026 19:45]\nالموظف: انا رجعت لحضرتك الخمسة وستين جنيه "
        "على الرصيد دلوقتي\nالموظف: تمام كده الرصيد رجع والباقة شغالة لحد اتنين مارس\n"
        "العميل: طب كويس متشكر جدا",
    ),
)


def test_dates_and_times_beside_records_in_another_script_are_abstentions() -> None:
    report = check_summary("Bundle active till 2 Mar; refunded at 7pm.", ARABIC_CALL, OPTIONS)
    assert not [f for f in report.findings if f.category == "date"]
    assert [f for f in report.abstentions if f.category == "date"]


def test_a_day_said_alone_after_the_portuguese_word_for_day_is_a_date() -> None:
    call = (
        record(
            0,
            "agent",
            "ATENDENTE: achei patinete compra dia dez de fevereiro entregue dia doze certo\n"
            "CLIENTE: isso",
        ),
    )
    kept, unsure = findings_of("Bought 10 Feb, delivered 12 Feb.", call, "date")
    assert not kept and not unsure  # the day is read, not left unread


def test_vietnamese_is_read_as_a_language_the_checker_cannot_read() -> None:
    assert looks_foreign("dạ anh minh ơi em thấy từ ngày một tháng ba tài khoản của công ty")
    assert not looks_foreign("Zoë from Montréal called about the café bill of $45")
    # A name in marked letters among English words is no language of its own.
    assert not looks_foreign("Spoke with Nguyễn Thị Hương.")
    assert not looks_foreign("Ciarán (Advisor): Morning, Ciarán here.")


def test_a_refund_not_landed_yet_is_told_open() -> None:
    history = (
        record(0, "chat", "Agent: I've refunded the duplicate $15 to your card."),
        record(
            1,
            "sms",
            "We've issued a refund of $15.00 to your card (ref RFD-7730). Please allow 3-5 "
            "business days for it to appear.",
        ),
    )
    summary = "Refunded dup $15 to his card, ref RFD-7730. Refund not landed yet."
    report = check_summary(summary, history, OPTIONS)
    assert report.open_items_stated
