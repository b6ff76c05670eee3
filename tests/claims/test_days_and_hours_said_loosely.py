"""Days and hours the records give loosely: a day of the month with no month ("the 1st and
2nd", "hasta el 28", "dia 06"), days joined in another language ("8 e 9 de junho"), a slot
that ends at noon, an hour said roughly, a contact the customer numbers ("su 2da llamada").
Each supports the summary's same fact; another day, hour or number is still unsupported."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record, unsupported_of

from service.claims.clause import read_clause

# Contacts on 2 March 2026 (the helpers' first day) unless said otherwise.


def _dates(summary: str, notes: str, day: int = 0) -> list[str]:
    """The dates and times of day of `summary` that one labelled record of `notes` does not
    support."""
    history = (record(day, "agent", notes, outcome="resolved"),)
    return [surface.rstrip(".") for surface, _ in unsupported_of(summary, history, "date")]


def test_days_told_after_a_month_belong_to_it() -> None:
    notes = "Cx flew out 1st february, back on the 8th. So the 1st and 2nd were charged roaming."
    assert _dates("Charged roaming on 2 Feb; back 8 Feb.", notes) == []
    assert _dates("Charged roaming on 3 Feb.", notes) == ["3 Feb"]


def test_a_month_named_before_the_days_rules_out_the_month_before_the_contact() -> None:
    notes = "stayed with you early march uh the third to the fifth and got charged twice"
    assert _dates("Stay of 3 March charged twice.", notes, day=20) == []
    # Told after "march", the 3rd is not February's, although the contact is near it.
    assert _dates("Stay of 3 February charged twice.", notes, day=20) == ["3 February"]


def test_payday_is_no_day_of_an_event() -> None:
    notes = "Extension agreed to 8 March. Cx says payday is the 15th."
    assert _dates("Extension agreed to 15 March.", notes) == ["15 March"]


@pytest.mark.parametrize(
    ("notes", "summary"),
    [
        ("Prefiero retiro a domicilio, estoy en casa hasta el 28.", "home pickup before 28 March"),
        ("Mandei email dia 06 e nada.", "emailed on 6 March"),
        ("Marcado 8 e 9 de junho, equipa chega às 9h.", "treatment booked for 8-9 June"),
    ],
)
def test_days_in_other_languages_support_the_same_day(notes: str, summary: str) -> None:
    assert _dates(summary, notes) == []


def test_a_day_with_a_unit_after_it_is_no_day() -> None:
    notes = "Le pagamos el 28 % del total."
    assert _dates("Paid on 28 March.", notes) == ["28 March"]


def test_a_slot_that_ends_at_noon_gives_its_first_hour() -> None:
    notes = "spk_0: I can get a technician out I have thursday the 5th eight to noon"
    assert _dates("Technician booked for 5 March, 8am to noon.", notes) == []
    assert _dates("Technician booked for 5 March, 9am to noon.", notes) == ["9am"]


def test_an_hour_said_roughly_gives_that_hour() -> None:
    notes = "spk_1: was to fly at 10 15 in the morning, only flew about seven something at night"
    assert _dates("Flight left around 7pm instead of 10:15am.", notes) == []
    assert _dates("Flight left around 9pm instead of 10:15am.", notes) == ["9pm"]


@pytest.mark.parametrize(
    "notes",
    ["cx dice q es su 2da llamada, la 1ra se cortó.", "Kunde: das ist mein 2. Anruf dazu."],
)
def test_a_contact_numbered_in_the_notes_supports_that_number(notes: str) -> None:
    history = (record(0, "agent", f"{notes} Plan changed on 2 March.", outcome="resolved"),)
    assert "count" not in categories_of("2nd call re the plan, changed 2 March.", history)
    assert "count" in categories_of("3rd call re the plan, changed 2 March.", history)


@pytest.mark.parametrize(
    "text",
    [
        "As requested, I have waived the return shipping fee",
        "Ran the March bill on her Visa at her request",
        "Per your request, the plan was cancelled",
    ],
)
def test_an_act_done_as_asked_is_an_act(text: str) -> None:
    assert read_clause(text).mode == "done"


@pytest.mark.parametrize("text", ["Customer requested a refund", "as requested by the customer"])
def test_a_request_is_still_a_request(text: str) -> None:
    assert read_clause(text).mode == "request"
