"""Status and sentiment: claims read against what the records say now.

A claim about the present ("still open", "now satisfied") is held to the newest record on
the matter; a claim dated to a contact ("on Nov 6 the dispute was still open") to that
contact; a claim marked as past ("initially angry") to any record. Only a clear opposite
is a contradiction: a claim the records neither confirm nor deny is left to the other checks.
"""

from __future__ import annotations

from functools import lru_cache

from service.claims.act_vocabulary import MODE_STEMS, STATUS_STEMS
from service.claims.awaiting import awaited_stems
from service.claims.clause import ACT_NOUNS, Clause, canonical
from service.claims.course import hedged
from service.claims.customer_mood import customer_mood, moods_in_records_word
from service.claims.days import Days, dated_records, told_day_agrees
from service.claims.evidence import Evidence
from service.claims.lexicon import (
    NOT_ABOUT_CUSTOMER,
    NOW_CUES,
    SENTIMENT_CLASSES,
    SENTIMENT_WORDS,
)
from service.claims.records import RecordFacts
from service.claims.status import read_status
from service.claims.status_evidence import RUN_OUT, step_run_out, told_settled_later
from service.claims.tables import pattern, word_list
from service.claims.text import NEGATORS, normalize
from service.claims.types import Finding

CONFLICTING_MOODS = frozenset(
    {
        frozenset({"negative", "positive"}),
        frozenset({"negative", "neutral"}),
    }
)


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
    summary_tells_step: bool = False,
    told: Days = frozenset(),
) -> list[Finding]:
    """An open / resolved claim against the records it is about.

    `step_told_beside`: the clause's sentence says what is still to come ("Nothing
    outstanding; install still upcoming."); then "nothing to do" is no claim that a matter
    open only for that step is over.
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
    return hedged([finding], evidence.records)


_MATTER_STATUS = pattern("matter_status")
_TOLD_BY_SOMEONE = pattern("status_told_by_someone")
_TOLD = "a status told as someone's words, in records no label sums up"
_ONE_ACT = "tells one act, not where the matter stands, in records no label sums up"


_PRESENT_MOOD = pattern("present_mood")
_MOOD_LABEL = pattern("mood_label")


def _now_beyond_label(clause: Clause) -> bool:
    """Whether the clause speaks of now in its own words: a "Mood:" field is about now,
    unless its value says otherwise ("Mood: worried at first")."""
    if not clause.now:
        return False
    norm = normalize(clause.text)
    label = _MOOD_LABEL.match(norm)
    return label is None or NOW_CUES.search(norm[label.end() :]) is not None


def current_mood(clause: Clause) -> bool:
    """Whether the clause states the customer's mood as it stands now."""
    return bool(moods(clause)) and (
        clause.now or bool(_PRESENT_MOOD.search(normalize(clause.text)))
    )


def moods(clause: Clause) -> list[str]:
    """Sentiment classes the clause states about the customer (negation applied)."""
    return list(read_moods(clause.text))


@lru_cache(maxsize=65536)
def read_moods(text: str) -> tuple[str, ...]:
    """`moods` of a clause's text, remembered: several checks ask each clause for them."""
    norm = normalize(text)
    if NOT_ABOUT_CUSTOMER.search(norm):
        return ()
    tokens = norm.split()
    found = []
    for match in SENTIMENT_WORDS.finditer(norm):
        word_index = len(norm[: match.start()].split())
        before = tokens[max(0, word_index - 3) : word_index]
        # A comma or a semicolon ends the negation's reach: "never emailed, angry".
        for index in range(len(before) - 1, -1, -1):
            if before[index][-1:] in ",;:":
                before = before[index + 1 :]
                break
        negated = any(t in NEGATORS for t in before)
        if match.group("neg"):
            found.append("neutral" if negated else "negative")
        elif match.group("pos"):
            found.append("negative" if negated else "positive")
        elif not negated:
            found.append("neutral")
    return tuple(found)


_UNCHANGED = pattern("unchanged")
# Moods read from a customer's words that a stated mood plainly contradicts: pleased or
# calm ("Cx calm, polite") against upset.
_PLAIN_OPPOSITES = frozenset(
    {frozenset({"negative", "positive"}), frozenset({"negative", "neutral"})}
)
_ENDED = pattern("mood_at_the_end")
_AT_FIRST = pattern("mood_at_first")
_TOLD_AT_THE_END = pattern("mood_told_at_the_end")
_QUOTED = pattern("quoted_words")


def moods_it_ends_in(clause: Clause) -> list[str]:
    """The moods a clause states, unless it tells the mood the customer started in
    ("stressed at first"): what a sentence beside it may mix with its own."""
    norm = normalize(clause.text)
    if _AT_FIRST.search(norm) and not _TOLD_AT_THE_END.search(norm):
        return []
    return moods(clause)


_MILD = pattern("mild_mood")


def _denied_change(clause: Clause, evidence: Evidence) -> list[Finding]:
    # The records' own labels, not their classes: "from negative to frustrated" is a change
    # an agent notices although both are negative.
    changed = [
        r.interaction.sentiment.strip().lower()
        for r in evidence.records
        if r.interaction.sentiment and r.interaction.sentiment.strip()
    ]
    if len(changed) < 2 or changed[0] == changed[-1]:
        return []
    latest = evidence.sentiment()
    where = (latest[1],) if latest else ()
    reason = f"says the mood did not change; the records go from {changed[0]} to {changed[-1]}"
    return [Finding("sentiment", "contradicted", clause.text, reason, where)]


def _echoes_mixed(clause: Clause, evidence: Evidence, read: tuple[str, int]) -> bool:
    """A record read as neutral for mixed words ("stressed but polite") told in one of
    them ("Mood: stressed"): half of the record's own account, no opposite of it."""
    return read[0] == "neutral" and moods_in_records_word(clause.text, evidence, read[1])


def check_sentiment(
    clause: Clause,
    evidence: Evidence,
    *,
    historical: bool = False,
    told: Days = frozenset(),
    referred: Days = frozenset(),
    beside: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A stated mood against the newest record's sentiment (or the dated record's).
    `beside`: the moods the rest of the clause's sentence states; a sentence that also
    states the mood the records show tells a mixed mood, no opposite."""
    unchanged = _UNCHANGED.search(normalize(clause.text))
    if unchanged is not None:
        return _denied_change(clause, evidence)
    stated = moods(clause)
    if not stated:
        return []
    dated = [r for r in dated_records(clause, evidence, referred) if r.interaction.sentiment]
    if not dated and told:
        # The mood of the day its sentence is about, as that day's records give it.
        on_day = [r for r in dated_records(clause, evidence, told) if r.interaction.sentiment]
        said = {SENTIMENT_CLASSES.get(r.interaction.sentiment or "", "") for r in on_day}
        if stated[-1] in said:
            return []
    if dated:
        actual = [SENTIMENT_CLASSES.get(r.interaction.sentiment or "", "") for r in dated]
        where = tuple(r.position for r in dated)
    elif historical or (clause.past and not _now_beyond_label(clause)):
        return []
    else:
        latest = evidence.sentiment()
        if latest is None:
            # No label anywhere: the customer's own words, and only a plain opposite.
            read = customer_mood(evidence)
            if read is None or frozenset({stated[-1], read[0]}) not in _PLAIN_OPPOSITES:
                return []
            norm = normalize(clause.text)
            started = _AT_FIRST.search(norm) and not _TOLD_AT_THE_END.search(norm)
            # "a little worried" beside a calm ending, "a little annoyed by the delay"
            # beside warm thanks: a shade of the mood, not its opposite.
            mild = read[0] != "negative" and _MILD.search(norm) is not None
            if started or mild or read[0] in stated or _echoes_mixed(clause, evidence, read):
                # "Mood: started angry" is the mood they began in; "calm, slightly worried"
                # states the customer's own reading beside another.
                return []
            if read[0] != "negative" and not _ENDED.search(_QUOTED.sub(" ", norm)):
                # A customer who ends in warm thanks may well have started anxious: only
                # a mood told as the one they end in ("still", "remains", "ended") is
                # set beside the ending.
                return []
            latest = read
        actual, where = [latest[0]], (latest[1],)
    mood = stated[-1]
    if beside & set(actual):
        return []
    if all(frozenset({mood, a}) in CONFLICTING_MOODS for a in actual):
        reason = f"says the customer is {mood}; record {where[-1]} shows {actual[-1]}"
        return [Finding("sentiment", "contradicted", clause.text, reason, where)]
    return []
