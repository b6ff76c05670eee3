"""Sums in a summary the records do not support: a figure no record gives, told exactly
or roughly, against the sums the records write, say roughly or read out figure by figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache
from itertools import combinations, combinations_with_replacement

from service.claims.clock_times import said_roughly
from service.claims.course import spoken
from service.claims.mentions import AMOUNT, amount_values, priced_amounts
from service.claims.rivals import NO_RIVAL, amount_rival
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.tables import pattern
from service.claims.text import sentences

_BARE_DOTTED_DAY = pattern("bare_dotted_day")
# "about $116" for 115.83: a figure said roughly stands for one within this share of it.
_ROUNDING_SHARE = Decimal("0.1")


def _rounded_from(value: Decimal, given: frozenset[Decimal]) -> bool:
    """Whether a figure the records give rounds to `value` at its own last digit ("about
    $116" from 115.83, "around £40" from 38.50), and lies close to it."""
    exponent = value.normalize().as_tuple().exponent
    unit = Decimal(10) ** (exponent if isinstance(exponent, int) else 0)
    return any(
        abs(sum_ - value) <= unit / 2 and abs(sum_ - value) <= sum_ * _ROUNDING_SHARE
        for sum_ in given
    )


def _spoken_figure_by_figure(values: set[Decimal], source: SourceFacts) -> bool:
    """Whether a call transcript says a sum with cents figure by figure ("one six two oh
    seven" for 162.07), as callers read sums off a bill: its figures are a run the
    transcript speaks, the point left unsaid."""
    if not spoken(source.text):
        return False
    runs = set(source.digit_runs)
    return any(
        value.as_tuple().exponent == _CENTS and str(value).replace(".", "") in runs
        for value in values
    )


_CENTS = -2


def _made_whole(values: set[Decimal], given: frozenset[Decimal], rounding: str) -> bool:
    """Whether a whole figure is a sum the records give with cents, made whole by
    `rounding` (a `decimal` rounding mode)."""
    return any(
        value == value.to_integral_value()
        and value >= _WHOLE_ENOUGH
        and any(
            sum_ != sum_.to_integral_value() and value == sum_.to_integral_value(rounding=rounding)
            for sum_ in given
        )
        for value in values
    )


def _rounded_off(values: set[Decimal], given: frozenset[Decimal]) -> bool:
    """Whether a whole figure is a sum the records give with cents, rounded to the nearest
    whole ("₱227" for 226.53, "$116" for $115.83): most likely the same sum told without
    its cents, though told as exact; not clear evidence either way."""
    return _made_whole(values, given, ROUND_HALF_UP)


def _cents_dropped(values: set[Decimal], given: frozenset[Decimal]) -> bool:
    """Whether a whole figure is a sum the records give with its cents left off ("€18,430"
    for €18,430.12), as a hurried note writes it. Rounded up ("$116" for $115.83) it is
    another figure told as exact, unless the summary says it roughly: `_rounded_off`."""
    return _made_whole(values, given, ROUND_FLOOR)


# A figure written with its cents ("$20.00") states them: none were left off.
_WITH_CENTS = pattern("written_with_cents")
_GROUPED = pattern("figures_grouped")
# Fewer figures than this say too little to be told the same sum by their order alone.
_FIGURES_TO_COMPARE = 4


def _grouped_otherwise(written: str, records: str) -> bool:
    """Whether the records write the summary's sum in the same figures in the same order,
    their groups marked otherwise ("2 825,28 грн" for "₴2,825.28", "1.249,99" for
    "1,249.99"): a currency the checker does not know beside it leaves it unread as money."""
    figures = "".join(ch for ch in written if ch.isdigit())
    return len(figures) >= _FIGURES_TO_COMPARE and figures in _grouped_figures(records)


@lru_cache(maxsize=1024)
def _grouped_figures(text: str) -> frozenset[str]:
    return frozenset(
        "".join(ch for ch in match.group(0) if ch.isdigit()) for match in _GROUPED.finditer(text)
    )


@lru_cache(maxsize=1024)
def _grouped_sums(text: str) -> frozenset[Decimal]:
    """The sums the records write in groups with their cents after the last mark ("2 825,28",
    "1.249,99"): a summary's sum may misstate one whatever currency stands beside it."""
    sums = set()
    for match in _GROUPED.finditer(text):
        written = match.group(0)
        if len(written) > _CENTS_MARKED and written[_CENTS_MARKED] in ".," and "," in written:
            figures = "".join(ch for ch in written if ch.isdigit())
            sums.add(Decimal(figures[:_CENTS] + "." + figures[_CENTS:]))
    return frozenset(sums)


# Where a sum's cents follow their mark: "2 825,28" has its comma third from the end.
_CENTS_MARKED = -3
# Below this a dropped cent changes the sum by more than a hurried note would: "$4" is not
# "$4.99".
_WHOLE_ENOUGH = Decimal(10)


def _rounds_to(value: Decimal, rough: frozenset[Decimal]) -> bool:
    """Whether `value` rounds to a sum the records say roughly, at that sum's last digit
    ("£162.07" to "about £162"; "£170" is not "about £162")."""
    for sum_ in rough:
        exponent = sum_.normalize().as_tuple().exponent
        unit = Decimal(10) ** (exponent if isinstance(exponent, int) and exponent <= 0 else 0)
        if abs(value - sum_) <= unit / 2:
            return True
    return False


@lru_cache(maxsize=1024)
def sums_said_roughly(text: str) -> frozenset[Decimal]:
    """The sums the records say roughly ("about £162 taken today", "~$40"), remembered
    per history."""
    return frozenset(
        value
        for match in AMOUNT.finditer(text)
        if said_roughly(text, match.group(0))
        for value in amount_values(match, text)
    )


@lru_cache(maxsize=1024)
def _totals(priced: frozenset[Decimal]) -> frozenset[Decimal]:
    """Every total of two sums the records write as money, a sum twice among them
    ("£38.50 at the chemist and £22 on a top" is £60.50 spent): a summary that says
    roughly what was spent may round it off."""
    return frozenset(one + other for one, other in combinations_with_replacement(priced, 2))


_TOLD_AS_TOTAL = pattern("told_as_a_total")
_TOLD_AS_TOTAL_AFTER = pattern("told_as_a_total_after")
# How far before a sum the words that tell it a total may stand.
_TOTAL_REACH = 30


@lru_cache(maxsize=1024)
def _totals_listed(text: str) -> frozenset[Decimal]:
    """The totals of two different sums one sentence of the records lists together
    ("212.40 at the Bay + toiletries 38.15"): what a summary may add up for the reader."""
    return frozenset(
        one + other
        for line in text.splitlines()
        for sentence in sentences(line)
        for one, other in combinations(sorted(priced_amounts(sentence)), 2)
    )


def _told_total(values: set[Decimal], summary: str, span: tuple[int, int], records: str) -> bool:
    """Whether a sum is told as the total ("totalling $250.55", "$395 for the visit and the
    jab") of two sums a line of the records lists together: a changed figure is rarely
    both."""
    start, end = span
    told = (
        _TOLD_AS_TOTAL.search(summary[max(0, start - _TOTAL_REACH) : start]) is not None
        or _TOLD_AS_TOTAL_AFTER.search(summary[end : end + _TOTAL_REACH]) is not None
    )
    return told and bool(values & _totals_listed(records))


_FIGURE_RANGE = pattern("figure_range")


def _whole(figure: str) -> str:
    """A figure without the marks that group its thousands ("1,100" and "1.100": "1100")."""
    return re.sub(r"[,.](?=\d{3}(?!\d))", "", figure)


def _range_given_bare(start: int, summary: str, records: str) -> bool:
    """Whether the summary's sum at `start` is an end of a range it gives ("₹1,100–1,200")
    that the records write with the same two figures, money or not ("1100-1200")."""
    told = next(
        (
            (_whole(m.group("low")), _whole(m.group("high")))
            for m in _FIGURE_RANGE.finditer(summary)
            if m.start() <= start + 4 and start <= m.end()
        ),
        None,
    )
    return told is not None and any(
        (_whole(m.group("low")), _whole(m.group("high"))) == told
        for m in _FIGURE_RANGE.finditer(records)
    )


def check_amounts(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Sums in `summary` that no record supports."""
    found = []
    for match in AMOUNT.finditer(summary):
        if source.unlabelled and _BARE_DOTTED_DAY.fullmatch(match.group(0)):
            continue  # "shipped 22.04": a conversation's day and month, not a sum
        values = amount_values(match, summary)
        # "₹24k" is 24,000; a scaled figure is read both ways and stands if either does.
        hedged = values and said_roughly(summary, match.group(0))
        # A sum said roughly may round off two the records give added up ("about £60" for
        # £38.50 and £22); told exactly, a total is too near a changed figure to tell apart.
        totals = _totals(source.priced) if hedged else frozenset()
        if hedged and any(_rounded_from(v, source.amounts | totals) for v in values):
            continue  # "about $116 a month" for $115.83: rounded, as the hedge says
        if not values or values & source.amounts:
            continue
        if _told_total(values, summary, match.span(), source.text):
            continue  # "totalling $250.55" of $212.40 and $38.15
        if any(_rounds_to(v, sums_said_roughly(source.text)) for v in values):
            continue  # "£162.07" where a record says "about £162": the record rounded
        if not _WITH_CENTS.search(match.group(0)) and _cents_dropped(values, source.amounts):
            continue  # "€18,430" for €18,430.12: the cents left off
        if _spoken_figure_by_figure(values, source):
            continue  # "£162.07" of a caller's "one six two oh seven"
        if _grouped_otherwise(match.group(0), source.text):
            continue  # "₴2,825.28" of "2 825,28 грн": the same figures, grouped otherwise
        if _range_given_bare(match.start(), summary, source.text):
            continue  # "usual ₹1,100–1,200" of "normally 1100-1200": the records' own range
        fact = UnsupportedFact("amount", match.group(0), "amount not in any record")
        rival = (
            amount_rival(
                values,
                source.priced | _grouped_sums(source.text),
                transcript=spoken(source.text),
            )
            if source.unlabelled
            else None
        )
        if rival is not None:
            fact = replace(fact, reason=f"amount not in any record, which give {rival}")
        # Rounded off, unless the nearest figure of its kind is another ("a £15 voucher" of
        # "£5 voucher" beside a basket of £14.50).
        near = source.amounts if rival is None else frozenset({rival})
        if not _WITH_CENTS.search(match.group(0)) and _rounded_off(values, near):
            fact = fact.unsure("a record gives it with cents: the summary may round it off")
        found.append(fact.unsure(NO_RIVAL) if source.unlabelled and rival is None else fact)
    return found
