"""Fact mentions in free text: calendar dates, money amounts, counts and durations.

Shared by the fabrication check for both sides of the comparison (the summary and the
source notes), so a phrasing that is recognised in one is recognised in the other.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from service.claims.spoken import spoken_values
from service.claims.tables import mapping, mapping_in_any_case, pattern, word_list
from service.claims.text import NUMBER_WORDS
from service.models import Interaction

# A month's number is its place among the months; its name is read by its first letters.
MONTHS = tuple(name[:3] for name in word_list("month_names"))
_OTHER_LANGUAGES: dict[str, int] = mapping_in_any_case("months_in_other_languages")

MONTH_DAY = pattern("month_day")
DAY_MONTH = pattern("day_month")
SLASH_DATE = pattern("slash_date")
ISO_DATE = pattern("iso_date")
DOTTED_DATE = pattern("dotted_date")
_DASHED_DATE = pattern("dashed_date")
_EAST_ASIAN_DATE = pattern("east_asian_date")
DAY_ALONE = pattern("day_alone")
_DOTTED_DAY_MONTH = pattern("dotted_day_month")
_DASHED_DAY_MONTH = pattern("dashed_day_month")
_CENTS_AFTER_THE_CURRENCY = pattern("cents_after_the_currency")
_RATING_BEFORE = pattern("rating_before")
WRITTEN_FIGURE = pattern("written_figure")

DAYS_THEN_MONTH = pattern("days_then_month")
MONTH_THEN_DAYS = pattern("month_then_days")
_LISTED_DAY = pattern("listed_day")
_DAY_SPAN = pattern("day_span")
_SLASHED_SPAN = pattern("slashed_day_span")
AMOUNT = pattern("amount")
NUMBER = pattern("number")

NOT_AMOUNT = pattern("not_amount")

# "seventy two dollars and fifty cents", as call transcripts write amounts.
SPOKEN_AMOUNT = pattern("spoken_amount")
_SPOKEN_BREAK = pattern("spoken_number_break")


def _spoken_value(words: str) -> int:
    total = current = 0
    for word in _SPOKEN_BREAK.split(words.lower()):
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
    return total + current


_SCALE_AFTER = pattern("amount_scale")
_SCALES: dict[str, int] = mapping("amount_scales")
_MILLION = 1_000_000  # "juta", as Indonesian and Malay say a million


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
    found |= _said_with_currency(text)
    found |= spoken_values(text)
    for match in WRITTEN_FIGURE.finditer(text):
        written = match.group(0)
        found |= {value for value in (parse_amount(written),) if value is not None}
        found |= _as_thousands(written)  # "1.235 EUR": a thousands mark
    # "R350", "Rs.500": a figure run on from its currency's letters; "₹24k", "Rs 1.5 lakh":
    # one scaled by the word after it.
    found |= {value for match in AMOUNT.finditer(text) for value in amount_values(match, text)}
    found |= _said_loosely(text)
    return {value.quantize(Decimal("0.01")) for value in found}


_HALF_MORE = pattern("half_more_scaled")
_THOUSAND_SAID = 1000  # "grand" and "thousand", which no written scale names
_LOOSE_MONEY = pattern("loose_money")
_MONEY_SLANG: dict[str, int] = {str(k): int(v) for k, v in mapping("money_slang").items()}


def _said_loosely(text: str) -> set[Decimal]:
    """Sums said loosely: "15 dollars and 50 cents", "50p", "1.2k", "a tenner", "ten and a
    half grand"."""
    found = set()
    for match in _LOOSE_MONEY.finditer(text):
        if match.group("whole"):
            found.add(Decimal(match.group("whole")) + Decimal(match.group("cents")) / 100)
        elif match.group("small"):
            found.add(Decimal(match.group("small")) / 100)
        elif match.group("thousands"):
            found.add(Decimal(match.group("thousands")) * 1000)
        elif match.group("scaled"):
            scale = _SCALES.get(match.group("scale").lower(), _MILLION)
            found.add(Decimal(match.group("scaled")) * scale)
        else:
            found.add(Decimal(_MONEY_SLANG[" ".join(match.group("slang").lower().split())]))
    for match in _HALF_MORE.finditer(text):  # "ten and a half grand"
        said = match.group("n").lower()
        number = int(said) if said.isdigit() else NUMBER_WORDS[said]
        scale = _SCALES.get(match.group("scale").lower(), _THOUSAND_SAID)
        found.add((Decimal(number) + Decimal("0.5")) * scale)
    return found


_SPOKEN_MONEY_FROM = 10


_DOTTED_TIME_OPENER = pattern("dotted_time_opener")
_DOTTED_TIME = pattern("dotted_time")


def _a_time_of_day(match: re.Match[str], text: str) -> bool:
    """Whether a bare figure is a time ("klo 13.20", "6.11.2026 13.20"), not a sum."""
    opener = _DOTTED_TIME_OPENER.search(text, max(0, match.start() - 16), match.start())
    return bool(opener and _DOTTED_TIME.fullmatch(match.group(0).strip()))


def priced_amounts(text: str) -> set[Decimal]:
    """The amounts `text` writes as money: with a currency, cents or thousands marks, or
    spoken as a transcript says figures ("one forty six eighty") - not every bare number."""
    money = (match for match in AMOUNT.finditer(text) if not _a_time_of_day(match, text))
    found = {value for match in money for value in amount_values(match, text)}
    # A figure said in words is money only when it is large enough not to be "one" or "two".
    found |= {value for value in spoken_values(text) if value >= _SPOKEN_MONEY_FROM}
    found |= _said_with_currency(text)
    for match in WRITTEN_FIGURE.finditer(text):
        if not _a_time_of_day(match, text):
            found |= {value for value in (parse_amount(match.group(0)),) if value is not None}
    return {value.quantize(Decimal("0.01")) for value in found}


def _said_with_currency(text: str) -> set[Decimal]:
    """Amounts said with their currency between the whole and the cents ("seventy two
    dollars and fifty cents", and once another language's words are digits "412 euros con
    37")."""
    found = set()
    for match in SPOKEN_AMOUNT.finditer(text):
        cents = _spoken_value(match.group(2)) if match.group(2) else 0
        found.add(Decimal(_spoken_value(match.group(1))) + Decimal(cents) / 100)
    for match in _CENTS_AFTER_THE_CURRENCY.finditer(text):
        whole = match.group(1)
        # "um euro e 82": one of the currency, said as the word for one.
        found.add(Decimal(whole if whole.isdigit() else 1) + Decimal(match.group(2)) / 100)
    return found


def dotted_days(text: str) -> set[tuple[int, int]]:
    """(month, day) of each day and month a record writes with a full stop or a dash and
    no year ("28.03.", "25.01", "09-03"; a dashed one both ways round)."""
    found = set()
    for match in _DOTTED_DAY_MONTH.finditer(text):
        day, month = (int(d) for d in (g for g in match.groups() if g is not None))
        if 1 <= day <= 31:
            found.add((month, day))
    for match in _DASHED_DAY_MONTH.finditer(text) if "-" in text else ():
        first, second = (int(d) for d in (g for g in match.groups() if g is not None))
        found |= {(m, d) for m, d in ((second, first), (first, second)) if m <= 12}
    return found


def amount_values(match: re.Match[str], text: str) -> set[Decimal]:
    """The amount an `AMOUNT` match states, and, when a scale follows it ("₹24k", "1.5
    lakh", "$2m"), the figure scaled."""
    figure = match.group(1) or match.group(2)
    value = parse_amount(figure)
    if value is None:
        return set()
    values = {value} | _as_thousands(figure)
    scale = _SCALE_AFTER.match(text, match.end())
    if scale is None:
        return values
    return values | {v * Decimal(_SCALES[scale.group(1).lower()]) for v in values}


_THOUSANDS_OR_DECIMALS = pattern("thousands_or_decimals")


def _as_thousands(figure: str) -> set[Decimal]:
    """The figure read with its one mark as a thousands mark, when three figures follow it
    ("$U 2.580", "1.235 EUR"): thousands in one convention, decimals in the other, and
    either reading may be the amount (empty for any other figure)."""
    if _THOUSANDS_OR_DECIMALS.fullmatch(figure) is None:
        return set()
    return {Decimal(figure[:-4] + figure[-3:])}


# The counts read as words: "once", "twice" and "one" to "twelve" (`count_word`).
COUNT_WORDS: dict[str, int] = {
    **{word: value for word, value in NUMBER_WORDS.items() if word in ("once", "twice")},
    **{word: NUMBER_WORDS[word] for word in word_list("number_words")[1:13]},
}
COUNT = pattern("count")
DURATION = pattern("duration")
# The numbers of durations read as words (`duration_word`): counts up to "fourteen".
DURATION_WORDS = {
    **COUNT_WORDS,
    **{word: NUMBER_WORDS[word] for word in word_list("number_words")[13:15]},
}
CONTACT_NUMBER = pattern("contact_number")
# "my 3rd call", "su 2da llamada": a contact numbered by the customer or the note.
CONTACT_ORDINAL = pattern("contact_ordinal")
TICKET = pattern("ticket")
DIGIT_RUN = pattern("digit_run")
LAST_FOUR = pattern("last_four")


_NOT_A_DIGIT = pattern("not_a_digit")


def digits(text: str) -> str:
    """Only the digits of `text`."""
    return _NOT_A_DIGIT.sub("", text)


def month_number(name: str) -> int:
    """1..12 for a month name or abbreviation, in English or another language."""
    lowered = name.lower().rstrip(".")
    other = _OTHER_LANGUAGES.get(lowered)
    return int(other) if other is not None else MONTHS.index(lowered[:3]) + 1


def mentioned_dates(text: str) -> list[tuple[str, frozenset[tuple[int, int]]]]:
    """(surface text, possible (month, day) readings) of each calendar date in `text`."""
    return list(read_dates(text))


_A_DIGIT = pattern("a_digit")
_A_MONTH = pattern("a_month")


@lru_cache(maxsize=8192)
def read_dates(text: str) -> tuple[tuple[str, frozenset[tuple[int, int]]], ...]:
    """`mentioned_dates`, remembered: one clause is asked for its dates by several checks."""
    if _A_DIGIT.search(text) is None:  # every date form below has a digit
        return ()
    found: list[tuple[str, frozenset[tuple[int, int]]]] = []
    # The forms with a month's name, only when one is there (most clauses with a digit hold
    # an amount or an id, not a date).
    named = _A_MONTH.search(text) is not None
    month_first: list[range] = []
    for match in MONTH_DAY.finditer(text) if named else ():
        month_first.append(range(*match.span()))
        found.append(
            (match.group(0), frozenset({(month_number(match.group(1)), int(match.group(2)))}))
        )
    for match in DAY_MONTH.finditer(text) if named else ():
        # In "July 29th-August 9th" the 29th is July's: a day already read after its month
        # is not read again before the next one.
        if any(match.start() in span for span in month_first):
            continue
        found.append(
            (match.group(0), frozenset({(month_number(match.group(2)), int(match.group(1)))}))
        )
    for match in ISO_DATE.finditer(text):
        year_first = int(match.group(1)), int(match.group(2))
        if 1 <= year_first[0] <= 12 and 1 <= year_first[1] <= 31:
            found.append((match.group(0), frozenset({year_first})))
    for match in _EAST_ASIAN_DATE.finditer(text):
        found.append((match.group(0), frozenset({(int(match.group(1)), int(match.group(2)))})))
    for match in _DASHED_DATE.finditer(text) if "-" in text else ():
        first, second = int(match.group(1)), int(match.group(2))
        # Both ways round, as for a slashed date below.
        dashed = frozenset(
            (m, d) for m, d in ((first, second), (second, first)) if 1 <= m <= 12 and 1 <= d <= 31
        )
        if dashed:
            found.append((match.group(0), dashed))
    for match in DAYS_THEN_MONTH.finditer(text) if named else ():
        month = month_number(match.group(2))
        for day in _LISTED_DAY.finditer(match.group(1)):
            found.append((day.group(0), frozenset({(month, int(day.group(0)))})))
    for match in MONTH_THEN_DAYS.finditer(text) if named else ():
        month = month_number(match.group(1))
        for day in _LISTED_DAY.finditer(match.group(2)):
            found.append((day.group(0), frozenset({(month, int(day.group(0)))})))
    for span in _DAY_SPAN.finditer(text) if named else ():
        # "apr 17-20", "17-20 April": the span's other end is a day of the same month.
        month = month_number(span.group("month") or span.group("month2"))
        other = int(span.group("other") or span.group("other2"))
        written = int(span.group("day") or span.group("day2"))
        forward = other > written if span.group("other") else other < written
        if 1 <= other <= 31 and forward:
            found.append((span.group(0), frozenset({(month, other)})))
    for span in _SLASHED_SPAN.finditer(text) if "/" in text else ():
        # "22-24/04", "04/22-24": the day the month is not written beside, its month
        # either figure of the slashed date, as a slashed date is read both ways round.
        other = int(span.group("day") or span.group("day2"))
        if span.group("day"):
            slashed = span.group("end", "m")
            readings = frozenset(
                (int(m), other) for m in slashed if int(m) <= 12 and 1 <= other <= 31
            )
        else:
            # "04/22-24" runs on from the 22nd; "26/3 - 2" runs back, no span.
            pairs = (span.group("a", "b"), span.group("b", "a"))
            readings = frozenset(
                (int(m), other) for m, start in pairs if int(m) <= 12 and int(start) < other <= 31
            )
        if readings:
            found.append((span.group(0), readings))
    for match in DOTTED_DATE.finditer(text) if "." in text else ():
        dotted = int(match.group(2)), int(match.group(1))
        if 1 <= dotted[0] <= 12 and 1 <= dotted[1] <= 31:
            found.append((match.group(0), frozenset({dotted})))
    for match in SLASH_DATE.finditer(text) if "/" in text else ():
        first, second = int(match.group(1)), int(match.group(2))
        scored = _RATING_BEFORE.search(text, max(0, match.start() - 30), match.start())
        # A score is no more than its scale, written without a leading zero ("4/5"):
        # "09/05" beside a ship called "Melita Star" is the 9th of May.
        out_of = second in (5, 10) and first <= second and not match.group(2).startswith("0")
        if out_of and scored:
            continue  # "rated the chat 2/5": a score out of five, not the 2nd of May
        # Both readings (US month/day and day/month): the check must never guess wrong.
        readings = frozenset(
            (m, d) for m, d in ((first, second), (second, first)) if m <= 12 and d <= 31
        )
        if readings:
            found.append((match.group(0), readings))
    return tuple(found)


_CONTACT_AFTER = pattern("contact_after")


def names_a_contact(text: str, date_end: int) -> bool:
    """Whether the date ending at `date_end` in `text` names the contact written after it."""
    return _CONTACT_AFTER.match(text, date_end) is not None


_GROUPING_MARKS = pattern("grouping_marks")


def _decimal_point(text: str) -> str:
    """`text` with its thousands marks dropped and its decimal mark a point, in either
    convention: "1,200.50", "1.200,50" and "12,50" (two figures after a comma are cents)."""
    # Spaces of any width and Swiss apostrophes ("1'234.50") only ever group thousands.
    text = _GROUPING_MARKS.sub("", text)
    if text.count(".") > 1:  # "6.240.000": a mark written twice groups thousands
        return text.replace(".", "").replace(",", ".")
    comma, point = text.rfind(","), text.rfind(".")
    if comma > point and (point >= 0 or len(text) - comma - 1 in (1, 2)):
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", "")


def parse_amount(text: str) -> Decimal | None:
    """A written number as a Decimal in cents ("1,200" -> 1200.00, "187,20" -> 187.20);
    None if unreadable."""
    try:
        return Decimal(_decimal_point(text)).quantize(Decimal("0.01"))
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
