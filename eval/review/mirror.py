"""Every label as MLflow assessments (source HUMAN, the reviewer's id) on its summary's trace.

The trace is the summary's own when one exists — an eval's (found by `oci.summary_key`) or
a sampled production request's (by `oci.request_id`); otherwise one is written for it in
`<prompt>-review`, with the label's assessments inside (one transaction). Assessment names
line up with the others on a trace: a QA criterion under its id (beside the judge's verdict
of the same name), `finding_verdict` per finding (metadata: its id, category, claim),
`agent_not_helpful` for a not-helpful summary, `what_was_wrong` for the reviewer's words.

Mirroring is idempotent: each assessment carries the label's id, so a label mirrored twice
is not logged twice, and a reviewer's new label on the same thing overrides their earlier
assessment (`mlflow.override_feedback`) instead of standing beside it. `oci review sync`
mirrors whatever a failed MLflow write left out.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.review.items import ItemSnapshot
from eval.review.labels import Label
from eval.traces import summary_key
from service.tracing import (
    REQUEST_ID_TAG,
    SUMMARY_KEY_TAG,
    CheckResult,
    ModelCall,
    SummaryTrace,
    TraceAssessment,
    experiment_id,
    log_assessment,
    write_trace,
)

LABEL_ID_KEY = "oci.label_id"
FINDING_VERDICT = "finding_verdict"
NOT_HELPFUL = "agent_not_helpful"
WHAT_WAS_WRONG = "what_was_wrong"


def label_assessments(label: Label) -> list[TraceAssessment]:
    """The assessments one label stands for."""
    base = {LABEL_ID_KEY: label.label_id, "oci.queue": label.queue, "oci.item": label.item}
    found = [
        TraceAssessment(
            name=criterion,
            value=verdict,
            source_type="HUMAN",
            source_id=label.reviewer,
            rationale=label.wrong,
            metadata={**base, "oci.rubric": label.rubric},
        )
        for criterion, verdict in label.criteria.items()
        if verdict is not None
    ]
    for ident, verdict in label.findings.items():
        found.append(
            TraceAssessment(
                name=FINDING_VERDICT,
                value=verdict,
                source_type="HUMAN",
                source_id=label.reviewer,
                rationale=label.finding_reasons.get(ident) or label.wrong,
                metadata={**base, "oci.finding_id": ident},
            )
        )
    if label.verdict is not None:
        found.append(
            TraceAssessment(
                name=NOT_HELPFUL,
                value=label.verdict == "confirmed",
                source_type="HUMAN",
                source_id=label.reviewer,
                rationale=label.wrong,
                metadata=base,
            )
        )
    if label.wrong:
        found.append(
            TraceAssessment(
                name=WHAT_WAS_WRONG,
                value=label.wrong,
                source_type="HUMAN",
                source_id=label.reviewer,
                metadata=base,
            )
        )
    return found


def _slot(name: str, source_id: str, metadata: dict[str, Any] | None) -> tuple[str, str, str]:
    """What one assessment is about: a later one in the same slot overrides it."""
    return name, source_id, str((metadata or {}).get("oci.finding_id", ""))


def snapshot_trace(snapshot: ItemSnapshot, key: str) -> SummaryTrace:
    """A trace for a summary that has none (a calibration item, an unsampled request)."""
    records = [
        {"position": position, **item.model_dump(mode="json")}
        for position, item in enumerate(snapshot.interactions, start=1)
    ]
    tags = {SUMMARY_KEY_TAG: key, "oci.source": "review", "oci.dataset": snapshot.dataset}
    if request_id := snapshot.context.get("request_id"):
        tags[REQUEST_ID_TAG] = request_id
    return SummaryTrace(
        request={
            "dataset": snapshot.dataset,
            "sample_id": snapshot.sample_id,
            "as_of": snapshot.options.as_of.isoformat(),
            "max_history_days": snapshot.options.max_history_days,
            "max_interactions": snapshot.options.max_interactions,
        },
        records=records,
        prompt={"name": "", "version": snapshot.context.get("pair", "")},
        model=ModelCall(model_used="", called=False, latency_source="unknown"),
        output=snapshot.summary,
        check=CheckResult(snapshot.context.get("validation agent", "not_recorded")),
        tags=tags,
    )


@dataclass
class MlflowMirror:
    """Mirrors labels into the MLflow store at `tracking_uri` (set process-wide: MLflow's
    assessment API writes there; `oci review serve` is a process of its own)."""

    tracking_uri: str
    prompt_name: str
    artifacts_dir: Path

    def __post_init__(self) -> None:
        import mlflow

        mlflow.set_tracking_uri(self.tracking_uri)
        self._lock = threading.Lock()  # one mirror at a time: find-then-write must not race
        self._experiments: list[str] | None = None

    def experiments(self) -> list[str]:
        """The eval, production and review experiments (the review one created if absent)."""
        if self._experiments is None:
            ids = []
            for suffix in ("eval", "production", "review"):
                ids.append(
                    experiment_id(
                        self.tracking_uri, f"{self.prompt_name}-{suffix}", self.artifacts_dir
                    )
                )
            self._experiments = ids
        return self._experiments

    def find_trace(self, snapshot: ItemSnapshot) -> str | None:
        """The trace of the summary a snapshot shows, if one was written."""
        import mlflow

        key = summary_key(snapshot.dataset, snapshot.sample_id, snapshot.summary)
        filters = [f"tag.`{SUMMARY_KEY_TAG}` = '{key}'"]
        if request_id := snapshot.context.get("request_id"):
            filters.append(f"tag.`{REQUEST_ID_TAG}` = '{request_id}'")
        for condition in filters:
            found = mlflow.search_traces(
                locations=self.experiments(),
                filter_string=condition,
                max_results=1,
                return_type="list",
                include_spans=False,
            )
            if found:
                return str(found[0].info.trace_id)
        return None

    def mirror(self, label: Label) -> str:
        """Log `label` on its summary's trace; returns the trace id."""
        import mlflow

        wanted = label_assessments(label)
        with self._lock:
            trace_id = self.find_trace(label.snapshot)
            if trace_id is None:
                key = summary_key(
                    label.snapshot.dataset, label.snapshot.sample_id, label.snapshot.summary
                )
                review = self.experiments()[2]
                trace_id = write_trace(
                    snapshot_trace(label.snapshot, key), experiment_id=review, assessments=wanted
                )
                mlflow.flush_trace_async_logging()
                return trace_id
            self._log_on(trace_id, label, wanted)
        return trace_id

    def _log_on(self, trace_id: str, label: Label, wanted: Sequence[TraceAssessment]) -> None:
        import mlflow
        from mlflow.entities import AssessmentSource

        trace = mlflow.get_trace(trace_id)
        existing = [a for a in (trace.info.assessments if trace else []) if a.valid is not False]
        logged = {
            _slot(a.name, a.source.source_id, a.metadata)
            for a in existing
            if (a.metadata or {}).get(LABEL_ID_KEY) == label.label_id
        }
        earlier = {
            _slot(a.name, a.source.source_id, a.metadata): a
            for a in existing
            if a.source.source_type == "HUMAN"
        }
        for assessment in wanted:
            slot = _slot(assessment.name, assessment.source_id, dict(assessment.metadata))
            if slot in logged:
                continue
            previous = earlier.get(slot)
            if previous is None:
                log_assessment(trace_id, assessment)
                continue
            mlflow.override_feedback(
                trace_id=trace_id,
                assessment_id=previous.assessment_id,
                value=assessment.value,  # type: ignore[arg-type]
                rationale=assessment.rationale or None,
                source=AssessmentSource(source_type="HUMAN", source_id=assessment.source_id),
                metadata=dict(assessment.metadata),
            )

    def human_assessments(self, snapshot: ItemSnapshot) -> list[Any]:
        """The HUMAN assessments on the trace of `snapshot`'s summary (read back)."""
        import mlflow

        trace_id = self.find_trace(snapshot)
        trace = mlflow.get_trace(trace_id) if trace_id else None
        if trace is None:
            return []
        return [a for a in trace.info.assessments if a.source.source_type == "HUMAN"]
