"""Histories about money: billing disputes, payment arrangements, cancellation threats.

Each builder adds interactions to a `Story` and returns the IVR intent of the call arriving now
(the call the summary is for). `story.level` is the difficulty: 0 short and single-issue,
1 a follow-up across channels, 2 escalated, with a change of mind or a missed promise.
"""

from __future__ import annotations

from datetime import timedelta

from eval.dataset.story import Story
from service.models import Sentiment

# (charge, low, high, whole dollars, why the customer says it is wrong)
CHARGES = (
    ("late fee", 10, 15, True, "autopay went out on time according to the bank"),
    ("equipment rental fee", 10, 18, True, "the set-top box was returned months ago"),
    ("international roaming charge", 25, 140, False, "the phone never left the country"),
    ("pay-per-view purchase", 5.99, 64.99, False, "nobody in the house ordered it"),
    ("duplicate monthly charge", 49, 129, False, "the same month was billed twice"),
    ("installation fee", 49, 99, True, "the sales rep promised free installation"),
    ("data overage charge", 15, 60, True, "usage was normal and no alert was received"),
    ("premium channel package", 12.99, 24.99, False, "it was cancelled after the free trial"),
)


def billing_dispute(s: Story) -> str:
    """A charge the customer says is wrong, a dispute ticket, and (usually) a wait."""
    label, low, high, whole, reason = s.rng.choice(CHARGES)
    amount = s.usd(s.money(low, high, whole=whole))
    posted = s.cursor - timedelta(days=s.rng.randint(3, 20))
    ticket = s.ticket("BD")
    if s.chance(0.6):
        s.wait(0, 2)
        notes = s.pick(
            f"Billing menu. Balance read back, statement dated {s.day(posted)}. Pressed 0.",
            "Caller said 'question about my bill'. Authenticated by phone number. To agent.",
            "Self-service: last statement summary played. Caller asked for an agent twice.",
        )
        s.add("ivr", "BillingInquiry", notes, "transferred_to_agent")
        s.wait(0.02, 0.2)
    else:
        s.wait(0, 3)
    notes = s.pick(
        f"Customer disputes {amount} {label} on the {s.day(posted)} statement; says {reason}. "
        f"Opened billing dispute {ticket}. Advised review takes 5-7 business days.",
        f"Called about a {label} of {amount} ({s.day(posted)} bill). Customer states {reason}."
        f" Dispute {ticket} filed with billing; credit shows on next statement if approved.",
        f"{label.capitalize()} {amount} questioned - {reason}. Charge looks system generated. "
        f"Submitted {ticket}, 5-7 business days. Customer not happy about the wait.",
    )
    mood: Sentiment = s.rng.choice(("frustrated", "negative", "neutral"))
    s.add("agent", "ChargeDispute", notes, "dispute_filed", mood)
    s.plant("amounts", f"{amount} {label} disputed")
    s.plant("dates", f"{posted:%Y-%m-%d}: statement carrying the charge")
    s.plant("promises", "billing review in 5-7 business days")
    if s.level >= 1:
        s.wait(48, 140)
        if s.chance(0.5):
            notes = s.pick(
                f"Customer: any news on {ticket}? It's been days. Agent: still with billing, "
                "no decision yet.",
                f"Customer asked for dispute status. Agent confirmed {ticket} open, no decision.",
            )
            s.add("chat", "DisputeStatus", notes, "info_provided", "frustrated")
        else:
            notes = s.pick(
                f"Customer email: 'Still waiting on the {amount} credit, nobody has called "
                "me.' Auto-reply sent; routed to billing queue.",
                f"Subject: dispute {ticket}. 'I was told 5-7 days. What is happening?' Routed "
                "to billing.",
            )
            s.add("email", "DisputeStatus", notes, "info_provided", "frustrated")
        s.plant("counts", "customer chased the dispute at least once")
    if s.level == 2:
        s.wait(24, 96)
        credit = s.usd(s.money(5, 20, whole=True))
        accepted = s.chance(0.4)
        notes = s.pick(
            f"Third contact on {ticket}. Customer threatened to go to the regulator. Offered "
            f"{credit} courtesy credit, customer {'accepted' if accepted else 'refused it'}. "
            "Escalated to billing supervisor, callback within 48 hours promised.",
            f"Customer angry, says this is the third time. Escalated {ticket} to billing team "
            f"lead. Courtesy credit {credit} {'applied' if accepted else 'offered, declined'}. "
            "Promised supervisor callback in 48h.",
        )
        s.add("agent", "Escalation", notes, "escalated", "angry")
        s.plant("amounts", f"{credit} courtesy credit {'applied' if accepted else 'declined'}")
        s.plant("promises", "billing supervisor callback within 48 hours")
    if s.level == 0 and s.chance(0.5):
        s.wait(30, 120)
        notes = (
            f"Outbound: dispute {ticket} approved. Credit of {amount} applied to the account; "
            "it will show on the next statement."
        )
        s.add("email", "DisputeResolution", notes, "resolved")
        s.plant("notes", f"dispute resolved: {amount} credit applied")
    else:
        s.plant("open_items", f"dispute {ticket} for {amount} unresolved")
    return "billing_inquiry"


def payment_arrangement(s: Story) -> str:
    """A past-due balance split into instalments, sometimes with a missed one."""
    balance = s.money(180, 900)
    parts = s.rng.choice((2, 3, 4))
    share = s.usd(round(balance / parts, 2))
    s.wait(0, 4)
    notice = s.cursor + timedelta(days=s.rng.randint(5, 12))
    notes = (
        f"Your account is past due: {s.usd(balance)}. Service may be interrupted on "
        f"{s.day(notice)}. Reply PAY or call us to set up an arrangement."
    )
    s.add("sms", "PastDueNotice", notes, "notice_sent")
    s.plant("amounts", f"{s.usd(balance)} past due")
    s.plant("dates", f"{notice:%Y-%m-%d}: interruption date on notice")
    s.wait(10, 40)
    first_due = s.cursor + timedelta(days=s.rng.randint(3, 10))
    notes = s.pick(
        f"Customer lost hours at work, can't pay {s.usd(balance)} at once. Arrangement: "
        f"{parts} payments of {share}, first due {s.day(first_due)}. Disconnect hold placed.",
        f"Arrangement created for past-due {s.usd(balance)}: {parts} x {share}; first "
        f"instalment {s.day(first_due)}. Explained a missed payment cancels the arrangement.",
    )
    mood: Sentiment = s.rng.choice(("neutral", "positive", "negative"))
    s.add("agent", "PaymentArrangement", notes, "arrangement_created", mood)
    s.plant("amounts", f"{parts} instalments of {share}")
    s.plant("dates", f"{first_due:%Y-%m-%d}: first instalment due")
    s.plant("promises", "disconnection on hold while arrangement is kept")
    if s.level >= 1:
        s.cursor = max(s.cursor, first_due)
        s.wait(20, 60)
        notes = s.pick(
            f"Automated: first instalment of {share} not received. Caller chose 'talk to "
            "someone' but hung up in queue after 9 min.",
            "Payment line: caller tried to pay by card, payment declined twice. Call ended.",
        )
        s.add("ivr", "PaymentStatus", notes, "abandoned", "frustrated")
        s.plant("open_items", "first instalment missed or failed")
    if s.level == 2:
        s.wait(4, 30)
        new_due = s.cursor + timedelta(days=s.rng.randint(4, 9))
        notes = s.pick(
            "Customer upset about missed-payment letter. Supervisor approved one-time "
            f"extension to {s.day(new_due)}; late fee not waived. Says payday is the 15th.",
            f"Renegotiated: instalment moved to {s.day(new_due)}. Customer asked to waive the "
            "late fee, declined per policy. Customer said they may switch providers.",
        )
        s.add("agent", "PaymentArrangement", notes, "arrangement_updated", "negative")
        s.plant("dates", f"{new_due:%Y-%m-%d}: extended instalment due")
        s.plant("promises", "one-time extension granted")
    return "payment_arrangement"


def cancellation_threat(s: Story) -> str:
    """Promo expiry, a price jump, a threat to leave and a retention offer."""
    old = s.money(45, 80, whole=True)
    new = old + s.money(15, 40, whole=True)
    offer = s.usd(s.money(10, 25, whole=True))
    months = s.rng.choice((6, 12))
    s.wait(0, 3)
    notes = s.pick(
        f"Customer says bill went from {s.usd(old)} to {s.usd(new)} after the promo ended "
        "and wants to cancel. Competitor offers fiber for less.",
        f"Promo expired, monthly price now {s.usd(new)} (was {s.usd(old)}). Customer: 'I'll "
        "cancel if you can't fix this.'",
    )
    s.add(s.rng.choice(("agent", "chat")), "CancelRequest", notes, "retention_transfer", "angry")
    s.plant("amounts", f"price rose from {s.usd(old)} to {s.usd(new)}")
    s.wait(0.05, 1)
    answer = s.rng.choice(("accepted", "declined", "thinking"))
    notes = s.pick(
        f"Retention: offered {offer}/month off for {months} months. Customer {answer}.",
        f"Loyalty desk offered {offer} monthly discount, {months}-month term. "
        f"Outcome: customer {answer}.",
    )
    mood: Sentiment = "neutral" if answer == "accepted" else "negative"
    s.add("agent", "RetentionOffer", notes, f"offer_{answer}", mood)
    s.plant("amounts", f"retention offer {offer}/month for {months} months ({answer})")
    if answer != "accepted":
        s.plant("open_items", "customer may still cancel")
    if s.level >= 1:
        s.wait(24, 120)
        notes = s.pick(
            "Customer email: 'Please confirm my cancellation date and where to return the modem.'",
            "Customer asked in writing for the early termination fee amount before deciding.",
        )
        s.add("email", "CancelRequest", notes, "awaiting_reply", "negative")
        s.plant("open_items", "written request not yet answered")
    if s.level == 2:
        s.wait(12, 60)
        notes = s.pick(
            "Second retention call; customer still undecided, said the offer should have "
            "come before the price hike. Agent promised a callback once a better bundle is "
            "approved.",
            "Customer scheduled disconnection for end of cycle but would stay if the speed "
            "upgrade is included. Supervisor approval pending; agent to call back with it.",
        )
        s.add("agent", "CancelRequest", notes, "pending_approval", "frustrated")
        s.plant("promises", "callback with an improved offer")
    return "cancel_service"
