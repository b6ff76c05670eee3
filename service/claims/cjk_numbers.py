"""Figures as Chinese and Japanese write them in words: "三月二十五日" (25 March), "一千兩百九十元"
(1,290 yuan), "十八万 四千六百円" (184,600 yen), "二零二六" read digit by digit.

A call transcript or a chat in Chinese or Japanese writes its dates, sums, times and lengths
with these characters; a summary in English writes them in digits. The records' side writes
each run in digits, so that the readers of dates ("3月25日"), sums ("1290元") and lengths
("7天") read it as they read a typed note. Only records are read this way.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import mapping, word_list

_DIGITS: dict[str, int] = {k: int(v) for k, v in mapping("cjk_digits").items()}
_PLACES: dict[str, int] = {k: int(v) for k, v in mapping("cjk_places").items()}
_POINT = frozenset(word_list("cjk_point"))
# A place of ten thousand and more closes a section of the figure.
_SECTION = 10_000
_FIGURE_CHARS = "".join(_DIGITS) + "".join(_PLACES)
# A run of figure characters; a speech recogniser may put a space after a section
# ("十八万 四千六百"), and a point may carry decimals ("二十三點五").
_RUN = re.compile(
    rf"[{_FIGURE_CHARS}]+"
    rf"(?:(?<=[{''.join(p for p, v in _PLACES.items() if v >= _SECTION)}])\s(?=[{_FIGURE_CHARS}])"
    rf"[{_FIGURE_CHARS}]+)*"
    rf"(?:[{''.join(_POINT)}][{''.join(_DIGITS)}]+)?"
)


def _whole(chars: str) -> int:
    """The value of a figure's whole part: places multiply what stands before them ("十八"
    is 18, "四千六百" 4,600); with no place at all it is read digit by digit ("二零二六")."""
    if not any(c in _PLACES for c in chars):
        return int("".join(str(_DIGITS[c]) for c in chars))
    total = section = current = 0
    for char in chars:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif _PLACES[char] >= _SECTION:
            total += (section + current) * _PLACES[char]
            section = current = 0
        else:
            section += (current or 1) * _PLACES[char]
            current = 0
    return total + section + current


def _written(run: str) -> str:
    chars = "".join(run.split())
    point = next((i for i, c in enumerate(chars) if c in _POINT), None)
    if point is None and not any(c in _PLACES for c in chars):
        return "".join(str(_DIGITS[c]) for c in chars)  # "零三二八": an id's 0328
    if point is None:
        return str(_whole(chars))
    decimals = "".join(str(_DIGITS[c]) for c in chars[point + 1 :])
    return f"{_whole(chars[:point]) if point else 0}.{decimals}"


@lru_cache(maxsize=4096)
def cjk_numbers_as_digits(text: str) -> str:
    """`text` with every run of Chinese or Japanese figure characters written in digits;
    the text itself when it holds none."""
    if not _RUN.search(text):
        return text
    return _RUN.sub(lambda match: _written(match.group(0)), text)
