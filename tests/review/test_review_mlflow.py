"""Summaries as MLflow traces and labels as their HUMAN assessments, read back through
MLflow's API: eval traces (written once, linked to every run), production traces (sampled,
masked, off the request path) and the review queue's mirror (idempotent, overriding)."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mlflow
import pytest
from fastapi.testclient import TestClient
from mlflow.tracking import MlflowClient
from oci_testing.review_fixtures import finding_fields, form_of, review_setup
from oci_testing.service_env import ACCOUNT, GOOD_BODY, make_settings, seed_history, serve_service

from eval.dataset.loader import load_golden
from eval.judge.config import JudgeConfig
from eval.review.app import create_review_app
from eval.review.mirror import FINDING_VERDICT, MlflowMirror
from eval.runner import evaluate
from eval.samples import golden_samples
from eval.scorers import build_scorers
from eval.traces import log_run_traces, summary_key, traces_to
from service.gateway import ModelGateway
from service.models import SummaryOptions
from service.pii_at_rest import AtRest
from service.prompt_source import load_prompt_dir
from service.summarizer import summarize
from service.tracing import SUMMARY_KEY_TAG, ProductionTracer, ServedSummary, write_trace

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One MLflow store for the module (its migrations take seconds); the process-wide
    tracking URI is put back afterwards."""
    root = tmp_path_factory.mktemp("mlflow")
    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    yield f"sqlite:///{root / 'mlflow.db'}", root / "artifacts"
    mlflow.set_tracking_uri(previous)  # type: ignore[arg-type]


def human(trace_id: str) -> list[Any]:
    trace = mlflow.get_trace(trace_id)
    assert trace is not None
    return [a for a in trace.info.assessments if a.source.source_type == "HUMAN"]


def test_labels_become_human_assessments_once_and_a_new_label_overrides(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    uri, artifacts = store
    mirror = MlflowMirror(uri, "omni-summary", artifacts)
    setup = review_setup(tmp_path, mirror=mirror)
    http = TestClient(
        create_review_app(setup.context),
        headers={"Authorization": f"Bearer {setup.token('alice', 'reviewer')}"},
    )
    item = setup.context.queues.items("calibration")[1]  # a summary without findings
    hidden = form_of(http.get(f"/item/{item.key}").text)
    body = {**hidden, "c.no_fabrication": "yes", "c.states_sentiment": "no", "wrong": "mood"}
    assert (
        http.post(
            f"/item/{item.key}", data=body, headers={"accept": "application/json"}
        ).status_code
        == 201
    )
    trace_id = mirror.find_trace(item.snapshot)
    assert trace_id is not None
    found = {(a.name, a.source.source_id, str(a.value)) for a in human(trace_id)}
    assert found == {
        ("no_fabrication", "alice", "True"),
        ("states_sentiment", "alice", "False"),
        ("what_was_wrong", "alice", "mood"),
    }
    [label] = setup.context.queues.labels.all()
    mirror.mirror(label)  # `oci review sync` after a mirror that had worked
    assert len(human(trace_id)) == 3
    relabel = {**body, **form_of(http.get(f"/item/{item.key}").text), "c.states_sentiment": "yes"}
    http.post(f"/item/{item.key}", data=relabel)
    sentiment = [a for a in human(trace_id) if a.name == "states_sentiment"]
    assert sorted((a.valid is not False, a.value) for a in sentiment) == [
        (False, False),
        (True, True),
    ]


def test_finding_verdicts_land_on_the_eval_trace_of_the_summary(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    uri, artifacts = store
    mirror = MlflowMirror(uri, "omni-summary", artifacts)
    setup = review_setup(tmp_path, mirror=mirror)
    item = setup.context.queues.items("findings")[0]
    with traces_to(uri):
        from oci_testing.review_fixtures import findings_item

        eval_trace = write_trace(
            _plain_trace(findings_item().snapshot.summary, item.summary_key),
            experiment_id=mirror.experiments()[0],
        )
    http = TestClient(
        create_review_app(setup.context),
        headers={"Authorization": f"Bearer {setup.token('bob', 'reviewer')}"},
    )
    page = http.get(f"/item/{item.key}").text
    ids = finding_fields(page)
    verdicts = {f"f.{ident}": "false_alarm" for ident in ids}
    body = {**form_of(page), **verdicts, "wrong": "the records say $26", "c.no_pii": "yes"}
    assert (
        http.post(
            f"/item/{item.key}", data=body, headers={"accept": "application/json"}
        ).status_code
        == 201
    )
    assert mirror.find_trace(item.snapshot) == eval_trace
    on_trace = human(eval_trace)
    verdict_ids = {a.metadata["oci.finding_id"] for a in on_trace if a.name == FINDING_VERDICT}
    assert verdict_ids == set(ids)
    assert all(a.source.source_id == "bob" for a in on_trace)


def _plain_trace(summary: str, key: str) -> Any:
    from service.tracing import ModelCall, SummaryTrace

    return SummaryTrace(
        request={"sample_id": "gs-042"},
        records=[],
        prompt={"name": "omni-summary", "version": "2"},
        model=ModelCall(model_used="local/extractive-summarizer", called=True),
        output=summary,
        tags={SUMMARY_KEY_TAG: key},
    )


def test_eval_traces_are_written_once_and_linked_to_every_run(
    store: tuple[str, Path], tmp_path: Path
) -> None:
    uri, artifacts = store
    pair = load_prompt_dir(REPO / "prompts" / "omni-summary").pair
    samples, info = golden_samples(load_golden("v1", root=REPO / "datasets"))
    judge = JudgeConfig()
    scorers = build_scorers(["bleu", "claims", "judge"], judge=judge, gateway=ModelGateway())
    run = asyncio.run(
        evaluate(
            pair,
            samples[:3],
            [info],
            gateway=ModelGateway(),
            scorers=scorers,
            judge_model=judge.model,
            judge_is_baseline=judge.is_baseline,
        )
    )
    from eval.cache import EvalCache

    client = MlflowClient(uri)
    cache = EvalCache(tmp_path / "cache.sqlite")
    logged = []
    for _ in range(2):
        experiment = client.get_experiment_by_name("omni-summary-eval")
        ident = (
            experiment.experiment_id
            if experiment
            else client.create_experiment("omni-summary-eval")
        )
        run_id = client.create_run(ident).info.run_id
        logged.append(
            (
                run_id,
                log_run_traces(
                    [(run, "candidate")],
                    run_id=run_id,
                    tracking_uri=uri,
                    artifacts_dir=artifacts,
                    cache=cache,
                ),
            )
        )
    cache.close()
    (first_run, first), (second_run, second) = logged
    assert (first.written, first.reused) == (3, 0) and (second.written, second.reused) == (0, 3)
    for run_id in (first_run, second_run):
        traces = mlflow.search_traces(
            locations=[first.experiment_id], run_id=run_id, return_type="list"
        )
        assert len(traces) == 3
    trace = traces[0]
    assert [s.name for s in trace.data.spans] == [
        "summary",
        "select_records",
        "render_prompt",
        "model_call",
        "claim_check",
    ]
    sources = {a.name: (a.source.source_type, a.source.source_id) for a in trace.info.assessments}
    assert sources["bleu"] == ("CODE", "oci/bleu")
    assert sources["no_fabrication"] == ("CODE", "local/rubric-judge")  # the baseline is code
    result = next(r for r in run.results if r.sample_id == trace.info.tags["oci.sample_id"])
    assert trace.info.tags[SUMMARY_KEY_TAG] == summary_key(
        result.dataset, result.sample_id, result.output or ""
    )


def test_production_tracer_samples_masks_and_counts_every_summary(
    store: tuple[str, Path], repo_root: Path
) -> None:
    uri, artifacts = store
    settings = make_settings(Path(artifacts).parent / "prod", repo_root)
    pair = load_prompt_dir(repo_root / "prompts" / "omni-summary").pair
    from oci_testing.service_env import HISTORY

    options = SummaryOptions(as_of=HISTORY[-1].timestamp)
    summary = asyncio.run(summarize(HISTORY, options, pair, ModelGateway()))
    draws = itertools.cycle([0.05, 0.95])  # every other summary is sampled at 50 %
    tracer = ProductionTracer(
        sample_rate=0.5,
        tracking_uri=uri,
        experiment_name="omni-summary-production-test",
        artifacts_dir=artifacts,
        at_rest=AtRest.from_secret(settings.auth_secret.get_secret_value()),  # type: ignore[union-attr]
        draw=lambda: next(draws),
    )
    request = {**GOOD_BODY, "ivr_intent": "misc", "max_history_days": 90}
    queued = [
        tracer.offer(ServedSummary(f"req-{n}", request, options, summary, "passed"))
        for n in range(6)
    ]
    tracer.close()
    assert queued == [True, False] * 3
    counts = tracer.counts
    assert (counts.sampled, counts.written, counts.dropped, counts.failed) == (3, 3, 0, 0)
    experiment = MlflowClient(uri).get_experiment_by_name("omni-summary-production-test")
    traces = mlflow.search_traces(locations=[experiment.experiment_id], return_type="list")
    assert sorted(t.info.tags["oci.request_id"] for t in traces) == ["req-0", "req-2", "req-4"]
    text = json.dumps([t.to_dict() for t in traces])
    assert ACCOUNT not in text and "555-010-4477" not in text and "5555 5555 5555 4444" not in text
    assert all(
        a.name == "claim_check" and a.value is True for t in traces for a in t.info.assessments
    )


def test_service_traces_sampled_requests_after_answering(
    store: tuple[str, Path], tmp_path: Path, repo_root: Path
) -> None:
    uri, artifacts = store
    settings = make_settings(tmp_path, repo_root).model_copy(
        update={
            "trace_sample_rate": 1.0,
            "mlflow_tracking_uri": uri,
            "mlflow_artifacts_dir": artifacts,
        }
    )
    seed_history(settings)
    ids = []
    for running in serve_service(settings, None):
        with running.client() as http:
            answer = http.post("/omni-channel-insights", json=GOOD_BODY)
            assert answer.status_code == 200, answer.text
            ids.append(answer.json()["request_id"])
            assert http.post("/omni-channel-insights", json=GOOD_BODY).json()["cache_hit"] is True
    experiment = MlflowClient(uri).get_experiment_by_name(f"{settings.prompt_name}-production")
    traces = mlflow.search_traces(locations=[experiment.experiment_id], return_type="list")
    assert [t.info.tags["oci.request_id"] for t in traces] == ids  # the cache hit is not traced
