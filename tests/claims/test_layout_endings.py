"""How a laid-out summary ends and starts: a labelled mood or a heading and its value end
it; a lead-in sentence is layout."""

from __future__ import annotations

from oci_testing.claim_histories import categories_of, record

# A router fault: an IVR leg handed to an agent, a text the company sent (answered "ok"),
# a chat, and a second call through the IVR. Four contacts by the customer, six records.
ROUTER = (
    record(0, "ivr", "Menu: tech support > internet. Transferred to agent.", "XFER"),
    record(
        0,
        "agent",
        "Router drops every hour. Reset remotely. Callback promised by Mar 4.",
        "open",
        "frustrated",
    ),
    record(0, "sms", "[OUT 10:02] Ticket RT-4410 is open. [IN 10:05] ok", "notify_sent"),
    record(3, "chat", "Customer: nobody got back to me like you promised", "open", "angry"),
    record(6, "ivr", "Menu: tech support > internet. Transferred to agent.", "XFER"),
    record(6, "agent", "Engineer booked for Mar 12; ticket RT-4410 still open.", "open", "angry"),
)

# A refund chased, then issued and closed; the customer's last words in German.
CLOSED_LATER = (
    record(
        0, "agent", "Refund of $40 requested; supervisor callback due 03/04.", "open", "negative"
    ),
    record(
        3,
        "agent",
        "Caller: rückruf bitte, ich warte immer noch auf den Rückruf",
        "open",
        "frustrated",
    ),
    record(
        4, "email", "Still with the team, I've added a note for the team.", "open", "frustrated"
    ),
    record(
        6,
        "email",
        "Good news: refund of $40 issued, $40.00 credited. Case closed.",
        "resolved",
        "satisfied",
    ),
)


def test_a_list_ending_on_a_labelled_mood_is_not_cut_off() -> None:
    summary = (
        "**Summary**\n- **Contacts:** two calls.\n- **Latest:** callback still awaited.\n"
        "- **Sentiment:** frustrated"
    )
    assert "truncated" not in categories_of(summary, ROUTER)


def test_a_lead_in_sentence_is_layout() -> None:
    summary = (
        "Here is a summary of the customer's recent history. The customer reported hourly "
        "router drops; an engineer is booked for Mar 12. They are angry."
    )
    assert categories_of(summary, ROUTER) == set()


def test_a_heading_and_its_value_on_lines_of_their_own_end_the_summary() -> None:
    summary = "**Status**\nRefund issued; case closed.\n\n**Sentiment**\nSatisfied"
    assert "truncated" not in categories_of(summary, CLOSED_LATER)
    assert "truncated" in categories_of(summary[:-4], CLOSED_LATER)
