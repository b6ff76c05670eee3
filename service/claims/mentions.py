"""Fact mentions in free text: calendar dates, money amounts, counts and durations.

Shared by the fabrication check for both sides of the comparison (the summary and the
source notes), so a phrasing that is recognised in one is recognised in the other.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from service.models import Interaction

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH = (
    r"(january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug"
    r"|september|sept|sep|october|oct|november|nov|december|dec)\.?"
)
# Not after a day number: in "raised 25 Jun. 4 agent contacts" the 4 starts a new sentence.
MONTH_DAY = re.compile(
    rf"(?<!\d )(?<!\d(?:st|nd|rd|th) )\b{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![:.,]?\d)", re.I
)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?![a-z])", re.I)
SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/\d{2,4})?(?![\d/])")
ISO_DATE = re.compile(r"\b\d{4}-(\d{2})-(\d{2})\b")
# Days sharing one month: "8, 11 and 13 Aug", "Aug 8, 11 and 13". The last day (with the
# month) is read by the patterns above; these are the days listed before it.
_ORD = r"(?:st|nd|rd|th)?"
DAYS_THEN_MONTH = re.compile(
    rf"(?<![\d,.$])\b((?:\d{{1,2}}{_ORD}, )*\d{{1,2}}{_ORD},? (?:and|&) )\d{{1,2}}{_ORD}\s+"
    rf"(?:of\s+)?{MONTH}(?![a-z])",
    re.I,
)
MONTH_THEN_DAYS = re.compile(
    rf"\b{MONTH}\s+\d{{1,2}}{_ORD}((?:, \d{{1,2}}{_ORD})*,? (?:and|&) \d{{1,2}}){_ORD}\b"
    # "Aug 8 and 13 emails" counts e-mails; "Aug 8 and 9am" is a time.
    r"(?![:.,]?\d| ?(?:%|am\b|pm\b|[a-z]+s\b|[a-z]*ly\b))",
    re.I,
)
_LISTED_DAY = re.compile(r"\d{1,2}")
AMOUNT = re.compile(
    r"[$€£]\s?(\d[\d,]*(?:\.\d+)?)|\b(\d[\d,]*(?:\.\d+)?)\s?(?:dollars|usd|eur)\b", re.I
)
NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# Numbers that are not amounts: clock times ("[00:45]"), speech confidences ("conf 0.45"),
# dates ("10/30", "Oct 9", "9th of Oct") and lengths of time ("5-7 business days", "48h"),
# none of which may stand for a sum of money a summary states ("a $10 goodwill credit").
NOT_AMOUNT = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\bconf \d?\.\d+"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"
    r"|\b\d+(?:\s*(?:-|to|or)\s*\d+)?[\s-]*(?:business |working |calendar )?"
    r"(?:days?|hours?|hrs?|h|weeks?|months?|mins?|minutes?|billing cycles?)\b",
    re.I,
)
_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_SPOKEN_WORD = rf"(?:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))}|hundred|thousand)"
# "seventy two dollars and fifty cents", as call transcripts write amounts.
SPOKEN_AMOUNT = re.compile(
    rf"\b({_SPOKEN_WORD}(?:[\s-]+(?:and[\s-]+)?{_SPOKEN_WORD})*)\s+dollars?"
    rf"(?:\s+(?:and\s+)?({_SPOKEN_WORD}(?:[\s-]+{_SPOKEN_WORD})*)\s+cents?)?",
    re.I,
)


def _spoken_value(words: str) -> int:
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
    return total + current


def money_amounts(text: str) -> set[Decimal]:
    """Every amount `text` can be read to state: written with a currency or as a bare number
    (not a clock time or a confidence), and spoken ("seventy two dollars and fifty cents")."""
    # Phone, card and account numbers are not amounts either ("+49 30 649043" holds no $30).
    plain = DIGIT_RUN.sub(lambda m: " " if len(digits(m.group(0))) >= 7 else m.group(0), text)
    found = {
        value
        for raw in NUMBER.findall(NOT_AMOUNT.sub(" ", plain))
        if (value := parse_amount(raw)) is not None
    }
    for match in SPOKEN_AMOUNT.finditer(text):
        cents = _spoken_value(match.group(2)) if match.group(2) else 0
        found.add(Decimal(_spoken_value(match.group(1))) + Decimal(cents) / 100)
    return {value.quantize(Decimal("0.01")) for value in found}


COUNT_WORDS = {
    "once": 1,
    "one": 1,
    "twice": 2,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
COUNT = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:separate\s+|more\s+|further\s+)?(times|contacts|interactions|calls|chats|e-?mails"
    r"|messages|texts)\b|\b(twice)\b",
    re.I,
)
DURATION = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen)"
    r"(?:\s*(?:-|–|to)\s*(\d{1,3}))?[\s-]*(business |working )?(day|week|hour|hr|h)s?\b",
    re.I,
)
DURATION_WORDS = {**COUNT_WORDS, "fourteen": 14}
CONTACT_NUMBER = re.compile(r"\b(?:contact|call|attempt)\s+(?:number\s+|#)?(\d{1,3})\b", re.I)
TICKET = re.compile(r"\b[A-Z]{2,5}-\d{3,}\b")
# A run of digits as people write phone, card and account numbers ("555-0143", "4111 1111").
DIGIT_RUN = re.compile(r"\+?\(?\d(?:(?:[ .-]?\(|\)\s?|[ .-])?\d)+")
LAST_FOUR = re.compile(r"\bend(?:s|ing)?\s+(?:in\s+)?(\d{4})\b", re.I)


def digits(text: str) -> str:
    """Only the digits of `text`."""
    return re.sub(r"\D", "", text)


def month_number(name: str) -> int:
    """1..12 for a month name or abbreviation."""
    return MONTHS.index(name.lower()[:3]) + 1


def mentioned_dates(text: str) -> list[tuple[str, frozenset[tuple[int, int]]]]:
    """(surface text, possible (month, day) readings) of each calendar date in `text`."""
    return list(read_dates(text))


_A_DIGIT = re.compile(r"\d")
_A_MONTH = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)


@lru_cache(maxsize=8192)
def read_dates(text: str) -> tuple[tuple[str, frozenset[tuple[int, int]]], ...]:
    """`mentioned_dates`, remembered: one clause is asked for its dates by several checks."""
    if _A_DIGIT.search(text) is None:  # every date form below has a digit
        return ()
    found: list[tuple[str, frozenset[tuple[int, int]]]] = []
    # The forms with a month's name, only when one is there (most clauses with a digit hold
    # an amount or an id, not a date).
    named = _A_MONTH.search(text) is not None
    for match in MONTH_DAY.finditer(text) if named else ():
        found.append(
            (match.group(0), frozenset({(month_number(match.group(1)), int(match.group(2)))}))
        )
    for match in DAY_MONTH.finditer(text) if named else ():
        found.append(
            (match.group(0), frozenset({(month_number(match.group(2)), int(match.group(1)))}))
        )
    for match in ISO_DATE.finditer(text) if "-" in text else ():
        found.append((match.group(0), frozenset({(int(match.group(1)), int(match.group(2)))})))
    for match in DAYS_THEN_MONTH.finditer(text) if named else ():
        month = month_number(match.group(2))
        for day in _LISTED_DAY.finditer(match.group(1)):
            found.append((day.group(0), frozenset({(month, int(day.group(0)))})))
    for match in MONTH_THEN_DAYS.finditer(text) if named else ():
        month = month_number(match.group(1))
        for day in _LISTED_DAY.finditer(match.group(2)):
            found.append((day.group(0), frozenset({(month, int(day.group(0)))})))
    for match in SLASH_DATE.finditer(text) if "/" in text else ():
        first, second = int(match.group(1)), int(match.group(2))
        # Both readings (US month/day and day/month): the check must never guess wrong.
        readings = frozenset(
            (m, d) for m, d in ((first, second), (second, first)) if m <= 12 and d <= 31
        )
        if readings:
            found.append((match.group(0), readings))
    return tuple(found)


# "the 04/07 chat", "the Apr 7 call": a date that names the contact after it, however a
# word before it ("the day before the 04/07 chat") reads.
_CONTACT_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:chat|call|phone call|e-?mail|sms|text|message|contact|ivr|conversation"
    r"|letter|visit)s?\b",
    re.IGNORECASE,
)


def names_a_contact(text: str, date_end: int) -> bool:
    """Whether the date ending at `date_end` in `text` names the contact written after it."""
    return _CONTACT_AFTER.match(text, date_end) is not None


def parse_amount(text: str) -> Decimal | None:
    """A written number as a Decimal in cents ("1,200" -> 1200.00); None if unreadable."""
    try:
        return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def parse_count(token: str) -> int:
    """A count written as digits or a word ("3", "three", "twice")."""
    return int(token) if token.isdigit() else COUNT_WORDS[token.lower()]


def due_dates(item: Interaction) -> set[date]:
    """Dates a duration in the notes points at ("within 14 days" from the contact's date).

    Summaries turn "return within 14 days" into "by about Nov 18"; such dates are derived,
    not invented, so each duration's end (business days spread over calendar days) counts.
    """
    start, due = item.timestamp.date(), set()
    for match in DURATION.finditer(item.notes):
        low = DURATION_WORDS.get(match.group(1).lower()) or int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        unit = match.group(4).lower()
        if unit in ("hour", "hr", "h"):
            low, high = low // 24, -(-high // 24)
        elif unit == "week":
            low, high = low * 7, high * 7
        elif match.group(3):
            high = high * 7 // 5 + 2  # business days: weekends stretch the calendar span
        due |= {start + timedelta(days=offset) for offset in range(low, high + 1)}
    return due
