"""The validation agent (seed 003) around the one summarizer: check, retry once, then redact.

Every generated summary is checked against the records it was made from
(`service.claims.check_summary`). A summary with a contradicted or unsupported claim is
asked for once more with a stricter instruction, if the pair's time budget leaves room for
a second call; what still fails is redacted sentence by sentence or withheld, and the
response says so in `flags`. Customer text that reads like an instruction to the model is
flagged too, whatever the summary says, so the agent desktop can show it.

A draft that repeats or obeys such an instruction (an `instruction_violation` finding) never
reaches the agent as it is: the sentences that carry it are taken out, or the summary is
withheld, and the text shown is checked once more for it before it leaves
(`_without_instructions`); each such draft is counted in `oci_instruction_repeats_total` and
logged as `INSTRUCTION_REPEAT_BLOCKED` (outcome and number of sentences, never the text).

The eval suite scores the pair's raw output (what the prompt and model do); this guard is
the service's safety net on top, and its outcome rates are in `/metrics` and the records.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from service.claims import (
    STRICTER_INSTRUCTION,
    ClaimReport,
    Finding,
    GuardResult,
    check_summary,
    find_instructions,
    kind_of,
    read_history,
    settle,
)
from service.injection import find_injections
from service.model_calls import summarize_observed
from service.model_usage import TokenUsage
from service.models import Interaction, SummaryOptions, select_interactions
from service.observability import EventLog, ServiceMetrics
from service.prompts import PromptPair
from service.summarizer import CompletionGateway, Summary
from service.verifier import Verifier

INJECTION_FLAG = "instruction_in_customer_text"
INSTRUCTION_KIND = "instruction_violation"


@dataclass(frozen=True)
class CheckedSummary:
    """The summary an agent is shown, and what the check did (`findings`: those of the
    first draft, which the retry or the redaction answered)."""

    summary: Summary
    outcome: str  # passed, regenerated, redacted, withheld, not_checked
    flags: tuple[str, ...]
    findings: tuple[Finding, ...] = ()


def _report(summary: Summary, options: SummaryOptions, pair: PromptPair) -> ClaimReport:
    return check_summary(
        summary.text, summary.interactions, options, system_prompt=pair.template.system
    )


async def _second_opinion(
    report: ClaimReport,
    summary: Summary,
    options: SummaryOptions,
    verifier: Verifier | None,
    metrics: ServiceMetrics,
) -> ClaimReport:
    """`report` with only the findings the verifier confirms (as is with no verifier)."""
    if verifier is None or report.ok:
        return report
    # A repeated customer instruction is kept from the agent whatever a model says of it.
    verified = await verifier.verify(
        report, summary.text, summary.interactions, options, unasked=_is_instruction
    )
    for answer, count in verified.answers.items():
        metrics.verifier_answers.labels(answer).inc(count)
    return verified.report


def _stricter(pair: PromptPair) -> PromptPair:
    template = replace(pair.template, system=pair.template.system + STRICTER_INSTRUCTION)
    return replace(pair, template=template)


def _combined(first: Summary, second: Summary, text: str) -> Summary:
    """The shown text with both calls' cost, tokens and time: the retry is not free."""
    a, b = first.usage, second.usage
    usage = TokenUsage(
        a.input_tokens + b.input_tokens,
        a.output_tokens + b.output_tokens,
        a.cache_read_tokens + b.cache_read_tokens,
        a.cache_write_tokens + b.cache_write_tokens,
    )
    return replace(
        second,
        text=text,
        usage=usage,
        cost_usd=first.cost_usd + second.cost_usd,
        latency_ms=first.latency_ms + second.latency_ms,
    )


def _has_instructions(selected: Sequence[Interaction], options: SummaryOptions) -> bool:
    # The log's patterns (service.injection) and the claim checker's wider ones: the desktop
    # flag should fire on any record the checker keeps out of the evidence.
    notes = [(position, item.notes) for position, item in enumerate(selected, start=1)]
    return bool(find_injections(selected, options.ivr_intent) or find_instructions(notes))


def _flags(result: GuardResult, injected: bool) -> tuple[str, ...]:
    flags = list(result.flags)
    if injected and INJECTION_FLAG not in flags:
        flags.append(INJECTION_FLAG)
    return tuple(flags)


async def summarize_checked(
    interactions: Sequence[Interaction],
    options: SummaryOptions,
    pair: PromptPair,
    gateway: CompletionGateway,
    *,
    events: EventLog,
    metrics: ServiceMetrics,
    request_id: str,
    enabled: bool = True,
    verifier: Verifier | None = None,
) -> CheckedSummary:
    """Summarize with `pair`, then check, retry or redact as the module docstring says.

    Raises:
        DependencyUnavailableError: The first call failed on every model (a failed retry
            falls back to redacting the first draft instead).
    """
    started = time.perf_counter()
    # The records are read while the model writes: after it answers, the check has only the
    # summary left to read.
    reading = (
        asyncio.create_task(
            asyncio.to_thread(
                read_history, select_interactions(list(interactions), options), options
            )
        )
        if enabled
        else None
    )
    try:
        first = await summarize_observed(
            interactions,
            options,
            pair,
            gateway,
            events=events,
            metrics=metrics,
            request_id=request_id,
        )
    finally:
        if reading is not None:
            await reading
    injected = _has_instructions(select_interactions(list(interactions), options), options)
    if not enabled or not first.model_called:
        flags = (INJECTION_FLAG,) if injected and first.model_called else ()
        return CheckedSummary(first, "not_checked", flags)
    report = await _second_opinion(_report(first, options, pair), first, options, verifier, metrics)
    if report.ok:
        metrics.summary_checks.labels("passed").inc()
        return CheckedSummary(first, "passed", (INJECTION_FLAG,) if injected else ())
    categories = sorted({finding.category for finding in report.findings})
    events.event("SUMMARY_CHECK_FAILED", request_id, categories=categories)
    shown, last, regenerated = first, report, False
    # Retry only when a second call of the same length still fits the pair's budget.
    elapsed = time.perf_counter() - started
    if elapsed * 2 <= pair.model.total_budget_s:
        try:
            second = await summarize_observed(
                interactions,
                options,
                _stricter(pair),
                gateway,
                events=events,
                metrics=metrics,
                request_id=request_id,
            )
        except Exception as error:  # noqa: BLE001 - the first draft is still there to redact
            events.event("SUMMARY_RETRY_FAILED", request_id, error=type(error).__name__)
        else:
            last = await _second_opinion(
                _report(second, options, pair), second, options, verifier, metrics
            )
            shown, last, regenerated = second, last, True
            shown = _combined(first, second, second.text)
    result = settle(report, last, shown.text, regenerated=regenerated)
    result = _without_instructions(result, shown, options, pair)
    if _carries_instruction(report):
        metrics.instruction_repeats.labels(result.outcome).inc()
        events.event(
            "INSTRUCTION_REPEAT_BLOCKED",
            request_id,
            outcome=result.outcome,
            removed=len(result.removed),
        )
    metrics.summary_checks.labels(result.outcome).inc()
    events.event(
        "SUMMARY_CHECK_SETTLED", request_id, outcome=result.outcome, removed=len(result.removed)
    )
    return CheckedSummary(
        replace(shown, text=result.text),
        result.outcome,
        _flags(result, injected),
        report.findings,
    )


def _is_instruction(finding: Finding) -> bool:
    return kind_of(finding.category).name == INSTRUCTION_KIND


def _carries_instruction(report: ClaimReport) -> bool:
    return any(_is_instruction(finding) for finding in report.findings)


def _without_instructions(
    result: GuardResult, shown: Summary, options: SummaryOptions, pair: PromptPair
) -> GuardResult:
    """`result`, or the summary withheld when the text it would show still repeats or obeys
    a customer's instruction (a sentence the redaction could not single out)."""
    if result.outcome == "withheld":
        return result
    final = _report(replace(shown, text=result.text), options, pair)
    if not _carries_instruction(final):
        return result
    return result.withheld()
