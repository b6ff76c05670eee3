"""Fabricated-fact check: facts in a summary that its source interactions do not support.

This is seed 003's validation agent made deterministic. It extracts the checkable facts of a
summary (money amounts, calendar dates, contact counts, long numbers, ticket ids, channels and
a small vocabulary of topics) and looks for support in the in-scope interactions: their
timestamps, channels, intents, outcomes and notes. It is conservative by design: a fact is
flagged only when nothing in the source could support it, because a false alarm would fail a
good summary at the gate. What it cannot see (a wrong reason, a swapped cause) is left to
the judge.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from service.claims.clock_times import check_clock_times
from service.claims.counted_things import check_counted_things, check_parts_of_wholes
from service.claims.dated_facts import check_dates, check_weekdays
from service.claims.dated_times import check_times_on_dates
from service.claims.durations import check_lengths_of_time
from service.claims.mails_sent import mails_past_the_customers
from service.claims.mentions import (
    COUNT,
    COUNT_WORDS,
    DAY_MONTH,
    DIGIT_RUN,
    LAST_FOUR,
    MONTH_DAY,
    TICKET,
    digits,
    parse_count,
)
from service.claims.person_contacts import PersonContacts
from service.claims.rivals import NO_RIVAL, code_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_digit_runs
from service.claims.sum_facts import check_amounts
from service.claims.tables import mapping, pattern
from service.claims.terms import check_terms
from service.claims.text import SENTENCE_BREAK, squeezed
from service.claims.threads import THREAD_CHANNELS
from service.claims.topics import unsupported_topics
from service.claims.unread_numbers import UNREAD

# Channel words in a summary and the channels that support them; a word that also appears
# in the notes ("label emailed", "text PAY") is supported by the notes themselves.
CHANNEL_WORDS: dict[str, tuple[re.Pattern[str], frozenset[str]]] = {
    word: (pattern(f"channel_word_{word}"), frozenset(channels))
    for word, channels in mapping("channel_word_supports").items()
}


AGENT_COUNT = pattern("agent_count")
_WINDOW = pattern("window")


def _check_counts(
    summary: str, source: SourceFacts, people: PersonContacts
) -> list[UnsupportedFact]:
    found = []
    # "Nov 10 contacts", "Sep 27 agent call": a date followed by a noun, not ten contacts.
    date_spans = [m.span() for p in (MONTH_DAY, DAY_MONTH) for m in p.finditer(summary)]
    for match in AGENT_COUNT.finditer(summary):
        if any(start <= match.start(1) < end for start, end in date_spans):
            continue
        count = parse_count(match.group(1))
        if count in source.counts:
            continue  # the notes give this number themselves
        noun = (match.group("noun") or match.group("with") or "contacts").lower()
        if noun.startswith("call"):
            fewest, most = people.calls
        elif noun.startswith("chat"):
            fewest, most = people.chats
        else:
            fewest, most = people.total
        if count > most:
            reason = f"{count} exceeds the {most} contacts that reached a person"
            found.append(UnsupportedFact("count", match.group(0), reason))
        # Calls or chats may be some of them, and a window some of the time: only a total
        # of every contact with a person can be too few.
        elif (
            count < fewest
            and not noun.startswith(("call", "chat"))
            and not _WINDOW.match(summary[match.end() :])
        ):
            reason = f"{count} is fewer than the {fewest} contacts that reached a person"
            found.append(UnsupportedFact("count", match.group(0), reason))
    for start, said, count, noun in _counts_of_contacts(summary):
        if any(a <= start < b for a, b in date_spans):
            continue
        mailed = mails_past_the_customers(summary, start, count, source)
        if mailed is not None:
            found.append(UnsupportedFact("count", said, mailed))
            continue
        # A count up to the number of contacts may describe a subset; only more is impossible.
        if count > source.interactions and count not in source.counts:
            reason = f"{count} exceeds the {source.interactions} contacts in scope"
            fact = UnsupportedFact("count", said, reason)
            found.append(_as_sure_as_its_noun(fact, summary, start, noun, count, source))
    return found


_CONTACT_VERB_BEFORE = pattern("contact_verb_before")
# "Contacts: 3 (chat 2 April, ...)": the number of every contact, under a label.
_CONTACTS_LABELLED = pattern("contacts_labelled")
_LABELLED = "contacts:"
# "had already called three times", "says she emailed twice before": contacts the customer
# tells of, which may lie before the records.
_TOLD_BEFORE = pattern("contacts_told_before")
_EARLIER_AFTER = pattern("contacts_earlier_after")


def _counts_of_contacts(summary: str) -> list[tuple[int, str, int, str]]:
    """(where, what is said, the count, its noun) for each count of contacts or times,
    "3 phone calls" and "twice" as a label's "Contacts: 3"."""
    found = [
        (
            m.start(),
            m.group(0),
            parse_count(m.group(1) or m.group(3)),
            (m.group(2) or m.group(3)).lower(),
        )
        for m in COUNT.finditer(summary)
    ]
    counted_at = {start for start, *_ in found}
    found += [
        (m.start("count"), m.group(0), parse_count(m.group("count")), _LABELLED)
        for m in _CONTACTS_LABELLED.finditer(summary)
        if m.start("count") not in counted_at
    ]
    return found


_CONTACT_NOUNS = frozenset({"contacts", "interactions", _LABELLED})
_THREAD_TOLD = pattern("thread_told")
_UNANSWERED = pattern("calls_unanswered")


def _as_sure_as_its_noun(
    fact: UnsupportedFact, summary: str, start: int, noun: str, count: int, source: SourceFacts
) -> UnsupportedFact:
    """A count of contacts above the records' is a finding only when it counts contacts:
    "3 times" or "twice" after no verb of contacting may count tries inside one record
    ("tried the code twice"), a thread of e-mails in one record may be several messages
    (up to `source.messages`), and contacts told of before the records may be more."""
    sentence_start = max(summary.rfind(mark, 0, start) for mark in ".;\n")
    ends = [at for at in (summary.find(mark, start) for mark in ".\n") if at >= 0]
    # "Rider couldn't be reached (two calls)": calls that reached no one are tries. Mails
    # that went unanswered were still sent, contacts all the same.
    unanswered = _UNANSWERED.search(summary, sentence_start + 1, min(ends, default=len(summary)))
    if noun.startswith("call") and unanswered:
        return fact.unsure("calls that reached no one are tries, not contacts")
    if noun in ("times", "twice"):
        before = summary[max(0, start - 40) : start]
        if _CONTACT_VERB_BEFORE.search(before) is None:
            return fact.unsure("what is counted is not named a contact")
    # "3 contacts", "Contacts: 3" count contacts, as the prompt states their number: a
    # thread of messages is one contact. "3 emails" may count the thread's messages.
    # Unless the sentence tells of an exchange ("an e-mail exchange on 12-13 February"),
    # whose messages its writer may count one by one.
    told_thread = _THREAD_TOLD.search(summary, start, min(ends, default=len(summary)))
    counts_contacts = noun in _CONTACT_NOUNS and told_thread is None
    threads = source.channels & THREAD_CHANNELS
    if threads and not counts_contacts and (source.messages is None or count <= source.messages):
        return fact.unsure("a record may be a thread of several messages")
    # Contacts told of before the records' own, which the records do not count themselves
    # (a count they give is the rival): the customer's number may run past theirs.
    word_end = summary.find(" ", start)
    told = (
        source.earlier_told
        or _TOLD_BEFORE.search(summary, sentence_start + 1, start)
        or (word_end >= 0 and _EARLIER_AFTER.match(summary, word_end))
    )
    if told and not source.counts:
        return fact.unsure("contacts before the records' own are told of")
    return fact


QUANTITY = pattern("quantity")
# "both boxes" gives two of them as "two boxes" does.
_COUNTING_WORDS: dict[str, int] = mapping("counting_words")


def _check_quantities(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    found = []
    for match in QUANTITY.finditer(summary):
        count = parse_count(match.group(1))
        words = [w for w, v in {**COUNT_WORDS, **_COUNTING_WORDS}.items() if v == count]
        if Decimal(count) in source.numbers or any(f"{w} " in source.text for w in words):
            continue
        reason = f"no record gives {count} {match.group(2).lower()}"
        fact = UnsupportedFact("count", match.group(0), reason)
        if source.unlabelled and match.group(2).lower() not in _counted_in(source.text):
            # "two orders" where a chat lists the two order numbers, or says "both" in
            # its own language: with no count of these things in the records to misstate,
            # the summary may have counted what the records list one by one.
            fact = fact.unsure("the records count no such things: they may list them")
        found.append(fact)
    return found


@lru_cache(maxsize=4096)
def _counted_in(text: str) -> frozenset[str]:
    """The things the records count with a number of their own ("3 lines", "two visits")."""
    return frozenset(match.group(2).lower() for match in QUANTITY.finditer(text))


def _check_numbers(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    found = []
    for match in DIGIT_RUN.finditer(summary):
        run = digits(match.group(0))
        if len(run) >= 7 and not any(run in known or known in run for known in source.digit_runs):
            fact = UnsupportedFact("number", match.group(0), "number not in any record")
            found.append(_unless_rivalled(fact, run, source, summary))
    for match in LAST_FOUR.finditer(summary):
        if not any(known.endswith(match.group(1)) for known in source.digit_runs):
            reason = "no number in the records ends in these digits"
            found.append(UnsupportedFact("number", match.group(0), reason))
    for match in TICKET.finditer(summary):
        if match.group(0).lower() not in source.text and not _spaced_in(match.group(0), source):
            fact = UnsupportedFact("ticket", match.group(0), "ticket id not in any record")
            whole = _CODE_RUNS_ON.match(summary, match.start())
            if whole is not None and digits(whole.group(0)) in source.digit_runs:
                # "OT-452-981" of a call's "o te cuatro cinco dos guion nueve ocho uno":
                # its figures are the records', its letters said in words not read.
                found.append(fact.unsure("the records give the code's figures, not its letters"))
                continue
            if digits(match.group(0)) in _said_one_by_one(source.text):
                # "WO-4471" of a call's "W O four four seven one": its letters said one by
                # one, the O heard as a zero, its figures the records'.
                found.append(fact.unsure("the records say the code's figures, not its letters"))
                continue
            found.append(_unless_rivalled(fact, match.group(0), source, summary))
    return found


_CODE_RUNS_ON = pattern("ticket_in_parts")


@lru_cache(maxsize=1024)
def _said_one_by_one(text: str) -> frozenset[str]:
    """The figures the records say in words, as said and without a leading zero that may
    be a letter O."""
    said = spoken_digit_runs(text)
    return frozenset(said | {run.lstrip("0") for run in said})


def _unless_rivalled(
    fact: UnsupportedFact, code: str, source: SourceFacts, summary: str
) -> UnsupportedFact:
    """In an unlabelled conversation, a code no record gives is a finding only when a
    record gives one it may misstate, compared as written run together or as its digits
    (a transcript says "n g f dash three three zero four one"), and the summary does not
    state that one itself."""
    if not source.unlabelled:
        return fact
    own = {squeezed(t) for t in TICKET.findall(summary)} | {
        digits(m.group(0)) for m in DIGIT_RUN.finditer(summary)
    }
    said = {squeezed(code), digits(code)} - {""}
    # The code's own digits in a record ("ge ce 4 5 1 7 0" for GC-45170) are no rival.
    given = [
        known
        for known in [squeezed(t) for t in TICKET.findall(source.text)] + list(source.digit_runs)
        if known not in own | said
    ]
    if any(code_rival(form, given) is not None for form in said):
        return fact
    return fact.unsure(NO_RIVAL)


def _spaced_in(code: str, source: SourceFacts) -> bool:
    """Whether the records hold `code` spaced or said otherwise ("AK -381", "a k 3 8 1",
    "i n t dash four four one nine")."""
    return squeezed(code) in squeezed(source.text) or squeezed(code) in _spelt_out(source.text)


@lru_cache(maxsize=1024)
def _spelt_out(text: str) -> str:
    """The records' text as a transcript spells codes: figures said in words written in
    digits, and the punctuation said aloud ("dash", "slash") left out, all run together."""
    return squeezed(_SAID_PUNCTUATION.sub(" ", text))


_SAID_PUNCTUATION = pattern("said_punctuation")
_CURRENT_CALL = pattern("current_call")
_NOW_CALL = pattern("now_call")
_IVR = pattern("ivr")


def without_the_current_call(summary: str) -> str:
    summary = _CURRENT_CALL.sub(" ", summary)
    if not _NOW_CALL.search(summary):
        return summary
    said = SENTENCE_BREAK.split(summary)
    return " ".join(_IVR.sub(" ", s) if _NOW_CALL.search(s) else s for s in said)


def _check_channels(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    found = []
    summary = without_the_current_call(summary)
    for word, supporting in CHANNEL_WORDS.values():
        match = word.search(summary)
        if match and not supporting & source.channels and not word.search(source.text):
            reason = f"no {'/'.join(sorted(supporting))} contact and no mention in the notes"
            fact = UnsupportedFact("channel", match.group(0), reason)
            # "a typo in her email", "the result comes by SMS": a conversation no label
            # sums up names channels as things spoken of, not only as contacts made.
            found.append(fact.unsure(_CHANNEL_SPOKEN_OF) if source.unlabelled else fact)
    return found


_CHANNEL_SPOKEN_OF = "an unlabelled conversation may speak of a channel in its own words"


def _check_topics(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    lowered = summary.lower()
    found = [
        UnsupportedFact("intent", topic, "topic absent from every intent, outcome and note")
        for topic in unsupported_topics(lowered, source.text)
    ]
    if source.unlabelled:
        # "the five hundred back" is a refund, "no water since Monday" an outage: a
        # conversation no label sums up names its topic in its own words.
        return [fact.unsure(_OWN_WORDS) for fact in found]
    return found


_OWN_WORDS = "a conversation no label sums up may name its topic in its own words"


def unsupported_facts(
    summary: str, source: SourceFacts, people: PersonContacts
) -> list[UnsupportedFact]:
    """Facts in `summary` that the records and the request do not support.

    Args:
        summary: The generated summary.
        source: What the records (windowed and filtered) and the request can support.
        people: The contacts that reached a person.

    Returns:
        Unsupported facts in check order (amounts, dates, counts, terms, numbers and ticket
        ids, channels, topics); empty when everything checkable is supported.
    """
    found = _said_unread(check_amounts(summary, source) + check_dates(summary, source), source)
    found += check_weekdays(summary, source)
    found += _check_counts(summary, source, people)
    checks = (
        _check_quantities,
        check_terms,
        check_lengths_of_time,
        check_clock_times,
        check_times_on_dates,
        check_counted_things,
        check_parts_of_wholes,
        _check_numbers,
        _check_channels,
        _check_topics,
    )
    for check in checks:
        facts = check(summary, source)
        found += _said_unread(facts, source) if check in _FIGURES else facts
    return found


# The checks of figures: a record may say those in words the checker does not read.
_FIGURES = frozenset(
    (
        _check_quantities,
        check_lengths_of_time,
        check_clock_times,
        check_counted_things,
        check_parts_of_wholes,
        _check_numbers,
    )
)


def _said_unread(facts: list[UnsupportedFact], source: SourceFacts) -> list[UnsupportedFact]:
    """`facts` as abstentions when a record says figures in words the checker does not
    read: a figure no record it reads gives may be one of those."""
    if not source.unread_numbers:
        return facts
    why = f"{UNREAD} ('{source.unread_numbers}')"
    return [fact if fact.unsure_why else fact.unsure(why) for fact in facts]
