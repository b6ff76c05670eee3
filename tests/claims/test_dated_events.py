"""An act told on a contact's date must be in that contact's record; a clause that names the
contact's channel on that day ("an SMS on 7 March confirmed it") tells that contact."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary

HISTORY = (
    record(
        0,
        "agent",
        "Agent submitted the refund and confirmed the amount; you'll get a text when it's issued.",
    ),
    record(5, "sms", "A refund of $612.00 has been issued to your card. Allow 10 business days."),
)


def _dates(summary: str) -> list[str]:
    report = check_summary(summary, HISTORY, OPTIONS)
    return [f.reason for f in report.findings if f.category == "date"]


def test_the_channel_named_on_the_day_is_that_days_contact() -> None:
    assert _dates("An SMS on 7 March confirmed it was issued.") == []
    assert _dates("A text on 7 March confirmed it was issued.") == []


def test_an_act_moved_to_another_contacts_day_is_still_caught() -> None:
    assert _dates("On 7 March the agent submitted the refund and confirmed the amount.")


def test_a_message_that_tells_the_news_on_its_day_is_that_days_contact() -> None:
    history = (
        record(0, "chat", "Agent: I've raised dispute DSP-77 and confirmed the €389 charge."),
        record(5, "sms", "LumenCard: Your dispute DSP-77 has closed in your favour. Credit final."),
    )
    report = check_summary("On 7 March a text confirmed the dispute closed.", history, OPTIONS)
    assert [f.reason for f in report.findings if f.category == "date"] == []
