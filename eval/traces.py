"""Every summary of an eval run as an MLflow trace, its scores and judge verdicts attached.

One trace per sample and trial (`service.tracing.write_trace`: request, selected records,
prompt version, model call, claim check, output) in the experiment `<prompt>-eval`, linked
to the eval's run, so a data scientist can open any sample in the MLflow UI. Each score is
an assessment from source CODE (`oci/<scorer>`); each QA criterion the judge answered is one
from source LLM_JUDGE (or CODE for the local baseline judge, which is code), named as the
criterion, the name people's labels from the review queue carry too.

A trace is identified by what it shows (pair content, sample, output, scores): one already
written for the same content (an unchanged re-run, a cached output) is linked to the new run
instead of written again, so a warm `make eval` writes no trace. Writing is MLflow's async
trace logging; `log_run_traces` returns once MLflow has flushed it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from eval.cache import EvalCache, cache_key
from eval.types import EvalRun, EvalSample, SampleResult
from service.models import select_interactions
from service.tracing import (
    SUMMARY_KEY_TAG,
    CheckResult,
    ModelCall,
    SourceType,
    SummaryTrace,
    TraceAssessment,
    experiment_id,
    write_trace,
)

TRACE_CACHE_VERSION = "1"
LINK_BATCH = 100  # trace ids per link call (MLflow's limit per request)


def summary_key(dataset: str, sample_id: str, output: str) -> str:
    """What a summary trace is about: the sample and the exact text (16 hex digits).

    The review queue computes the same key for an item, to find the trace of what a
    reviewer reads.
    """
    digest = hashlib.sha256(output.encode("utf-8")).hexdigest()
    material = json.dumps([dataset, sample_id, digest])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def records_of(sample: EvalSample) -> list[dict[str, Any]]:
    """The records the summarizer was given, numbered as the checker's evidence numbers them."""
    chosen = select_interactions(list(sample.interactions), sample.options)
    return [
        {"position": position, **item.model_dump(mode="json")}
        for position, item in enumerate(chosen, start=1)
    ]


def score_assessments(
    result: SampleResult, *, judge_model: str, judge_is_baseline: bool
) -> list[TraceAssessment]:
    """Each score as a CODE assessment; each judge criterion as the judge's."""
    found = []
    judge_source: SourceType = "CODE" if judge_is_baseline else "LLM_JUDGE"
    for name, score in sorted(result.scores.items()):
        errored = score.value is None and score.reason.startswith(("scorer error", "judge"))
        if score.value is None and not errored:
            continue  # not applicable to this sample (no references, nothing open)
        found.append(
            TraceAssessment(
                name=name,
                value=score.value,
                source_type=judge_source if name == "judge" else "CODE",
                source_id=judge_model if name == "judge" else f"oci/{name}",
                rationale=score.reason[:2000],
                metadata={"passed": str(score.passed).lower()} if score.passed is not None else {},
                error=score.reason[:500] if errored else "",
            )
        )
        if name != "judge":
            continue
        reasons = score.metadata.get("reasons") or {}
        for criterion, verdict in (score.metadata.get("per_criterion") or {}).items():
            if verdict is None:
                continue
            found.append(
                TraceAssessment(
                    name=str(criterion),
                    value=bool(verdict),
                    source_type=judge_source,
                    source_id=judge_model,
                    rationale=str(reasons.get(criterion) or "")[:2000],
                )
            )
    return found


def result_trace(run: EvalRun, result: SampleResult, sample: EvalSample, role: str) -> SummaryTrace:
    """The trace of one result of `run`."""
    claims = result.scores.get("claims")
    findings = tuple(dict(f) for f in (claims.metadata.get("findings") or ())) if claims else ()
    options = sample.options
    key = summary_key(result.dataset, result.sample_id, result.output or "")
    return SummaryTrace(
        request={
            "dataset": result.dataset,
            "sample_id": result.sample_id,
            "trial": result.trial,
            "ivr_intent": options.ivr_intent,
            "max_history_days": options.max_history_days,
            "max_interactions": options.max_interactions,
            "channel_filter": list(options.channel_filter) if options.channel_filter else None,
            "as_of": options.as_of.isoformat(),
        },
        records=records_of(sample),
        prompt={
            "name": run.pair.name,
            "version": run.pair.version,
            "content_hash": run.pair.content_hash,
            "model_primary": run.pair.model_primary,
        },
        model=ModelCall(
            model_used=result.model_used,
            called=result.model_called,
            fallback_used=result.fallback_used,
            input_tokens=result.input_tokens,
            output_tokens=result.output_tokens,
            cost_usd=result.cost_usd,
            latency_ms=result.latency_ms,
            latency_source=result.latency_source,
            error=result.error,
        ),
        output=result.output,
        check=CheckResult("findings" if findings else "passed", findings)
        if claims is not None
        else None,
        tags={
            SUMMARY_KEY_TAG: key,
            "oci.source": "eval",
            "oci.role": role,
            "oci.dataset": result.dataset,
            "oci.sample_id": result.sample_id,
            "oci.pair": f"{run.pair.name}@{run.pair.version}",
        },
    )


@dataclass(frozen=True)
class TraceLog:
    """What `log_run_traces` did."""

    written: int
    reused: int
    seconds: float
    experiment_id: str
    experiment_name: str


@contextmanager
def traces_to(tracking_uri: str) -> Iterator[None]:
    """MLflow's process-wide tracking URI at `tracking_uri` while traces are written and
    flushed (its trace exporter writes there), then as before."""
    import mlflow

    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    if previous != tracking_uri:
        mlflow.set_tracking_uri(tracking_uri)
    try:
        yield
        mlflow.flush_trace_async_logging()
    finally:
        if previous != tracking_uri:
            mlflow.set_tracking_uri(previous)  # type: ignore[arg-type]


def log_run_traces(
    runs: Sequence[tuple[EvalRun, str]],
    *,
    run_id: str,
    tracking_uri: str,
    artifacts_dir: Path,
    cache: EvalCache | None,
) -> TraceLog:
    """Write (or reuse) one trace per result of each (run, role) and link them to `run_id`."""
    from mlflow.tracking import MlflowClient

    started = time.perf_counter()
    name = f"{runs[0][0].pair.name}-eval"
    experiment = experiment_id(tracking_uri, name, artifacts_dir)
    written, reused = [], []
    with traces_to(tracking_uri):
        for run, role in runs:
            by_sample = {(s.dataset, s.id): s for s in run.samples}
            for result in run.results:
                sample = by_sample.get((result.dataset, result.sample_id))
                if sample is None:
                    continue
                assessments = score_assessments(
                    result, judge_model=run.judge_model, judge_is_baseline=run.judge_is_baseline
                )
                trace = result_trace(run, result, sample, role)
                key = _trace_cache_key(trace, assessments, tracking_uri, experiment)
                known = cache.get("trace", key) if cache is not None else None
                if known is not None:
                    reused.append(str(known["trace_id"]))
                    continue
                trace_id = write_trace(
                    trace, experiment_id=experiment, assessments=assessments, run_id=run_id
                )
                written.append(trace_id)
                if cache is not None:
                    cache.put("trace", key, {"trace_id": trace_id})
    client = MlflowClient(tracking_uri)
    for start in range(0, len(reused), LINK_BATCH):
        client.link_traces_to_run(reused[start : start + LINK_BATCH], run_id)
    return TraceLog(len(written), len(reused), time.perf_counter() - started, experiment, name)


def _trace_cache_key(
    trace: SummaryTrace,
    assessments: Sequence[TraceAssessment],
    tracking_uri: str,
    experiment: str,
) -> str:
    content = json.dumps(
        {
            # Not where the latency came from: a cached output is the summary it was.
            "trace": [trace.request, trace.prompt, trace.tags, trace.output],
            "model": repr(replace(trace.model, latency_source="")),
            "check": repr(trace.check),
            "assessments": [repr(a) for a in assessments],
        },
        sort_keys=True,
        default=str,
    )
    return cache_key(TRACE_CACHE_VERSION, tracking_uri, experiment, content)
