"""Numbers of things ("two cable boxes", "factory reset x3"): a count the records give of
the same thing must be the summary's; a thing the records never count is left alone."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import read_history
from service.claims.facts import unsupported_facts
from service.models import Interaction

RETURN = (
    record(
        0,
        "agent",
        "Cust returned 1 modem and 2 routers at the depot. Already power cycled x2. "
        "Three PSR codes added. Ref 7 ESC-1120 logged on Mar 20.",
    ),
)


def _counts(summary: str, history: tuple[Interaction, ...]) -> list[tuple[str, bool]]:
    reading = read_history(history, OPTIONS)
    found = unsupported_facts(summary, reading.source, reading.people)
    return [(fact.text, not fact.unsure_why) for fact in found if fact.kind == "count"]


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("He returned a modem and two routers.", False),
        ("He returned a modem and three routers.", True),
        ("The router was already power cycled x2.", False),
        ("The router was already power cycled x3.", True),
        ("3 codes were added to the register.", False),
        ("4 codes were added to the register.", True),
        # Things the records never count, dates and ids are no counts to hold.
        ("He brought 4 cables along.", False),
        ("On Mar 20 routers were logged.", False),
        ("It was logged as 7 ESC-1120.", False),
    ],
)
def test_a_count_of_a_thing_is_the_records_count_of_it(summary: str, wrong: bool) -> None:
    assert any(certain for _, certain in _counts(summary, RETURN)) is wrong


def test_both_counts_as_two() -> None:
    both = (record(0, "chat", "Customer: I sent back both boxes in one package."),)
    assert _counts("She sent back two boxes.", both) == []


def test_a_number_a_speaker_says_twice_over_is_said_once() -> None:
    lines = (
        record(
            0,
            "agent",
            "AGENT: how many lines are on that account\nCALLER: four four lines\n"
            "AGENT: okay line three yeah line test shows open circuit",
        ),
    )
    assert _counts("The firm has four lines; line 3 is dead.", lines) == []


def test_a_plan_paid_in_parts_counts_its_instalments() -> None:
    plan = (
        record(0, "chat", "Customer: Jacket was £130, paid in 4. I've paid 2 instalments already."),
    )
    assert _counts("A £130 jacket paid in four instalments, two of them paid.", plan) == []
    # No record gives six of anything.
    assert ("six instalments", True) in _counts(
        "A £130 jacket paid in six instalments, two of them paid.", plan
    )


def test_a_number_said_in_an_id_counts_nothing() -> None:
    sofa = (
        record(
            0,
            "agent",
            "AGENT: d a seven seven three zero five majlis sofa set seven seater and the table",
        ),
    )
    assert _counts("The seven-seat majlis sofa was not delivered.", sofa) == []
    assert _counts("It is a 7 seater set.", sofa) == []


def test_a_count_joined_to_its_noun_counts_that_noun_only() -> None:
    group = (record(0, "agent", "Cx: Bianca, practice mgr, Swan River Physio (4 clinics, Perth)."),)
    assert _counts("Bianca manages a four-clinic physio group in Perth.", group) == []
    assert _counts("Bianca manages a six-clinic physio group in Perth.", group) == [
        ("six-clinic physio", True)
    ]


def test_fewer_than_the_records_count_may_be_some_of_them() -> None:
    # "2 codes were added" of three: with no label to sum the records up, perhaps some of
    # them (the other was added later, or before): an abstention, not a finding.
    assert _counts("2 codes were added to the register.", RETURN) == [("2 codes were", False)]


def test_a_number_the_records_say_beside_their_count_leaves_the_count_unsure() -> None:
    plan = (
        record(
            0,
            "chat",
            "Priya: Basic comes with 1 mailbox - you currently have 3 (sales@, bookings@). "
            "Gareth: ok. I also have 2 websites.",
        ),
    )
    assert _counts("He would lose two of his three mailboxes.", plan) == [
        ("three mailboxes", False)
    ]
    # A number from another sentence is no such reading.
    assert _counts("He would lose one of his two mailboxes.", plan) == [("two mailboxes", True)]


def test_a_names_number_and_a_sum_count_nothing() -> None:
    chat = (
        record(
            0,
            "chat",
            "Agent: the deliveries for 3rd and 4th March were missed. I have flagged your "
            "address so Sector 56 deliveries are monitored. A ₹65 deduction at the plaza "
            "is a valid charge.",
        ),
    )
    assert _counts("Two missed deliveries were made up with two extra days.", chat) == []
    assert _counts("A separate ₹65 deduction was confirmed as valid.", chat) == []


def test_a_capitalised_name_before_a_number_names_the_thing() -> None:
    course = (record(0, "agent", "Cust made 2 quiz attempts, neither registered."),)
    assert not _counts("The Module 7 quiz attempt never registered.", course)
    assert any(certain for _, certain in _counts("She made 7 quiz attempts.", course))


def test_a_count_set_against_the_records_count_tells_a_change() -> None:
    estimate = (record(0, "email", "The estimate covered up to two extractions."),)
    said = _counts("Four extractions were needed rather than two.", estimate)
    assert said and not any(certain for _, certain in said)
    assert any(certain for _, certain in _counts("Four extractions were needed.", estimate))


def test_a_count_asked_for_and_the_count_accepted_are_both_told() -> None:
    plan = (
        record(
            0,
            "chat",
            "Customer: could I do 3 parts instead?\n"
            "Advisor: Two instalments is the maximum I can agree without a manager.",
        ),
    )
    said = _counts("She asked for three instalments but accepted two.", plan)
    assert said and not any(certain for _, certain in said)
