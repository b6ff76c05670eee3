"""A sample of production summaries as MLflow traces, written off the request path.

Off unless `OCI_TRACE_SAMPLE_RATE` > 0. A request that is sampled costs the event loop one
random draw and one `put_nowait` of references it already holds; converting the records,
masking personal data and writing the trace happen on one daemon thread. When that thread
falls behind, the bounded queue is full and the trace is dropped (counted), never waited
for; a failing MLflow store costs failed traces, never a request. `bench/trace_overhead.py`
measures what a sampled request costs beside an unsampled one.

What is traced is masked as the processed record is (`service.pii_at_rest`): notes, the
summary and the findings' claims with `redact`, the account number as its keyed token.
"""

from __future__ import annotations

import logging
import queue
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from service.claims import Finding
from service.models import SummaryOptions
from service.pii_at_rest import AtRest
from service.summarizer import Summary
from service.tracing.summary_trace import (
    REQUEST_ID_TAG,
    CheckResult,
    ModelCall,
    SummaryTrace,
    TraceAssessment,
    experiment_id,
    write_trace,
)

logger = logging.getLogger("oci.tracing")

_STOP = object()
CHECKER_SOURCE = "oci/claim-checker"


@dataclass(frozen=True)
class ServedSummary:
    """What the request path hands over: references only, converted on the tracer thread."""

    request_id: str
    request: dict[str, Any]
    options: SummaryOptions
    summary: Summary
    check_outcome: str
    flags: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass
class TracerCounts:
    """What the tracer did since it started (read by tests and the benchmark)."""

    sampled: int = 0
    written: int = 0
    dropped: int = 0
    failed: int = 0


@dataclass
class ProductionTracer:
    """Writes a sampled share of served summaries as traces of experiment `experiment_name`.

    Attributes:
        sample_rate: Share of generated summaries traced (0 < rate <= 1).
        tracking_uri: The MLflow store (the service's `MLFLOW_TRACKING_URI`).
        experiment_name: Normally `<prompt>-production`.
        artifacts_dir: Artifact root when the experiment has to be created.
        at_rest: How personal data is masked (the processed records' masker).
        queue_size: Summaries waiting to be written before new ones are dropped.
        draw: Uniform [0, 1) numbers for the sampling decision (seeded in tests).
    """

    sample_rate: float
    tracking_uri: str
    experiment_name: str
    artifacts_dir: Path
    at_rest: AtRest = field(default_factory=lambda: AtRest(b"", enabled=False))
    queue_size: int = 256
    draw: Callable[[], float] = random.random
    counts: TracerCounts = field(default_factory=TracerCounts)

    def __post_init__(self) -> None:
        if not 0.0 < self.sample_rate <= 1.0:
            raise ValueError(f"sample_rate must be in (0, 1], got {self.sample_rate}")
        self._queue: queue.Queue[object] = queue.Queue(maxsize=self.queue_size)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def offer(self, served: ServedSummary) -> bool:
        """Queue `served` for tracing if it is sampled; never blocks. True when queued."""
        if self.draw() >= self.sample_rate:
            return False
        self.counts.sampled += 1
        if self._thread is None:
            self._start()
        try:
            self._queue.put_nowait(served)
        except queue.Full:
            self.counts.dropped += 1
            return False
        return True

    @property
    def pending(self) -> int:
        """Sampled summaries not yet written, dropped or failed."""
        done = self.counts.written + self.counts.dropped + self.counts.failed
        return self.counts.sampled - done

    def close(self, timeout_s: float = 30.0) -> None:
        """Write what is queued (up to `timeout_s`), then stop the thread."""
        thread = self._thread
        if thread is None:
            return
        try:
            self._queue.put(_STOP, timeout=timeout_s)
        except queue.Full:
            return
        thread.join(timeout_s)

    def _start(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="oci-production-tracer", daemon=True
                )
                self._thread.start()

    def _run(self) -> None:
        import mlflow

        experiment: str | None = None
        while True:
            item = self._queue.get()
            if item is _STOP:
                break
            assert isinstance(item, ServedSummary)
            try:
                if experiment is None:
                    # The exporter writes to the process's tracking URI: the service's own.
                    mlflow.set_tracking_uri(self.tracking_uri)
                    experiment = experiment_id(
                        self.tracking_uri, self.experiment_name, self.artifacts_dir
                    )
                trace, assessments = self.trace_of(item)
                write_trace(trace, experiment_id=experiment, assessments=assessments)
                self.counts.written += 1
            except Exception as error:  # noqa: BLE001 - a trace must never take the service down
                self.counts.failed += 1
                logger.warning("trace of %s not written: %s", item.request_id, error)
        try:
            mlflow.flush_trace_async_logging()
        except Exception as error:  # noqa: BLE001 - best effort at shutdown
            logger.warning("trace flush failed: %s", error)

    def trace_of(self, served: ServedSummary) -> tuple[SummaryTrace, list[TraceAssessment]]:
        """The trace and the checker's assessment of one served summary, masked."""
        mask = self.at_rest
        summary = served.summary
        request = {
            **served.request,
            "account_number": mask.account(served.request.get("account_number")),
            "as_of": served.options.as_of.isoformat(),
        }
        records = [
            {
                "position": position,
                **item.model_dump(mode="json"),
                "notes": mask.text(item.notes),
                "intent": mask.text(item.intent),
                "outcome": mask.text(item.outcome),
            }
            for position, item in enumerate(summary.interactions, start=1)
        ]
        findings = tuple(
            {
                "category": f.category,
                "verdict": f.verdict,
                "claim": mask.text(f.claim) or "",
                "reason": mask.text(f.reason) or "",
                "evidence": list(f.evidence),
            }
            for f in served.findings
        )
        output = mask.text(summary.text)
        trace = SummaryTrace(
            request=request,
            records=records,
            prompt={
                "name": summary.prompt_name,
                "version": summary.prompt_version,
                "content_hash": summary.prompt_hash,
            },
            model=ModelCall(
                model_used=summary.model_used,
                called=summary.model_called,
                fallback_used=summary.fallback_used,
                input_tokens=summary.input_tokens,
                output_tokens=summary.output_tokens,
                cost_usd=summary.cost_usd,
                latency_ms=summary.latency_ms,
            ),
            output=output,
            check=CheckResult(served.check_outcome, findings, served.flags),
            tags={
                REQUEST_ID_TAG: served.request_id,
                "oci.source": "production",
                "oci.prompt_version": f"{summary.prompt_name}@{summary.prompt_version}",
            },
        )
        checked = served.check_outcome != "not_checked"
        assessments = [
            TraceAssessment(
                name="claim_check",
                value=served.check_outcome == "passed" if checked else None,
                source_type="CODE",
                source_id=CHECKER_SOURCE,
                rationale=", ".join(sorted({f.category for f in served.findings}))
                or served.check_outcome,
                metadata={"outcome": served.check_outcome, "flags": ",".join(served.flags)},
                error="" if checked else "the summary check was off",
            )
        ]
        return trace, assessments
