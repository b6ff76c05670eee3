"""A v2 case: the facts of one customer's issue and the records that state them.

The facts are decided first (amount, ticket, promise and its date, open or resolved, sentiment
at the start and the end); the records are rendered from them, and each record remembers which
facts it states (`marks`), so every key fact can point at the records it comes from.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from eval.dataset import hazards, records
from eval.dataset.case_facts import SIZES, CaseFacts, Hazards, Record, Timeline, day
from eval.dataset.records import Beat
from eval.dataset.schema import RecordKind
from eval.dataset.topics import Topic
from service.models import Sentiment


class CaseBuilder(Timeline):
    """Renders one case into records, in time order, with the hazards spread over them."""

    def __init__(
        self,
        rng: random.Random,
        topic: Topic,
        *,
        level: int,
        size: str,
        start: datetime,
        name: str,
        email: str,
        hz: Hazards,
        sparse: bool = False,
    ):
        super().__init__(rng, start, topic.ivr_intent)
        self.topic, self.level, self.name, self.email, self.hz = topic, level, name, email, hz
        self.filler, self.depth = SIZES[size]
        self.sparse = sparse
        self.pii = hazards.pii_values(rng, email)
        self.pii_left = list(hz.pii)
        self.pii_used: list[str] = []
        low, high = topic.amounts
        cents = rng.choice((0, 0, 99, 50, rng.randint(1, 98)))
        amount = f"${rng.randint(int(low), int(high))}.{cents:02d}" if high else None
        self.facts = CaseFacts(
            topic,
            amount,
            f"{topic.prefix}-{rng.randint(10000, 99999)}",
            start,
            start,
            promise_missed=level > 0 and rng.random() < 0.7,
            resolved=rng.random() < (0.6, 0.4, 0.25)[level],
            escalated=level == 2,
            sentiments=[rng.choice(("neutral", "negative"))],
        )
        if hz.foreign or hz.contradiction:
            # Both hazards are about an open case: a stale "resolved" text, a chaser in another
            # language asking after the promised callback.
            self.facts.resolved, self.facts.promise_missed = False, level > 0

    def build(self) -> tuple[CaseFacts, list[Record]]:
        """The facts and the records of the whole case."""
        facts, t = self.facts, self.topic
        amt = facts.amount or ""
        self.wait(0, 0)
        due = self.cursor + timedelta(days=self.rng.randint(2, 7))
        facts.promise_due = due
        say = self.rng.choice(t.say).format(amt=amt)
        action = t.action.format(ticket=facts.ticket)
        report = Beat(
            customer=[say, "I need this sorted out"],
            agent=[f"I have logged this under {facts.ticket}"]
            + ([f"the amount on the case is {amt}"] if amt else [])
            + [f"you can expect a {t.promise} by {day(due, self.rng.randrange(3))}"],
            note=f"{self.rng.choice(t.note).format(amt=amt)}; {action}; {t.promise} due "
            f"{day(due, self.rng.randrange(3))}",
        )
        marks = {"intent", "amount", "date", "promise", "contact"}
        if self.sparse:
            # One contact is all there is: it also carries the status and the sentiment.
            facts.resolved = facts.promise_missed = False
            marks |= {"status", "sentiment"}
        self.contact(report, marks)
        self.wait(0.05, 0.5)
        self.notify(f"Case {facts.ticket} is open. Next update by {day(due, 1)}", {"promise"})
        if self.sparse:
            return self._done()
        if self.hz.duplicate:
            self.duplicate_last()
        if self.hz.contradiction and not facts.resolved:
            facts.contradiction = "stale_sms"
            self.wait(10, 30)
            self.notify(f"Good news! Case {facts.ticket} has been resolved. Thank you", set())
        for _ in range(self.level):
            self.chase()
        self.finish()
        return self._done()

    def _done(self) -> tuple[CaseFacts, list[Record]]:
        facts = self.facts
        facts.channels = tuple(r.channel for r in self.records if "contact" in r.marks)
        facts.contacts = sum("contact" in r.marks for r in self.records)
        return facts, self.records

    def chase(self) -> None:
        facts = self.facts
        last = self.records[-1].when
        self.wait(48, 24 * 6)
        if facts.promise_missed and self.cursor < facts.promise_due:
            self.cursor = facts.promise_due + timedelta(hours=self.rng.randint(20, 60))
        elif not facts.promise_missed and self.cursor >= facts.promise_due:
            # A chaser before the promised date, so the promise is not missed by the clock.
            self.cursor = last + (facts.promise_due - last) / 2
        mood: Sentiment = "angry" if facts.sentiments[-1] == "frustrated" else "frustrated"
        facts.sentiments.append(mood)
        said = [
            "nobody got back to me like you promised"
            if facts.promise_missed
            else "I'm checking where things are with my case",
            f"the reference is {facts.ticket}",
        ]
        if facts.contradiction == "stale_sms":
            said.append("you sent me a text saying it's resolved but nothing has changed")
        agent = [f"I can see {facts.ticket} is still with the team, I'm sorry for the wait"]
        marks = {"contact"}
        if self.hz.pii and self.rng.random() < 0.5:
            said.append(self.pii_line())
        if facts.escalated and len(facts.sentiments) == self.level + 1:
            facts.promise_due = self.cursor + timedelta(days=self.rng.randint(2, 5))
            agent.append(
                f"I've escalated it to tier 2 and a supervisor will contact you by "
                f"{day(facts.promise_due)}"
            )
            marks.add("promise")
        beat = Beat(
            customer=said,
            agent=agent,
            note=f"cx chasing {facts.ticket}, {'CB missed, ' if facts.promise_missed else ''}"
            + (
                f"esc T2, sup CB by {day(facts.promise_due, 1)}"
                if "promise" in marks
                else "still w/ team"
            ),
        )
        self.contact(beat, marks)

    def finish(self) -> None:
        facts = self.facts
        self.wait(24, 24 * 5)
        if facts.resolved:
            end: Sentiment = self.rng.choice(("satisfied", "positive", "neutral"))
            facts.sentiments.append(end)
            fixed = self.topic.fixed.format(amt=facts.amount or "")
            beat = Beat(
                customer=["thanks, that's what I wanted"],
                agent=[f"good news, {fixed}", f"case {facts.ticket} is now closed"],
                note=f"{fixed}; {facts.ticket} closed",
                done=True,
            )
            self.contact(beat, {"contact", "sentiment", "status"}, done=True)
            return
        end = "angry" if facts.sentiments[-1] == "frustrated" and self.level == 2 else "frustrated"
        facts.sentiments.append(end)
        beat = Beat(
            customer=["so it's still not fixed", "this is taking far too long"],
            agent=[f"{facts.ticket} is still open, I've added a note for the team"],
            note=f"{facts.ticket} still open, cx {end}, no resolution yet",
        )
        self.contact(beat, {"contact", "sentiment", "status"})
        if self.hz.foreign:
            language, line, meaning = self.rng.choice(hazards.FOREIGN)
            facts.foreign = (language, meaning)
            self.wait(2, 30)
            self.add(
                "sms",
                "sms",
                f"[IN {self.cursor:%H:%M}] {line}",
                "inbound_received",
                end,
                {"foreign"},
            )

    def contact(self, beat: Beat, marks: set[str], *, done: bool = False) -> None:
        """An agent-handled contact on a channel chosen for variety, with hazards planted."""
        rng, t = self.rng, self.topic
        kind: RecordKind = rng.choice(("call_transcript", "chat", "email_thread", "wrapup"))
        if self.hz.injection and not self._injected():
            # Injected text is customer-authored: it arrives in writing, in a chat or an e-mail.
            kind = rng.choice(("chat", "email_thread"))
            beat.customer_extra.append(hazards.injection(rng, self.hz.injection))
            marks = marks | {"injection"}
        if self.pii_left and kind != "wrapup":
            beat.customer_extra.append(self.pii_line())
        sentiment = self.facts.sentiments[-1]
        outcome = hazards.outcome(rng, kind, done=done)
        if kind in ("call_transcript", "wrapup"):
            self.add(
                "ivr",
                "ivr_dtmf",
                records.ivr(rng, t, beat),
                hazards.outcome(rng, "ivr", done=False),
                None,
                set(),
            )
            self.wait(0.02, 0.1)
        if kind == "call_transcript":
            text = records.call_transcript(
                rng, beat, name=self.name, filler=self.filler, noise=0.3 + 0.1 * self.level
            )
            if self.facts.amount and "amount" in marks:
                text += f"\n[post-call note] amt {self.facts.amount} / {beat.note}"
            self.add("agent", kind, text, outcome, sentiment, marks)
        elif kind == "chat":
            self.add(
                "chat",
                kind,
                records.chat(rng, beat, filler=self.filler, clock=self.clock()),
                outcome,
                sentiment,
                marks,
            )
        elif kind == "email_thread":
            phone = self.pii[rng.choice(("phone_us", "phone_uk", "phone_de", "phone_fr"))]
            text = records.email_thread(
                rng,
                beat,
                name=self.name,
                email=self.email,
                phone=phone,
                depth=self.depth,
                subject=self.facts.ticket,
            )
            self.pii_used += ["email", "signature_phone"]
            self.add("email", kind, text, outcome, sentiment, marks)
        else:
            self.add("agent", kind, records.wrapup(rng, beat, rate=0.4), outcome, sentiment, marks)

    def notify(self, text: str, marks: set[str]) -> None:
        beat = Beat(customer=["ok thx"] if self.rng.random() < 0.4 else [], agent=[text], note=text)
        self.add(
            "sms",
            "sms",
            records.sms(self.rng, beat, clock=self.clock()),
            hazards.outcome(self.rng, "sms", done=False),
            None,
            marks,
        )

    def duplicate_last(self) -> None:
        last = self.records[-1]
        self.cursor = last.when + timedelta(minutes=self.rng.randint(1, 3))
        self.add(last.channel, last.kind, last.notes, last.outcome, last.sentiment, {"duplicate"})

    def pii_line(self) -> str:
        kind = self.pii_left.pop(0) if self.pii_left else self.rng.choice(hazards.PII_FORMATS)[0]
        self.pii_used.append(kind)
        return hazards.pii_line(self.rng, self.pii, kind)

    def _injected(self) -> bool:
        return any("injection" in r.marks for r in self.records)
