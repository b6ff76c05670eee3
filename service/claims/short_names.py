"""Names written short: a record's code for a word ("JHB" for Johannesburg), a summary's
short form of a record's name ("Mcr" for Manchester), a name the records run together
("CanPost" for Canada Post)."""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import pattern, word_list

# The shortest code or short form read as a name written short.
ABBREVIATION = 3
# The longest short form of a name read by its letters alone ("Bham", "Mcr").
_LONGEST_SHORT_FORM = 4
_CAPITALISED = pattern("capitalised_word")
_JOINED_NAME = pattern("joined_name")
_CAMEL_PART = pattern("joined_name_part")
_CAPITALISED_RUN = pattern("capitalised_run")
# "The Confirmation of Payee" opening a sentence: the article is no word of the name.
_ARTICLES = frozenset(word.capitalize() for word in word_list("articles"))


def abbreviates(code: str, word: str) -> bool:
    """Whether a code writes the word short, its letters in order from the first ("JHB"
    for Johannesburg, "MGR" for manager)."""
    if len(code) < ABBREVIATION or code[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in code[1:])


@lru_cache(maxsize=256)
def _capitalised_words(written: str) -> frozenset[str]:
    """The records' words written with a capital, lowered: the names a short form may
    stand for."""
    return frozenset(word.lower() for word in _CAPITALISED.findall(written))


def short_for_a_name(name: str, written: str) -> bool:
    """Whether the name is a short form of a name the records (`written`, capitals kept)
    write, its letters in order from the first and its vowels dropped ("Mcr" for
    Manchester, "Bham" for Birmingham), as notes shorten towns and companies."""
    word = name.lower()
    if not ABBREVIATION <= len(word) <= _LONGEST_SHORT_FORM or not word.isalpha():
        return False
    if sum(letter in "aeiouy" for letter in word) > 1:
        return False  # a short form drops the vowels ("Mcr", "Bham"); "Road" is a word
    return any(
        len(full) >= len(word) + 2 and abbreviates(word, full)
        for full in _capitalised_words(written)
    )


# The shortest record word read as a name cut short ("Plat" for Platinum, "Intl").
_SHORTEST_CUT = 4


def cut_short_in_records(name: str, written: str) -> bool:
    """Whether the records write the name cut short, as notes do: a capitalised record word
    of four letters or more that opens it ("Visa Plat" for Visa Platinum). A name joined
    of words ("HealthBridge") is not the first of them cut short."""
    word = name.lower()
    return any(
        len(word) > len(cut) >= _SHORTEST_CUT
        and word.startswith(cut)
        and not name[len(cut)].isupper()
        for cut in _capitalised_words(written)
    )


def joined_in_records(run: list[str], written: str) -> bool:
    """Whether a run of names is one the records write run together, each word opened by
    a part of it ("Canada Post" for "CanPost", "Australia Post" for "AusPost")."""
    if len(run) < 2:
        return False
    for joined in _JOINED_NAME.findall(written):
        parts = _CAMEL_PART.findall(joined)
        if len(parts) == len(run) and all(
            word.lower().startswith(part.lower()) and len(part) >= 2
            for word, part in zip(run, parts, strict=True)
        ):
            return True
    return False


def forget_short_names() -> None:
    """Forget the records' capitalised words read so far."""
    _capitalised_words.cache_clear()


def initials_in_records(name: str, clause: str, written: str, shortest: int = 2) -> bool:
    """Whether `name` is a word of a capitalised name in `clause` ("Drugs Payment Scheme",
    "Confirmation of Payee") whose initials the records (`written`, capitals kept) write
    ("DPS card", "CoP returned no match"): the summary spelled out their abbreviation.
    `shortest`: the fewest letters the initials may have ("Agent Ida" is no "AI")."""
    for run in _CAPITALISED_RUN.finditer(clause):
        words = run.group(0).split()
        words = words[1:] if words[0] in _ARTICLES and len(words) > 2 else words
        if name not in words:
            continue
        capitals = "".join(w[0] for w in words if w[0].isupper())
        every = "".join(w[0] for w in words)
        # The small word keeps its small letter as records write it ("CoP"), or not ("SOA").
        for initials in {capitals, every, every.upper()}:
            if shortest <= len(initials) <= 6 and re.search(rf"\b{re.escape(initials)}\b", written):
                return True
    return False
