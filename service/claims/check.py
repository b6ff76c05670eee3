"""The claim checker: every claim of a summary against the interaction records it came from.

Seed 003's validation agent, made deterministic so the service can run it on every summary
and the eval suite can gate on it. A summary is cut into claims (clauses); each is checked
for facts no record supports (amounts, dates, counts, ids, channels, topics, names), acts
stated with the wrong polarity, things stated as done that were only promised, promises no
record made, an open matter called resolved or the reverse, the customer's mood flipped,
and money bound to the wrong thing. Separately, the summary must not repeat or follow an
instruction found in customer-authored text, or talk about its own instructions.

A clause copied word for word from a record is never contradicted: the records said it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from service.claims import clause as clause_module
from service.claims import evidence as evidence_module
from service.claims import history, judgements, mentions
from service.claims import status as status_module
from service.claims import text as text_module
from service.claims.act_vocabulary import STATUS_STEMS
from service.claims.acts import check_acts
from service.claims.awaiting import names_a_step_ahead, tells_what_is_to_come
from service.claims.clause import Clause, read_clause, split_and
from service.claims.commitments import deadline_findings, invented_commitment
from service.claims.contacts import (
    check_contact_history,
    check_dated_contacts,
    check_first_raised,
)
from service.claims.days import days_referred_to, days_told_before
from service.claims.deadlines import denied_deadline, moved_deadline
from service.claims.denied_contacts import (
    check_denied_contacts,
    check_denied_messages,
    check_denied_reply,
    check_no_contact_since,
)
from service.claims.entities import check_dated_events, check_entities
from service.claims.evidence import Evidence
from service.claims.facts import unsupported_facts
from service.claims.filler import check_filler
from service.claims.history import HistoryReading, read_history
from service.claims.judgements import (
    check_money,
    check_sentiment,
    check_status,
    current_mood,
)
from service.claims.kinds import opposite_kind_findings
from service.claims.layout import cut_off, read_layout
from service.claims.lexicon import HANDOVER, OPEN_MENTION
from service.claims.over_nothing import check_over_nothing
from service.claims.promised_done import promised_as_done, remedy_told_given
from service.claims.records import RecordFacts, refusals_joined
from service.claims.repeats import check_repeats
from service.claims.safety import check_safety
from service.claims.status import denied_by_next
from service.claims.tables import pattern
from service.claims.text import SENTENCE_BREAK, clauses, looks_foreign, normalize, sentences
from service.claims.types import SEVERITY, ClaimReport, ClaimVerdict, Finding, Verdict
from service.claims.unheard import unheard_of_commitment
from service.models import Interaction, SummaryOptions


def summary_clauses(summary: str) -> list[tuple[Clause, bool]]:
    """(clause, starts a sentence) for every clause of the summary."""
    found = []
    for sentence in sentences(summary):
        parts = refusals_joined([p for c in clauses(sentence) for p in split_and(c)])
        for index, (part, denied) in enumerate(zip(parts, denied_by_next(parts), strict=True)):
            clause = read_clause(part)
            if denied and clause.status is not None:
                clause = replace(clause, status=None)
            found.append((clause, index == 0))
    return found


def _steps_told_beside(read: Sequence[tuple[Clause, bool]]) -> list[bool]:
    """For each clause saying a matter is resolved, whether another clause of its sentence
    says a step is still to come (the only clauses `check_status` asks this for)."""
    if not any(clause.status == "resolved" for clause, _ in read):
        return [False] * len(read)
    sentence_of: list[int] = []
    for _, first in read:
        sentence_of.append(sentence_of[-1] + int(first) if sentence_of else 0)
    tells = [tells_what_is_to_come(clause.text, [clause]) for clause, _ in read]
    return [
        clause.status == "resolved"
        and any(tells[j] and sentence_of[j] == sentence_of[i] for j in range(len(read)) if j != i)
        for i, (clause, _) in enumerate(read)
    ]


def _sentence_completes(read: Sequence[tuple[Clause, bool]]) -> list[bool]:
    """For each clause, whether a clause of its sentence tells something carried out
    ("Arrangement paid off, so nothing is left to chase"): then "nothing left" is a claim
    that the matter is over, not that only a booked step remains."""
    sentence_of: list[int] = []
    for _, first in read:
        sentence_of.append(sentence_of[-1] + int(first) if sentence_of else 0)
    done = {
        s
        for (clause, _), s in zip(read, sentence_of, strict=True)
        if clause.completes or _CARRIED_OUT.search(clause.text)
    }
    return [s in done for s in sentence_of]


_CARRIED_OUT = pattern("carried_out")


def _verbatim(clause: Clause, evidence: Evidence) -> bool:
    """Whether the clause copies record text (piece by piece: a copied note may run into the
    next one when it starts in lower case, "...agent queue. refund escalated")."""
    text = normalize(clause.text)
    if len(text.split()) < 4:
        return False
    pieces = [p.strip(" .") for p in SENTENCE_BREAK.split(text) if p.strip(" .")]
    return all(any(piece in record.text for record in evidence.records) for piece in pieces)


def _fragment_acts(clause: Clause, evidence: Evidence) -> list[Finding]:
    """Acts stated the other way round inside a list of note-like fragments ("cx reports no
    svc, area outage yet to be confirmed, wants $30 credit"): records are read fragment by
    fragment, so a summary that strings fragments together is read the same way."""
    pieces = [piece.strip() for piece in clause.text.split(", ") if piece.strip()]
    if len(pieces) < 3:
        return []
    return [
        finding
        for piece in pieces
        for finding in check_acts(read_clause(piece), evidence)
        if finding.category == "negated_action"
    ]


# "The customer emailed on Sep 28": a contact about the matter, nothing done about it.
_CONTACTING = frozenset(read_clause("emailed mailed called texted messaged wrote").stems)


def _reads_settled(
    read: Sequence[tuple[Clause, bool]], evidence: Evidence, latest: RecordFacts
) -> list[Finding]:
    """An open matter told only by what got done about it ("The callback has been made."):
    with nothing said to be open, an agent reads the matter as settled."""
    matter = set().union(*(c.stems for c in latest.clauses)) - STATUS_STEMS - _CONTACTING
    for clause, _ in read:
        done = clause.mode == "done" and clause.completes and not clause.conditional
        if done and clause.stems & matter and not _verbatim(clause, evidence):
            reason = f"reads as settled; record {latest.position} shows the matter still open"
            return [Finding("status", "contradicted", clause.text, reason, (latest.position,))]
    return []


_PAST_ASIDE = pattern("past_aside")


def _without_past_aside(clause: Clause) -> Clause:
    if not _PAST_ASIDE.search(clause.text):
        return clause
    return read_clause(_PAST_ASIDE.sub(" ", clause.text))


def _foreign_sentence(summary: str) -> str | None:
    # An agent's briefing is English whatever the records' language: a sentence in another
    # language is an obeyed instruction or a copied record, not a summary sentence.
    for sentence in sentences(summary):
        if looks_foreign(sentence) and not any(ord(c) > 0x2E80 for c in sentence):
            return sentence
    return None


def _quoted(sentence: str, evidence: Evidence) -> bool:
    """Whether a sentence repeats a record's own words (a quote, not an obeyed instruction)."""
    words = normalize(sentence).split()
    known = evidence.quotable_words
    return len(words) >= 3 and sum(w in known for w in words) >= 0.8 * len(words)


def _grounded(read: Sequence[tuple[Clause, bool]], evidence: Evidence) -> bool:
    """Whether any clause shares a content word with the records or the request, as
    written or by stem ("escalation" and "escalated" are one word here)."""
    known = set(evidence.text_words)
    if evidence.options is not None:
        known |= set(normalize(evidence.options.ivr_intent.replace("_", " ")).split())
    stems = evidence.record_stems
    return any(
        clause.stems & stems or any(token in known for token in clause.tokens if len(token) > 3)
        for clause, _ in read
    )


def check_summary(
    summary: str,
    interactions: Sequence[Interaction],
    options: SummaryOptions | None = None,
    *,
    system_prompt: str | None = None,
    history: HistoryReading | None = None,
) -> ClaimReport:
    """Check every claim of `summary` against the in-scope `interactions`.

    Args:
        summary: The summary under review.
        interactions: The interactions the summary may use (windowed and filtered), oldest
            first, as the prompt numbers them.
        options: The request (its date, IVR intent and channel filter may be stated).
        system_prompt: The model's system prompt, when known: repeating it is a finding.
        history: `read_history(interactions, options)`, when read already (the service
            reads it while the model writes); read here otherwise.

    Returns:
        A verdict per claim, every finding with its evidence, and the open items.
    """
    if history is None:
        history = read_history(interactions, options)
    # Pure in its inputs: the eval's scorer, the local judge and the local ragas stand-in ask
    # about the same summary, so the answer is remembered.
    return _check(summary, history, system_prompt)


@lru_cache(maxsize=4096)
def _check(summary: str, history: HistoryReading, system_prompt: str | None) -> ClaimReport:
    interactions, options, evidence = history.interactions, history.options, history.evidence
    written, summary = summary, read_layout(summary)
    if not interactions:
        return check_over_nothing(summary, summary_clauses(summary), options)
    read = summary_clauses(summary)
    facts = unsupported_facts(summary, history.source, history.people)
    current_moods = [c for c, _ in read if current_mood(c)]
    verdicts: list[ClaimVerdict] = []
    findings: list[Finding] = []
    told_beside = _steps_told_beside(read)
    step_ahead = bool(interactions) and names_a_step_ahead(
        summary, max(i.timestamp for i in interactions).date()
    )
    completed = _sentence_completes(read)
    told_days, referred_days = days_told_before(read), days_referred_to(read)
    handover = False
    for index, (clause, first) in enumerate(read):
        handover = bool(HANDOVER.search(clause.text)) if first else handover
        own = [f.as_finding(clause.text) for f in facts if f.text.lower() in clause.text.lower()]
        if not _verbatim(clause, evidence):
            # A handover line advises the next agent; what it names is not a promise.
            acts = check_acts(clause, evidence)
            own += [f for f in acts if not (handover and f.category == "promise")]
            denied = None if acts or handover else denied_deadline(clause, evidence)
            own += [denied] if denied is not None else []
            own += check_status(
                clause,
                evidence,
                step_told_beside=told_beside[index],
                summary_tells_step=step_ahead and not completed[index],
                told=told_days[index],
            )
            historical = bool(current_moods) and clause not in current_moods
            own += check_sentiment(
                _without_past_aside(clause),
                evidence,
                historical=historical,
                told=told_days[index],
                referred=referred_days[index],
            )
            own += check_money(clause, evidence)
            own += check_entities(clause, evidence)
            own += check_dated_events(clause, evidence)
            if not any(f.category == "date" for f in own) and not handover:
                own += deadline_findings(clause, history.source)
            if not own:
                own += _fragment_acts(clause, evidence)
            if not own and not handover:
                own += opposite_kind_findings(clause, evidence)
            if not handover:
                invented = invented_commitment(clause, own, history.source, history.time_frames)
                if invented is None and not any(f.category == "promise" for f in own):
                    invented = moved_deadline(clause, evidence)
                    invented = invented or unheard_of_commitment(clause, evidence)
                if invented is not None:
                    own.append(invented)
        verdict: Verdict = max(
            (f.verdict for f in own), key=SEVERITY.__getitem__, default="supported"
        )
        verdicts.append(ClaimVerdict(clause.text, verdict, tuple(own)))
        findings.extend(own)
    findings += [
        f.as_finding() for f in facts if not any(f.text.lower() in c.text.lower() for c, _ in read)
    ]
    findings += check_contact_history(summary, interactions)
    findings += check_first_raised(summary, interactions)
    findings += check_dated_contacts(summary, interactions)
    said = sentences(summary)
    findings += check_denied_contacts(said, interactions)
    findings += check_denied_messages(said, interactions)
    findings += check_no_contact_since(said, interactions)
    findings += check_denied_reply(said, interactions)
    findings += check_repeats(summary, history.counted)
    findings += check_safety(summary, read, evidence, system_prompt, findings)
    findings += check_filler(summary, evidence)
    if cut_off(written):
        tail = written.rstrip()[-60:]
        findings.append(Finding("truncated", "unsupported", tail, "stops in mid-sentence"))
    foreign = _foreign_sentence(summary)
    if foreign is not None and not _quoted(foreign, evidence):
        findings.append(Finding("off_task", "unsupported", foreign, "not written in English"))
    if not _grounded(read, evidence):
        findings.append(
            Finding("off_task", "unsupported", summary[:80], "shares nothing with the records")
        )
    latest = evidence.latest_status()
    open_items: tuple[str, ...] = ()
    stated = True
    if latest is not None and latest.status == "open":
        open_items = (f"{latest.interaction.intent} ({latest.interaction.outcome})",)
        stated = any(c.status == "open" for c, _ in read) or bool(OPEN_MENTION.search(summary))
        if latest.awaits and not stated:
            stated = tells_what_is_to_come(summary, [c for c, _ in read])
        if not any(f.category == "status" for f in findings):
            findings += promised_as_done(read, evidence, latest)
        if not any(f.category == "status" for f in findings):
            findings += remedy_told_given(read, evidence, latest)
        if not stated and not any(f.category == "status" for f in findings):
            findings += _reads_settled(read, evidence, latest)
    return ClaimReport(
        claims=tuple(verdicts),
        findings=tuple(findings),
        open_items=open_items,
        open_items_stated=stated,
        instructions=tuple(i.text for i in evidence.instructions),
    )


def forget_readings() -> None:
    """Forget every history, summary and clause read so far, as a worker that has served no
    request (word-level readings, such as stems, are kept)."""
    for remembered in (
        _check,
        history._read,
        evidence_module._build_evidence,
        evidence_module.read_records,
        clause_module.read_clause,
        status_module.read_status,
        judgements.read_moods,
        mentions.read_dates,
        text_module.normalize,
    ):
        remembered.cache_clear()
