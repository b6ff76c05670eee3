"""Where an issue stands, as one clause says it: "still open", "no longer an issue", "waiting
for it to be sorted out", "not yet resolved" — or nothing at all.

Acts are not states: "restored the SIM" or "a case was opened" say what someone did; "the
outage is restored" and "the case is still open" say where the issue stands.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from service.claims.lexicon import OPEN_WORDS, OTHER_MATTERS, RESOLVED_WORDS
from service.claims.tables import pattern
from service.claims.text import normalize

Status = Literal["open", "resolved"]

NO_LONGER_OPEN = pattern("no_longer_open")
REPORTED_IN_ERROR = pattern("reported_in_error")
_A_MESSAGE_SAYS = pattern("a_message_says")
_DENIES_THE_REPORT = pattern("denies_the_report")


def denied_by_next(parts: list[str]) -> list[bool]:
    """For each clause of one sentence, whether a later clause of it denies what it says
    (its status is then a report the summary calls false, not a claim)."""
    denies = [bool(_DENIES_THE_REPORT.search(normalize(part))) for part in parts]
    return [any(denies[i + 1 :]) for i in range(len(parts))]


_NEGATED_STATE = pattern("negated_state")
_INFINITIVE = pattern("infinitive")
_WISHED = pattern("wished")
_POSSIBLE = pattern("possible")
_A_PLACE_SHUT = pattern("a_place_shut")
_SHUT = frozenset({"closed", "shut"})
_EARLIER_EVENT = pattern("earlier_event")
_ANOTHER_THINGS_CAUSE = pattern("another_things_cause")
_ANOTHER_THINGS_STATE = pattern("another_things_state")


# "not FCR, awaiting the team": a denial within the open words' own clause, just before them.
_OPEN_DENIED = pattern("open_denied")


@lru_cache(maxsize=65536)
def read_status(text: str) -> Status | None:
    """'open', 'resolved' or None: what the clause says about whether the issue is over.

    Acts are not states: "restored the SIM" or "a case was opened" say what someone did;
    "the outage is restored" and "the case is still open" say where the issue stands.
    """
    norm = normalize(text)
    if OTHER_MATTERS.search(norm) or REPORTED_IN_ERROR.search(norm) or _A_MESSAGE_SAYS.search(norm):
        return None
    if NO_LONGER_OPEN.search(norm):
        return "resolved"
    said: list[tuple[int, Status]] = []
    for match in RESOLVED_WORDS.finditer(norm):
        if match.group(0).startswith(("be ", "get ")) and _INFINITIVE.search(norm[: match.start()]):
            continue
        if _WISHED.search(norm[: match.start()]) or _POSSIBLE.search(norm[: match.start()]):
            continue
        # From the start of the state's own words: "taken care of" is three words long.
        before_word = norm[: match.end() - len(match.group(0).split()[-1])]
        if any(
            rule.search(before_word)
            for rule in (_EARLIER_EVENT, _ANOTHER_THINGS_CAUSE, _ANOTHER_THINGS_STATE)
        ):
            continue
        if match.group(0).split()[-1] in _SHUT and _A_PLACE_SHUT.search(before_word):
            continue  # "the pool was closed": a place's hours or repairs
        negated = _NEGATED_STATE.search(norm[: match.start()]) or _NEGATED_STATE.search(before_word)
        said.append((match.start(), "open" if negated else "resolved"))
    for match in OPEN_WORDS.finditer(norm):
        before = norm[: match.start()]
        # Within the clause's own words: "not FCR, awaiting the team" still awaits.
        negated = _OPEN_DENIED.search(before)
        said.append((match.start(), "resolved" if negated else "open"))
    if not said:
        return None
    # "resolved ... but it is still dropping": the later statement is the newer state.
    return max(said)[1]
