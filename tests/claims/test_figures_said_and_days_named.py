"""What a faithful summary tells as its records do, and the checker read the other way:
two sums of hundreds said one after the other ("eighteen hundred nineteen hundred"), a
dollar and its cents ("a dollar oh five"), a count a transcript says in words ("twenty one
calls to mexico"), a bare hour ("it's almost 9", "open 9-1 Sat"), a day said after a
hesitation ("on the uh fourth"), who alone may do an act ("can only be removed by the
security team"), a step that went wrong ("the delivery step had failed"), one thing done
beside another not ("table delivered, but the chairs not on the truck"), a weekday a
record gives its date beside ("friday the twenty seventh ... friday's better"). And a slip
it now names: a given name opening a sentence is a person's ("Steph refunded it")."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import findings_of, record

from service.claims.spoken import spoken_values

_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def _said(number: int) -> str:
    """1..99 in words, as a transcript writes them."""
    if number < 10:
        return _UNITS[number - 1]
    if number < 20:
        return _TEENS.split()[number - 10]
    tens, unit = divmod(number, 10)
    return _TENS[tens - 2] + (f" {_UNITS[unit - 1]}" if unit else "")


@given(st.integers(1, 99), st.integers(1, 99))
def test_two_sums_of_hundreds_said_one_after_the_other(first: int, second: int) -> None:
    said = f"always {_said(first)} hundred {_said(second)} hundred like that"
    assert {Decimal(first * 100), Decimal(second * 100)} <= spoken_values(said)


@given(st.integers(1, 99), st.sampled_from(["dollar", "pound", "euro"]))
def test_one_unit_of_money_and_its_cents(cents: int, unit: str) -> None:
    hundredths = f"oh {_said(cents)}" if cents < 10 else _said(cents)
    said = f"supply charge of a {unit} {hundredths} a day"
    assert Decimal(100 + cents) / 100 in spoken_values(said)


CALL = (
    record(
        1,
        "agent",
        "AGENT: so the calls were twenty one calls to mexico at uh twenty five cents a "
        "minute\nCUSTOMER: i call my mom every day\nAGENT: the supply charge is a dollar oh "
        "five a day on the online plan",
    ),
)


def test_a_count_and_a_price_said_in_words_support_the_summarys() -> None:
    said = "Cause: 21 calls to Mexico at 25c/min; the online plan is $1.05 a day."
    assert findings_of(said, CALL, "count") == ([], [])
    assert findings_of(said, CALL, "amount") == ([], [])
    found, _ = findings_of("The online plan is $1.50 a day.", CALL, "amount")
    assert len(found) == 1


HOURS = (
    record(
        1,
        "chat",
        "Customer: the whole order was wrong\nAgent: refunded. Shall I reorder?\n"
        "Customer: no its almost 9, kids need to eat\nAgent: ok. Your iPad is in the "
        "branch safe, branch open 9-1 Sat.",
    ),
)


def test_a_bare_hour_after_its_word_and_opening_hours_are_times_given() -> None:
    said = "She declined a reorder as it was almost 9pm; the branch is open 9am-1pm Saturday."
    assert findings_of(said, HOURS, "date") == ([], [])
    found, _ = findings_of("The branch is open 9am-3pm Saturday.", HOURS, "date")
    assert ["'3pm'" in f.reason for f in found] == [True]


VISIT = (
    record(
        8,
        "agent",
        "spk_0: i see the first visit on the uh fourth that was the diagnosis\n"
        "spk_1: yeah\nspk_0: the minibar was posted on the 6th maybe the sensor",
    ),
)


def test_a_day_said_after_a_hesitation_or_before_maybe_is_a_day_given() -> None:
    for said in ("The diagnosis visit was on 4 March.", "The charge was posted on 6 March."):
        assert findings_of(said, VISIT, "date") == ([], [])
    found, _ = findings_of("The diagnosis visit was on 5 March.", VISIT, "date")
    assert len(found) == 1


LOCKED = (
    record(
        1,
        "chat",
        "Agent: Because 2FA is on I can't remove it from chat.\nCustomer: just do it\n"
        "Agent: Only the security team can remove 2FA.\nAgent: Your order failed at the "
        "delivery step on our side; I've added the crowns manually.",
    ),
)


def test_who_alone_may_do_an_act_and_a_step_gone_wrong_deny_nothing() -> None:
    for said in (
        "Agent explained 2FA can only be removed by the account security team.",
        "The agent found the delivery step had failed on their side.",
    ):
        assert findings_of(said, LOCKED, "negated_action") == ([], [])


DELIVERY = (
    record(
        1,
        "agent",
        "Delivery yday - table delivered + assembled, but the 6 chairs not on the truck. "
        "Chairs booked for Fri 9am-1pm.",
    ),
)


def test_a_step_told_taken_beside_a_contrast_tells_only_its_own_things() -> None:
    assert findings_of("The chairs are still to be delivered.", DELIVERY, "status") == ([], [])
    found, _ = findings_of("The table is still to be delivered.", DELIVERY, "status")
    assert len(found) == 1


@given(st.sampled_from(["Fri 27/3", "friday the twenty seventh", "Friday, 27 March"]))
def test_a_weekday_a_record_dates_is_that_date_not_any_in_the_week(dated: str) -> None:
    notes = f"Agent: earliest is {dated} 12 to 6\nCustomer: friday's better, I'm home friday"
    history = (record(15, "agent", notes),)  # written Tuesday 17 March
    said = "Visit rebooked for Friday 27 March, 12 to 6."
    assert findings_of(said, history, "date") == ([], [])
    found, _ = findings_of("Visit rebooked for Friday 20 March, 12 to 6.", history, "date")
    assert len(found) == 1
    # A weekday with an hour after it is no date: "friday" is any Friday of the week.
    for undated_notes in ("Customer: I'm home friday, come then", "Agent: Friday 10 am ok?"):
        undated = (record(15, "agent", undated_notes),)
        assert findings_of("Visit rebooked for Friday 20 March.", undated, "date") == ([], [])


STEPH = (
    record(
        1,
        "chat",
        "Mel: debited twice!!\nBanksia Health: Hi Mel, Sam here. I've processed a refund of "
        "the duplicate $187.45.\nMel: thanks Sam",
    ),
)


def test_a_given_name_opening_a_sentence_names_a_person() -> None:
    assert findings_of("Double debit. Sam refunded the duplicate.", STEPH, "entity") == ([], [])
    found, _ = findings_of("Double debit. Steph refunded the duplicate.", STEPH, "entity")
    assert ["'Steph'" in f.reason for f in found] == [True]
