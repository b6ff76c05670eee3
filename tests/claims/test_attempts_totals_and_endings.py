"""An attempt at an act that failed tells the act not done; a sum told as the total of two
a record lists together is supported; a relative clause that ends on its preposition is
finished; a date a caller says with a hesitation in it is read; a step a rule requires is
no step booked."""

from __future__ import annotations

from oci_testing.claim_histories import chat, findings_of, unsupported_of

from service.claims.clause import read_clause
from service.claims.layout import cut_off


def test_a_failed_attempt_at_an_act_tells_the_act_not_done() -> None:
    assert "cancel" in read_clause("Log shows cancel attempt 04/03 21:14 failed").negated
    assert "payment" in read_clause("payment attempt failed").negated
    assert not read_clause("two remote resets failed").negated
    assert not read_clause("two attempts failed").negated


SPENT = chat(
    "kellyrae: i had to buy a blazer and shoes yesterday, 212.40 at the Bay + toiletries "
    "38.15. can i get that back??",
    "Agent: please send the receipts",
)


def test_a_total_of_two_sums_listed_together_is_supported_when_told_as_one() -> None:
    told = "She asked for a blazer, shoes and toiletries totalling $250.55 to be repaid."
    assert not unsupported_of(told, SPENT, "amount")
    # Not told as a total: a changed figure that lands on one is still unsupported.
    assert unsupported_of("She asked for $250.55 for the blazer to be repaid.", SPENT, "amount")


def test_a_relative_clause_ending_on_its_preposition_is_not_cut_off() -> None:
    first = "- Claims team to answer within 14 days\n"
    assert not cut_off(first + "- Customer asked for payment to the card she booked with")
    assert cut_off(first + "- Customer asked for payment and he asked for")


def test_a_date_said_with_a_hesitation_in_it_is_read() -> None:
    call = chat(
        "AGENT: okay so I see the stay at the canmore property march uh fourteenth to the "
        "sixteenth two nights",
        "CUSTOMER: yep",
    )
    assert not unsupported_of("Mrs Okafor's 14-16 March stay in Canmore.", call, "date")


def test_a_step_a_rule_requires_is_no_step_booked() -> None:
    policy = chat(
        "Customer: we found the toilet was running, replaced the flapper on saturday",
        'Agent: "The leak must be repaired within 30 days of discovery and proof of repair '
        'submitted."',
        "Agent: I've opened application LA-20931 for you.",
    )
    found, _ = findings_of("The running toilet was repaired on Saturday.", policy, "status")
    assert not found
