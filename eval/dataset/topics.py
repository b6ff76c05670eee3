"""What each v2 case is about: the issue, the action taken, the promise and how it ends, in
the words of the customer, of the agent's notes, and of each of the two reference writers.

Keeping the writers' phrasings apart from the records' phrasings is what keeps the references
abstractive: a reference never reuses a sentence template that produced the history.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    """One business topic. `{amt}` is the amount, `{ticket}` the case number.

    Attributes:
        name: Topic id (a scenario name of the v1 set).
        ivr_intent: Intent of the arriving call.
        menu: IVR menu labels after the main menu, with the DTMF key of each.
        prefix: Ticket prefix.
        amounts: Range of the amount at stake.
        say: How the customer states the problem (transcripts, chat, e-mail).
        note: How an agent's wrap-up note states it (shorthand).
        action: What the agent did, in notes.
        promise: What was promised (noun phrase), in notes.
        fixed: How the notes record the fix.
        ref_a: Writer A's phrase for the issue; ref_b: writer B's.
        promise_a: Writer A's phrase for the promise; promise_b: writer B's.
        intent_match: Lowercase phrases any summary of this issue contains.
    """

    name: str
    ivr_intent: str
    menu: tuple[tuple[str, str], ...]
    prefix: str
    amounts: tuple[float, float]
    say: tuple[str, ...]
    note: tuple[str, ...]
    action: str
    promise: str
    fixed: str
    ref_a: str
    ref_b: str
    promise_a: str
    promise_b: str
    intent_match: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    t.name: t
    for t in (
        Topic(
            "billing_dispute",
            "billing_dispute",
            (("2", "Billing"), ("4", "Dispute a charge")),
            "BD",
            (18, 140),
            (
                "there's a charge of {amt} on my bill that I never agreed to",
                "I got billed {amt} for something I didn't order",
                "my statement has this {amt} fee and nobody can tell me what it is",
            ),
            (
                "cx disputes {amt} chrg on stmt",
                "cust questioning {amt} charge, says not authorised",
            ),
            "opnd dispute {ticket}",
            "billing review callback",
            "dispute upheld, {amt} credited",
            "a disputed {amt} charge",
            "a {amt} charge the customer says they never agreed to",
            "a callback from the billing review team",
            "billing to call back after review",
            ("dispute", "disputed", "never agreed"),
        ),
        Topic(
            "outage",
            "tech_support",
            (("3", "Technical support"), ("1", "Service outage")),
            "OUT",
            (10, 40),
            (
                "the internet has been down since yesterday and I want the {amt} credit for it",
                "we've had no service at all, the whole street is out, I'm asking for {amt} back",
            ),
            (
                "cx reports no svc, area outage confirmed, wants {amt} credit",
                "outage on node, cust affected, asks {amt} back",
            ),
            "linked to outage {ticket}",
            "restoration update by SMS",
            "service restored, {amt} outage credit applied",
            "an area outage with a {amt} credit at stake",
            "loss of service in an area outage",
            "an SMS update when service is back",
            "an SMS once restoration is done",
            ("outage", "no service", "loss of service"),
        ),
        Topic(
            "payment_arrangement",
            "payment",
            (("2", "Billing"), ("2", "Payment options")),
            "PA",
            (120, 480),
            (
                "I can't pay the whole {amt} this month, can we split it",
                "I lost some hours at work and I'm behind by {amt}",
            ),
            ("past due {amt}, req pay arrangement", "cx behind {amt}, asked for instalments"),
            "set up arrangement {ticket}",
            "first instalment confirmation",
            "arrangement completed, balance of {amt} cleared",
            "a past-due balance of {amt} on a payment arrangement",
            "{amt} overdue, being paid in instalments",
            "a confirmation once the first instalment posts",
            "confirmation of the first instalment",
            ("past-due", "overdue", "instalment", "payment arrangement"),
        ),
        Topic(
            "device_return",
            "billing_inquiry",
            (("2", "Billing"), ("5", "Equipment")),
            "RT",
            (60, 260),
            (
                "I sent the router back weeks ago and you still charged me {amt}",
                "you billed me {amt} for a box I returned at the store",
            ),
            (
                "cx says eqpt returned, billed {amt} non-return fee",
                "non-return fee {amt} questioned",
            ),
            "traced return under {ticket}",
            "refund of the non-return fee",
            "return located, {amt} fee reversed",
            "a {amt} non-return fee for returned equipment",
            "being billed {amt} for equipment already sent back",
            "a refund once the return is traced",
            "the fee reversed after the trace",
            ("non-return fee", "returned equipment", "sent back"),
        ),
        Topic(
            "fraud",
            "fraud",
            (("6", "Account security"), ("1", "Report fraud")),
            "FR",
            (90, 900),
            (
                "someone ordered a phone on my account, {amt}, it wasn't me",
                "there are purchases of {amt} I don't recognise and my password was changed",
            ),
            (
                "cx reports unauth order {amt}, acct secured",
                "possible takeover, {amt} unrecognised",
            ),
            "fraud case {ticket}, acct locked",
            "fraud team decision",
            "fraud confirmed, {amt} removed from account",
            "{amt} of unrecognised charges reported as fraud",
            "suspected account takeover with {amt} in charges",
            "a decision from the fraud team",
            "the fraud team to rule on the charges",
            ("fraud", "unrecognised", "takeover"),
        ),
        Topic(
            "cancellation_threat",
            "cancel_service",
            (("4", "Account changes"), ("3", "Cancel")),
            "RET",
            (20, 60),
            (
                "my promo ended and the bill jumped by {amt}, I'll cancel if you can't fix it",
                "a competitor offered me half price, your price went up {amt}",
            ),
            ("cx threatening to cancel, promo expired +{amt}", "retention: bill up {amt}"),
            "retention offer logged {ticket}",
            "retention offer decision",
            "retention discount of {amt} a month applied",
            "a {amt} monthly increase after a promotion ended and a threat to cancel",
            "plans to cancel over a {amt} price rise",
            "a decision on the retention offer",
            "retention to confirm the offer",
            ("cancel", "retention"),
        ),
        Topic(
            "tech_troubleshooting",
            "tech_support",
            (("3", "Technical support"), ("3", "Wi-Fi")),
            "TS",
            (0, 0),
            (
                "my wifi drops every few minutes and restarting the modem doesn't help",
                "the TV box freezes and the picture breaks up every night",
            ),
            (
                "cx intermittent wifi, reboot + line test done",
                "pixelation / freezing, remote reset",
            ),
            "tech visit booked {ticket}",
            "technician visit",
            "technician replaced the modem, service stable",
            "intermittent connection problems that remote steps did not fix",
            "a connection that keeps failing despite resets",
            "a technician visit",
            "a technician booked to attend",
            ("technician", "intermittent", "keeps failing", "keeps dropping"),
        ),
        Topic(
            "move_transfer",
            "new_service",
            (("4", "Account changes"), ("1", "Moving")),
            "MV",
            (49, 99),
            (
                "I'm moving next month and need service at the new flat, is it {amt} to install",
                "we are moving and you quoted me {amt} for the install at the new place",
            ),
            ("transfer of svc to new addr, install fee {amt}", "move order, {amt} install"),
            "move order {ticket}",
            "installation appointment",
            "install completed at new address, {amt} fee waived",
            "moving service to a new address with a {amt} installation fee",
            "a service transfer for a move, {amt} install fee",
            "an installation appointment",
            "an installer to attend",
            ("move", "moving", "transfer", "new address"),
        ),
        Topic(
            "escalation_pending",
            "billing_inquiry",
            (("2", "Billing"), ("9", "Other")),
            "ESC",
            (30, 300),
            (
                "I was promised a call back about the {amt} refund and nobody called",
                "this is the third time I'm asking about my {amt} refund",
            ),
            ("cx chasing {amt} refund, prior CB missed", "refund {amt} escalated, CB overdue"),
            "escalated to tier 2 {ticket}",
            "supervisor callback",
            "refund of {amt} issued by tier 2",
            "a {amt} refund that was escalated after a missed callback",
            "an escalated {amt} refund still being chased",
            "a supervisor callback",
            "a supervisor to call back",
            ("escalat", "refund"),
        ),
        Topic(
            "repeat_contact",
            "billing_inquiry",
            (("2", "Billing"), ("1", "Balance")),
            "RC",
            (15, 90),
            (
                "I keep getting a late fee of {amt} even though autopay is on",
                "same problem again, the {amt} late fee came back",
            ),
            ("late fee {amt} again, autopay on", "repeat: {amt} late fee reapplied"),
            "root-cause case {ticket}",
            "root-cause fix on autopay",
            "autopay fixed and {amt} late fee credited",
            "a {amt} late fee that keeps coming back despite autopay",
            "a recurring {amt} late fee with autopay active",
            "a fix to the autopay fault",
            "billing to fix the autopay fault",
            ("late fee", "autopay"),
        ),
    )
}
