"""Hand-made histories for the claim checker, unlike any golden sample's wording."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.claims import check_summary, read_history
from service.claims.facts import unsupported_facts
from service.claims.types import Finding
from service.models import Interaction, SummaryOptions

START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def record(
    day: int,
    channel: str,
    notes: str,
    outcome: str = "",
    sentiment: str | None = None,
    intent: str = "General",
) -> Interaction:
    return Interaction(
        channel=channel,  # type: ignore[arg-type]
        timestamp=START + timedelta(days=day),
        intent=intent,
        notes=notes,
        outcome=outcome,
        sentiment=sentiment,  # type: ignore[arg-type]
    )


OPTIONS = SummaryOptions(as_of=START + timedelta(days=20), ivr_intent="billing")

# A billing dispute: a late fee, a credit and a refund done, the dispute itself still open.
BILLING = (
    record(
        0,
        "agent",
        "Customer disputed a $45 late fee. Agent applied a $20 credit to the account.",
        outcome="credit applied",
        sentiment="negative",
    ),
    record(
        1,
        "chat",
        "Refund of $45 issued to the card. Technician visit scheduled for March 10.",
        outcome="refund issued",
        sentiment="neutral",
    ),
    record(
        3,
        "email",
        "Customer asked about the billing dispute. Dispute still under review with billing.",
        outcome="pending",
        sentiment="negative",
    ),
)


def categories_of(summary: str, history: tuple[Interaction, ...]) -> set[str]:
    """The categories of the claim checker's findings on `summary` over `history`."""
    return {f.category for f in check_summary(summary, history, OPTIONS).findings}


def unsupported_of(
    summary: str, history: tuple[Interaction, ...], kind: str | None = None
) -> list[tuple[str, bool]]:
    """(surface, certain) of the facts of `summary` no record gives (of one `kind` only)."""
    reading = read_history(history, OPTIONS)
    found = unsupported_facts(summary, reading.source, reading.people)
    return [(f.text, not f.unsure_why) for f in found if kind is None or f.kind == kind]


def findings_of(
    summary: str, history: tuple[Interaction, ...], category: str
) -> tuple[list[Finding], list[Finding]]:
    """The checker's findings and abstentions of `category` on `summary` over `history`."""
    report = check_summary(summary, history, OPTIONS)
    return (
        [f for f in report.findings if f.category == category],
        [f for f in report.abstentions if f.category == category],
    )


def in_a_chat(line: str) -> tuple[Interaction, ...]:
    """One unlabelled chat that holds `line` between a customer's question and thanks."""
    return (record(0, "chat", f"Customer: hi, a question\n{line}\nCustomer: ok thanks"),)


def chat(*lines: str) -> tuple[Interaction, ...]:
    """One unlabelled chat of `lines`, as written."""
    return (record(0, "chat", "\n".join(lines)),)


def questioned(summary: str, history: tuple[Interaction, ...], category: str) -> bool:
    """Whether the checker finds, or abstains on, a claim of `category` in `summary`."""
    report = check_summary(summary, history, OPTIONS)
    return any(f.category == category for f in report.findings + report.abstentions)


# A disputed charge: a callback promised and missed, tier 2, then upheld and closed.
# Days: 0 is Mar 2, 7 is Mar 9, 12 is Mar 14.
DISPUTED = (
    record(
        0,
        "email",
        "Customer disputes a $58.75 charge for a service she never ordered. Logged BD-2290; "
        "billing review callback promised by 03/04.",
        "REPLIED-OPEN",
        "neutral",
    ),
    record(
        7,
        "agent",
        "cx chasing BD-2290, CB missed; escalated to tier 2, supervisor callback by 03/12",
        "T2-ESC",
        "angry",
    ),
    record(12, "agent", "dispute upheld, $58.75 credited; BD-2290 closed", "Resolved", "satisfied"),
)


# A fraud claim waiting on a form, a callback that never came, and a store's SIM swap.
FRAUD_ORDER = (
    record(
        0,
        "agent",
        "Customer reports a tablet ($412.30) ordered on the account that they never placed. "
        "Locked online access, opened fraud case FR-4471.",
        "fraud_case_opened",
        "angry",
    ),
    record(
        3, "email", "Fraud team needs a signed declaration for FR-4471 before any credit is issued."
    ),
    record(
        5,
        "agent",
        "Escalated FR-4471 to tier 2, callback promised within 48 hours. A SIM swap was done "
        "at a kiosk the cust never visited; reversed the swap.",
        "escalated",
        "frustrated",
    ),
    record(9, "ivr", "Customer chasing FR-4471: nobody called back.", "no_callback", "angry"),
)


# Round 13. A disputed activation fee still waiting on a reply; a phone with no dial tone;
# a credit to be looked at after a visit.
FEE = (
    record(
        0,
        "agent",
        "Customer disputes a $42.00 activation fee on the TV package; the rep said it would be "
        "waived. Dispute BD-7781 filed, review 5-7 business days.",
        "dispute_filed",
        "negative",
    ),
    record(
        4,
        "email",
        "Customer e-mail: 'Any news on BD-7781? Please confirm when the fee comes off.'",
        "awaiting_reply",
        "frustrated",
    ),
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


SETTLED = (
    record(0, "agent", "Charge of $52.50 disputed, dispute BD-1455 opnd.", "open", "negative"),
    record(3, "agent", "Dispute upheld, $52.50 credited, case closed.", "resolved", "positive"),
)


FRAUD_LOCKED = (
    record(
        0,
        "agent",
        "Verified acct by security question. Unrecognised purchases; FR-2210 opened, acct "
        "locked, note added for the fraud team.",
        "open",
        "angry",
    ),
    record(4, "email", "Fraud team confirmed the case is still open.", "open", "angry"),
)


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


OUTAGE_CHASED = (
    record(
        0,
        "agent",
        "No service, area outage confirmed. OUT-4410 linked; SMS update by 03/05.",
        "open",
        "neutral",
    ),
    record(5, "agent", "cx chasing, still down, still w/ team", "open", "frustrated"),
    record(7, "sms", "[IN 08:10] still no service, still waiting", "", "frustrated"),
)
