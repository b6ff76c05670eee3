"""Status: where the matter stands, read against what the records say now.

A claim about the present ("still open") is held to the newest record on the matter; a
claim dated to a contact ("on Nov 6 the dispute was still open") to that contact. Only a
clear opposite is a contradiction: a claim the records neither confirm nor deny is left to
the other checks. The customer's mood is `mood_claims`'.
"""

from __future__ import annotations

from functools import lru_cache

from service.claims.act_vocabulary import MODE_STEMS, STATUS_STEMS
from service.claims.awaiting import awaited_stems
from service.claims.clause import ACT_NOUNS, Clause, canonical
from service.claims.course import hedged
from service.claims.days import Days, dated_records, told_day_agrees
from service.claims.evidence import Evidence
from service.claims.records import RecordFacts
from service.claims.status import read_status
from service.claims.status_evidence import RUN_OUT, step_run_out, told_settled_later
from service.claims.tables import pattern, word_list
from service.claims.text import normalize
from service.claims.types import Finding


def _about(clause: Clause, evidence: Evidence) -> list[RecordFacts]:
    """Records that share an id, an act or two content words with the clause."""
    key = clause.stems - STATUS_STEMS - MODE_STEMS
    found = []
    for record in evidence.records:
        stems = frozenset().union(*(c.stems for c in record.clauses)) if record.clauses else set()
        shared = key & stems
        if (
            shared & ACT_NOUNS
            or len(shared) >= 2
            or any("-" in s and s[-1].isdigit() for s in shared)
        ):
            found.append(record)
    return found


_GENERIC_INTENT_WORDS = frozenset(word_list("generic_intent_words"))


# A word of a code in any casing: "Service" and "Outage" of "ServiceOutage", "SERVICE".
_CODE_WORD = pattern("code_word")


@lru_cache(maxsize=1024)
def intent_stems(intent: str) -> frozenset[str]:
    """The comparison stems of an intent code's words: "ServiceOutage", "SERVICE_OUTAGE"
    and "service-outage" all give {"servic", "outag"}."""
    words = _CODE_WORD.findall(intent)
    return frozenset(
        canonical(word.lower())
        for word in words
        if len(word) > 2 and word.lower() not in _GENERIC_INTENT_WORDS
    )


def _thread(key: frozenset[str], evidence: Evidence) -> list[RecordFacts]:
    """The records of the one matter whose intent code names the clause's thing ("the
    outage" -> the ServiceOutage records); none when no intent or several do."""
    named = {
        r.interaction.intent for r in evidence.records if key & intent_stems(r.interaction.intent)
    }
    if len(named) != 1:
        return []
    return [r for r in evidence.records if r.interaction.intent in named]


def _names_the_thing(clause: Clause, record: RecordFacts) -> bool:
    """Whether the record shares an act (refund, callback...) or an id with the clause."""
    stems = frozenset().union(*(c.stems for c in record.clauses)) if record.clauses else set()
    shared = clause.stems & stems
    return bool(shared & ACT_NOUNS) or any("-" in s and s[-1].isdigit() for s in shared)


_STATE_REACHED = pattern("state_reached")


def _other_step(key: frozenset[str], record: RecordFacts) -> bool:
    """Whether a record open only for a step to come reports the clause's matter done and
    sets something else to come ("Refund issued. Technician visit scheduled.", "loan
    closed, $0 bal. Closure letter to be emailed")."""
    if not record.awaits or key & record.awaited:
        return False
    return any(
        key & c.stems
        and (c.completes or (c.mode == "done" and not c.negated and _STATE_REACHED.search(c.text)))
        for c in record.clauses
    )


NOTHING_TO_DO = pattern("nothing_to_do")


_HISTORY_OPEN = pattern("history_open")
_STANDS_NOW = pattern("stands_now")
_STEP_EXCEPTED = pattern("step_excepted")


def _history_only(clause: Clause) -> bool:
    if clause.status != "open":
        return False
    norm = normalize(clause.text)
    if not _HISTORY_OPEN.search(norm) or _STANDS_NOW.search(norm):
        return False
    return read_status(_HISTORY_OPEN.sub(" ", norm)) is None


def check_status(
    clause: Clause,
    evidence: Evidence,
    *,
    step_told_beside: bool = False,
    running_told_beside: bool = False,
    summary_tells_step: bool = False,
    told: Days = frozenset(),
) -> list[Finding]:
    """An open / resolved claim against the records it is about.

    `step_told_beside`: the clause's sentence says what is still to come ("Nothing
    outstanding; install still upcoming."); then "nothing to do" is no claim that a matter
    open only for that step is over. `running_told_beside`: the sentence tells a step still
    running ("settled; it should show in 3-5 banking days"), which is all a record that
    only awaits its step leaves open.
    """
    if clause.status is None:
        return []
    dated = dated_records(clause, evidence)
    if not dated and told_day_agrees(clause.status, dated_records(clause, evidence, told)):
        return []  # where the matter stood on the day its sentence is about
    pool = dated or _about(clause, evidence)
    key = clause.stems - STATUS_STEMS - MODE_STEMS
    if not dated and not any(r.status is not None for r in pool):
        # Records that only name the matter (an IVR menu's "Dispute a charge") say nothing
        # about where it stands: the matter's own records do ("the outage" -> the outage
        # records, not a later billing thread), else the whole history.
        thread = _thread(key, evidence)
        pool = thread if any(r.status for r in thread) else list(evidence.records)
    statused = [r for r in pool if r.status is not None and not _other_step(key, r)]
    if not statused:
        return []
    if dated and all(r.awaits for r in statused):
        # "The Sep 19 outage, resolved": a day whose record only set a step to come is
        # answered by a later record on the same matter, when one says where it ended.
        first = min(r.position for r in statused)
        statused += [r for r in _about(clause, evidence) if r.position > first and r.status]
    if running_told_beside and all(r.awaits for r in statused):
        # "The dispute is settled; the money should show in 3-5 banking days": the matter
        # told over, and in the same sentence the one step the records still await.
        return []
    if dated or _history_only(clause) or (clause.past and not clause.now):
        if any(r.status == clause.status for r in statused):
            return []
        where = tuple(r.position for r in statused)
    else:
        latest = evidence.latest_status(statused)
        newest = evidence.latest_status([r for r in evidence.records if not _other_step(key, r)])
        # A record found only by common words ("good news" in an SMS) does not name the
        # thing the clause is about: a later record on the same matter (same intent) is the
        # newer word on it.
        if (
            latest is not None
            and newest is not None
            and newest.position > latest.position
            and newest.interaction.intent == latest.interaction.intent
            and not _names_the_thing(clause, latest)
        ):
            latest = newest
        if latest is None or latest.status == clause.status:
            return []
        step_told = (
            step_told_beside
            or summary_tells_step
            or _STEP_EXCEPTED.search(normalize(clause.text)) is not None
        )
        if latest.awaits and step_told and NOTHING_TO_DO.search(normalize(clause.text)):
            return []
        if clause.status == "open" and key & (
            latest.awaited or awaited_stems(latest.interaction, latest.clauses)
        ):
            # "Outstanding: the delivery" of a record that settles all but it ("cleared by
            # HMRC ... Delivery booked Tue 19/05").
            return []
        where = (latest.position,)
    if clause.status == "resolved" and told_settled_later(clause, evidence, where[-1]):
        return []
    said = "resolved" if clause.status == "resolved" else "still open"
    actual = "open" if clause.status == "resolved" else "resolved"
    reason = f"says the matter is {said}; record {where[-1]} shows it {actual}"
    finding = Finding("status", "contradicted", clause.text, reason, where)
    # "has since been repaired" against the newest record, which leaves it open: no record
    # can tell of what came after it, labelled or not.
    if (
        _DONE_SINCE.search(normalize(clause.text))
        and clause.status == "resolved"
        and where[-1] == len(evidence.records)
        and not any(step_run_out(r, evidence) for r in evidence.records if r.position in where)
    ):
        return [finding]
    if (
        evidence.unlabelled
        and clause.status == "resolved"
        and not _MATTER_STATUS.search(normalize(clause.text))
    ):
        # "the manager approved a refund": one act done, not the matter settled.
        finding = finding.unsure(_ONE_ACT)
    elif evidence.unlabelled and _TOLD_BY_SOMEONE.search(clause.text):
        finding = finding.unsure(_TOLD)
    elif clause.status == "resolved" and any(
        step_run_out(r, evidence) for r in evidence.records if r.position in where
    ):
        finding = finding.unsure(RUN_OUT)
    elif evidence.unlabelled and where[-1] < len(evidence.records):
        # A call-back after the record that left it open, in words no status reading
        # settles ("we've added the credit ... it will come off the April bill").
        finding = finding.unsure(_LATER_CONTACT)
    return hedged([finding], evidence.records)


_MATTER_STATUS = pattern("matter_status")
_DONE_SINCE = pattern("done_since")
_TOLD_BY_SOMEONE = pattern("status_told_by_someone")
_TOLD = "a status told as someone's words, in records no label sums up"
_ONE_ACT = "tells one act, not where the matter stands, in records no label sums up"
_LATER_CONTACT = "a later contact, in records no label sums up, may have moved it on"
