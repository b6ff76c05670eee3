"""What the records can support: every amount, date, number, count, channel and word of
the in-scope interactions and the request, read once per history, and a fact of a summary
that none of them supports.

The fact checks (`service.claims.facts`, `service.claims.terms`) hold a summary's figures
to these; the commitment checks hold a promise's date to the deadlines the records set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from service.claims.foreign_numbers import foreign_numbers_as_digits, prices_said_in_words
from service.claims.mentions import (
    CONTACT_NUMBER,
    CONTACT_ORDINAL,
    COUNT,
    DAY_ALONE,
    DIGIT_RUN,
    NUMBER,
    digits,
    dotted_days,
    due_dates,
    mentioned_dates,
    money_amounts,
    month_number,
    parse_amount,
    parse_count,
    priced_amounts,
)
from service.claims.message_days import message_days, message_due_dates, message_spans
from service.claims.relative_days import relative_days, relative_spans
from service.claims.repeats import sums_of_equal_parts, tells_of_an_earlier_contact
from service.claims.said_codes import codes_said_digit_by_digit
from service.claims.spoken import spoken_as_digits, spoken_digit_runs, spoken_values
from service.claims.tables import pattern
from service.claims.text import humanize, normalize
from service.claims.threads import CustomerMails, customer_mails, most_messages
from service.claims.types import Finding
from service.claims.unread_numbers import unread_number_phrase
from service.claims.weekdays import weekday_dates
from service.models import Interaction, SummaryOptions

_DISFLUENCY = pattern("disfluency")
_CONTACTS_MARKED = pattern("contacts_marked")
_LISTED_DAYS = pattern("listed_day")
_DAY_ALONE_ELSEWHERE = pattern("day_alone_other_languages")
_MONTH_ALONE = pattern("month_told_alone")
_TIMES_IN_OTHER_LANGUAGES = pattern("times_in_other_languages")
_SUM_AFTER_A_LETTER = pattern("sum_after_a_letter")
_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class UnsupportedFact:
    """One fact in a summary that the source does not support."""

    kind: str  # amount | date | count | number | ticket | channel | intent
    text: str
    reason: str
    # Why the records do not settle it, when they do not: the finding is an abstention.
    unsure_why: str = ""

    def unsure(self, why: str) -> UnsupportedFact:
        """This fact as one the records do not settle (an abstention), saying why."""
        return replace(self, unsure_why=why)

    def as_finding(self, claim: str | None = None) -> Finding:
        """This fact as a finding about `claim` (the fact itself by default)."""
        reason = f"'{self.text}': {self.reason}"
        finding = Finding(self.kind, "unsupported", claim or self.text, reason)  # type: ignore[arg-type]
        return finding.unsure(self.unsure_why) if self.unsure_why else finding


@dataclass(frozen=True)
class SourceFacts:
    """Everything in the in-scope interactions that can support a fact."""

    text: str
    channels: frozenset[str]
    dates: frozenset[tuple[int, int]]
    numbers: frozenset[Decimal]
    amounts: frozenset[Decimal]  # what can be money: no clock times, spoken amounts read
    counts: frozenset[int]
    digit_runs: tuple[str, ...]
    interactions: int
    # Days only the request supports (today and either side): fine for "as of today", no
    # support for the date of a commitment, which a record must have set.
    request_days: frozenset[tuple[int, int]] = frozenset()
    # Days a record sets as a deadline: written in the notes, or the end of a duration they
    # give ("within 14 days"). A contact's own day is when something happened, not a due date.
    deadlines: frozenset[tuple[int, int]] = frozenset()
    # No record carries an outcome label: what the contacts were about is said only in
    # the conversation's own words.
    unlabelled: bool = False
    # What the records write as money: a currency beside it, cents, thousands marks.
    priced: frozenset[Decimal] = frozenset()
    # The contacts' own dates, for the day of the week a (month, day) falls on.
    contacted_on: frozenset[date] = frozenset()
    # Days only the end of a duration supports ("within 5 business days" from the 20th):
    # a date a summary gives as a deadline ("by about the 27th"), not the day something
    # happened ("paid on the 25th").
    due_only: frozenset[tuple[int, int]] = frozenset()
    # The most contacts the records can be counted as, each e-mail thread's messages apart
    # (`service.claims.threads`); None when a thread's size cannot be read.
    messages: int | None = None
    # A record tells of a contact before its own ("I already emailed", "called yesterday
    # too"): a count of contacts may run past the records'.
    earlier_told: bool = False
    # The e-mails the customer sent, read off the threads' sender lines; None when a
    # thread's senders cannot all be read (`service.claims.threads`).
    customer_mails: CustomerMails | None = None
    # A figure the records say in words the checker does not read ("nittonde januari"):
    # a figure no record supports may be that one (`service.claims.unread_numbers`).
    unread_numbers: str = ""


def _either_side(day: date) -> tuple[date, date, date]:
    # One day either side: a late-evening UTC contact is "yesterday" or "tomorrow" locally.
    return day - timedelta(days=1), day, day + timedelta(days=1)


def _days_around(days: set[date]) -> set[tuple[int, int]]:
    """Each (month, day) of `days` and the days either side of them."""
    return {(d.month, d.day) for day in days for d in _either_side(day)}


def _months_of_day_alone(text: str, at: int, contact_month: int) -> tuple[int, ...]:
    """The months a day told alone at `at` may belong to: the last month the record names
    before it ("flew out early april ... the 3rd to the 5th"), the contact's own and the
    next (a day set ahead); with no month named, the contact's or one either side of it."""
    shifts: tuple[int, ...] = (0, 1)
    named = [month_number(m.group(1)) for m in _MONTH_ALONE.finditer(text, 0, at)]
    if not named:
        shifts = (-1, 0, 1)
    return (*named[-1:], *((contact_month + s - 1) % 12 + 1 for s in shifts))


_DAY_IN_WORDS = pattern("day_alone_in_words")


def _days_in_words(notes: str) -> tuple[str, ...]:
    """The notes with another language's number words in digits, where a day may be said
    in them ("anteontem dia seis", "三十號"); nothing to add where none can be."""
    return (foreign_numbers_as_digits(notes),) if _DAY_IN_WORDS.search(notes) else ()


def _days_alone(item: Interaction) -> set[tuple[int, int]]:
    """Days of the month a record gives with no month ("due on the 15th", "hasta el 28")."""
    month = item.timestamp.month
    # "on the uh fourth": a speech recogniser's hesitation between a day and its article.
    said = spoken_as_digits(_DISFLUENCY.sub(" ", item.notes))
    found: list[tuple[tuple[int, ...], int]] = [
        (_months_of_day_alone(said, match.start(), month), day)
        for match in DAY_ALONE.finditer(said)
        for day in (int(match.group(1)), *map(int, _LISTED_DAYS.findall(match.group(2))))
    ]
    found += [
        (
            _months_of_day_alone(text, match.start(), month),
            int(next(day for day in match.groups() if day)),
        )
        for text in {item.notes, said, *_days_in_words(item.notes)}
        for match in _DAY_ALONE_ELSEWHERE.finditer(text)
    ]
    return {(m, day) for months, day in found if 1 <= day <= 31 for m in months}


def read_source(interactions: Sequence[Interaction], options: SummaryOptions | None) -> SourceFacts:
    """What the records (the cleaned interactions) and the request can support, read once
    per history (`service.claims.history`)."""
    text = " \n ".join(
        f"{item.intent} {humanize(item.intent)} {item.outcome} {humanize(item.outcome)} "
        f"{item.notes}"
        for item in interactions
    )
    channels = {item.channel for item in interactions}
    days: set[date] = {item.timestamp.date() for item in interactions}
    own_days = set(days)  # the contacts' and the request's own, no duration's end
    due: set[date] = set()
    for item in interactions:
        due |= due_dates(item) | message_due_dates(item)
    derived = {(d.month, d.day) for day in due for d in _either_side(day)}
    days |= due
    deadlines = set(derived)
    recorded = {(d.month, d.day) for day in days for d in _either_side(day)}
    if options is not None:
        # The request is part of the source: today's date, the IVR intent of the current
        # call, and the channel filter ("on IVR and agent channels only") may be stated.
        days.add(options.as_of.date())
        own_days.add(options.as_of.date())
        text += f" \n {options.ivr_intent} {humanize(options.ivr_intent)} current call"
        channels |= set(options.channel_filter or ())
    near = {d for day in days for d in _either_side(day)}
    explicit: set[tuple[int, int]] = set()
    dates = {(day.month, day.day) for day in near}
    # A transcript's figures in words ("on august twelfth"), read as a note writes them.
    # A speech recogniser's hesitations split a date said in words ("march uh fourteenth").
    heard = spoken_as_digits(_DISFLUENCY.sub(" ", text))
    # A transcript in another language says its figures in its own words.
    foreign = foreign_numbers_as_digits(text)
    said_otherwise = [said for said in (heard, foreign) if said != text]
    foreign_only = [foreign] if foreign != text else []
    for _, readings in mentioned_dates(text) + [
        found for said in said_otherwise for found in mentioned_dates(said)
    ]:
        dates |= readings
        recorded |= readings
        deadlines |= readings
        explicit |= readings
    written = dotted_days(text)
    explicit |= written
    dates |= written
    recorded |= written
    deadlines |= written
    # "On Friday", "comes Monday", "Friday week", "mid-April": a day of the week or a day
    # relative to the record's own is a date near it.
    named = {
        (day.month, day.day)
        for item in interactions
        for day in weekday_dates(item.notes, item.timestamp.date())
        | relative_days(item.notes, item.timestamp.date())
        | message_days(item.notes, item.timestamp.date())
    }
    # "End of the month", "mid-April": a part of a month supports a day told as due within
    # it ("by 30 Sept"), not an event's day ("the 21 Sept show").
    spans = {
        (day.month, day.day)
        for item in interactions
        for day in relative_spans(item.notes, item.timestamp.date())
        | message_spans(item.notes, item.timestamp.date())
    }
    dates |= named | spans
    recorded |= named | spans
    explicit |= named
    deadlines |= named | spans
    for item in interactions:
        alone = _days_alone(item)
        dates |= alone
        recorded |= alone
        explicit |= alone
        deadlines |= alone
    numbers = {value for raw in NUMBER.findall(text) if (value := parse_amount(raw)) is not None}
    numbers |= spoken_values(text)
    # Counts the notes themselves state ("called 5 times", "contact number 4"), not any number.
    # A transcript says its counts in words: "twenty one calls to mexico" counts 21.
    counts = {
        parse_count(m.group(1) or m.group(3))
        for said in {text, heard}
        for m in COUNT.finditer(said)
    }
    counts |= {int(raw) for raw in CONTACT_NUMBER.findall(text)}
    counts |= {int(m.group(1) or m.group(2)) for m in _CONTACTS_MARKED.finditer(text)}
    counts |= {int(raw) for raw in _TIMES_IN_OTHER_LANGUAGES.findall(text)}
    counts |= {int(raw) for raw in CONTACT_ORDINAL.findall(heard)}
    return SourceFacts(
        request_days=frozenset(dates - recorded),
        deadlines=frozenset(deadlines),
        # As written and with agents' shorthand spelled out ("esc T2" names an escalation).
        text=text.lower() + " \n " + normalize(text),
        channels=frozenset(channels),
        dates=frozenset(dates),
        numbers=frozenset(numbers),
        amounts=frozenset(
            money_amounts(text).union(*map(money_amounts, foreign_only))
            | prices_said_in_words(text)
            | sums_of_equal_parts(text)
            | {Decimal(m.group(1)).quantize(_CENTS) for m in _SUM_AFTER_A_LETTER.finditer(text)}
        ),
        priced=frozenset(priced_amounts(text).union(*map(priced_amounts, foreign_only))),
        counts=frozenset(counts),
        digit_runs=tuple(digits(m.group(0)) for m in DIGIT_RUN.finditer(text))
        + tuple(sorted(spoken_digit_runs(text) | codes_said_digit_by_digit(foreign))),
        interactions=len(interactions),
        unlabelled=bool(interactions) and not any(item.outcome.strip() for item in interactions),
        contacted_on=frozenset(item.timestamp.date() for item in interactions),
        # What only a duration's end supports: no contact's day, no date a record gives.
        due_only=frozenset((derived | spans) - explicit - _days_around(own_days)),
        messages=most_messages(interactions),
        customer_mails=customer_mails(interactions),
        earlier_told=tells_of_an_earlier_contact(interactions),
        unread_numbers=unread_number_phrase(foreign),
    )
