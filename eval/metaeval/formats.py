"""Format controls: the same dates and numbers written another way.

"Aug 06" / "August 6" / "6 August" / "8/6"; "2 times" / "twice"; "$26" / "$26.00" /
"26 dollars". The date, the amount and the count never change.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from eval.metaeval.dates import DateStyle, find_dates, format_date
from eval.metaeval.facts import NUMBER_WORDS, count_matches
from eval.metaeval.text import same_case
from eval.metaeval.variant import FamilyContext, Variant
from service.claims import AMOUNT, COUNT_WORDS

TARGET_STYLES = (
    DateStyle("month_day"),
    DateStyle("month_day", full_month=True),
    DateStyle("month_day", zero_pad=True),
    DateStyle("month_day", full_month=True, ordinal=True),
    DateStyle("day_month", full_month=True),
    DateStyle("day_month"),
    DateStyle("slash"),
)
LEAP_YEAR = 2024  # any leap year: formatting needs a year, and Feb 29 must exist
# "26 dollars" only where English allows it: before punctuation or a function word, never
# before a noun ("$26 charge") or a unit ("$18/month").
WORDS_MAY_FOLLOW = re.compile(
    r"(?:[.,;)]|\s+(?:and|or|to|for|on|in|was|were|is|are|at|from|with|after|before|but|which"
    r"|that|when|due|per|each|a|the|back|instead)\b|\s*$)",
    re.IGNORECASE,
)


def date_format(ctx: FamilyContext) -> Variant | None:
    """Every date rewritten in one other style; ranges ("Sep 14-17") keep month-first."""
    mentions = [m for m in find_dates(ctx.text) if m.style.order != "iso" and not m.ambiguous]
    if not mentions:
        return None
    styles = [s for s in TARGET_STYLES if s != mentions[0].style]
    target = ctx.rng.choice(styles)
    text = ctx.text
    for mention in reversed(mentions):
        style = target
        if mention.number_after and target.order != "month_day":
            style = DateStyle("month_day", full_month=target.full_month)
        new = format_date(date(LEAP_YEAR, mention.month, mention.day), style)
        text = text[: mention.start] + new + text[mention.end :]
    if text == ctx.text:
        return None
    return ctx.variant(text, f"dates written as {format_date(date(LEAP_YEAR, 8, 6), target)}")


def number_format(ctx: FamilyContext) -> Variant | None:
    """Amounts with or without cents (or in words), counts in digits or words."""
    rewrites = [
        rewrite(ctx)
        for rewrite in (_amounts_with_cents, _amounts_plain, _counts_as_words, _counts_as_digits)
    ]
    usable = [(text, change) for text, change in rewrites if text != ctx.text]
    if not usable:
        return None
    text, change = ctx.rng.choice(usable)
    return ctx.variant(text, change)


def _amounts_with_cents(ctx: FamilyContext) -> tuple[str, str]:
    def cents(match: re.Match[str]) -> str:
        if match.group(1) and "." not in match.group(1):
            return match.group(0) + ".00"
        return match.group(0)

    return AMOUNT.sub(cents, ctx.text), "amounts written with cents ($26 -> $26.00)"


def _amounts_plain(ctx: FamilyContext) -> tuple[str, str]:
    words = ctx.rng.random() < 0.5

    def plain(match: re.Match[str]) -> str:
        value = match.group(1)
        if not value:
            return match.group(0)
        value = value.replace(",", "")
        value = value[:-3] if value.endswith(".00") else value
        before = ctx.text[: match.start()].rstrip().split(" ")[-1].lower()
        if (
            words
            and "." not in value
            and match.group(0).startswith("$")
            and before not in ("a", "an")
            and WORDS_MAY_FOLLOW.match(ctx.text, match.end())
        ):
            return f"{value} dollars"
        return match.group(0)[: match.start(1) - match.start()] + value

    change = "amounts without cents or commas" + (" (or as 'N dollars')" if words else "")
    return AMOUNT.sub(plain, ctx.text), change


def _counts_as_words(ctx: FamilyContext) -> tuple[str, str]:
    def words(match: re.Match[str]) -> str:
        token = match.group(1)
        if not token or not token.isdigit() or int(token) not in NUMBER_WORDS:
            return match.group(0)
        if int(token) == 2 and match.group(3).lower() == "times" and not match.group(2):
            return "twice"
        return NUMBER_WORDS[int(token)] + match.group(0)[len(token) :]

    return _rewrite_counts(ctx.text, words), "counts in words (3 times -> three times)"


def _counts_as_digits(ctx: FamilyContext) -> tuple[str, str]:
    def digits(match: re.Match[str]) -> str:
        if match.group(4):  # "twice"
            return same_case(match.group(4), "2 times")
        token = match.group(1)
        if not token or token.isdigit():
            return match.group(0)
        return str(COUNT_WORDS[token.lower()]) + match.group(0)[len(token) :]

    return _rewrite_counts(ctx.text, digits), "counts in digits (twice -> 2 times)"


def _rewrite_counts(text: str, rewrite: Callable[[re.Match[str]], str]) -> str:
    for match in reversed(count_matches(text)):
        text = text[: match.start()] + rewrite(match) + text[match.end() :]
    return text
