"""Numbers of things: "two cable boxes", "3 complaints", "factory reset x3".

A summary that counts things the records count too must give the records' number: "three
cable boxes" where the only count of cable boxes in the records is two is a wrong count.
A count of something the records never count is left alone (it may be a sum the summary
worked out), and where the records count the thing more than one way, the finding is an
abstention.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.mentions import COUNT_WORDS, DAY_MONTH, MONTH_DAY
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern, words
from service.claims.text import stem

_COUNTED = pattern("counted_things")
_PART_OF_WHOLE = pattern("part_of_whole")
_NUMBERED_PLACES = words("numbered_places")
_MARKED = pattern("times_marked")
_SAID_TWICE = pattern("number_said_twice")
_PAID_IN = pattern("paid_in_parts")
_STARS = pattern("stars_marked")
_THE_REST = pattern("count_of_the_rest")
_QUANTITY = pattern("quantity_marked")
_PARTS = tuple(stem(word) for word in words("parts_paid_in"))
# Months and days are dates, and money's names are sums ("33 yen/kWh"), not things counted.
_NOT_THINGS = words("not_counted_things") | {
    word
    for table in ("month_names", "month_short_forms", "weekdays", "currency_names")
    for word in words(table)
}


_COUNTING_WORDS: dict[str, int] = mapping("counting_words")


def _value(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    return _COUNTING_WORDS.get(raw.lower()) or COUNT_WORDS[raw.lower()]


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for p in (MONTH_DAY, DAY_MONTH) for m in p.finditer(text)]


def _plural(word: str) -> bool:
    """Whether a word reads as a plural noun ("packs", "calls"; not "bus", "glass")."""
    return word.lower().endswith("s") and not word.lower().endswith(("ss", "us", "is"))


def _names_it(before: list[str]) -> bool:
    """Whether the word before a count is a capitalised word inside a sentence ("the
    Module 7 quiz", "his Orbit 3 handset"): a name with its number, not a count."""
    word = before[-1]
    inside = len(before) >= 2 and not before[-2].endswith((".", "!", "?", ":", ";", "-", "•"))
    return inside and word.isalpha() and word[0].isupper() and word[1:].islower()


def _counts(text: str) -> list[tuple[str, int, tuple[str, ...]]]:
    """(surface, number, stems of the words that may be the thing) of each count in `text`."""
    found = []
    dates = _date_spans(text)  # once per text: a long record has many counts
    for match in _COUNTED.finditer(text):
        if match.group("count").lower() == "one":
            continue  # "one debit order ... and another": one is not a total
        nouns = [w for w in (match.group("first"), match.group("second")) if w]
        if "-" in text[match.end("count") : match.start("first")] or _plural(nouns[0]):
            # "a four-clinic physio group": the count belongs to the compound's own noun;
            # "5 packs came": a plural ends the thing (a compound's first noun is singular,
            # "two cable boxes"), what follows is said of it.
            nouns = nouns[:1]
        if nouns[0].lower() in _NOT_THINGS or not nouns[0].islower():
            continue  # "7 ESC-1234": an id, not a thing counted
        if any(start <= match.start() < end for start, end in dates):
            continue  # "Oct 20 autopay": a date, not twenty of anything
        before = text[max(0, match.start() - 40) : match.start()].split()
        if before and (before[-1].lower() in _NUMBERED_PLACES or _names_it(before)):
            continue  # "Sector 56 deliveries", "Gate 12 staff": a name's number
        stems = tuple(stem(w.lower()) for w in nouns if w.lower() not in _NOT_THINGS)
        if stems:
            found.append((match.group(0), _value(match.group("count")), stems))
    for match in _MARKED.finditer(text):
        noun = match.group("first") or match.group("second")
        raw = match.group("count") or match.group("count2")
        if noun.lower() not in _NOT_THINGS:
            found.append((match.group(0), int(raw), (stem(noun.lower()),)))
    return found


@lru_cache(maxsize=4096)
def _record_counts(text: str, *, of_all: bool = True) -> dict[str, frozenset[int]]:
    """The numbers the records give of each thing (by stem); `of_all`: leaving out counts
    of the rest of them ("the other two items"), which a summary may repeat but a total
    of them all may exceed."""
    if of_all:
        rest_left_out = _THE_REST.sub(lambda m: m.group(0).split()[0] + " ", text)
        if rest_left_out == text:
            return _record_counts(text, of_all=False)  # read once when no rest is counted
        text = rest_left_out
    given: dict[str, set[int]] = {}
    # "a 4* sea view room": the grade a summary calls "4-star".
    text = _STARS.sub(r"\g<1>-star ", text)
    heard = spoken_as_digits(text)
    if heard != text:
        heard = _SAID_TWICE.sub(r"\1", heard)  # "four four lines" is four lines
    for said in {text, heard}:
        for surface, number, stems in _counts(said):
            if said is text and heard != text and not surface[0].isdigit():
                # Number words are read in the heard text, where a run said digit by digit
                # ("d a seven seven three zero five majlis") is an id, not five of anything.
                continue
            for thing in stems:
                given.setdefault(thing, set()).add(number)
        for match in _PAID_IN.finditer(said):
            for thing in _PARTS:
                given.setdefault(thing, set()).add(_value(match.group("count")))
    return {thing: frozenset(numbers) for thing, numbers in given.items()}


_BESIDE = 80  # characters either side of a record's count of a thing
_NUMBER = pattern("bare_small_number")


_SENTENCE_EDGE = re.compile(r"[.!?](?:\s|$)|\n")


def _own_sentence(text: str, start: int, end: int) -> str:
    """The sentence (or line) around `text[start:end]`, at most `_BESIDE` characters
    either side of it."""
    before = text[max(0, start - _BESIDE) : start]
    after = text[end : end + _BESIDE]
    # Whole words only: "on the 22" cut after its "2" does not say 2.
    if start > _BESIDE:
        before = before[before.find(" ") + 1 :]
    if end + _BESIDE < len(text):
        after = after[: after.rfind(" ") + 1]
    edges = list(_SENTENCE_EDGE.finditer(before))
    head = before[edges[-1].end() :] if edges else before
    cut = _SENTENCE_EDGE.search(after)
    return head + text[start:end] + (after[: cut.start()] if cut else after)


@lru_cache(maxsize=4096)
def _numbers_beside(text: str) -> dict[str, frozenset[int]]:
    """Per thing the records count, the other small numbers said beside that count ("comes
    with 1 mailbox - you currently have 3"): the thing may be counted by them too."""
    beside: dict[str, set[int]] = {}
    heard = spoken_as_digits(text)
    for match in _COUNTED.finditer(heard):
        window = _own_sentence(heard, match.start(), match.end())
        numbers = {int(n) for n in _NUMBER.findall(window)}
        for noun in (match.group("first"), match.group("second")):
            if noun:
                beside.setdefault(stem(noun.lower()), set()).update(numbers)
    # And beside the thing's word wherever else a sentence names it: "limit should be 300
    # req/min but tenant still capped at 60" gives 60 of them too.
    lowered = heard.lower()
    for thing, numbers in beside.items():
        for named in re.finditer(rf"\b{re.escape(thing)}", lowered):
            window = _own_sentence(heard, named.start(), named.end())
            numbers.update(int(n) for n in _NUMBER.findall(window))
    return {thing: frozenset(numbers) for thing, numbers in beside.items()}


_CONTRAST = pattern("count_in_contrast")
_AS_A_PART = pattern("count_as_a_part")


def _part_told(summary: str, surface: str) -> set[int]:
    """The part a summary's count is the whole of ("one of the four visits": 1)."""
    at = summary.find(surface)
    found = _AS_A_PART.search(summary[max(0, at - 40) : at]) if at >= 0 else None
    return {_value(found.group("part"))} if found else set()


def _set_against(summary: str, surface: str) -> set[int]:
    """The counts the sentence of `surface` sets against it ("rather than two")."""
    at = summary.find(surface)
    sentence = _own_sentence(summary, at, at + len(surface)) if at >= 0 else ""
    return {_value(m.group("count")) for m in _CONTRAST.finditer(sentence)}


_NUMBER_AND_WORD = pattern("number_beside_a_short_word")
_VOWELS = frozenset("aeiouy")


def _given_in_short(number: int, thing: str, text: str) -> bool:
    """Whether the records give `number` beside the thing written short without its vowels
    ("12 ctns" for 12 cartons, "3 pkgs", "2 msgs"): the letters of the short form in
    order from the thing's first, no vowel after it."""
    for match in _NUMBER_AND_WORD.finditer(text.lower()):
        short = match.group(2).rstrip("s") or match.group(2)
        if int(match.group(1)) != number or short[0] != thing[0] or _VOWELS & set(short[1:]):
            continue
        rest = iter(thing[1:])
        if len(short) >= 2 and all(letter in rest for letter in short[1:]):
            return True
    return False


def read_record_counts(source: SourceFacts) -> None:
    """Read the records' counts of things while the model writes (remembered per text)."""
    _record_counts(source.text)
    _record_counts(source.text, of_all=False)
    _numbers_beside(source.text)
    _parts_of_wholes(source.text)


def forget_record_counts() -> None:
    """Forget the counts read so far, as a worker that has read no history."""
    _record_counts.cache_clear()
    _numbers_beside.cache_clear()
    _parts_of_wholes.cache_clear()


def check_counted_things(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Counts of things in `summary` that the records count otherwise."""
    given = _record_counts(source.text)
    anywhere = _record_counts(source.text, of_all=False)
    found = []
    for surface, number, stems in _counts(summary):
        # The thing is the head: the last word ("two cable boxes": boxes).
        counted = [thing for thing in stems[-1:] if len(thing) >= 3 and thing in given]
        if not counted or any(number in anywhere.get(thing, ()) for thing in counted):
            continue
        if _given_in_short(number, counted[-1], source.text):
            continue
        if _whole_of_a_part_given(summary, number, counted[-1], source):
            continue
        beside = _numbers_beside(source.text).get(counted[-1], frozenset())
        if given[counted[-1]] | beside <= _part_told(summary, surface):
            # "one of the four visits" where the records count only the one visit; a count
            # they give besides ("you currently have 3") may be the whole misstated.
            continue
        numbers = sorted(given[counted[-1]])
        listed = ", ".join(str(n) for n in numbers)
        fact = UnsupportedFact("count", surface, f"the records count these as {listed}")
        if len(numbers) > 1:
            fact = fact.unsure("the records count it twice")
        elif number < numbers[0] and source.unlabelled:
            # "other 2 items arrived" of a 3-item order: in a conversation no label sums
            # up, some of them, perhaps.
            fact = fact.unsure("fewer than the records count: some of them, perhaps")
        elif number in _numbers_beside(source.text).get(counted[-1], ()):
            fact = fact.unsure("the records give this number beside their count")
        elif _set_against(summary, surface) & set(numbers):
            fact = fact.unsure("the summary sets the records' count against it")
        elif number in _quantities_marked(source.text):
            # "SunGuard SPF50 200ml x3": the records give this many of an item, in a mark
            # that names no thing the checker can match.
            fact = fact.unsure("the records mark this many of an item")
        found.append(fact)
    return found


def _whole_of_a_part_given(summary: str, number: int, thing: str, source: SourceFacts) -> bool:
    """Whether `number` of the thing is the whole of a part the records count, and count
    the thing no other way, with the whole beside that count ("8 of 12 payments" where a
    record says "a 12-month plan ..., 8 payments made"): the part is theirs, the whole what
    it is part of."""
    parts = {
        _value(match.group("part"))
        for match in _PART_OF_WHOLE.finditer(summary)
        if (said := match.group("thing"))
        and stem(said.lower()) == thing
        and _value(match.group("whole")) == number
    }
    if len(parts) != 1 or _record_counts(source.text).get(thing) != frozenset(parts):
        return False
    (part,) = parts
    # The same part of the same whole the records give, of a thing in their own words
    # ("three of the eight things were smashed ... for three items"), is theirs.
    if any((p, w) == (part, number) for p, w, _ in _parts_of_wholes(source.text)):
        return True
    return any(
        _value(match.group("count")) == part
        and str(number) in _FIGURE.findall(_own_sentence(source.text, match.start(), match.end()))
        for match in _COUNTED.finditer(source.text)
        if stem(match.group("first").lower()) == thing
        or (match.group("second") and stem(match.group("second").lower()) == thing)
    )


_FIGURE = re.compile(r"\d+")


def _quantities_marked(text: str) -> set[int]:
    """The quantities the records mark with a times sign ("x3", "3 x", "×2")."""
    return {int(next(g for g in m.groups() if g)) for m in _QUANTITY.finditer(text)}


_Part = tuple[int, int, str]  # part, whole, the stem of the word after them ("" for none)


@lru_cache(maxsize=4096)
def _parts_of_wholes(text: str) -> frozenset[_Part]:
    """Each "N of M" a text gives, numbers said in words read too."""
    found: set[_Part] = set()
    for said in {text, spoken_as_digits(text)}:
        for match in _PART_OF_WHOLE.finditer(said):
            thing = match.group("thing")
            part, whole = _value(match.group("part")), _value(match.group("whole"))
            if part <= whole:
                found.add((part, whole, stem(thing.lower()) if thing else ""))
    return frozenset(found)


def check_parts_of_wholes(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """A part of a whole told otherwise than the records tell it: "9 of 12 cartons" where
    the records' only part of those 12 is 10, or "1 of 3 bags" where they say 1 of 2 bags.
    The other part ("3 of 5 missing" for "2 of 5 missing") is no support: the records
    must give the part, as a part or as a count of the thing ("4 rolls ... out of 6")."""
    said = list(_PART_OF_WHOLE.finditer(summary))
    if not said:
        return []
    given = _parts_of_wholes(source.text)
    found = []
    for match in said:
        part, whole = _value(match.group("part")), _value(match.group("whole"))
        thing = stem(match.group("thing").lower()) if match.group("thing") else ""
        told = {(p, w) for p, w, _ in given}
        # "4 rolls netting out of 6": the records count the part as this many of the thing.
        counted = thing and part in _record_counts(source.text).get(thing, ())
        if part > whole or (part, whole) in told or counted:
            continue
        # Another part of the same whole, or the same part of another whole of this thing.
        rivals = sorted(
            f"{p} of {w}" for p, w, t in given if w == whole or (thing and t == thing and p == part)
        )
        if rivals:
            reason = f"the records give {', '.join(rivals)}"
            found.append(UnsupportedFact("count", match.group(0).strip(), reason))
    return found
