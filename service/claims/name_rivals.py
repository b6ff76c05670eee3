"""Another name of the records that a summary's name may have been swapped for.

Over an unlabelled conversation a name no record gives is only an abstention, unless the
records name someone or something else in the same place: under the same title ("Dr Eze"
where they say Dr Okafor), beside the same word ("a Tasman Blue codeshare" where they say
"a Coral Pacific codeshare", "to Kisumu" where they say "to Mombasa"), or in a name that
shares the summary's other words ("PixelVault Premium" where they say "PixelVault Core",
"Shree Motors" where they say "Sai Motors"). Then the summary's name is a swap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.claims.lexicon import STOPWORDS
from service.claims.short_names import abbreviates
from service.claims.tables import pattern, word_list
from service.claims.text import letters_without_marks
from service.claims.towns import one_within_the_other, towns_written

_NAME_RUN = pattern("name_run")
_NAME_WORD = pattern("name_word")
# Words that are no one's name where they stand: months, days, openers, units, peoples...
NOT_NAMES = frozenset(
    word_list("month_names")
    + word_list("month_short_forms")
    + word_list("weekdays")
    + word_list("weekday_short_forms")
    + word_list("skip_names")
    + word_list("openers")
    + word_list("capitalised_words")
    + word_list("units")
    + word_list("languages_and_peoples")
    + word_list("currency_prefixes")
    + word_list("currency_names")
)
# Words a record may write beside a role that name nobody ("Billing team", "Mon").
KNOWN_NOT_STAFF = frozenset(word.lower() for word in NOT_NAMES) | STOPWORDS


def name_runs(text: str) -> Iterator[tuple[re.Match[str], list[str]]]:
    """Each run of capitalised words of `text` (its match, read in plain letters so that
    "Brașov", "Zürich" and "Łódź" are names as "Sibiu" is) and its words as `text` writes
    them."""
    for match in _NAME_RUN.finditer(letters_without_marks(text)):
        at = match.start()
        words = _NAME_WORD.finditer(match.group(0))
        yield match, [text[at + word.start() : at + word.end()] for word in words]


_TITLED = pattern("titled_name")


def rival_titled(name: str, records: str, clause: str) -> str | None:
    """Another person the records name under the same title ("Dr Okafor" for the clause's
    "Dr Eze", "Mrs Hughes"), whom the clause does not name: the person `name` may have been
    swapped for. None when `name` bears no title in the clause."""
    ours = [m for m in _TITLED.finditer(clause) if name in m.group("name").split()]
    if not ours:
        return None
    title = ours[0].group("title").rstrip(".").lower()
    for match in _TITLED.finditer(records):
        if match.group("title").rstrip(".").lower() != title:
            continue
        words = match.group("name").split()
        if not any(word in clause for word in words):
            return f"{match.group('title')} {match.group('name')}"
    return None


_WORD_BEFORE = pattern("word_before_a_name")
_WORD_AFTER = pattern("word_after_a_name")


_PLACE_WORDS = frozenset(word_list("place_prepositions"))


def _content(match: re.Match[str] | None) -> str | None:
    """The word a match holds, if it is a content word in lower case ("codeshare", not
    "the" or a capitalised name), or a word that places a name ("to", "from", "by")."""
    word = match.group(1) if match else None
    if word is None or not word.islower():
        return None
    return word if word not in STOPWORDS or word in _PLACE_WORDS else None


def _beside(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The content words right before and after a name in `text` (lower case), if any."""
    return _content(_WORD_BEFORE.search(text[:start])), _content(_WORD_AFTER.match(text, end))


def rival_beside(run: list[str], records: str, clause: str) -> str | None:
    """A name the records write beside the same word as the clause's name ("a Coral Pacific
    codeshare" for "a Tasman Blue codeshare", "retailer Pōhutu" for "retailer Rangiwai"),
    which the clause does not name: the thing the clause's name may have been swapped for."""
    ours = re.search(r"\s+".join(re.escape(word) for word in run), clause)
    if ours is None:
        return None
    before, after = _beside(clause, ours.start(), ours.end())
    if before is None and after is None:
        return None
    if len(run) > 1 and any(_in_a_joined_name(word, records) for word in run):
        # "Billetera Plata" where the records write "@PlataAyuda": the records' name told
        # another way; a word of it swapped is a rival in the same name.
        return None
    for match, words in name_runs(records):
        if not words or any(word in clause for word in words) or _everyday(words, records):
            continue
        if any(
            abbreviates(own.lower(), word.lower()) or abbreviates(word.lower(), own.lower())
            for own in run
            for word in words
        ):
            # "Akl warehouse" for "Auckland warehouse", or the records' "Msa hub" for the
            # summary's "Mombasa hub": the same place, cut short on either side
            continue
        if _other_kinds(run, words):
            continue
        theirs = _beside(records, match.start(), match.end())
        if after is not None and theirs[1] == after:
            return " ".join(words)
        if before is None or theirs[0] != before:
            continue
        if before not in _PLACE_WORDS or _place_rival(run, words, records, match.start()):
            return " ".join(words)
    return None


def _everyday(words: list[str], records: str) -> bool:
    """Whether a single capitalised word is one the records also write in small letters,
    an everyday word where a subject line or a sentence opens ("Re: Earlier appointment
    needed" beside "if an earlier slot opens"), not a name."""
    return len(words) == 1 and re.search(rf"\b{re.escape(words[0].lower())}\b", records) is not None


def _in_a_joined_name(word: str, records: str) -> bool:
    """Whether the records write `word` as one part of a name run together ("Plata" of
    "PlataAyuda", "Ayuda" of it)."""
    part = re.escape(word)
    return re.search(rf"\b{part}(?=[A-Z][a-z])|(?<=[a-z]){part}\b", records) is not None


def rival_in_the_same_name(name: str, run: list[str], records: str, clause: str) -> str | None:
    """A name of the records that shares a word with the clause's run of names and holds
    another in the place of `name` ("PixelVault Core" for "PixelVault Premium", "Sai Motors"
    for "Shree Motors"), a word the clause does not write: the name `name` may have been
    swapped for. Not a word that may be `name` written another way ("Centraal" for
    "Central"), nor the name of the company's team ("Harbourlight Player Support" for
    "Harbourlight Studios")."""
    kept = {word for word in run if word != name and word.lower() not in KNOWN_NOT_STAFF}
    if not kept:
        return None
    for _, words in name_runs(records):
        if name in words or not kept & set(words):
            continue
        missing = [w for w in words if w not in kept and w.lower() not in KNOWN_NOT_STAFF]
        if not missing or any(w in clause for w in missing):
            continue
        if any(_one_name_two_ways(name, w) for w in missing):
            continue
        if words[-1].lower() in _TEAM_WORDS:
            continue  # "Harbourlight Player Support" for "Harbourlight Studios": its team
        return " ".join(words)
    return None


def _one_name_two_ways(name: str, other: str) -> bool:
    """Whether two words may be one name written two ways: the same first letters
    ("Central", "Centraal"), or one the other written short, its letters in order from the
    first ("Wgtn" for Wellington, "St" for Street)."""
    one, two = sorted((name.lower(), other.lower()), key=len)
    if one[:_SAME_START] == two[:_SAME_START]:
        return True
    rest = iter(two[1:])
    return one[0] == two[0] and all(letter in rest for letter in one[1:])


_STREET_WORDS = frozenset(word_list("street_words"))
_GIVEN_NAMES = frozenset(word_list("given_names"))
_TEAM_WORDS = frozenset(word_list("team_words"))
_TITLE_BEFORE = pattern("title_before")
# "Frau Keller", "Sra. Ortiz": a title in any language, no name of its own.
PERSON_TITLES = frozenset(word_list("person_titles"))
# Names that open on the same four letters may be one name written two ways.
_SAME_START = 4


def _place_rival(run: list[str], words: list[str], records: str, start: int) -> bool:
    """Whether a name the records write after the same word that places the clause's name
    ("to Mombasa" for "to Kisumu") is another place or party: not a day or a month ("by
    Friday"), a person under a title ("to Mr Tan"), a street ("in Via Roma"), a place
    within the clause's town or holding it ("in Shinjuku" for "in Tokyo"), or the same
    name written another way ("Philadelphia" for "Philly")."""
    lowered = [word.lower() for word in words]
    if any(word in NOT_NAMES or word in _STREET_WORDS for word in lowered):
        return False
    if _TITLE_BEFORE.search(records[:start]) or lowered[0].rstrip(".") in PERSON_TITLES:
        return False
    prefixes = {word.lower()[:_SAME_START] for word in run}
    if one_within_the_other(" ".join(run), " ".join(words)):
        return False  # "in Tokyo" where the records say "in Shinjuku": one place
    return not any(word[:_SAME_START] in prefixes for word in lowered)


def _other_kinds(run: list[str], words: list[str]) -> bool:
    """Whether the records' name is of another kind than the clause's, so no swap for it:
    a person for a town ("to Tom" beside "to London") or the other way round."""
    return _person_and_place(run, words) or _person_and_place(words, run)


def _person_and_place(one: list[str], other: list[str]) -> bool:
    """Whether `one` is a person's given name that is no town and `other` a town that is
    no given name: two kinds of name, so neither can stand in the other's place."""
    person = len(one) == 1 and one[0].lower() in _GIVEN_NAMES and not towns_written(one[0])
    name = " ".join(other)
    place = bool(towns_written(name)) and name.lower() not in _GIVEN_NAMES
    return person and place
