"""A summary that denies a promise a record made: "never promised a callback by Jun 30"
against a record that promises it (`acts.check_acts` asks this first)."""

from __future__ import annotations

from service.claims.act_vocabulary import MODE_STEMS
from service.claims.clause import Clause, canonical
from service.claims.course import TURNS, hedged
from service.claims.evidence import Evidence
from service.claims.mentions import mentioned_dates
from service.claims.promises import PROMISE_OBJECTS
from service.claims.tables import pattern, word_list
from service.claims.text import NEGATING_VERBS, NEGATORS, normalize
from service.claims.types import Finding

_PROMISE_GAP = frozenset(word_list("promise_gap"))
PROMISING = frozenset(word_list("promising"))


def _promise_denied_directly(clause: Clause) -> bool:
    """Whether a negation governs the promise word itself ("never promised", "declined to
    promise", "no callback was ever promised"), not only what was promised ("a promised
    update was missed")."""
    for index, token in enumerate(clause.tokens):
        if canonical(token) not in PROMISING:
            continue
        before = index - 1
        while before >= 0 and clause.tokens[before] in _PROMISE_GAP:
            before -= 1
        if before >= 0 and clause.tokens[before] in NEGATORS | NEGATING_VERBS:
            return True
        if _promised_nothing(clause.tokens, index):
            return True
    # "No callback was ever promised": the verb, after its auxiliary, denied by the "no"
    # that opens its subject (not "did not receive the update they were promised").
    return _NO_SUBJECT_PROMISED.search(normalize(clause.text)) is not None


def _promised_nothing(tokens: tuple[str, ...], index: int) -> bool:
    """Whether the promise word at `index` is followed by its object denied: "promised no
    callback", "offered no date", "committed to nothing"."""
    after = tokens[index + 1 : index + 3]
    if after[:1] == ("to",):
        after = tokens[index + 2 : index + 4]
    return after[:1] in (("no",), ("nothing",)) or after == ("not", "any")


_NO_SUBJECT_PROMISED = pattern("no_subject_promised")


def _days(text: str) -> set[tuple[int, int]]:
    return {reading for _, found in mentioned_dates(text) for reading in found}


def denied_promise(clause: Clause, evidence: Evidence) -> Finding | None:
    """ "Never promised: a callback by Jun 30" against a record that promises it.

    When the negation governs the promise word itself, what was promised is matched by an
    object ("callback"), by two shared words ("fraud team decision") or by its deadline
    ("by Jun 3" against "next update by 06/03"); otherwise only the promise is denied, not
    what was promised ("a promised update was missed"), and the object must be stated.
    """
    promised_nothing = any(
        canonical(token) in PROMISING and _promised_nothing(clause.tokens, index)
        for index, token in enumerate(clause.tokens)
    )
    if not clause.negated & PROMISING and not promised_nothing:
        return None
    direct = _promise_denied_directly(clause)
    if not direct:
        return None
    key = clause.key
    objects = key & PROMISE_OBJECTS if direct else (key & PROMISE_OBJECTS) - clause.negated
    days = _days(clause.text) if direct else set()
    # "refused to promise a fix": all the clause names is a state word ("fix"), which the
    # key leaves out; then that word is what was promised.
    bare = clause.stems - MODE_STEMS if direct and not key else frozenset()

    def promises_it(other: Clause) -> bool:
        # A promise reported ("customer says the agent promised a fix") is one too.
        if other.mode not in ("promise", "offer") and "promis" not in other.stems - other.negated:
            return False
        kept = other.stems - other.negated
        if objects & kept or (bare and bare <= kept):
            return True
        return direct and (len(key & kept) >= 2 or bool(days and days & _days(other.text)))

    promised = sorted(
        {
            record.position
            for record in evidence.records
            for other in record.clauses
            if promises_it(other)
        }
    )
    if not (objects or days or direct) or not promised:
        return None
    what = ", ".join(sorted(objects)) or "what it names"
    reason = f"says {what} was not promised; record {promised[-1]} promises it"
    found = Finding("negated_action", "contradicted", clause.text, reason, tuple(promised))
    return hedged([found], evidence.records, TURNS, unlabelled_only=True)[0]
