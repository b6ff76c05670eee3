"""The checks of one claim against the records: the match stage, as a table.

Every check has one signature, `(claim, history, found) -> findings`, where `found` holds the
claim's findings of the checks before it. Which check runs, and in what order, is the table
`CLAIM_CHECKS`: a check names the checks or the kinds of finding that make it redundant (a
wrong date already found leaves the deadline check nothing to add), whether it reads a
handover line to the next agent (which advises, and promises nothing), and whether it reads
a claim that copies a record (the records said it). Adding a check is one row here and one
function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.claims.acts import check_acts
from service.claims.awaited_decisions import told_taken_while_awaited
from service.claims.booked_steps import told_done_before_booked
from service.claims.clause import Clause, canonical, read_clause
from service.claims.commitments import deadline_findings, invented_commitment
from service.claims.dated_events import check_dated_events
from service.claims.deadlines import denied_deadline, moved_deadline
from service.claims.entities import check_entities
from service.claims.history import HistoryReading
from service.claims.judgements import check_status
from service.claims.kinds import opposite_kind_findings, same_sum
from service.claims.mentions import priced_amounts
from service.claims.money_claims import check_money
from service.claims.mood_claims import check_sentiment
from service.claims.proper_names import unknown_names
from service.claims.stated_acts import told_the_other_way
from service.claims.stated_status import told_status_the_other_way
from service.claims.still_to_come import told_done_while_still_to_come
from service.claims.summary_reading import Claim
from service.claims.tables import pattern
from service.claims.types import Category, Finding
from service.claims.unheard import unheard_of_commitment

ClaimCheckFunction = Callable[[Claim, HistoryReading, Sequence[Finding]], list[Finding]]


@dataclass(frozen=True)
class ClaimCheck:
    """A named check of one claim and when it runs.

    Attributes:
        name: The check's name (what it finds, in a word or two).
        run: The check.
        reads_copied: It reads a claim that copies a record too.
        reads_handover: It reads a claim of a handover line too.
        after_nothing_from: It runs only when these checks found nothing in the claim.
        unless_found: It runs only when the claim has no finding of these categories.
        only_when_clean: It runs only when the claim has no finding at all yet.
    """

    name: str
    run: ClaimCheckFunction
    reads_copied: bool = False
    reads_handover: bool = True
    after_nothing_from: tuple[str, ...] = ()
    unless_found: tuple[Category, ...] = ()
    only_when_clean: bool = False


def facts(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """Amounts, dates, counts, ids, channels, topics and names no record gives
    (`service.claims.facts`, read with the summary)."""
    return list(claim.facts)


def acts(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An act told the other way round, told done while only promised, or promised while no
    record promises it (`service.claims.acts`); a handover line promises nothing."""
    told = check_acts(claim.clause, history.evidence)
    # "... had not posted. ... it was traced and applied": a denial told of an earlier point
    # of the story, and the act told done later, is how things stood before; the records
    # telling it done agree. "Didn't escalate ... Still open: escalated" is no such story.
    # So is a denial in the field that sets out the problem ("Issue: ... never activated.
    # Actions: pass activated ...").
    then = claim.problem_field or _DENIED_THEN.search(claim.clause.text) is not None
    before = then and any(
        claim.clause.negated & (later.acts - later.negated)
        and _same_thing(claim.clause, later, opens)
        # "could not apply the $100 credit" and "$65 credit applied": two acts.
        and same_sum(claim.clause.text, later.text, priced_amounts)
        for later, opens in claim.done_later
    )
    # "..., which he grumbled about but accepted": a lone verb told done, going on from the
    # clause before, names nothing it was done to; which of an unlabelled conversation's
    # turns it answers cannot be told. ("did not reverse it" denies the act itself; a
    # labelled record's outcome settles its one offer.)
    clause = claim.clause
    bare = (
        not claim.opens_sentence
        and history.evidence.unlabelled
        and len(clause.key) == 1
        and clause.key <= clause.acts - clause.negated
    )
    return [
        f.unsure("the summary tells it done later")
        if before and f.category == "negated_action"
        else f.unsure("the clause names nothing the act was done to")
        if bare and f.category == "negated_action"
        else f
        for f in told
        if not (claim.handover and f.category == "promise")
    ]


_DENIED_THEN = pattern("denied_then")
_BACK_REFERENCE = frozenset(("it", "this", "that", "they", "these", "those", "which"))
_AUXILIARIES = frozenset(("was", "were", "is", "are", "has", "have", "had", "been", "got"))


def _same_thing(denied: Clause, later: Clause, opens: bool) -> bool:
    """Whether a later clause tells of the thing a denied one is about: it names the same
    thing ("the transfer ... the transfer was applied") or points back to it ("it was
    applied", "it was reversed and applied to her card"); "Verbal password added" is not
    "no port-out protection was added"."""
    if (denied.key & later.key) - later.acts:
        return True
    first = later.tokens[0] if later.tokens else ""
    # A verb opening a clause inside its sentence goes on from what came before it ("...
    # and applied to her card", "..., which was processed to her card").
    verb_first = first in _AUXILIARIES or canonical(first) in later.acts
    return first in _BACK_REFERENCE or (not opens and verb_first)


def denied_date(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """ "No date was given for the callback" while a record promises it by one."""
    denied = denied_deadline(claim.clause, history.evidence)
    return [denied] if denied is not None else []


def status(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An open matter told settled, or a settled one told open (`judgements.check_status`)."""
    return check_status(
        claim.clause,
        history.evidence,
        step_told_beside=claim.step_told_beside,
        running_told_beside=claim.running_told_beside,
        summary_tells_step=claim.summary_tells_step,
        told=claim.told,
    )


# "Sentiment: Neutral (was negative)", "frustrated (neutral at first)": an aside on the
# mood before, which the clause's current mood does not include.
_PAST_ASIDE = pattern("past_aside")


def mood(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """The customer's mood told otherwise than the records show it (`check_sentiment`)."""
    clause = claim.clause
    if _PAST_ASIDE.search(clause.text):
        clause = read_clause(_PAST_ASIDE.sub(" ", clause.text))
    return check_sentiment(
        clause,
        history.evidence,
        historical=claim.past_mood,
        told=claim.told,
        referred=claim.referred,
        beside=claim.moods_beside,
    )


def money(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An amount bound to the wrong kind of money: a charge told as a credit."""
    return check_money(claim.clause, history.evidence)


def names(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A product, plan, fee or device no record names (`entities.check_entities`)."""
    return check_entities(claim.clause, history.evidence)


def proper_names(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A town, company, carrier or person no record names (`proper_names.unknown_names`)."""
    return unknown_names(
        claim.clause,
        history.evidence,
        opens_sentence=claim.opens_sentence,
        summary_words=claim.summary_words,
    )


def stated_act(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An act told the other way round from a turn that states it outright (where the
    act checks only abstained on it, reading the turns less surely)."""
    if any(f.category == "negated_action" and f.certain for f in found):
        return []
    return told_the_other_way(claim.clause, history.evidence)


def stated_status(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An act told still to come that a turn states done (where the status check only
    abstained, reading the turns less surely)."""
    if any(f.category == "status" and f.certain for f in found):
        return []
    return told_status_the_other_way(claim.clause, history.evidence)


def awaited_step(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A step told taken that a record says in so many words is still awaited, books for
    after the last contact, or sets still to come while the summary tells it done already."""
    if any(f.category == "status" and f.certain for f in found):
        return []
    evidence = history.evidence
    return (
        told_taken_while_awaited(claim.clause, evidence)
        or told_done_before_booked(claim.clause, evidence)
        or told_done_while_still_to_come(claim.clause, evidence)
    )


def event_day(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An event put on another contact's day than the one it happened in."""
    return check_dated_events(claim.clause, history.evidence)


def deadline(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A commitment's deadline no record sets (`commitments.deadline_findings`)."""
    return deadline_findings(claim.clause, history.source)


def listed_acts(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """Acts told the other way round inside a list of note-like fragments ("cx reports no
    svc, area outage yet to be confirmed, wants $30 credit"): records are read fragment by
    fragment, so a summary that strings fragments together is read the same way."""
    pieces = [piece.strip() for piece in claim.clause.text.split(", ") if piece.strip()]
    if len(pieces) < 3:
        return []
    return [
        finding
        for piece in pieces
        for finding in check_acts(read_clause(piece), history.evidence)
        if finding.category == "negated_action"
    ]


def act_kind(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """An act denied by its kind, or told as its opposite (`kinds.opposite_kind_findings`)."""
    later = frozenset(act for told, _ in claim.done_later for act in told.acts - told.negated)
    return opposite_kind_findings(claim.clause, history.evidence, later)


def commitment(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A commitment whose amount, date, count or time frame no record gives."""
    invented = invented_commitment(claim.clause, found, history.source, history.time_frames)
    return [invented] if invented is not None else []


def moved_date(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A real promise given another date than the records set for it."""
    moved = moved_deadline(claim.clause, history.evidence)
    return [moved] if moved is not None else []


def new_promise(claim: Claim, history: HistoryReading, found: Sequence[Finding]) -> list[Finding]:
    """A promise told in words no record uses (`unheard.unheard_of_commitment`)."""
    unheard = unheard_of_commitment(claim.clause, history.evidence)
    return [unheard] if unheard is not None else []


# In this order; a claim's findings are those of every check that runs.
CLAIM_CHECKS: tuple[ClaimCheck, ...] = (
    ClaimCheck("facts", facts, reads_copied=True),
    ClaimCheck("acts", acts),
    ClaimCheck("stated_act", stated_act),
    ClaimCheck("denied_date", denied_date, reads_handover=False, after_nothing_from=("acts",)),
    ClaimCheck("status", status),
    ClaimCheck("stated_status", stated_status),
    ClaimCheck("awaited_step", awaited_step, reads_handover=False),
    ClaimCheck("mood", mood),
    ClaimCheck("money", money),
    ClaimCheck("names", names),
    ClaimCheck("proper_names", proper_names, unless_found=("entity",)),
    ClaimCheck("event_day", event_day),
    ClaimCheck("deadline", deadline, reads_handover=False, unless_found=("date",)),
    ClaimCheck("listed_acts", listed_acts, only_when_clean=True),
    ClaimCheck("act_kind", act_kind, reads_handover=False, only_when_clean=True),
    ClaimCheck("commitment", commitment, reads_handover=False),
    ClaimCheck("moved_date", moved_date, reads_handover=False, unless_found=("promise",)),
    ClaimCheck("new_promise", new_promise, reads_handover=False, unless_found=("promise",)),
)


def applies(check: ClaimCheck, claim: Claim, found: Sequence[Finding], by: dict[str, int]) -> bool:
    """Whether `check` runs on `claim`, given the claim's findings so far (`by`: how many
    each earlier check found)."""
    if claim.copied and not check.reads_copied:
        return False
    if claim.handover and not check.reads_handover:
        return False
    if any(by.get(name) for name in check.after_nothing_from):
        return False
    if check.only_when_clean and found:
        return False
    return not any(f.category in check.unless_found for f in found)


def check_claim(claim: Claim, history: HistoryReading) -> list[Finding]:
    """Every finding of `claim`, from the checks of `CLAIM_CHECKS` that apply, in order."""
    found: list[Finding] = []
    by: dict[str, int] = {}
    for check in CLAIM_CHECKS:
        if applies(check, claim, found, by):
            new = check.run(claim, history, found)
            by[check.name] = len(new)
            found += new
    return found
