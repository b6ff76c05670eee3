"""The two v2 reference writers and the key facts they both state.

Writer A puts the issue first in terse clauses; writer B tells the case in order, in full
sentences. Both follow the style guide in datasets/README.md and read only `CaseFacts`, never
the records' text, so a reference shares the history's facts but not its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eval.dataset.case_facts import MONTHS, CaseFacts
from eval.dataset.hazards import number_words
from service.models import Channel

FULL_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# (writer A word, writer B word) for each sentiment; either one states it.
MOOD = {
    "neutral": ("neutral", "calm"),
    "negative": ("negative", "unhappy"),
    "frustrated": ("frustrated", "frustrated"),
    "angry": ("angry", "angry"),
    "satisfied": ("satisfied", "satisfied"),
    "positive": ("positive", "pleased"),
}
CHANNEL_WORDS: dict[Channel, tuple[str, str]] = {
    "agent": ("phone", "the phone"),
    "chat": ("chat", "chat"),
    "email": ("e-mail", "e-mail"),
    "sms": ("text", "text message"),
    "ivr": ("phone menu", "the phone menu"),
}
FILTER_WORDS: dict[Channel, str] = {
    "ivr": "IVR",
    "agent": "agent",
    "chat": "chat",
    "email": "e-mail",
    "sms": "SMS",
}
CHANNEL_MATCH: dict[Channel, tuple[str, ...]] = {
    "agent": ("phone", "call"),
    "chat": ("chat",),
    "email": ("e-mail", "email"),
    "sms": ("text", "sms"),
    "ivr": ("ivr", "phone menu"),
}
CORE_SENTENCES = 5  # writer B's core; writer A has one more (the next step)
OPEN_MATCH = ("still open", "not yet resolved", "unresolved", "remains open", "pending")
RESOLVED_MATCH = ("resolved on", "was resolved", "now closed", "sorted out", "is closed")


@dataclass(frozen=True)
class Evidence:
    """Indices of in-scope records per mark (`intent`, `amount`, `contact`, ...)."""

    by_mark: dict[str, tuple[int, ...]]
    end: datetime  # when the last contact happened

    def of(self, mark: str) -> list[int]:
        return list(self.by_mark.get(mark, ()))


def short(when: datetime) -> str:
    return f"{MONTHS[when.month - 1]} {when.day}"


def long(when: datetime) -> str:
    return f"{FULL_MONTHS[when.month - 1]} {when.day}"


def date_match(when: datetime) -> list[str]:
    m, d = when.month, when.day
    return [short(when).lower(), long(when).lower(), f"{m:02d}/{d:02d}"]


def write_references(facts: CaseFacts, ev: Evidence) -> tuple[str, str, list[dict[str, Any]]]:
    """Writer A's and writer B's references and the key facts (each stated by both)."""
    t, n = facts.topic, facts.contacts
    first, due = facts.first, facts.promise_due
    last_channel = facts.channels[-1] if facts.channels else "agent"
    via = CHANNEL_WORDS[last_channel][1]
    s0, s1 = MOOD[facts.sentiments[0]], MOOD[facts.sentiments[-1]]
    amt = facts.amount or ""
    supervisor = facts.escalated
    a_promise = "a supervisor callback" if supervisor else t.promise_a
    b_promise = "a call from a supervisor" if supervisor else t.promise_b
    a = [
        f"{_cap(t.ref_a.format(amt=amt))}, case {facts.ticket}, first raised {short(first)}.",
        f"{n} agent contact{'s' if n > 1 else ''} so far, latest by "
        f"{CHANNEL_WORDS[last_channel][0]}.",
        (
            ("An earlier callback was missed; n" if facts.promise_missed else "N")
            + "ow escalated to tier 2. "
            if supervisor
            else "The first promised update was missed. "
            if facts.promise_missed
            else ""
        )
        + f"Promised: {a_promise} by {short(due)}.",
        f"Resolved on {short(ev.end)}; no action pending."
        if facts.resolved
        else "Still open, nothing settled yet.",
        f"Sentiment moved from {s0[0]} to {s1[0]}." if s0 != s1 else f"Sentiment: {s1[0]}.",
        "Nothing else outstanding on the account."
        if facts.resolved
        else "Next agent: check the case notes before committing to anything new.",
    ]
    b = [
        f"The customer first got in touch on {long(first)} about {t.ref_b.format(amt=amt)}.",
        f"Case {facts.ticket} was opened"
        + (" and a promised update never came, so they chased it" if facts.promise_missed else "")
        + (", and it was escalated to tier 2" if supervisor else "")
        + f"; they were told to expect {b_promise} by {long(due)}.",
        f"There have been {number_words(n)} conversations with agents, the most recent over {via}."
        if n > 1
        else f"There has been one conversation with an agent, over {via}.",
        f"It was sorted out on {long(ev.end)} and the case is closed."
        if facts.resolved
        else "The matter is not yet resolved.",
        f"Having started out {s0[1]}, the customer now comes across as {s1[1]}."
        if s0 != s1
        else f"The customer comes across as {s1[1]} throughout.",
    ]
    if facts.contradiction == "stale_sms":
        a.append("An automated text wrongly claimed the case was fixed.")
        b.append("A text sent in error told the customer the problem was fixed; it was not.")
    if facts.foreign:
        language, meaning = facts.foreign
        a.append(f"Latest text, in {language}: customer {meaning}.")
        b.append(f"Their last text, written in {language}, says they are {meaning}.")
    keys = _key_facts(facts, ev, a_promise, s1, last_channel)
    return _fit(a, keys), _fit(b, keys), keys


def write_empty(
    days: int, channels: tuple[Channel, ...] | None, intent: str
) -> tuple[str, str, list[dict[str, Any]]]:
    """References and key facts when nothing is in scope (the no-history rule)."""
    about = intent.replace("_", " ")
    where = ""
    if channels:
        where = " on the " + " or ".join(FILTER_WORDS[c] for c in channels) + " channels"
    a = (
        f"No interactions found in the last {days} days{where}. The customer is calling about "
        f"{about}; there is no earlier history to summarise, so treat this as a first contact."
    )
    b = (
        f"No interactions found within the {days}-day window{where}. Today's call concerns "
        f"{about}, and the agent starts without any prior context from earlier contacts."
    )
    keys: list[dict[str, Any]] = [
        {"fact": "no interactions in scope", "kind": "status", "match": ["no interactions found"]},
        {"fact": f"{days}-day window", "kind": "date", "match": [f"{days} days", f"{days}-day"]},
        {"fact": f"calling about {about}", "kind": "intent", "match": [about]},
    ]
    if channels:
        keys.append(
            {
                "fact": "channel filter",
                "kind": "channel",
                "match": [FILTER_WORDS[channels[0]].lower()],
            }
        )
    return a, b, keys


def _key_facts(
    facts: CaseFacts, ev: Evidence, promise: str, mood: tuple[str, str], channel: Channel
) -> list[dict[str, Any]]:
    t, n = facts.topic, facts.contacts
    promise_at = ev.of("promise")[-1:] if facts.escalated else ev.of("promise")
    keys: list[dict[str, Any]] = [
        {
            "fact": f"issue: {t.ref_a.format(amt=facts.amount or '')}",
            "kind": "intent",
            "match": list(t.intent_match),
            "evidence": ev.of("intent"),
        },
    ]
    if facts.amount:
        keys.append(
            {
                "fact": f"{facts.amount} at stake",
                "kind": "amount",
                "match": [facts.amount.lower()],
                "evidence": ev.of("amount"),
            }
        )
    keys += [
        {
            "fact": f"first raised {short(facts.first)}",
            "kind": "date",
            "match": date_match(facts.first),
            "evidence": ev.of("date"),
        },
        {
            "fact": f"{promise} promised by {short(facts.promise_due)}",
            "kind": "promise",
            "match": date_match(facts.promise_due),
            "evidence": promise_at,
        },
        {
            "fact": "resolved" if facts.resolved else "still open",
            "kind": "status",
            "match": list(RESOLVED_MATCH if facts.resolved else OPEN_MATCH),
            "evidence": ev.of("status"),
        },
        {
            "fact": f"customer now {mood[0]}",
            "kind": "sentiment",
            "match": sorted(set(mood)),
            "evidence": ev.of("sentiment"),
        },
        {
            "fact": f"{n} agent contacts",
            "kind": "count",
            "match": [f"{n} agent contact", f"{number_words(n)} conversation"],
            "evidence": ev.of("contact"),
        },
        {
            "fact": f"latest contact by {CHANNEL_WORDS[channel][0]}",
            "kind": "channel",
            "match": list(CHANNEL_MATCH[channel]),
            "evidence": ev.of("contact")[-1:],
        },
    ]
    return keys


def _fit(sentences: list[str], keys: list[dict[str, Any]]) -> str:
    # The core sentences carry every key fact; extras (contradiction, foreign text) are dropped
    # from the end only while the text is over 90 words, and padding is never invented.
    text = " ".join(sentences)
    while len(text.split()) > 90 and len(sentences) > CORE_SENTENCES:
        sentences = sentences[:-1]
        text = " ".join(sentences)
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
