"""A contact said not to have happened: "On Aug 27 they never emailed" while the Aug 27
record is the customer's e-mail, or "no texts have gone out" while records are the texts
sent to the customer.

The act is carried by the record's channel, not by its words (an e-mail's notes rarely say
"emailed", a text's notes are its message), so the act checker cannot see it; the channel
and the day can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from service.claims.contacts import CHANNEL_OF, days_named, within_a_day
from service.claims.lexicon import outcome_words
from service.claims.mentions import mentioned_dates
from service.claims.tables import pattern, word_list
from service.claims.types import Finding
from service.models import Interaction

# The customer's own contact, denied: "they never emailed", "the customer did not call".
_DENIED = pattern("denied_contact")
# "... since then": since the day named last.
_THEN = pattern("then_opening")
_RELATIVE = pattern("relative")

_NONE_SENT = pattern("none_sent")
_OUTBOUND = pattern("outbound")


def _clause_of(sentence: str, match: re.Match[str]) -> str:
    """The part of `sentence` between semicolons (or dashes) that holds `match`: a day
    named in another part ("promised by 04/21; no texts were sent") is not the texts' day."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, match.start())]
    after = _CLAUSE_BREAK.search(sentence, match.end())
    return sentence[starts[-1] if starts else 0 : after.start() if after else len(sentence)]


_CLAUSE_BREAK = pattern("clause_break")


def _customers(item: Interaction) -> bool:
    """Whether the record is a contact the customer made (not a message sent to them)."""
    return not _OUTBOUND.search(item.notes) or "[IN" in item.notes


def check_denied_contacts(
    sentences: Sequence[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    """A contact the customer made on a channel (on the day the sentence names, if it
    names one), said not to have happened."""
    if not interactions:
        return []
    findings = []
    anchor = interactions[-1].timestamp.date()
    for sentence in sentences:
        match = _DENIED.search(sentence)
        # The next few words only: "never emailed, angry, saying it went back two weeks
        # earlier" still denies the e-mail.
        if match is None or _RELATIVE.search(" ".join(sentence[match.end() :].split()[:4])):
            continue
        channels = CHANNEL_OF[match.group("verb").lower()]
        days = days_named(_clause_of(sentence, match), anchor)
        made = [
            (position, item)
            for position, item in enumerate(interactions, 1)
            if item.channel in channels
            and _customers(item)
            and (not days or any(within_a_day(d, item.timestamp.date()) for d in days))
        ]
        if made:
            where = tuple(position for position, _ in made)
            said = match.group(0).strip()
            reason = f"'{said}': record {where[-1]} is that contact, made by the customer"
            findings.append(
                Finding("negated_action", "contradicted", match.group(0), reason, where)
            )
    return findings


def check_denied_messages(
    sentences: Sequence[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    """Texts sent to the customer (on the day the sentence names, if it names one), said
    not to have gone out."""
    if not interactions:
        return []
    findings = []
    anchor = interactions[-1].timestamp.date()
    for sentence in sentences:
        match = _NONE_SENT.search(sentence)
        if match is None or _RELATIVE.search(" ".join(sentence[match.end() :].split()[:4])):
            continue
        days = days_named(_clause_of(sentence, match), anchor)
        sent = [
            position
            for position, item in enumerate(interactions, 1)
            if item.channel == "sms"
            and (not _customers(item) or "[OUT" in item.notes)
            and (not days or any(within_a_day(d, item.timestamp.date()) for d in days))
        ]
        if sent:
            reason = f"'{match.group(0).strip()}': record {sent[-1]} is a text sent to the customer"
            findings.append(
                Finding("negated_action", "contradicted", match.group(0), reason, tuple(sent))
            )
    return findings


_NONE_SINCE = pattern("none_since")
_TEXTED_IN = pattern("texted_in")
_CHANNEL_WORD = pattern("channel_word")
_CUSTOMER_CHANNELS = frozenset(word_list("customer_channels"))


def check_no_contact_since(
    sentences: Sequence[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    """ "Not been in touch since <a day or a contact>" while a later record is a contact the
    customer made."""
    if not interactions:
        return []
    findings = []
    anchor = interactions[-1].timestamp.date()
    for sentence in sentences:
        match = _NONE_SINCE.search(sentence)
        if match is None:
            continue
        since = match.group("since")
        days = days_named(since, anchor)
        channel = _CHANNEL_WORD.search(since)
        if not since.strip(" ,") or _THEN.match(since):
            # "has not chased the case since": since the last day the summary named before.
            before = _before(sentences, sentence, match)
            # A deadline named last ("CB by 06/22; no contact since then") is not when the
            # customer was last in touch: only days a record was made count.
            contact_days = [item.timestamp.date() for item in interactions]
            named = [
                surface
                for surface, _ in mentioned_dates(before)
                if any(
                    within_a_day(d, c) for d in days_named(surface, anchor) for c in contact_days
                )
            ]
            last = max(named, key=before.rfind, default="")
            days = days_named(last, anchor) if last else []
        # "03/07" read both ways: a reading after the last record is not the day meant.
        days = [day for day in days if day <= anchor + timedelta(days=1)] or days
        if days:
            start = max(days)
        elif channel is not None:
            # "since that email": at the latest, the last contact on that channel.
            key = channel.group(1).lower().replace("-", "")
            wanted = CHANNEL_OF.get(key, CHANNEL_OF.get(key + "ed", frozenset()))
            on_it = [i.timestamp.date() for i in interactions if i.channel in wanted]
            if not on_it:
                continue
            start = max(on_it)
        else:
            continue
        later = [
            position
            for position, item in enumerate(interactions, 1)
            if item.timestamp.date() > start
            and (item.channel in _CUSTOMER_CHANNELS or _TEXTED_IN.match(item.notes))
            and _customers(item)
        ]
        if later:
            reason = f"'{match.group(0).strip()}': record {later[0]} is a later contact"
            findings.append(
                Finding("negated_action", "contradicted", match.group(0), reason, tuple(later))
            )
    return findings


def _before(sentences: Sequence[str], sentence: str, match: re.Match[str]) -> str:
    """The summary's text up to `match`: the earlier sentences and the start of its own."""
    earlier = list(sentences[: sentences.index(sentence)])
    return " ".join([*earlier, sentence[: match.start()]])


_NO_REPLY = pattern("no_reply")
_DENIAL = pattern("denial")
_EARLIER_MESSAGES = pattern("earlier_messages")
_COMPANY_SENDER = pattern("company_sender")


def _reply(item: Interaction) -> bool:
    said = bool({"replied", "answered", "responded"} & set(outcome_words(item.outcome)))
    return item.channel == "email" and (said or _COMPANY_SENDER.search(item.notes) is not None)


_TEXT_UNANSWERED = pattern("text_unanswered")
_ANSWERED_TEXT = pattern("answered_text")


def _customer_answered(
    sentence: str, match: re.Match[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    anchor = interactions[-1].timestamp.date()
    days = days_named(_clause_of(sentence, match), anchor)
    answered = tuple(
        position
        for position, item in enumerate(interactions, 1)
        if item.channel == "sms"
        and _ANSWERED_TEXT.search(item.notes)
        and (not days or any(within_a_day(d, item.timestamp.date()) for d in days))
    )
    if not answered:
        return []
    reason = f"'{match.group(0).strip()}': record {answered[-1]} holds the customer's answer"
    return [Finding("negated_action", "contradicted", match.group(0), reason, answered)]


def check_denied_reply(
    sentences: Sequence[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    """An e-mail said to be unanswered while the company's reply is on record after the
    customer's last e-mail; a text to the customer said to be unanswered while the
    customer's answer is on record."""
    findings = []
    for sentence in sentences:
        unanswered = _TEXT_UNANSWERED.search(sentence) if interactions else None
        if unanswered is not None:
            findings += _customer_answered(sentence, unanswered, interactions)
        match = _NO_REPLY.search(sentence)
        if match is None or _DENIAL.search(match.group(0)) is None:
            continue
        if _EARLIER_MESSAGES.search(sentence[: match.start()]):
            continue  # unanswered before the reply: how things stood, not how they stand
        written = [
            n for n, i in enumerate(interactions, 1) if i.channel == "email" and not _reply(i)
        ]
        replies = [
            n for n, i in enumerate(interactions, 1) if _reply(i) and n > max(written, default=0)
        ]
        if replies:
            reason = f"'{match.group(0).strip()}': record {replies[-1]} is the company's reply"
            findings.append(
                Finding("negated_action", "contradicted", match.group(0), reason, tuple(replies))
            )
    return findings
