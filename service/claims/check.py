"""The claim checker: every claim of a summary against the interaction records it came from.

Seed 003's validation agent, made deterministic so the service can run it on every summary
and the eval suite can gate on it. A check is five named stages, each reading what the one
before it wrote:

1. read the records (`read_history`: what the history establishes, read once per history);
2. read the summary's claims (`read_summary`: its clauses, each in its place);
3. match: every claim against the records (`claim_checks.CLAIM_CHECKS`);
4. decide: the summary as a whole (`summary_checks.SUMMARY_CHECKS`), and what is open;
5. explain: a verdict per claim, every finding with its reason and evidence.

Which check runs when is data (the two tables), not a chain of conditions here. A clause
copied word for word from a record is never contradicted: the records said it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from service.claims import clause as clause_module
from service.claims import evidence as evidence_module
from service.claims import history as history_module
from service.claims import mentions, mood_claims, safety
from service.claims import status as status_module
from service.claims import text as text_module
from service.claims.awaited_decisions import forget_awaited
from service.claims.claim_checks import check_claim
from service.claims.counted_things import forget_record_counts
from service.claims.dated_facts import forget_weekdays_given
from service.claims.durations import forget_record_times
from service.claims.entities import said_in_digits
from service.claims.history import HistoryReading, read_history
from service.claims.proper_names import forget_record_names
from service.claims.speakers import writers_of
from service.claims.stated_acts import forget_turns
from service.claims.sum_facts import sums_said_roughly
from service.claims.summary_checks import OVER_NOTHING_CHECKS, SUMMARY_CHECKS, open_matter
from service.claims.summary_reading import SummaryReading, read_summary
from service.claims.towns import gazetteer
from service.claims.types import SEVERITY, ClaimReport, ClaimVerdict, Finding, Verdict
from service.models import Interaction, SummaryOptions


@dataclass(frozen=True)
class Checking:
    """One summary on its way through the stages; each stage fills in its part."""

    written: str
    history: HistoryReading
    system_prompt: str | None = None
    summary: SummaryReading | None = None
    claim_findings: tuple[tuple[Finding, ...], ...] = ()
    findings: tuple[Finding, ...] = ()
    report: ClaimReport | None = None


Stage = Callable[[Checking], Checking]


def read_claims(checking: Checking) -> Checking:
    """Stage 2: the summary's claims, each in its place (`summary_reading`)."""
    summary = read_summary(checking.written, checking.history, checking.system_prompt)
    return replace(checking, summary=summary)


def _summary(checking: Checking) -> SummaryReading:
    if checking.summary is None:
        raise ValueError("the summary's claims are read before they are checked")
    return checking.summary


def match(checking: Checking) -> Checking:
    """Stage 3: every claim against the records (`claim_checks`); none over no records."""
    if not checking.history.interactions:
        return checking
    found = tuple(
        tuple(check_claim(claim, checking.history)) for claim in _summary(checking).claims
    )
    return replace(checking, claim_findings=found, findings=tuple(f for own in found for f in own))


def decide(checking: Checking) -> Checking:
    """Stage 4: the summary as a whole (`summary_checks`), each check given every finding
    so far, and skipped when one it declares redundant is among them."""
    summary = _summary(checking)
    checks = SUMMARY_CHECKS if checking.history.interactions else OVER_NOTHING_CHECKS
    found = list(checking.findings)
    for check in checks:
        if not any(f.category in check.unless_found for f in found):
            found += check.run(summary, checking.history, found)
    return replace(checking, findings=tuple(found))


def explain(checking: Checking) -> Checking:
    """Stage 5: a verdict per claim (its worst finding's), the findings, what is open."""
    summary, history = _summary(checking), checking.history
    # Over no records no claim is set beside anything: the findings are the whole answer.
    claims = summary.claims if history.interactions else ()
    # A finding the records do not settle is an abstention: reported, not counted.
    verdicts = tuple(
        ClaimVerdict(claim.clause.text, _worst(sure), sure)
        for claim, own in zip(claims, checking.claim_findings, strict=True)
        for sure in [tuple(f for f in own if f.certain)]
    )
    latest, stated = open_matter(summary, history)
    open_items = (
        () if latest is None else (f"{latest.interaction.intent} ({latest.interaction.outcome})",)
    )
    report = ClaimReport(
        claims=verdicts,
        findings=tuple(f for f in checking.findings if f.certain),
        abstentions=tuple(f for f in checking.findings if not f.certain),
        open_items=open_items,
        open_items_stated=stated,
        instructions=history.instructions,
    )
    return replace(checking, report=report)


def _worst(found: Sequence[Finding]) -> Verdict:
    return max((f.verdict for f in found), key=SEVERITY.__getitem__, default="supported")


# Stage 1, reading the records, is `read_history`: the service runs it ahead of the summary.
STAGES: tuple[Stage, ...] = (read_claims, match, decide, explain)


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
    checking = Checking(summary, history, system_prompt)
    for stage in STAGES:
        checking = stage(checking)
    if checking.report is None:
        raise ValueError("the stages ended without a report")
    return checking.report


def prepare_checker() -> None:
    """Read what the checker reads once per process before the first request: the towns
    of the world (about a second and a half), so that no request's read-ahead waits on it
    while its model call is under way."""
    gazetteer()


def forget_readings() -> None:
    """Forget every history, summary and clause read so far, as a worker that has served no
    request (word-level readings, such as stems, are kept)."""
    for remembered in (
        _check,
        history_module._read,
        evidence_module._build_evidence,
        evidence_module.read_records,
        clause_module.read_clause,
        status_module.read_status,
        mood_claims.read_moods,
        mentions.read_dates,
        safety._refusing,
        text_module.normalize,
    ):
        remembered.cache_clear()
    forget_record_counts()
    forget_record_times()
    forget_weekdays_given()
    forget_record_names()
    forget_turns()
    forget_awaited()
    said_in_digits.cache_clear()
    sums_said_roughly.cache_clear()
    writers_of.cache_clear()
