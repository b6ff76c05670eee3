"""A person's given name swapped for another: "agent Rachel" where the records' agent is Renee.

A capitalised word of a summary that is a common given name (`given_names`) names a
person, whatever else the records leave unread. Where no record writes it, while the
records name other people by their given names and the summary names none of them, the
summary's name is a swap ("w/ Megan" where the chat is with Hannah), not the records' own
person written another way: one name written two ways ("Kate" for Katherine, "Mohammed"
for Muhammad) shares its first letters or most of its letters with it, and is left alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from service.claims.name_rivals import NOT_NAMES
from service.claims.tables import pattern, word_list
from service.claims.text import without_accents

_GIVEN = frozenset(word_list("given_names"))
_TITLED = pattern("someone_titled")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Names that open on the same three letters, or share this much of their letters, may be
# one name written two ways ("Kat", "Kate", "Katherine"; "Mohammed", "Muhammad").
_SAME_START = 3
_ALIKE = 0.7


def given_name(word: str) -> bool:
    """Whether `word` is a common given name."""
    return without_accents(word) in _GIVEN


@lru_cache(maxsize=256)
def people_named(records: str) -> frozenset[str]:
    """The given names the records write with a capital ("Renee (Summit):", "thanks
    Angela"), as they write them."""
    return frozenset(
        word
        for word in _WORD.findall(records)
        if word[0].isupper()
        and not word.isupper()  # "ANI" is a code, not Ani
        and given_name(word)
        and word.lower() not in NOT_NAMES
    )


def _one_person(name: str, other: str) -> bool:
    one, two = without_accents(name), without_accents(other)
    return one[:_SAME_START] == two[:_SAME_START] or Indel.normalized_similarity(one, two) >= _ALIKE


def _known_given_name(surname: str, records: str) -> str | None:
    """The given name the records write before `surname` outside a title ("Grace Okonkwo",
    "J. Becker": an initial), or None where they write none."""
    before = re.compile(rf"\b([^\W\d_][\w'’-]*)\.?\s+{re.escape(surname)}\b", re.IGNORECASE)
    for match in before.finditer(records):
        word = match.group(1)
        if len(word) == 1 or (given_name(word) and word.lower() not in NOT_NAMES):
            return word
    return None


def _may_be_someone_titled(name: str, records: str) -> bool:
    """Whether `name` may be the given name of someone the records name under a title
    only ("Caller Mrs Hughes"): not where they give that person's given name ("Ms Grace
    Okonkwo") or an initial `name` does not start with ("J. Becker")."""
    for match in _TITLED.finditer(records):
        first, second = match.group(1), match.group(2)
        if second and first[0].isupper() and second[0].isupper():
            continue  # "Ms Grace Okonkwo": her given name is written
        known = _known_given_name(first, records)
        if known is None or (len(known) == 1 and known.lower() == name[0].lower()):
            return True
    return False


def rival_person(
    name: str, run: list[str], records: str, summary_words: frozenset[str]
) -> str | None:
    """A person the records name by a given name whom the summary names nowhere, when the
    summary's `name` stands alone (`run`: the capitalised words it stands in; "Al Noor
    Textile", "Rajiv Chowk" name no person) and is a given name no record writes: the
    person `name` may have been swapped for. None when `name` is no given name, may be one
    of theirs written another way, or of someone they name by a title and a surname only,
    or the summary names every person the records do (then `name` is someone else they
    leave unnamed: the customer behind "Customer:")."""
    if [word for word in run if word.lower() not in NOT_NAMES] != [name] or not given_name(name):
        return None
    if _may_be_someone_titled(name, records):
        return None  # "Caller Mrs Hughes": "Glenys" may be her given name
    named = people_named(records)
    if any(_one_person(name, other) for other in named):
        return None
    return next((other for other in sorted(named) if other.lower() not in summary_words), None)
