"""Facts a record writes in a form of its own: a slot marked once at its end ("14-16h",
"12-4p"), "within the hour", a day and month after "on" ("on 29.4"), a town in its own
language ("Warszawa"); and readings that must not count what they cannot place: the
times of another act than a contact, a test the records deny too."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, chat, questioned, record, unsupported_of

from service.claims.clock_times import times_given


def test_a_slot_marked_once_at_its_end_gives_both_times() -> None:
    assert {14 * 60, 16 * 60} <= times_given("2nd visit PROVISIONAL 17.04 (pt) 14-16h - cx")
    assert 16 * 60 in times_given("Sched install Fri 5/1 12-4p, Kowalski.")
    # A span of hours is no slot.
    assert times_given("refund within 24-48h") == frozenset()
    history = (record(0, "agent", "Part rec'd. Sched install Fri 5/1 12-4p, Kowalski."),)
    assert not unsupported_of("Install booked for Friday 1 May, 12-4pm.", history, "date")
    assert unsupported_of("Install booked for Friday 1 May, 12-5pm.", history, "date")


def test_one_unit_told_with_the_is_a_length() -> None:
    history = chat(
        "Agent: Payment received. The gate code reactivates automatically within the hour.",
        "Customer: thanks",
    )
    assert not unsupported_of("Gate code to reactivate within an hour.", history, "date")
    assert unsupported_of("Gate code to reactivate within a day.", history, "date")


def test_a_day_and_month_after_on_is_a_date() -> None:
    history = chat(
        "Agent: We sent the e-sign link on 29.4, it expired after 72 hours.",
        "Customer: I never saw any link",
    )
    assert not unsupported_of("The link from 29/4 expired.", history, "date")
    assert unsupported_of("The link from 28/4 expired.", history, "date")


def test_a_town_the_records_write_in_its_own_language_is_named() -> None:
    history = (
        record(
            0,
            "email",
            "Subject: Reklamacja - przeprowadzka 14.02 Lodz -> Warszawa\n"
            "I am writing about damage after my move.\nMarek",
        ),
        record(3, "email", "Miejski Rzecznik Konsumentów will hear about this.\nMarek"),
    )
    assert not questioned("Damage after his move to Warsaw.", history, "entity")
    assert questioned("Damage after his move to Gdynia.", history, "entity")


def test_the_times_of_another_act_are_not_the_contacts() -> None:
    history = chat(
        "Customer: this is the third time I'm calling about this",
        "Agent: I see the payment pending at the merchant bank.",
        "Customer: I pay two time now, four million",
    )
    assert "count" not in categories_of(
        "Customer paid the shop a second time by bank transfer.", history
    )
    assert "count" in categories_of("Customer is calling for the second time.", history)


def test_a_test_the_records_deny_too_is_no_test_reported() -> None:
    history = chat(
        "Agent: Johan's notes say pump replaced, test wash done, no spin test recorded.",
        "Customer: so he didnt even test it properly",
    )
    assert "negated_action" not in categories_of(
        "Bangs on spin, no spin test in his notes.", history
    )
    reported = chat("Agent: Johan's notes say pump replaced, spin test done.", "Customer: ok")
    assert "negated_action" in categories_of("Bangs on spin, no spin test in his notes.", reported)
