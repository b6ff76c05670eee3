"""The checks of the summary as a whole: the decide stage, as a table.

Some claims span clauses or the whole summary: a number of contacts over a span, a contact
said not to have happened, an instruction obeyed, filler, a summary cut off or not about
these records, an open matter told settled by what got done about it. Each is a named check
with one signature, `(summary, history, found) -> findings`, where `found` holds every
finding so far; `SUMMARY_CHECKS` sets their order and what makes one redundant.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.claims.act_vocabulary import STATUS_STEMS
from service.claims.awaiting import names_a_step_ahead, spans_of, tells_what_is_to_come
from service.claims.clause import read_clause
from service.claims.contacts import (
    check_contact_history,
    check_dated_contacts,
    check_first_raised,
)
from service.claims.course import TURNS, UNWORDED, labelled, unlabelled_course
from service.claims.decided_steps import told_awaited_while_taken, told_undone_while_done
from service.claims.denied_contacts import (
    check_denied_contacts,
    check_denied_messages,
    check_denied_reply,
    check_no_contact_since,
)
from service.claims.filler import check_filler
from service.claims.history import HistoryReading
from service.claims.layout import cut_inside, cut_off
from service.claims.lexicon import OPEN_MENTION
from service.claims.over_nothing import check_over_nothing
from service.claims.place_codes import swapped_place_codes
from service.claims.promised_done import promised_as_done, remedy_told_given
from service.claims.records import RecordFacts
from service.claims.repeats import check_repeats
from service.claims.safety import check_safety
from service.claims.status_evidence import step_run_out
from service.claims.summary_reading import SummaryReading
from service.claims.tables import pattern
from service.claims.text import looks_foreign, normalize
from service.claims.types import Category, Finding

SummaryCheckFunction = Callable[[SummaryReading, HistoryReading, Sequence[Finding]], list[Finding]]


@dataclass(frozen=True)
class SummaryCheck:
    """A named check of the whole summary, and the findings that make it redundant."""

    name: str
    run: SummaryCheckFunction
    unless_found: tuple[Category, ...] = ()


def unplaced_facts(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """Unsupported facts no single clause holds whole (they span a cut)."""
    return list(summary.unplaced_facts)


def contact_total(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A number of contacts over a span, a first contact's day, a dated contact on a
    channel, against the records (`service.claims.contacts`)."""
    interactions = history.interactions
    return (
        check_contact_history(summary.text, interactions)
        + check_first_raised(summary.text, interactions)
        + check_dated_contacts(summary.text, interactions)
    )


def denied_contacts(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A contact, a text, a later contact or a reply said not to have happened while a
    record is it (`service.claims.denied_contacts`)."""
    said, interactions = summary.sentences, history.interactions
    return (
        check_denied_contacts(said, interactions)
        + check_denied_messages(said, interactions)
        + check_no_contact_since(said, interactions)
        + check_denied_reply(said, interactions)
    )


def place_codes(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A place code in the place of the records' ("DUB→ORY" for "Paris CDG")."""
    return swapped_place_codes(summary.text, history.evidence)


def repeats(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """Instalments, repetitions and ordinals the records count otherwise."""
    return check_repeats(summary.text, history.counted, unlabelled=history.evidence.unlabelled)


def instructions(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """An instruction in customer text obeyed, echoed or quoted, or the model's own
    instructions talked about (`service.claims.safety`)."""
    read = summary.clause_starts
    return check_safety(summary.text, read, history.evidence, summary.system_prompt, found)


def filler(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """Advice, talk about the summary and padding (`service.claims.filler`)."""
    return check_filler(summary.text, history.evidence)


def truncation(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A summary that stops in mid-sentence, or cuts a sentence short inside it."""
    if cut_off(summary.written):
        claim = summary.written.rstrip()[-60:]
        return [Finding("truncated", "unsupported", claim, "stops in mid-sentence")]
    inside = cut_inside(summary.written)
    if inside is None:
        return []
    return [Finding("truncated", "unsupported", inside, "breaks off in mid-sentence")]


_RECORDS_FOREIGN = "the records are written in another language too"


def other_language(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A sentence in another language than English: an obeyed instruction or a copied
    record, not a summary sentence (a sentence quoting a record's words is a quote)."""
    for sentence in summary.sentences:
        if looks_foreign(sentence) and not any(ord(c) > 0x2E80 for c in sentence):
            words = normalize(sentence).split()
            known = history.evidence.quotable_words
            quoted = len(words) >= 3 and sum(w in known for w in words) >= 0.8 * len(words)
            if quoted:
                return []
            finding = Finding("off_task", "unsupported", sentence, "not written in English")
            # A handover note in the language the records are written in ("2e appel le
            # 6/7: colis introuvable") is a local team's own; over English records it is
            # an obeyed instruction or a copied record.
            return [finding.unsure(_RECORDS_FOREIGN) if history.evidence.foreign else finding]
    return []


def ungrounded(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A summary that shares no content word with the records or the request, as written
    or by stem ("escalation" and "escalated" are one word here)."""
    evidence = history.evidence
    known = set(evidence.text_words)
    if evidence.options is not None:
        known |= set(normalize(evidence.options.ivr_intent.replace("_", " ")).split())
    stems = evidence.record_stems
    if any(
        clause.stems & stems or any(token in known for token in clause.tokens if len(token) > 3)
        for clause in summary.clauses
    ):
        return []
    reason = "shares nothing with the records"
    return [Finding("off_task", "unsupported", summary.text[:80], reason)]


_ARRIVES_BY_ITSELF = pattern("arrives_by_itself")


def open_matter(
    summary: SummaryReading, history: HistoryReading
) -> tuple[RecordFacts | None, bool]:
    """The newest record when it leaves the matter open (else None), and whether the
    summary says something is still open (for a matter open only for a step still to
    come, that it names the step)."""
    latest = history.latest_status()
    if (
        latest is None
        or latest.status != "open"
        or not latest.clear
        # "may take up to 2 working days to reach you", four days before the call: money
        # on its way by itself was due, and nothing says it is still awaited (a call-back
        # that was due is another matter: the customer may be calling for want of it).
        or (
            _ARRIVES_BY_ITSELF.search(latest.interaction.notes) is not None
            and step_run_out(latest, history.evidence)
        )
    ):
        # An unlabelled conversation that does not say it is open leaves nothing clear to
        # leave out.
        return None, True
    clauses = list(summary.clauses)
    stated = any(c.status == "open" for c in clauses) or bool(OPEN_MENTION.search(summary.text))
    # A conversation no label sums up says what is open in its own words: a step still to
    # come ("should arrive in 7-10 days", "will review within 24h") is saying so.
    if (latest.awaits or history.evidence.unlabelled) and not stated:
        stated = tells_what_is_to_come(summary.text, clauses)
    if history.evidence.unlabelled and not stated:
        # "Tech Thu 21/5 8-12", "should arrive in 7-10 banking days": a clause that puts
        # the awaited step ahead, in its words, names it.
        # The awaited step named by its words, or by the span the record sets for it ("3-5
        # bus days to show" for "may take 3-5 business days to appear").
        spans = spans_of(latest.interaction.notes)
        stated = any(
            (tells_what_is_to_come(c.text, [c]) or names_a_step_ahead(c.text, latest.day))
            and (not latest.awaited or bool(c.stems & latest.awaited or spans_of(c.text) & spans))
            for c in clauses
        )
    return latest, stated


def kept_promise(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A pending promise told kept while the matter is open (`promised_done`)."""
    latest, _ = open_matter(summary, history)
    if latest is None:
        return []
    return _unsure_over_turns(
        promised_as_done(summary.clause_starts, history.evidence, latest), history, latest
    )


def given_remedy(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A remedy told given that no record reports, while the matter is open."""
    latest, _ = open_matter(summary, history)
    if latest is None:
        return []
    return _unsure_over_turns(
        remedy_told_given(summary.clause_starts, history.evidence, latest), history, latest
    )


def decided_step(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A step told still awaited that a record's turn tells taken (`decided_steps`), where
    the status checks found nothing certain (an abstention leaves the question open)."""
    if any(f.category == "status" and f.certain for f in found):
        return []
    return told_awaited_while_taken(summary.clauses, history.evidence) or told_undone_while_done(
        summary.clauses, history.evidence
    )


def _unsure_over_turns(
    found: list[Finding], history: HistoryReading, latest: RecordFacts
) -> list[Finding]:
    """ "No record reports it" over an unlabelled conversation, with no label saying the
    matter is open, is no clear evidence: a turn tells an act done in words the checker may
    miss ("I've also added a month"), and a note in its writer's shorthand ("part rec'd",
    "photo recvd 13/03")."""
    evidence = history.evidence
    if labelled(latest.interaction):
        return found
    if any(unlabelled_course(r.interaction) for r in evidence.records):
        return [f.unsure(TURNS) for f in found]
    return [f.unsure(UNWORDED) for f in found] if evidence.unlabelled else found


# "The customer emailed on Sep 28": a contact about the matter, nothing done about it.
_CONTACTING = frozenset(read_clause("emailed mailed called texted messaged wrote").stems)


def told_settled(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """An open matter told only by what got done about it ("The callback has been made."):
    with nothing said to be open, an agent reads the matter as settled."""
    latest, stated = open_matter(summary, history)
    if latest is None or stated:
        return []
    matter = set().union(*(c.stems for c in latest.clauses)) - STATUS_STEMS - _CONTACTING
    for claim in summary.claims:
        clause = claim.clause
        done = clause.mode == "done" and clause.completes and not clause.conditional
        if done and clause.stems & matter and not claim.copied:
            reason = f"reads as settled; record {latest.position} shows the matter still open"
            finding = Finding("status", "contradicted", clause.text, reason, (latest.position,))
            # Where no label says the matter is open, an act told done beside no word of
            # what is open is no clear evidence: the checker read the openness itself.
            return [finding.unsure(_READ_OPEN) if history.evidence.unlabelled else finding]
    return []


_READ_OPEN = "the matter's openness is the checker's own reading of an unlabelled conversation"


def over_nothing(
    summary: SummaryReading, history: HistoryReading, found: Sequence[Finding]
) -> list[Finding]:
    """A summary of no records: every fact and promise it states is made up."""
    read = summary.clause_starts
    return list(check_over_nothing(summary.text, read, history.options).findings)


# In this order, over a history with records.
SUMMARY_CHECKS: tuple[SummaryCheck, ...] = (
    SummaryCheck("unplaced_facts", unplaced_facts),
    SummaryCheck("contact_total", contact_total),
    SummaryCheck("denied_contacts", denied_contacts),
    SummaryCheck("repeats", repeats),
    SummaryCheck("place_codes", place_codes),
    SummaryCheck("instructions", instructions),
    SummaryCheck("filler", filler),
    SummaryCheck("truncation", truncation),
    SummaryCheck("other_language", other_language),
    SummaryCheck("ungrounded", ungrounded),
    SummaryCheck("kept_promise", kept_promise, unless_found=("status",)),
    SummaryCheck("given_remedy", given_remedy, unless_found=("status",)),
    SummaryCheck("told_settled", told_settled, unless_found=("status",)),
    SummaryCheck("decided_step", decided_step),
)
# Over no records: nothing to set a claim beside.
OVER_NOTHING_CHECKS: tuple[SummaryCheck, ...] = (SummaryCheck("over_nothing", over_nothing),)
