"""Codes a transcript in another language reads out one digit at a time ("dois zero dois
seis zero quatro um dois", "o te cuatro cinco dos guion nueve ocho uno"), once its number
words are written in digits: each run of single digits is a code the records give.
"""

from __future__ import annotations

import re

from service.claims.tables import mapping, word_list

_CODE_DIGITS: dict[str, int] = {
    k: int(v) for k, v in mapping("digit_words_in_a_spoken_code").items()
}
_CODE_TOKEN = re.compile(r"[^\W_]+")
# The word for a dash said inside a code ("o te cuatro cinco dos guion nueve ocho uno").
_CODE_DASHES = frozenset(word_list("dash_words_in_a_spoken_code"))
# A code said digit by digit is this long at least: fewer are a date or a count.
_SHORTEST_CODE = 4


def codes_said_digit_by_digit(read: str) -> frozenset[str]:
    """The codes `read` (a text after `foreign_numbers_as_digits`) says one digit at a
    time in another language ("2 zero 2 6 zero 4 um 2" -> "20260412"): each run of single
    digits, and of the words for nought and one among them, with only spaces between."""
    runs: list[list[str]] = [[]]
    last_end = -1
    for match in _CODE_TOKEN.finditer(read):
        token = match.group(0).lower()
        digit = token if len(token) == 1 and token.isdigit() else _CODE_DIGITS.get(token)
        joined = last_end >= 0 and not read[last_end : match.start()].strip()
        if digit is None and token in _CODE_DASHES and joined:
            last_end = match.end()  # "cuatro cinco dos guion nueve": the code goes on
            continue
        if digit is None:
            runs.append([])
            last_end = -1
            continue
        if not joined:
            runs.append([])
        runs[-1].append(str(digit))
        last_end = match.end()
    return frozenset(
        "".join(run)
        for run in runs
        if len(run) >= _SHORTEST_CODE and sum(d.isdigit() and d not in "01" for d in run) >= 2
    )
