"""A figure no record gives, in a conversation no label sums up: a finding only when the
records give a rival it may misstate, an abstention otherwise."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.rivals import amount_rival, code_rival, date_rival, edit_distance

CHAT = (
    record(
        0,
        "chat",
        "Customer: I was charged £74.98 for the jacket and it never came\n"
        "Agent: I'm sorry. I've raised refund case RF-20419, it will be back by 3 June\n"
        "Customer: ok thanks",
    ),
)


def _found(summary: str) -> tuple[list[str], list[str]]:
    report = check_summary(summary, CHAT, OPTIONS)  # type: ignore[arg-type]
    return [f.reason for f in report.findings], [f.reason for f in report.abstentions]


def test_a_misstated_amount_with_a_rival_is_a_finding() -> None:
    findings, _ = _found("Refund of £47.98 raised for the jacket.")
    assert any("£47.98" in r and "74.98" in r for r in findings)


def test_an_amount_with_no_rival_is_an_abstention_not_a_pass() -> None:
    findings, abstentions = _found("Refund raised; he also mentioned a £5 voucher.")
    assert not any("£5" in r for r in findings)
    assert any("£5" in r for r in abstentions)


def test_a_shifted_date_with_a_rival_is_a_finding() -> None:
    findings, _ = _found("Refund RF-20419 due back by 5 June.")
    assert any("5 June" in r for r in findings)
    # A promised day far from the records' is still one a record contradicts.
    findings, _ = _found("Refund RF-20419 due back by 20 September.")
    assert any("20 September" in r for r in findings)


def test_a_date_far_from_every_record_date_is_an_abstention() -> None:
    findings, abstentions = _found("The jacket was ordered on 20 September.")
    assert not any("20 September" in r for r in findings)
    assert any("20 September" in r for r in abstentions)


def test_a_misstated_case_id_is_a_finding_and_an_unrelated_one_abstains() -> None:
    findings, _ = _found("Refund case RF-20491 raised.")
    assert any("RF-20491" in r for r in findings)
    findings, abstentions = _found("Refund case XY-88812 raised.")
    assert not any("XY-88812" in r for r in findings)
    assert any("XY-88812" in r for r in abstentions)


def test_a_channel_spoken_of_in_a_chat_is_no_finding() -> None:
    findings, _ = _found("Refund confirmation will come by email.")
    assert not any("email" in r for r in findings)


def test_amount_rivals_are_near_figures_only() -> None:
    assert amount_rival({Decimal("47.98")}, {Decimal("74.98")}) == Decimal("74.98")
    assert amount_rival({Decimal("19.95")}, {Decimal("9.95")}) == Decimal("9.95")
    assert amount_rival({Decimal("540")}, {Decimal("440")}) == Decimal("440")
    assert amount_rival({Decimal("2253.29")}, {Decimal("22.53")}) is None
    # A transcript's "two thousand ... one forty eight" heard as 148 is the same figure.
    assert amount_rival({Decimal("2148")}, {Decimal("148")}, transcript=True) is None
    assert amount_rival({Decimal("1500")}, {Decimal("500")}) == Decimal("500")


def test_date_rivals_are_a_few_days_or_the_same_day_of_a_near_month() -> None:
    assert date_rival({(6, 5)}, {(6, 3)}) == (6, 3)
    assert date_rival({(10, 30)}, {(11, 30)}) == (11, 30)
    assert date_rival({(12, 30)}, {(1, 2)}) == (1, 2)  # across the year's end
    assert date_rival({(9, 20)}, {(6, 3)}) is None
    assert date_rival({(6, 3)}, {(6, 3)}) is None  # the same date is support, not a rival


@given(st.text(alphabet="AB-0123456789", min_size=1, max_size=12))
def test_a_code_is_never_its_own_rival(code: str) -> None:
    assert code_rival(code, [code]) is None


@given(st.text(max_size=10), st.text(max_size=10))
def test_edit_distance_is_a_symmetric_bound(left: str, right: str) -> None:
    distance = edit_distance(left, right)
    assert distance == edit_distance(right, left)
    assert abs(len(left) - len(right)) <= distance <= max(len(left), len(right))
    assert (distance == 0) == (left == right)


@given(
    st.decimals(min_value=1, max_value=100_000, places=2),
    st.sets(st.decimals(min_value=0, max_value=100_000, places=2), max_size=6),
)
def test_an_amount_rival_is_a_record_figure_other_than_the_summarys(
    value: Decimal, records: set[Decimal]
) -> None:
    rival = amount_rival({value}, records)
    assert rival is None or (rival in records and rival != value and rival > 0)
