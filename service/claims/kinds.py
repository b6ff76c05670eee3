"""Acts told in other words than the records': the opposite act ("the fee was charged"
against "fee waived") and the kind of act ("no troubleshooting was tried" against "reboot
and line test done", "no equipment was changed" against "technician replaced the modem").

The act reader compares one act with itself, negated or not; these are the acts it cannot
see as one because they are different words.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from decimal import Decimal

from service.claims.clause import Clause, canonical
from service.claims.evidence import Evidence
from service.claims.mentions import money_amounts
from service.claims.records import RecordFacts
from service.claims.tables import mapping, pattern, word_list
from service.claims.text import NEGATING_VERBS, NEGATORS, normalize
from service.claims.types import Finding


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(canonical(word) for word in words)


# An act and the act that undoes it, said of the same thing: a fee charged is a fee not
# waived.
_OPPOSITE = {canonical(act): canonical(undoing) for act, undoing in mapping("undoing_acts").items()}
_TOLD_OTHERWISE = {
    canonical(act): _stems(words) for act, words in mapping("acts_told_otherwise").items()
}
_NOT_THE_THING = _stems(word_list("not_the_thing"))
# Kinds of act, and the words of the records that name an act of that kind.
_KINDS = {
    canonical(kind): frozenset(canonical(word) for word in members)
    for kind, members in mapping("act_kinds").items()
}
# Checks and tests an agent or a bot runs, each an act of its own when denied ("the bot
# skipped the line check") though too common to be compared as act nouns everywhere.
_TESTS = _stems(word_list("tests_run"))
_MODES = frozenset(word_list("modes"))


def _reports(record: RecordFacts, stems: frozenset[str]) -> bool:
    """Whether a clause of the record reports (or offers) one of `stems`, not denied."""
    return any(
        other.mode in _MODES and not other.conditional and stems & (other.stems - other.negated)
        for other in record.clauses
    )


def same_sum(
    said: str, other: str, read: Callable[[str], Collection[Decimal]] = money_amounts
) -> bool:
    """Whether two clauses may be about one sum: not when both give sums (as `read` reads
    them) and none is shared ("the $35 cleaning fee" is not "the S$40 late fee")."""
    ours, theirs = set(read(said)), set(read(other))
    return not (ours and theirs) or bool(ours & theirs)


def opposite_kind_findings(
    clause: Clause, evidence: Evidence, undone_later: frozenset[str] = frozenset()
) -> list[Finding]:
    """An act denied by its kind, or told as its opposite, against a record that reports
    one of that kind done. `undone_later`: the acts later clauses of the summary tell
    done ("got charged the fee ... Yuki waived the fee" tells the charge, then its undoing,
    as the records do)."""
    if clause.conditional:
        return []
    if clause.mode not in _MODES:
        # "booked a technician visit without trying any troubleshooting": a booking told as
        # done reports the past too, and what it denies beside it is denied in the past.
        told_done = clause.mode == "promise" and clause.past_acts
        if not told_done or _AHEAD.search(normalize(clause.text)):
            return []
        return _denied_kind(clause, evidence)
    for act, opposite in _OPPOSITE.items():
        things = clause.key - {act} - _NOT_THE_THING
        if act not in clause.acts - clause.negated or not things or opposite in undone_later:
            continue
        if opposite in clause.acts - clause.negated:
            # "DG handling charged, re-screening waived": the clause tells both, of two
            # things; a record telling either is not the other's opposite.
            continue
        told = {act} | _TOLD_OTHERWISE.get(act, frozenset())
        if any(
            told & (other.stems - other.negated)
            and things & other.stems
            and same_sum(clause.text, other.text)
            for record in evidence.records
            for other in record.clauses
        ):
            continue  # "charged a $39 late fee, then waived it": the records tell both
        for record in evidence.records:
            for other in record.clauses:
                if (
                    opposite in other.stems - other.negated
                    and things & other.stems
                    and same_sum(clause.text, other.text)
                ):
                    reason = f"says '{act}'; record {record.position} says '{opposite}'"
                    return [_finding(clause, reason, record)]
    found = _denied_kind(clause, evidence)
    if found:
        return found
    cannot = _CANNOT_NOW.search(normalize(clause.text)) is not None
    for test in frozenset() if cannot else _TESTS & clause.negated:
        if any(test in other.negated for _, other in evidence.record_clauses):
            continue  # "test wash done, no spin test recorded": the records deny one too
        for record in evidence.records:
            if _reports(record, frozenset({test})):
                reason = f"says the {test} was not done; record {record.position} reports it"
                return [_finding(clause, reason, record)]
    # "No discount or other offer was made" against a record that made one.
    if _NOTHING_OFFERED.search(normalize(clause.text)):
        for record in evidence.records:
            for other in record.clauses:
                if other.mode == "offer" and _OFFER not in other.negated:
                    reason = f"says nothing was offered; record {record.position} makes an offer"
                    return [_finding(clause, reason, record)]
    return []


_AHEAD = pattern("kinds_ahead")
_CANNOT_NOW = pattern("cannot_now")


def _denied_kind(clause: Clause, evidence: Evidence) -> list[Finding]:
    """An act denied by its kind ("no troubleshooting") against a record of that kind."""
    for kind, members in _KINDS.items():
        if kind not in clause.negated or not _denied_before(clause.tokens, kind):
            continue
        if kind in _CHANGE_WORDS and not _NO_CHANGE_MADE.search(" ".join(clause.tokens)):
            continue  # "nothing had changed" tells of the problem, not of an act
        for record in evidence.records:
            if _reports(record, members):
                reason = f"says no {kind}; record {record.position} reports one"
                return [_finding(clause, reason, record)]
    return []


def _denied_before(tokens: tuple[str, ...], kind: str) -> bool:
    """Whether a negation or a refusal stands before the kind's word ("no
    troubleshooting", "did not try any remote troubleshooting", "refused any testing"):
    "the delivery step had failed" tells a step went wrong, not that none was taken."""
    return any(
        canonical(token) == kind and (NEGATORS | NEGATING_VERBS) & set(tokens[:index])
        for index, token in enumerate(tokens)
    )


_OFFER = canonical("offer")
_CHANGE_WORDS = frozenset({canonical("changes"), canonical("change")})
_NO_CHANGE_MADE = pattern("no_change_made")
_NOTHING_OFFERED = pattern("nothing_offered")


def _finding(clause: Clause, reason: str, record: RecordFacts) -> Finding:
    return Finding("negated_action", "contradicted", clause.text, reason, (record.position,))
