"""A promise told as kept, or a remedy told as given, while the matter is still open:
"Promised: a callback by Apr 8. The callback is now made.", "The charge was reversed."

The latest record still has the matter open. A summary that says the promised thing is
done, or that the remedy which would end the matter (money back, the fault repaired, the
service restored) was given, when no record reports it, tells the next agent the matter
is settled: a status contradiction, whatever else the summary says is still open (an
escalation is not the promised callback).
"""

from __future__ import annotations

from collections.abc import Sequence

from service.claims.act_vocabulary import COMPLETION
from service.claims.clause import Clause, canonical, read_clause
from service.claims.commitments import commits
from service.claims.evidence import Evidence
from service.claims.lexicon import MONEY_KINDS
from service.claims.mentions import AMOUNT, mentioned_dates
from service.claims.record_promises import REMEDIES
from service.claims.records import RecordFacts
from service.claims.status import REPORTED_IN_ERROR
from service.claims.tables import pattern, word_list
from service.claims.text import normalize
from service.claims.types import Finding

_AUXILIARIES = frozenset(word_list("promised_done_auxiliaries"))
_NEAR = 4


def _told_done(clause: Clause, promised: frozenset[str]) -> set[str]:
    """Promised things the clause says were carried out: the thing, then (a few auxiliaries
    on) a completion word, as in "The callback is now made" or "fix applied". A completion
    word before or away from the thing ("a fee for returned equipment") says nothing of it."""
    tokens = clause.tokens
    found = set()
    for index, token in enumerate(tokens):
        stem = canonical(token)
        if stem not in promised:
            continue
        after = index + 1
        while after < len(tokens) and after - index <= _NEAR and tokens[after] in _AUXILIARIES:
            after += 1
        if after < len(tokens) and tokens[after] in COMPLETION:
            found.add(stem)
    return found


_PROMISE_AS_ADJECTIVE = pattern("promise_as_adjective")


def _as_report(clause: Clause) -> Clause:
    """The clause read without the words that only recall its promise."""
    plain = _PROMISE_AS_ADJECTIVE.sub(" ", clause.text)
    return clause if plain == clause.text else read_clause(plain)


def promised_as_done(
    read: Sequence[tuple[Clause, bool]], evidence: Evidence, latest: RecordFacts
) -> list[Finding]:
    """Findings for clauses that call a pending promise kept (see the module docstring)."""
    # Read once per history (`Evidence` remembers them): the service reads them while the
    # model writes.
    promised = evidence.promised_stems
    if not promised:
        return []
    reported = evidence.reported_done_stems
    for said, _ in read:
        clause = _as_report(said)
        if clause.mode != "done" or clause.conditional or clause.negated or commits(clause):
            continue
        named = _told_done(clause, promised) - reported
        if named and _messages_sent(clause, evidence):
            continue  # "SMS case updates were sent on 8 March": the texts are in the records
        if named:
            what = ", ".join(sorted(named))
            reason = (
                f"says the promised {what} is done; no record reports it and record "
                f"{latest.position} still has the matter open"
            )
            return [Finding("status", "contradicted", clause.text, reason, (latest.position,))]
    return []


_MESSAGE_WORDS = pattern("message_words")
_OUTBOUND = pattern("promised_done_outbound")


def _messages_sent(clause: Clause, evidence: Evidence) -> bool:
    """Whether the clause tells of messages the records show the company sent: it names
    their channel, and a record on that day (any day, when it names none) is one."""
    if not _MESSAGE_WORDS.search(clause.text):
        return False
    sent = [r for r in evidence.records if _OUTBOUND.search(r.interaction.notes)]
    days = {reading for _, found in mentioned_dates(clause.text) for reading in found}
    if not days:
        return bool(sent)
    return any((r.day.month, r.day.day) in days for r in sent)


_APPLIED = frozenset({canonical("applied")})
_HEARSAY = pattern("hearsay")


def remedy_told_given(
    read: Sequence[tuple[Clause, bool]], evidence: Evidence, latest: RecordFacts
) -> list[Finding]:
    """A remedy stated as given that no record reports, while the matter is open."""
    known = evidence.reported_done_stems | evidence.mentioned_remedies
    settled = [c.key for r in evidence.records if r.status == "resolved" for c in r.clauses]
    for clause, _ in read:
        if clause.mode != "done" or clause.conditional or commits(clause):
            continue
        if clause.status == "open":
            continue  # "still waiting for the credit" says it was not given
        if any(len(clause.key & other) >= 2 for other in settled):
            continue  # about a matter a record shows settled ("app lockout fixed")
        given = (clause.completes & REMEDIES) | (clause.stems & REMEDIES & clause.acts)
        if clause.completes & _APPLIED and AMOUNT.search(clause.text):
            # "the $254.10 has since been applied": money given ("a fee applied" is not)
            given |= set() if MONEY_KINDS["charge"].search(normalize(clause.text)) else _APPLIED
        given -= clause.negated | known
        if not given or not clause.completes:
            continue
        norm = normalize(clause.text)
        if REPORTED_IN_ERROR.search(norm) or _HEARSAY.search(norm):
            continue
        words = sorted({t for t in clause.tokens if canonical(t) in given}) or sorted(given)
        reason = (
            f"says it was {' and '.join(words)}; no record reports that and record "
            f"{latest.position} still has the matter open"
        )
        return [Finding("status", "contradicted", clause.text, reason, (latest.position,))]
    return []
