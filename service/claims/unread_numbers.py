"""Figures the records say in words the checker does not read.

The checker reads figures written in digits, said in English, and said in the languages
its own number tables cover. A record may say them in any other ("nittonde januari", "hai
mươi tám", "osamsto devedeset"): a summary's date, time, sum or count may then be one of
those, and no record the checker reads gives it. Such a record is marked by a number word
of another language left unread by the checker's own readings beside another, beside a
figure they read in part ("4 4 sex noll 2"), beside a month's name ("nittonde januari"),
or joined to another by "and"; a figure no record supports is then an abstention there,
not a finding.

The words are those `num2words` writes numbers with in every language it knows but
English, less those a language uses as words of another kind, and CLDR's month names of
the same languages (`eval.tables.number_words`). One number word alone ("tre", "sto") may
be a word of another kind; beside another or a month it is a figure.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import words

_NUMBER_WORDS = words("number_words_of_other_languages")
_MONTHS = words("month_names_of_other_languages")
_JOINERS = words("number_joiners_in_other_languages")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")

UNREAD = "the records say figures in words the checker does not read"
# Languages that decline their numbers ("czternastu dni", "dziesiątego maja") write them
# with other endings than the tables' own: a word that opens with a long number word less
# its ending, and ends a few letters later, is that number declined.
_ENDING = 2
_SHORTEST_STEM = 5
_LONGEST_NEW_ENDING = 4
_STEMS = frozenset(
    word[:-_ENDING] for word in _NUMBER_WORDS if len(word) - _ENDING >= _SHORTEST_STEM
)


def _inflected(token: str) -> bool:
    """Whether `token` is a number word of the tables with another ending."""
    return any(
        token[:length] in _STEMS and len(token) - length <= _LONGEST_NEW_ENDING
        for length in range(_SHORTEST_STEM, len(token))
    )


@lru_cache(maxsize=1024)
def unread_number_phrase(read: str) -> str:
    """The first figure `read` (the records' text after the checker's own number readings)
    still says in number words ("dwudziesty trzeci", "twaalf juli", "noll 2"); "" when
    there is none."""
    tokens = _TOKEN.findall(read.lower())
    unread = [token in _NUMBER_WORDS or _inflected(token) for token in tokens]
    figure = [
        said or token.isdigit() or token in _MONTHS
        for said, token in zip(unread, tokens, strict=True)
    ]
    for at in (at for at, said in enumerate(unread) if said):
        before, after = at > 0 and figure[at - 1], at + 1 < len(tokens) and figure[at + 1]
        if before or after:
            return " ".join(tokens[at - before : at + 1 + after])
        if at + 2 < len(tokens) and tokens[at + 1] in _JOINERS and unread[at + 2]:
            return " ".join(tokens[at : at + 3])
    return ""
