"""One summary as an MLflow trace: request → selected records → prompt → model call → check.

A trace is written once the summary exists — by the eval harness after scoring, by the
service's tracer thread after the agent has the answer — from plain data, through MLflow's
public tracing API (`mlflow.start_span`, `mlflow.log_feedback`). Assessments (scores, the
judge's verdicts, people's labels) are logged while the trace is still open: MLflow then
writes them with the trace in one transaction instead of one transaction each, which on a
SQLite store is the difference between one commit and twenty.

Span times are those of the writing, not of the request; what was measured (the model's
latency, tokens, cost) is in the spans' attributes (`latency_ms`, `latency_source`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

SourceType = Literal["CODE", "LLM_JUDGE", "HUMAN"]
AssessmentValue = bool | float | int | str | None

# Tags every summary trace carries, so a reviewer's labels find the trace of what they read.
SUMMARY_KEY_TAG = "oci.summary_key"
REQUEST_ID_TAG = "oci.request_id"


@dataclass(frozen=True)
class TraceAssessment:
    """One assessment to attach: a score, a judge's verdict on a criterion, a person's label.

    `value` None with an `error` records a scorer that could not score.
    """

    name: str
    value: AssessmentValue
    source_type: SourceType
    source_id: str
    rationale: str = ""
    metadata: Mapping[str, str] = field(default_factory=dict)
    error: str = ""


@dataclass(frozen=True)
class ModelCall:
    """What the model call cost and returned (as measured when the summary was made)."""

    model_used: str
    called: bool
    fallback_used: bool = False
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    latency_ms: float = 0.0
    latency_source: str = "measured"  # or "cached": an eval output made by an earlier run
    error: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """What the claim checker said about the summary."""

    outcome: str  # passed / regenerated / redacted / withheld / not_checked, or "findings"
    findings: tuple[Mapping[str, Any], ...] = ()  # category, verdict, claim, reason, evidence
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryTrace:
    """Everything one summary trace shows, as plain data."""

    request: Mapping[str, Any]
    records: Sequence[Mapping[str, Any]]  # the selected records, in the prompt's order
    prompt: Mapping[str, str]  # name, version, content_hash
    model: ModelCall
    output: str | None
    check: CheckResult | None = None
    tags: Mapping[str, str] = field(default_factory=dict)
    name: str = "summary"


def _assessment_source(kind: SourceType, source_id: str) -> Any:
    from mlflow.entities import AssessmentSource, AssessmentSourceType

    source_types = {
        "CODE": AssessmentSourceType.CODE,
        "LLM_JUDGE": AssessmentSourceType.LLM_JUDGE,
        "HUMAN": AssessmentSourceType.HUMAN,
    }
    return AssessmentSource(source_type=source_types[kind], source_id=source_id)


def log_assessment(trace_id: str, assessment: TraceAssessment) -> Any:
    """Log one assessment on a trace (in memory while the trace is open, else in the store)."""
    import mlflow
    from mlflow.entities import AssessmentError

    error = AssessmentError(error_code="SCORER_ERROR", error_message=assessment.error)
    return mlflow.log_feedback(
        trace_id=trace_id,
        name=assessment.name,
        value=assessment.value,
        source=_assessment_source(assessment.source_type, assessment.source_id),
        error=error if assessment.error and assessment.value is None else None,
        rationale=assessment.rationale or None,
        metadata=dict(assessment.metadata) or None,
    )


def write_trace(
    trace: SummaryTrace,
    *,
    experiment_id: str,
    assessments: Sequence[TraceAssessment] = (),
    run_id: str | None = None,
) -> str:
    """Write `trace` with its assessments into the experiment; returns the trace id.

    MLflow exports the trace in the background (its async trace logging); call
    `mlflow.flush_trace_async_logging()` before reading it back or exiting.
    """
    import mlflow
    from mlflow.entities import SpanType
    from mlflow.entities.trace_location import MlflowExperimentLocation

    destination = MlflowExperimentLocation(experiment_id)
    with mlflow.start_span(
        trace.name, span_type=SpanType.CHAIN, trace_destination=destination, run_id=run_id
    ) as root:
        root.set_inputs(dict(trace.request))
        with mlflow.start_span("select_records", span_type=SpanType.RETRIEVER) as span:
            span.set_inputs({key: trace.request[key] for key in _SELECTION if key in trace.request})
            span.set_outputs(list(trace.records))
            span.set_attribute("records", len(trace.records))
        with mlflow.start_span("render_prompt", span_type=SpanType.PARSER) as span:
            span.set_attributes(dict(trace.prompt))
        with mlflow.start_span("model_call", span_type=SpanType.CHAT_MODEL) as span:
            call = trace.model
            span.set_attributes(
                {
                    "model_used": call.model_used,
                    "model_called": call.called,
                    "fallback_used": call.fallback_used,
                    "input_tokens": call.input_tokens,
                    "output_tokens": call.output_tokens,
                    "cost_usd": call.cost_usd,
                    "latency_ms": round(call.latency_ms, 1),
                    "latency_source": call.latency_source,
                }
            )
            if call.error:
                span.set_attribute("error", call.error)
            span.set_outputs(trace.output)
        if trace.check is not None:
            with mlflow.start_span("claim_check", span_type=SpanType.GUARDRAIL) as span:
                span.set_inputs({"summary": trace.output})
                span.set_outputs(
                    {
                        "outcome": trace.check.outcome,
                        "flags": list(trace.check.flags),
                        "findings": [dict(f) for f in trace.check.findings],
                    }
                )
        root.set_outputs(trace.output)
        if trace.tags:
            mlflow.update_current_trace(tags=dict(trace.tags))
        for assessment in assessments:
            log_assessment(root.trace_id, assessment)
    return str(root.trace_id)


_SELECTION = ("max_history_days", "max_interactions", "channel_filter", "as_of", "ivr_intent")


def experiment_id(tracking_uri: str, name: str, artifacts_dir: Path) -> str:
    """The id of experiment `name`, created (artifacts under `artifacts_dir`) if absent."""
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri)
    existing = client.get_experiment_by_name(name)
    if existing is not None:
        return str(existing.experiment_id)
    from mlflow.exceptions import MlflowException

    artifacts_dir.mkdir(parents=True, exist_ok=True)
    location = (artifacts_dir / name).resolve().as_uri()
    try:
        return str(client.create_experiment(name, artifact_location=location))
    except MlflowException:  # another process created it first
        created = client.get_experiment_by_name(name)
        if created is None:
            raise
        return str(created.experiment_id)
