"""Histories about the service: outages, equipment returns, troubleshooting, repeat contacts.

Same contract as `stories_billing`: add interactions to the story, return the arriving call's
IVR intent.
"""

from __future__ import annotations

from datetime import timedelta

from eval.dataset.story import Story
from service.models import Channel, Sentiment

SYMPTOMS = (
    ("wifi drops every evening", "WifiIntermittent"),
    ("speeds well under the 500 Mbps plan", "SlowSpeed"),
    ("TV picture freezes and pixelates", "VideoQuality"),
    ("no dial tone on the home phone", "NoDialTone"),
    ("modem keeps rebooting itself", "ModemReboot"),
)
REPEAT_PROBLEMS = (
    "refund of the overpayment still not received",
    "internet keeps dropping",
    "order confirmation never arrived",
    "wrong plan applied after upgrade",
)


def outage(s: Story) -> str:
    """An area outage: ticket, ETA, an outage credit, sometimes a repeat outage."""
    ref = s.ticket("OUT")
    hours = s.rng.choice((4, 6, 8, 12, 24))
    s.wait(0, 2)
    notes = s.pick(
        f"Outage message played for caller's area (ref {ref}); estimated restore {hours}h. "
        "Caller stayed on the line for an agent.",
        f"Known outage detected by ZIP. Caller heard ETA of {hours} hours and hung up.",
    )
    s.add("ivr", "ServiceOutage", notes, "outage_message", "frustrated")
    s.plant("promises", f"estimated restoration within {hours} hours")
    if s.level >= 1 or s.chance(0.5):
        s.wait(hours + 2, hours + 30)
        credit = s.usd(s.money(5, 30, whole=True))
        notes = s.pick(
            f"Service back after outage {ref} but customer lost a workday. Applied {credit} "
            "outage credit; visible next bill.",
            f"Customer asked for compensation for outage {ref}. Credit of {credit} applied. "
            "Customer accepted but unhappy about the lack of updates.",
        )
        s.add(
            "agent", "ServiceOutage", notes, "credit_applied", s.rng.choice(("negative", "neutral"))
        )
        s.plant("amounts", f"{credit} outage credit applied")
    if s.level == 2:
        s.wait(48, 150)
        visit = s.cursor + timedelta(days=s.rng.randint(1, 4))
        notes = s.pick(
            "Customer: it's down AGAIN, second time this month. Agent: not an area outage "
            f"this time; line fault suspected. Technician booked {s.day(visit)}.",
            "Customer reports another outage; no area event found. Remote test failed on the "
            f"line. Tech visit set for {s.day(visit)}, 12-4pm.",
        )
        s.add("chat", "ServiceOutage", notes, "tech_dispatched", "angry")
        s.plant("dates", f"{visit:%Y-%m-%d}: technician visit")
        s.plant("open_items", "repeat outage, line fault not yet fixed")
    return "service_outage"


def device_return(s: Story) -> str:
    """Equipment returned after a cancel or upgrade, and the unreturned-equipment fee."""
    device = s.rng.choice(("modem", "set-top box", "wifi extender", "DVR"))
    fee = s.usd(s.money(80, 250, whole=True))
    s.wait(0, 3)
    notes = s.pick(
        f"Customer upgraded and must return the old {device}. Prepaid label emailed; return "
        "within 14 days to avoid a non-return fee.",
        f"Return requested for {device}. Label sent by email. Explained {fee} fee if not "
        "received in 14 days.",
    )
    s.add("agent", "EquipmentReturn", notes, "label_sent", "neutral")
    s.plant("promises", "prepaid return label emailed")
    if s.level >= 1:
        s.wait(300, 500)
        notes = s.pick(
            f"Customer forwarded carrier receipt: {device} dropped off, tracking shows "
            f"delivered. But a {fee} non-return fee appeared on this bill.",
            f"Customer: 'I returned the {device} two weeks ago and you charged me {fee}!' "
            "Attached drop-off receipt.",
        )
        s.add("email", "EquipmentReturn", notes, "receipt_received", "angry")
        s.plant("amounts", f"{fee} non-return fee charged")
        s.wait(2, 30)
        notes = s.pick(
            f"Verified tracking: delivered to warehouse. Submitted fee reversal for {fee}; "
            "warehouse scan can take 7-10 days.",
            f"Fee reversal request sent for {fee}. Customer told to expect it within 1-2 "
            "billing cycles once the warehouse scans the unit.",
        )
        s.add("agent", "EquipmentReturn", notes, "reversal_pending", "frustrated")
        s.plant("open_items", f"reversal of {fee} fee pending")
    else:
        s.plant("open_items", f"{device} return not yet received")
    if s.level == 2:
        s.wait(48, 200)
        notes = f"Your balance of {fee} is past due. Pay now to avoid collections."
        s.add("sms", "PaymentReminder", notes, "notice_sent")
        s.plant("notes", "collections warning sent despite pending reversal")
    return "equipment_return"


def tech_troubleshooting(s: Story) -> str:
    """A symptom, the usual steps, and a technician when they fail."""
    symptom, intent = s.rng.choice(SYMPTOMS)
    s.wait(0, 3)
    notes = s.pick(
        f"Customer: {symptom}. Agent: restarted the gateway remotely, asked customer to test.",
        f"Customer reports {symptom}. Bot ran line check (OK) and suggested a power cycle.",
    )
    s.add("chat", intent, notes, "troubleshooting", "frustrated")
    s.plant("notes", f"issue: {symptom}")
    if s.level >= 1:
        s.wait(20, 80)
        notes = s.pick(
            f"Same issue back ({symptom}). Ran signal test: upstream noise high. Pushed "
            "firmware update, changed wifi channel. Customer to monitor for 24h.",
            f"Follow-up: {symptom} again. Signal levels within spec; advised moving the "
            "router away from the TV and switched the customer's devices to 5 GHz.",
        )
        s.add("agent", intent, notes, "troubleshooting", "frustrated")
        s.plant("counts", "second contact about the same fault")
    if s.level == 2:
        s.wait(24, 72)
        visit = s.cursor + timedelta(days=s.rng.randint(1, 5))
        notes = s.pick(
            f"Third contact. Remote fixes failed. Technician booked {s.day(visit)} 8-12 with "
            "a replacement modem. Customer works from home, asked for an earlier slot.",
            "Escalated to tier 2: intermittent packet loss confirmed. Tech visit "
            f"{s.day(visit)}. Customer wants a credit for lost days; review after the visit.",
        )
        s.add("agent", intent, notes, "tech_dispatched", "angry")
        s.plant("dates", f"{visit:%Y-%m-%d}: technician visit")
        s.plant("open_items", "fault not fixed; technician visit pending")
    elif s.level == 0 and s.chance(0.6):
        s.wait(1, 4)
        notes = "Customer: working fine now, thanks! Agent: glad to hear it."
        s.add("chat", intent, notes, "resolved", "satisfied")
        s.plant("notes", "resolved after remote restart")
    else:
        s.plant("open_items", "fault still being monitored")
    return "tech_support"


def repeat_contact(s: Story) -> str:
    """The same unresolved problem, several contacts within a few days, across channels."""
    problem = s.rng.choice(REPEAT_PROBLEMS)
    contacts = 3 + s.level + s.rng.randrange(2)
    channels: tuple[Channel, ...] = ("ivr", "agent", "chat", "sms", "agent", "email")
    moods: tuple[Sentiment, ...] = (
        "neutral",
        "frustrated",
        "frustrated",
        "angry",
        "angry",
        "angry",
    )
    wording = [
        f"Customer contacting again: {problem}. Says this is contact number {{n}}.",
        f"Re: {problem}. Customer says previous agent promised a fix; nothing changed.",
        f"{problem.capitalize()} - customer wants a manager. Noted on the open case.",
        f"Customer repeated the complaint ({problem}); agent re-sent case to back office.",
        f"Contact again about: {problem}. Read back the case notes; no new update to give.",
    ]
    s.rng.shuffle(wording)  # each contact worded differently, in a different order per story
    s.wait(0, 2)
    first = s.cursor
    for index in range(contacts):
        if index:
            s.wait(3, 30)
        notes = wording[index % len(wording)].replace("{n}", str(index + 1))
        mood = moods[min(index, len(moods) - 1)]
        s.add(channels[index % len(channels)], "RepeatIssue", notes, "unresolved", mood)
    days = max(1, (s.cursor - first).days + 1)
    s.plant("counts", f"{contacts} contacts in {days} days about the same issue")
    s.plant("open_items", problem)
    return "misc"
