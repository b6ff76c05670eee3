"""Acts and promises: is what the summary says was done (or not, or promised) what the records say?

A summary clause is compared with every record clause that talks about the same act: they
share two content words, or one word that names an act on its own ("credit", "callback").
Among the closest such record clauses:

- all of them state the act with the opposite polarity ("credit applied" against "credit
  never applied") -> contradicted (action_polarity);
- the summary states it as carried out ("the credit was applied") while the records only
  promise or request it and never state it done -> contradicted (status: done vs pending);
- the summary promises an act no record mentions -> unsupported (promise).
"""

from __future__ import annotations

import re

from service.claims.act_vocabulary import MODE_STEMS, STATUS_STEMS, SYNONYMS
from service.claims.clause import ACT_NOUNS, Clause, canonical, topic_starts
from service.claims.evidence import Evidence, RecordFacts
from service.claims.mentions import mentioned_dates
from service.claims.text import NEGATING_VERBS, NEGATORS, normalize
from service.claims.types import Finding

# Things a promise is about; a promise naming none of them is not checked here.
PROMISE_OBJECTS = ACT_NOUNS | frozenset(
    canonical(word)
    for word in (
        "review investigation update confirmation letter statement replacement device modem "
        "router sim card appointment delivery shipment order extension discount offer "
        "bundle upgrade installation install repair escalation tier2 supervisor manager "
        "portout applied credit restored arrangement free complimentary compensation"
    ).split()
)


def _key(clause: Clause) -> frozenset[str]:
    return clause.key


Match = tuple[RecordFacts, Clause, frozenset[str]]
FOLDED_ACTS = frozenset(SYNONYMS.values())
# Verbs too general to name an act on their own: "never came" (the update) is not compared
# with "the late fee came back".
GENERIC_ACTS = frozenset(
    canonical(word) for word in "came went got made took had gave put kept happened".split()
)
# Verbs of finishing: "has not finished reviewing the dispute" says the review is still
# going, not that no dispute was raised; under such a negated verb the clause's other acts
# are pending, and only the finishing itself has a polarity.
FINISHING = frozenset(
    canonical(word) for word in "finished completed concluded resolved settled".split()
)


def _matches(clause: Clause, evidence: Evidence) -> list[Match]:
    """(record, record clause, shared stems) for record clauses about the same things."""
    key = _key(clause)
    found = []
    # Every kind of match below shares a stem: only those record clauses, in record order.
    near = sorted({n for stem in key for n in evidence.clause_index.get(stem, ())})
    for record, other in (evidence.record_clauses[n] for n in near):
        other_key = _key(other)
        shared = key & other_key
        # "Customer accepted.": a bare act, its object in the sentence before.
        bare = bool(shared) and shared == other_key and shared <= other.acts
        # "The agent did not lock the account" ("account" is no content word): the
        # clause is its act alone, met by a record clause doing that act.
        # A folded act ("raised" as "filed") is too broad to stand alone.
        only_act = (
            bool(shared)
            and shared == key
            and shared <= clause.acts & other.acts
            and not shared & FOLDED_ACTS
            and not shared <= GENERIC_ACTS
        )
        if len(shared) >= 2 or shared & ACT_NOUNS or bare or only_act:
            found.append((record, other, shared))
    return found


def _same_mode(
    act: str, mode: str, matches: list[Match], key: frozenset[str] = frozenset()
) -> list[Match]:
    """Record clauses that state `act` in `mode` (a report, a promise, a request); `key`:
    the summary clause's own words, which the act may be all of."""
    return [
        m
        for m in matches
        if act in m[2]
        # "Executive relations acknowledged, reply promised": the act itself is reported
        # done whatever else the record clause promises.
        and (m[1].mode == mode or (mode == "done" and act in m[1].past_acts))
        and m[1].asserts
        and not m[1].conditional
        and act in m[1].acts
        and (act in ACT_NOUNS or len(m[2]) >= 2 or m[2] == _key(m[1]) or m[2] == key)
    ]


def _opposite_act(clause: Clause, matches: list[Match]) -> tuple[str, list[Match]] | None:
    """An act the clause states with one polarity and the closest records only with the
    other ("did not apply the credit" against "applied the credit").

    Only clauses of the same mode are compared: a report of what happened is not denied by
    a promise ("no callback came" against "a callback was promised").
    """
    if not clause.asserts or clause.conditional:
        return None
    halted = clause.negated & FINISHING
    acts = clause.acts & halted if halted else clause.acts
    for act in sorted(acts - STATUS_STEMS - MODE_STEMS):
        about = _same_mode(act, clause.mode, matches, _key(clause))
        past_denial = bool(clause.past_acts & clause.negated)
        if (
            not about
            and clause.mode != "done"
            and (act in clause.past_acts or (past_denial and act in ACT_NOUNS))
        ):
            # "never escalated ..., with a callback promised", "suggested a reboot and didn't
            # switch the devices": the act itself is a report of the past, compared with
            # reports whatever else the clause promises or suggests. So is the thing a past
            # refusal names: "declined to offer any discount" against "discount applied".
            about = _same_mode(act, "done", matches, _key(clause))
        if not about and clause.mode == "done" and act not in clause.negated:
            # "tried to pay by card, payment declined twice": an attempt that failed reports
            # the act not done.
            tried = _same_mode(act, "request", matches, _key(clause))
            about = [m for m in tried if act in m[1].negated]
        if not about:
            continue
        best = max(len(m[2]) for m in about)
        closest = [m for m in about if len(m[2]) == best]
        said = act in clause.negated
        if all((act in m[1].negated) != said for m in closest):
            return act, closest
    return _opposite_finding(clause, matches)


# Words that may stand between a negation and the promise it denies ("could not be promised",
# "declined to promise", "was never promised").
_PROMISE_GAP = frozenset(
    "to be been was were is are could would can did do does has have had ever actually".split()
)
# Verbs that promise or book something ("arranged" folds to "schedul", as "booked" does).
_PROMISING = frozenset({"promis", "schedul", "offer"})


def _promise_denied_directly(clause: Clause) -> bool:
    """Whether a negation governs the promise word itself ("never promised", "declined to
    promise", "no callback was ever promised"), not only what was promised ("a promised
    update was missed")."""
    for index, token in enumerate(clause.tokens):
        if canonical(token) not in _PROMISING:
            continue
        before = index - 1
        while before >= 0 and clause.tokens[before] in _PROMISE_GAP:
            before -= 1
        if before >= 0 and clause.tokens[before] in NEGATORS | NEGATING_VERBS:
            return True
    # "No callback was ever promised": the verb, after its auxiliary, denied by the "no"
    # that opens its subject (not "did not receive the update they were promised").
    return _NO_SUBJECT_PROMISED.search(normalize(clause.text)) is not None


_NO_SUBJECT_PROMISED = re.compile(
    r"^\W*(?:no|none of the|not a single|not one)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:was|were|has been|have been|had been|is|are)\s+(?:ever\s+|actually\s+)?"
    r"(?:promised|arranged|booked|scheduled|offered)\b"
)


def _days(text: str) -> set[tuple[int, int]]:
    return {reading for _, found in mentioned_dates(text) for reading in found}


def _denied_promise(clause: Clause, evidence: Evidence) -> Finding | None:
    """ "Never promised: a callback by Jun 30" against a record that promises it.

    When the negation governs the promise word itself, what was promised is matched by an
    object ("callback"), by two shared words ("fraud team decision") or by its deadline
    ("by Jun 3" against "next update by 06/03"); otherwise only the promise is denied, not
    what was promised ("a promised update was missed"), and the object must be stated.
    """
    if not clause.negated & _PROMISING:
        return None
    direct = _promise_denied_directly(clause)
    if not direct:
        return None
    key = _key(clause)
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
    return Finding("action_polarity", "contradicted", clause.text, reason, tuple(promised))


def _opposite_finding(clause: Clause, matches: list[Match]) -> tuple[str, list[Match]] | None:
    """A finding reported the other way round: "no fault was found" against "fault found".

    Verbs of finding or noting carry no polarity themselves; what they report does. Only
    record clauses that report with such a verb too, and share two words, are compared.
    """
    if not clause.reports:
        return None
    for thing in sorted(clause.negated - STATUS_STEMS - MODE_STEMS - clause.reports):
        about = [
            m
            for m in matches
            if thing in m[2] and len(m[2]) >= 2 and m[1].reports and m[1].mode == clause.mode
        ]
        if about and all(thing not in m[1].negated for m in about):
            return thing, about
    return None


def check_acts(clause: Clause, evidence: Evidence) -> list[Finding]:
    """Findings about the acts and promises one summary clause states."""
    denied = _denied_promise(clause, evidence)
    if denied is not None:
        return [denied]  # "never promised: a refund once traced" denies even a conditional
    if clause.conditional:
        return []  # "cancelled if a payment is missed" states a rule, not an event
    matches = _matches(clause, evidence)
    findings: list[Finding] = []
    opposite = _opposite_act(clause, matches)
    if opposite is not None:
        act, closest = opposite
        where = tuple(sorted({record.position for record, _, _ in closest}))
        said = "not " if act in clause.negated else ""
        reason = f"says '{act}' was {said}done; record {where[-1]} says the opposite"
        return [Finding("action_polarity", "contradicted", clause.text, reason, where)]
    # Status words ("resolved", "closed") are the status reader's, not acts done.
    done_claim = clause.mode == "done" and clause.completes - clause.negated - STATUS_STEMS
    if done_claim and matches:
        about = [m for m in matches if m[2] & (clause.completes | clause.acts & ACT_NOUNS)]
        done = [m for m in about if m[1].mode == "done" and not (m[2] & m[1].negated)]
        pending = [m for m in about if m[1].mode in ("promise", "request")]
        if pending and not done:
            where = tuple(sorted({record.position for record, _, _ in pending}))
            findings.append(
                Finding(
                    "status",
                    "contradicted",
                    clause.text,
                    "stated as done; the records only promise or request it",
                    where,
                )
            )
    if clause.mode in ("promise", "offer") and not clause.negated:
        # An offer no record made is a promise the next agent would be asked to honour.
        findings.extend(_check_promise(clause, evidence))
    elif done_claim:
        findings.extend(_check_invented_act(clause, evidence))
    return findings


def _check_invented_act(clause: Clause, evidence: Evidence) -> list[Finding]:
    """A credit, refund, callback or visit stated as carried out that no record mentions."""
    nouns = clause.acts & ACT_NOUNS - clause.negated
    if not nouns:
        return []
    mentioned = evidence.record_stems
    # "credited" against a transcript's "creditsed": the word as a record may have spelt it.
    heard = {
        canonical(t) for t in clause.tokens if canonical(t) in nouns and evidence.heard_like(t)
    }
    invented = sorted(nouns - mentioned - heard)
    if not invented:
        return []
    reason = f"states that a {', '.join(invented)} happened; no record mentions one"
    return [Finding("promise", "unsupported", clause.text, reason)]


# Nouns that name one act between them: a technician booked is a visit promised.
_ONE_ACT = {"technician": "visit", "visit": "technician"}
_PENDING = re.compile(r"\b(?:pending|awaiting|under review|requested|asked for|waiting)\b")


# A clause telling what the customer said or is waiting for.
_REPORTED = re.compile(
    r"\b(?:says?|said|wrote|writes|text|message|waiting|asked|asks|claims?|according to"
    r"|in (?:polish|french|spanish|german|vietnamese|portuguese|chinese|japanese|korean"
    r"|arabic|greek|italian|russian))\b"
)
_PHRASE_ENDS = frozenset("a an the their his her its to on for by of with and or".split())
# Words that put a promised thing on top of the ones the records give.
_MORE = frozenset("extra additional further another second more bonus".split())


def _added(clause: Clause, objects: frozenset[str]) -> frozenset[str]:
    """The promised things the clause says come on top of others ("an extra $25 goodwill
    credit", "a further credit", "another callback")."""
    found: set[str] = set()
    tokens = clause.tokens
    for index, token in enumerate(tokens):
        if token not in _MORE:
            continue
        for later in tokens[index + 1 : index + 4]:
            if later in _PHRASE_ENDS:
                break  # "after another chase a supervisor ...": "another" was the chase's
            if canonical(later) in objects:
                found.add(canonical(later))
                break
    return frozenset(found)


# Words that make a clause commit to something, as tokens.
_COMMITTING = frozenset(
    "promised promise promises will due expect expected expecting scheduled booked arranged "
    "guaranteed committed offered owed".split()
)


def _promised_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """The words of what a clause commits to: the few before its first word of promising
    ("a billing review callback promised by May 19") and all after it ("promised a credit");
    a thing reported earlier in the clause ("arrangement PA-6 was logged ... with a
    confirmation due Mar 10") is not promised."""
    cue = next((i for i, token in enumerate(tokens) if token in _COMMITTING), None)
    if cue is None:
        return tokens
    return tokens[max(0, cue - 3) :]


def _check_promise(clause: Clause, evidence: Evidence) -> list[Finding]:
    # What is promised, not what it is about: "will phone about the refund" promises a call.
    words = _promised_words(clause.tokens)
    named = {canonical(token) for token in words[: topic_starts(words)]}
    objects = _key(clause) & PROMISE_OBJECTS & named
    if not objects:
        return []
    positive: set[int] = set()
    negative: set[int] = set()
    supported: set[str] = set()
    pending = _PENDING.search(normalize(clause.text)) is not None
    added = _added(clause, objects)
    for record in evidence.records:
        for other in record.clauses:
            hit = objects & other.stems
            if hit & added and not _MORE & set(other.tokens):
                hit -= added  # "an extra $25 credit": the records' one credit is not it
            if not hit:
                continue  # a conditional promise ("once approved") is still a promise
            # Only a promise or an offer that is withdrawn denies a promise; "a missed
            # payment" elsewhere says nothing about a payment plan that was agreed.
            if hit & other.negated and other.mode in ("promise", "offer"):
                negative.add(record.position)
            elif not hit & other.negated and (other.mode != "request" or pending):
                # The customer asking for a credit is not anyone promising one; it does
                # support "a credit is pending approval".
                positive.add(record.position)
                supported |= hit
    # A promise the records may hold in a language the checker cannot read: the company's
    # words, or the customer's for a promise the summary reports they spoke of.
    reported = _REPORTED.search(normalize(clause.text)) is not None
    if (evidence.unreadable_promiser or (evidence.unreadable and reported)) and not negative:
        return []
    # Each thing promised must be one the records speak of: "a callback by Apr 8 and a
    # provisional credit within 24 hours" invents the credit even though the callback is real.
    if positive:
        # Only a thing that is an act of its own (a credit, a callback, a visit); "an
        # appointment" or "a review" may name the supported one in other words, as "a visit"
        # names a technician's.
        supported |= {_ONE_ACT[s] for s in supported if s in _ONE_ACT}
        objects = (objects - supported) & ACT_NOUNS
        if not objects or negative:
            return []
    if negative:
        return [
            Finding(
                "action_polarity",
                "contradicted",
                clause.text,
                f"promises {', '.join(sorted(objects))}; the records say it will not happen",
                tuple(sorted(negative)),
            )
        ]
    return [
        Finding(
            "promise",
            "unsupported",
            clause.text,
            f"no record promises or mentions {', '.join(sorted(objects))}",
        )
    ]
