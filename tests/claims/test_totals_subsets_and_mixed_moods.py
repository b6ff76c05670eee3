"""Readings of conversations nobody here wrote: a sum said roughly, a count that may be
some of the records' count, a day the customer counts, a time and a length as German
writes them, a mixed mood, one verb done for one thing and refused for another, and a
customer's ask for something "to be waived"."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, record, unsupported_of

from service.claims.counted_things import _counts
from service.claims.mentions import mentioned_dates

SHOPPING = (
    record(
        0,
        "chat",
        "Customer: bag still not here. spent £38.50 at the chemist and £22 on a top\n"
        "Agent: keep the receipts and claim them through the delayed baggage form.\n"
        "Customer: ok thanks",
    ),
)


def test_a_sum_said_roughly_may_round_off_two_sums_the_records_give() -> None:
    assert unsupported_of("She spent about £60 on essentials.", SHOPPING, "amount") == []
    # Told exactly, a total is too near a changed figure ("£60.50" for "£50.50") to pass.
    assert unsupported_of("She was refunded £60.50.", SHOPPING, "amount") != []
    assert unsupported_of("She spent about £75 on essentials.", SHOPPING, "amount") != []


ORDER = (
    record(
        0,
        "email",
        "Customer: my 3-item order came today, 3 items ordered but the desk is missing.\n"
        "Agent: sorry, the desk was lost in transit; we will reship it free.",
    ),
)


def test_fewer_of_a_thing_than_the_records_count_may_be_some_of_them() -> None:
    some = unsupported_of("The other 2 items arrived.", ORDER, "count")
    assert some == [("2 items arrived", False)]
    assert unsupported_of("All 4 items arrived.", ORDER, "count") == [("4 items arrived", True)]


def test_a_plural_ends_the_thing_a_count_is_of() -> None:
    assert [(n, stems) for _, n, stems in _counts("4 of 5 packs came late")] == [(5, ("pack",))]
    # A singular first noun may be a compound's: the thing is the last word.
    ((_, number, compound),) = _counts("returning two cable boxes")
    assert number == 2 and len(compound) == 2


OUTAGE = (
    record(
        0,
        "chat",
        "Customer: day 3 with no broadband. I was promised a 3-months discount last year\n"
        "Agent: sorry, the repair is booked for Thursday.",
    ),
)


def test_a_day_the_customer_counts_is_so_many_days_gone_by() -> None:
    assert categories_of("Her broadband had been down for three days.", OUTAGE) == set()
    assert "date" in categories_of("Her broadband had been down for three weeks.", OUTAGE)


GERMAN = (
    record(
        0,
        "chat",
        "Kunde: 25€ für 2 Urlaubstage?? ehrlich\n"
        "Agent: neuer Termin Donnerstag, Anruf der Spedition am Vortag bis 18 Uhr, "
        "dann ein 2-Stunden-Fenster.",
    ),
)


def test_a_time_and_a_length_as_german_writes_them() -> None:
    summary = "The carrier will call by 18:00 the day before; €25 for two days of leave."
    assert unsupported_of(summary, GERMAN, "date") == []
    assert unsupported_of("The carrier will call by 17:00.", GERMAN, "date") != []


def test_a_day_and_month_with_a_dash_before_a_time_of_day() -> None:
    assert dict(mentioned_dates("pack active only from 06-Jan 01:15")) == {
        "06-Jan": frozenset({(1, 6)})
    }
    assert dict(mentioned_dates("Aug 26-Sep 8")) == {
        "Aug 26": frozenset({(8, 26)}),
        "Sep 8": frozenset({(9, 8)}),
    }


WATER = (
    record(0, "email", "Customer: my bill is £412 when it's normally £96!!"),
    record(
        4,
        "agent",
        "Applied leak allowance, revised bill £138.60. Cx asked if we'd contribute to the "
        "plumber - adv no. Cx not pleased.",
        sentiment="negative",
    ),
)


def test_a_sentence_that_tells_a_mixed_mood_is_no_opposite() -> None:
    told = "Leak allowance applied, bill now £138.60. Mood: "
    mixed = told + "relieved about the lower bill but annoyed about the plumber."
    assert "sentiment" not in categories_of(mixed, WATER)
    assert "sentiment" in categories_of(told + "relieved and happy with the outcome.", WATER)


CARD = (
    record(
        0,
        "chat",
        "Customer: can waive my annual fee or not\n"
        "Agent: good news - I've approved a waiver of the S$196.20 annual fee.\n"
        "Customer: also got $100 late fee in jan\n"
        "Agent: we waived a late fee in Aug 2025 already, I'm sorry I can't waive this one.\n"
        "Customer: ok lor",
    ),
)


def test_an_act_done_for_one_thing_and_refused_for_another_is_no_contradiction() -> None:
    assert "negated_action" not in categories_of("Late fee waiver declined.", CARD)
    assert "status" not in categories_of("He asked for the late fee to be waived.", CARD)
