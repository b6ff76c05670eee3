"""Histories about the account itself: fraud, moves, and escalations waiting on a back office.

Same contract as `stories_billing`: add interactions to the story, return the arriving call's
IVR intent.
"""

from __future__ import annotations

from datetime import timedelta

from eval.dataset.story import Story
from service.models import Channel

ESCALATIONS = (
    ("billing supervisor", "refund of a double payment", True),
    ("retention manager", "contract terms the customer says were misrepresented", False),
    ("tier 2 network team", "repeated drops not fixed by two technician visits", False),
    ("billing supervisor", "credit promised on a previous call never applied", True),
)


def fraud(s: Story) -> str:
    """Unrecognised activity: account takeover, SIM swap or charges on a stored card."""
    kind = s.rng.randrange(3)
    case = s.ticket("FR")
    amount = ""
    s.wait(0, 3)
    if kind == 0:
        amount = s.usd(s.money(300, 1400))
        notes = s.pick(
            f"Customer reports two phones ordered on the account ({amount}) that they never "
            f"placed. Locked online access, opened fraud case {case}, reset account PIN.",
            f"Unauthorized device order totalling {amount}. Customer did not recognise the "
            f"shipping address. Fraud case {case}; order cancelled where possible, PIN reset.",
        )
        s.add("agent", "FraudReport", notes, "fraud_case_opened", "angry")
        s.plant("amounts", f"{amount} unauthorized device order")
    elif kind == 1:
        notes = s.pick(
            "Line lost service yesterday; a SIM swap was done in a store the customer never "
            f"visited. Reversed the swap, added port-out protection, case {case}.",
            "Suspected SIM swap: customer got a 'SIM changed' text at night. Restored SIM, "
            f"enabled number lock. Case {case} for fraud team review.",
        )
        s.add("agent", "FraudReport", notes, "fraud_case_opened", "frustrated")
    else:
        amount = s.usd(s.money(20, 250))
        notes = s.pick(
            f"Customer: there's a {amount} charge I didn't make. Agent: opened case {case}, "
            "removed the saved card, sent a password reset link.",
            f"Customer saw {amount} in add-on purchases on the bill. Agent opened {case} and "
            "blocked third-party billing.",
        )
        s.add("chat", "FraudReport", notes, "fraud_case_opened", "negative")
        s.plant("amounts", f"{amount} unrecognised charges")
    s.plant("promises", f"fraud team review of case {case}")
    if s.level >= 1:
        s.wait(24, 100)
        notes = s.pick(
            f"Outbound: case {case} under investigation, allow up to 10 business days. "
            "Please do not share your PIN with anyone who calls you.",
            f"Fraud team needs a signed affidavit for case {case} before any credit is issued.",
        )
        s.add("email", "FraudCaseUpdate", notes, "awaiting_customer")
        s.plant("open_items", f"fraud case {case} still under investigation")
    else:
        s.plant("open_items", f"fraud case {case} open")
    if s.level == 2:
        s.wait(24, 72)
        notes = s.pick(
            "Customer got a suspicious call asking for the PIN; did not share it. Added a "
            "verbal password and flagged the account high-risk. Still no credit issued.",
            f"Customer upset that {amount or 'the charges'} still show on the bill. Explained "
            "credit only after fraud review. Supervisor callback promised by end of week.",
        )
        s.add("agent", "FraudFollowUp", notes, "follow_up_pending", "frustrated")
        s.plant("promises", "follow-up after fraud review")
    return "fraud_report"


def move_transfer(s: Story) -> str:
    """Service moving to a new address: transfer order, install window, what went wrong."""
    move_day = s.cursor + timedelta(days=s.rng.randint(10, 25))
    order = s.ticket("MV")
    fee = s.usd(s.money(35, 99, whole=True))
    s.wait(0, 3)
    notes = s.pick(
        f"Customer moving on {s.day(move_day)}; transfer order {order} created for the new "
        f"address. Install window booked {s.day(move_day)} 8am-12pm. Transfer fee {fee}.",
        f"Move request: service to transfer {s.day(move_day)}. Order {order}, technician "
        f"booked morning of move day. Customer questioned the {fee} fee.",
    )
    s.add("agent", "MoveService", notes, "order_created", "neutral")
    s.plant("dates", f"{move_day:%Y-%m-%d}: move and install date")
    s.plant("amounts", f"{fee} transfer fee")
    if s.level >= 1:
        s.wait(24, 120)
        notes = (
            f"Reminder: your install is on {s.day(move_day)} between 8am and 12pm. "
            "Reply C to confirm, R to reschedule."
        )
        s.add("sms", "AppointmentReminder", notes, "reminder_sent")
        s.wait(0.2, 6)
        s.add("sms", "AppointmentReminder", "C", "confirmed")
    if s.level == 2:
        s.cursor = max(s.cursor, move_day)
        s.wait(4, 9)
        new_day = s.cursor + timedelta(days=s.rng.randint(2, 5))
        notes = s.pick(
            "Tech no-show on move day. Customer working from home with no internet. Rebooked "
            f"to {s.day(new_day)}; requested waiver of the {fee} fee (pending approval).",
            f"Install missed - tech ran late and never arrived. New slot {s.day(new_day)}. "
            "Customer furious; promised a mobile hotspot shipped overnight.",
        )
        s.add("agent", "MissedAppointment", notes, "rescheduled", "angry")
        s.plant("dates", f"{new_day:%Y-%m-%d}: rebooked install")
        s.plant("open_items", "install at new address not completed")
    else:
        s.plant("open_items", "install at new address still to happen")
    return "move_service"


def escalation_pending(s: Story) -> str:
    """An issue handed to a back-office team, with a callback promised and not yet made."""
    team, issue, has_amount = s.rng.choice(ESCALATIONS)
    amount = s.usd(s.money(60, 400)) if has_amount else ""
    case = s.ticket("ESC")
    s.wait(0, 3)
    notes = s.pick(
        f"Escalated to {team}, case {case}: {issue}{' (' + amount + ')' if amount else ''}. "
        "Callback promised within 48 hours.",
        f"Customer requested escalation ({issue}{', ' + amount if amount else ''}). "
        f"Case {case} routed to {team}; SLA 2 business days for a callback.",
    )
    s.add("agent", "Escalation", notes, "escalated", "frustrated")
    if amount:
        s.plant("amounts", f"{amount} at stake")
    s.plant("promises", f"callback from {team} within 48 hours")
    s.plant("open_items", f"escalation {case} pending")
    if s.level >= 1:
        s.wait(50, 120)
        channel: Channel = s.rng.choice(("ivr", "chat"))
        notes = s.pick(
            f"Customer chasing case {case}: nobody called back. Status: assigned, not worked.",
            f"Checked status of {case}; status read as 'in progress'. Customer asked for an "
            "agent, abandoned after 12 min hold.",
        )
        s.add(channel, "EscalationStatus", notes, "no_callback", "angry")
        s.plant("open_items", "promised callback missed")
    if s.level == 2:
        s.wait(24, 60)
        notes = s.pick(
            f"Customer wrote to the CEO's office about {case}. Executive relations "
            "acknowledged, reply promised in 5 business days.",
            f"Formal complaint received re {case}; customer mentions going to the regulator. "
            "Written reply due in 5 business days.",
        )
        s.add("email", "Escalation", notes, "complaint_logged", "angry")
        s.plant("promises", "written reply in 5 business days")
    return "misc"
