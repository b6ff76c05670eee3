"""Place codes a summary writes that no record does: "DUB→ORY" where the records say
"Dublin to Paris CDG".

Records write airports and stations by their codes ("SFO-SEA", "Paris CDG"), and so may a
summary. A code no record writes, where the records write other place codes, is a swap:

- when a record writes another code of the same town ("ORY" where a record says "Paris
  CDG"), unless a record names the place the summary's code stands for alone ("Orly");
- when the summary writes it in a route or after a word of travel ("DUB→LHR", "landed at
  LHR") and no record names a place it stands for ("Heathrow", "London").

Three capitals elsewhere may be a short form that is also a code ("ETA", "ATM", "PIN"):
only the same town's other code, or a place in a route, is read as a place.
"""

from __future__ import annotations

from service.claims.evidence import Evidence
from service.claims.proper_names import record_codes
from service.claims.tables import mapping, pattern
from service.claims.text import sentences
from service.claims.types import Finding

_PLACE_CODES: dict[str, tuple[str, ...]] = mapping("place_codes")
_CODE = pattern("summary_place_code")
_ROUTE_BEFORE = pattern("place_code_route_before")
_ROUTE_AFTER = pattern("place_code_route_after")
# Airports' and stations' codes: a country's or a region's is shorter.
_CODE_LENGTH = 3


def swapped_place_codes(summary: str, evidence: Evidence) -> list[Finding]:
    """A finding for each place code of the summary that no record writes where the
    records write another in its place (a route is read whole, across its arrows)."""
    if _CODE.search(summary) is None:
        return []
    written = record_codes(evidence)
    places = sorted(code for code in written if len(code) == _CODE_LENGTH and code in _PLACE_CODES)
    if not places:
        return []
    findings = []
    for sentence in sentences(summary):
        found = [m for m in _CODE.finditer(sentence) if m.group(0).lower() in _PLACE_CODES]
        said = {m.group(0).lower() for m in found}
        for match in found:
            code = match.group(0).lower()
            if code in written:
                continue
            in_route = (
                _ROUTE_BEFORE.search(sentence[: match.start()]) is not None
                or _ROUTE_AFTER.match(sentence, match.end()) is not None
            )
            rival = _rival(code, places, said, evidence.known_words, in_route=in_route)
            if rival is not None:
                reason = f"'{match.group(0)}' is in no record, which name {rival.upper()}"
                findings.append(Finding("entity", "unsupported", sentence, reason))
    return findings


def _named(place: str, known: frozenset[str]) -> bool:
    return all(part in known for part in place.split())


def _rival(
    code: str, places: list[str], said: set[str], known: frozenset[str], *, in_route: bool
) -> str | None:
    """The records' code the summary's `code` stands in place of, or None."""
    own = set(_PLACE_CODES[code])
    for other in places:
        shared = own & set(_PLACE_CODES[other])
        alone = own - shared
        # The same town's other airport: unless a record names this one's own place.
        if shared and alone and not any(_named(place, known) for place in alone):
            return other
    if not in_route or any(_named(place, known) for place in own):
        return None
    return next((other for other in places if other not in said), None)
