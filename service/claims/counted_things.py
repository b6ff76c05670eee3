"""Numbers of things: "two cable boxes", "3 complaints", "factory reset x3".

A summary that counts things the records count too must give the records' number: "three
cable boxes" where the only count of cable boxes in the records is two is a wrong count.
A count of something the records never count is left alone (it may be a sum the summary
worked out), and where the records count the thing more than one way, the finding is an
abstention.
"""

from __future__ import annotations

from functools import lru_cache

from service.claims.mentions import COUNT_WORDS, DAY_MONTH, MONTH_DAY
from service.claims.sources import SourceFacts, UnsupportedFact
from service.claims.spoken import spoken_as_digits
from service.claims.tables import mapping, pattern, words
from service.claims.text import stem

_COUNTED = pattern("counted_things")
_MARKED = pattern("times_marked")
_NOT_THINGS = words("not_counted_things") | {
    word for table in ("month_names", "month_short_forms", "weekdays") for word in words(table)
}


_COUNTING_WORDS: dict[str, int] = mapping("counting_words")


def _value(raw: str) -> int:
    if raw.isdigit():
        return int(raw)
    return _COUNTING_WORDS.get(raw.lower()) or COUNT_WORDS[raw.lower()]


def _date_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for p in (MONTH_DAY, DAY_MONTH) for m in p.finditer(text)]


def _counts(text: str) -> list[tuple[str, int, tuple[str, ...]]]:
    """(surface, number, stems of the words that may be the thing) of each count in `text`."""
    found = []
    dates = _date_spans(text)  # once per text: a long record has many counts
    for match in _COUNTED.finditer(text):
        if match.group("count").lower() == "one":
            continue  # "one debit order ... and another": one is not a total
        nouns = [w for w in (match.group("first"), match.group("second")) if w]
        if nouns[0].lower() in _NOT_THINGS or not nouns[0].islower():
            continue  # "7 ESC-1234": an id, not a thing counted
        if any(start <= match.start() < end for start, end in dates):
            continue  # "Oct 20 autopay": a date, not twenty of anything
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
def _record_counts(text: str) -> dict[str, frozenset[int]]:
    """The numbers the records give of each thing (by stem)."""
    given: dict[str, set[int]] = {}
    heard = spoken_as_digits(text)
    for said in {text, heard}:
        for surface, number, stems in _counts(said):
            if said is text and heard != text and not surface[0].isdigit():
                # Number words are read in the heard text, where a run said digit by digit
                # ("d a seven seven three zero five majlis") is an id, not five of anything.
                continue
            for thing in stems:
                given.setdefault(thing, set()).add(number)
    return {thing: frozenset(numbers) for thing, numbers in given.items()}


def read_record_counts(source: SourceFacts) -> None:
    """Read the records' counts of things while the model writes (remembered per text)."""
    _record_counts(source.text)


def forget_record_counts() -> None:
    """Forget the counts read so far, as a worker that has read no history."""
    _record_counts.cache_clear()


def check_counted_things(summary: str, source: SourceFacts) -> list[UnsupportedFact]:
    """Counts of things in `summary` that the records count otherwise."""
    given = _record_counts(source.text)
    found = []
    for surface, number, stems in _counts(summary):
        # The thing is the head: the last word ("two cable boxes": boxes).
        counted = [thing for thing in stems[-1:] if len(thing) >= 3 and thing in given]
        if not counted or any(number in given[thing] for thing in counted):
            continue
        numbers = sorted(given[counted[-1]])
        listed = ", ".join(str(n) for n in numbers)
        fact = UnsupportedFact("count", surface, f"the records count these as {listed}")
        found.append(fact if len(numbers) == 1 else fact.unsure("the records count it twice"))
    return found
