"""Figures as a call transcript writes them: "two hundred and fourteen", "nine ninety nine",
"four hundred and twelve pounds thirty", "the fourteenth of September".

Speech-to-text writes numbers as the words said, with no punctuation to tell where one
figure ends and the next begins: "fifty nine ninety nine" is $59.99 (or 5,999), "four fifty"
is 4.50 or 450. A record's figure is support for a summary's, so every reading a run of
figure words allows counts (`spoken_values`); the run is also written in digits
(`spoken_as_digits`) so that the date and number patterns read "august 12th" as they read
a typed note.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from service.claims.tables import mapping, pattern, word_list

_UNITS: dict[str, int] = {word: value for value, word in enumerate(word_list("number_words"))}
_TENS: dict[str, int] = {word: 20 + 10 * place for place, word in enumerate(word_list("tens"))}
_ORDINALS: dict[str, int] = {
    **mapping("ordinals"),
    **mapping("teen_ordinals"),
    **mapping("tens_ordinals"),
}
_MULTIPLIERS: dict[str, int] = mapping("spoken_multipliers")
_JOINERS = frozenset(word_list("spoken_joiners"))
_ZERO = frozenset(word_list("spoken_zero"))
_POINT = frozenset(word_list("spoken_point"))
_RUN = pattern("spoken_run")
_BREAK = pattern("spoken_word_break")
# Words for money said between a figure's whole part and its cents ("twelve pounds thirty").
_UNIT_BETWEEN = pattern("spoken_money_unit")
# A name of money's hundredth part said after a figure ("sixty cents", "fifty paisa").
_MINOR_UNIT = pattern("spoken_minor_unit")
# "A dollar", "a pound" said right before a run of cents ("a dollar oh five").
_ONE_UNIT_BEFORE = pattern("spoken_one_money_unit")
_UNIT_SPAN = 30  # characters: "a " and the longest name of money, then "and"


@dataclass(frozen=True)
class Said:
    """One figure said in a run: its value, whether it was an ordinal ("twelfth"), and
    whether it was said as two digits ("ninety nine", "fifty", "twelve")."""

    value: int
    ordinal: bool = False
    two_digits: bool = False
    decimals: str = ""  # the digits said after "point"
    # Said after an "and" that joins it to a figure already over ("the twenty seventh and
    # twenty eighth"): written so, "27th and 28th".
    after_and: bool = False


def _groups(run: str, apart: frozenset[int] = frozenset()) -> list[Said]:
    """The figures said one after another in `run` ("nine ninety nine" -> 9, 99); a tens
    word and the unit after it are one figure ("forty one") unless the unit's place is in
    `apart` ("one forty | one forty five")."""
    said: list[Said] = []
    current: int | None = None
    thousands = 0
    biggest = 0  # the largest of "thousand", "lakh", "million" ... in `thousands`
    tail = 0  # what the last figure words added to `current` ("two" in "one hundred two")
    last = ""  # "unit", "teen", "tens", "mult", "point"
    decimals: list[str] = []
    joined = False  # an "and" said when no figure was open
    tens_and = False  # an "and" said right after a tens word closed its figure

    def close(ordinal: bool = False) -> None:
        nonlocal current, thousands, decimals, biggest, joined
        if current is not None or thousands:
            value = thousands + (current or 0)
            two = 10 <= value <= 99 and thousands == 0 and last in ("teen", "tens", "unit")
            said.append(Said(value, ordinal, two, "".join(decimals), joined))
            joined = False
        current, thousands, decimals, biggest = None, 0, [], 0

    for place, word in enumerate(w for w in _BREAK.split(run.lower()) if w):
        if last == "point" and ((word in _UNITS and _UNITS[word] < 10) or word in _ZERO):
            decimals.append(str(_UNITS.get(word, 0)))
            continue
        if word in _JOINERS:
            if word == "and" and last == "tens" and current is not None:
                # "seven thirty and eight": an "and" joins units to hundreds or thousands,
                # never to tens; after a tens word it starts the next figure.
                close()
                joined = tens_and = True
            if word == "a" and current is None and not tens_and:
                current = 1  # "a hundred"
            # An ordinal ends its figure: an "and" after one joins two figures.
            joined = joined or (
                word == "and" and current is None and bool(said) and said[-1].ordinal
            )
            continue
        if word in _POINT:
            last = "point" if current is not None else last
            continue
        if word in _ZERO:
            close()
            said.append(Said(0))
            last = "unit"
            continue
        if word in _MULTIPLIERS:
            factor = _MULTIPLIERS[word]
            if factor >= 1000 and thousands and factor >= biggest and current and tail:
                # "two thousand one hundred two thousand two hundred": a second figure of
                # the same size starts with the words after the first one's hundreds.
                current -= tail
                close()
                thousands, biggest, current = tail * factor, factor, None
            elif factor >= 1000:
                thousands += (current or 1) * factor
                biggest = max(biggest, factor)
                current = None
            elif factor == 100 and current is not None and last != "mult" and current - tail >= 100:
                # "eighteen hundred nineteen hundred": a figure that has its hundreds
                # already is over; the words since them are the next figure's hundreds.
                current -= tail
                close()
                current = tail * factor
            else:
                current = (current or 1) * factor
            last = "mult"
            continue
        if word in _ORDINALS:
            value = _ORDINALS[word]
            tens_then_unit = last == "tens" and value < 10
            if current is not None and (tens_then_unit or (last == "mult" and current % 100 == 0)):
                current += value
            else:
                close()
                current = value
            close(ordinal=True)
            last = ""
            continue
        if word not in _UNITS and word not in _TENS:
            continue
        value = _UNITS[word] if word in _UNITS else _TENS[word]
        kind = "unit" if value < 10 else "teen" if value < 20 else "tens"
        if current is None and thousands and last == "mult":
            current = tail = value  # "eight thousand nine hundred": the hundreds go on
        elif current is not None and last == "tens" and kind == "unit" and place not in apart:
            current += value
            tail += value
        elif current is not None and last == "mult" and current % 100 == 0:
            current += value
            tail = value
        else:
            close()
            current = tail = value
        last = kind
        tens_and = False
    close()
    return said


def _readings(groups: list[Said]) -> set[Decimal]:
    found: set[Decimal] = set()
    for index, group in enumerate(groups):
        found.add(Decimal(f"{group.value}.{group.decimals}" if group.decimals else group.value))
        following = groups[index + 1] if index + 1 < len(groups) else None
        if following is not None and following.two_digits and not group.ordinal:
            # "nine ninety nine": 9.99 or 999; "four fifty": 4.50 or 450.
            found.add(Decimal(group.value) + Decimal(following.value) / 100)
            found.add(Decimal(group.value * 100 + following.value))
            hundreds = group.value % 1000
            if group.value > 1000 and 0 < hundreds < 10:
                # "three thousand four fifty": 3,450, its hundreds said as "four fifty";
                # "two thousand one forty six eleven": 2,146.11, with the cents after it.
                whole = Decimal(group.value - hundreds + hundreds * 100 + following.value)
                found.add(whole)
                cents = groups[index + 2] if index + 2 < len(groups) else None
                if cents is not None and cents.two_digits:
                    found.add(whole + Decimal(cents.value) / 100)
    for first, second, third in zip(groups, groups[1:], groups[2:], strict=False):
        if (first.value < 10 or first.two_digits) and second.two_digits and third.two_digits:
            # "six forty nine ninety nine": 649.99; "twenty one forty eight thirty seven":
            # 2,148.37
            found.add(Decimal(first.value * 100 + second.value) + Decimal(third.value) / 100)
    for index in range(len(groups) - 2):
        first, zero, unit = groups[index : index + 3]
        if first.two_digits and zero.value == 0 and not zero.ordinal and unit.value < 10:
            # "twenty four oh nine (twelve)": 2,409, or 2,409.12 with the cents after it
            found.add(Decimal(first.value * 100 + unit.value))
            cents = groups[index + 3] if index + 3 < len(groups) else None
            if cents is not None and cents.two_digits:
                found.add(Decimal(first.value * 100 + unit.value) + Decimal(cents.value) / 100)
        if not first.ordinal and zero.value == 0 and not zero.ordinal and unit.value < 10:
            # "two thousand thirty nine oh six": 2,039.06, its cents said digit by digit
            found.add(Decimal(first.value) + Decimal(unit.value) / 100)
    if len(groups) > 1 and not any(g.ordinal for g in groups):
        joined = "".join(str(g.value) for g in groups)
        found.add(Decimal(joined))
    return found


@lru_cache(maxsize=4096)
def _runs(text: str) -> tuple[tuple[int, int, tuple[Said, ...]], ...]:
    return tuple(
        (match.start(), match.end(), tuple(groups))
        for match in _RUN.finditer(text)
        if (groups := _groups(match.group(0)))
        and not all(g.value == 0 and not g.ordinal for g in groups)
    )


# How many tens-and-unit pairs of one run are also read apart, every way (2 ** this parses).
_MOST_SPLITS = 5


def _every_parse(run: str) -> list[list[Said]]:
    """`run` read every way its tens-and-unit pairs allow: "one forty one forty five" is
    1, 41, 45 or 1, 40, 1, 45 (140 then 145) and so on."""
    words = [w for w in _BREAK.split(run.lower()) if w]
    pairs = [
        place
        for place in range(1, len(words))
        if words[place - 1] in _TENS and words[place] in _UNITS and _UNITS[words[place]] < 10
    ][:_MOST_SPLITS]
    parses = []
    for mask in range(2 ** len(pairs)):
        apart = frozenset(p for bit, p in enumerate(pairs) if mask >> bit & 1)
        parses.append(_groups(run, apart))
    return parses


def spoken_values(text: str) -> set[Decimal]:
    """Every value the figure words of `text` can be read as, in cents, with the pounds and
    pence said apart ("twelve pounds thirty") read as one amount, and a figure said in
    hundredths ("sixty cents") as those hundredths."""
    found: set[Decimal] = set()
    runs = _runs(text)
    for match in _RUN.finditer(text):
        for groups in _every_parse(match.group(0)):
            found |= _readings(groups)
    for (begin, end, whole), (start, _, cents) in pairwise(runs):
        if _UNIT_BETWEEN.fullmatch(text[end:start]) and (hundredths := _cents(cents)) is not None:
            for value in _wholes_ending_in(text[begin:end], whole[-1].value):
                found.add(value + hundredths)
    for start, _, cents in runs:
        # "a dollar oh five", "a pound fifty": one unit of money and its cents.
        before = text[max(0, start - _UNIT_SPAN) : start]
        if _ONE_UNIT_BEFORE.search(before) and (hundredths := _cents(cents)) is not None:
            found.add(1 + hundredths)
    for _, end, said in runs:
        if said[-1].value < 100 and _MINOR_UNIT.match(text, end):
            found.add(Decimal(said[-1].value) / 100)  # "sixty cents" is 0.60
    return {value.quantize(Decimal("0.01")) for value in found}


def _cents(said: tuple[Said, ...]) -> Decimal | None:
    """The hundredths a run said after a money word stands for: "thirty" or "oh five"."""
    if said[0].two_digits:
        return Decimal(said[0].value) / 100
    if len(said) > 1 and said[0].value == 0 and not said[1].ordinal and said[1].value < 10:
        return Decimal(said[1].value) / 100
    return None


def _wholes_ending_in(run: str, last: int) -> set[Decimal]:
    """The whole amounts a run can be read as that end in its last group: "four eighty
    six" (dollars and twelve cents) is 86 or 486, as its cents belong to either."""
    ending = 10 ** len(str(last))
    return {Decimal(last)} | {
        value
        for groups in _every_parse(run)
        for value in _readings(groups)
        if value == value.to_integral_value() and value % ending == last
    }


def spoken_digit_runs(text: str) -> set[str]:
    """Ids and numbers said digit by digit ("four four seven one oh two six")."""
    return {
        "".join(str(g.value) for g in groups)
        for _, _, groups in _runs(text)
        if len(groups) >= 4 and all(g.value < 100 and not g.ordinal for g in groups)
    }


def spoken_as_digits(text: str) -> str:
    """`text` with each spoken figure written in digits, ordinals as "12th"."""
    if not _runs(text):
        return text
    parts, at = [], 0
    for start, end, groups in _runs(text):
        written = " ".join(
            ("and " if g.after_and else "") + (f"{g.value}th" if g.ordinal else str(g.value))
            for g in groups
        )
        parts += [text[at:start], written]
        at = end
    parts.append(text[at:])
    return "".join(parts)


def is_spoken(text: str) -> bool:
    """Whether `text` says figures in words (a transcript whose figures may be split)."""
    return any(len(groups) > 1 or groups[0].value >= 20 for _, _, groups in _runs(text))
