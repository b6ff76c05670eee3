"""The verifier stage: each finding put to a model (the Converse emulator, which answers a
verification deterministically), only confirmed findings counted, failures kept (closed)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from oci_testing.claim_histories import OPTIONS, record
from oci_testing.service_env import RunningService, emulated_pair, make_settings, serve_service

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.emulator.verification import answer_verification, is_verification
from service.claims import ClaimReport, Finding, check_summary
from service.composition import build_backends, load_committed_pair
from service.gateway import ModelGateway
from service.model_config import ModelConfig
from service.verifier import Verdict, Verifier, apply_verdicts, parse_answer

VERIFIER_ID = "us.amazon.nova-micro-v1:0"
HISTORY = (
    record(0, "chat", "Customer disputes a $45 late fee. Agent opened a billing review."),
    record(2, "agent", "Billing review still pending; customer to hear back by email."),
)
SLIPPED = "The customer disputes a $95 late fee; a billing review is pending."


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(seed=5) as server:
        yield server


@pytest.fixture(scope="module")
def gateway(emulator: EmulatorServer) -> Iterator[ModelGateway]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "emulator")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
        gateway = ModelGateway()
        # One call first: litellm's first Bedrock call loads its clients, which takes longer
        # than a verifier's budget.
        asyncio.run(_verifier(gateway, emulator, 30.0).verify(_report(), SLIPPED, HISTORY))
        yield gateway


def _report() -> ClaimReport:
    return check_summary(SLIPPED, HISTORY, OPTIONS)


def _verifier(gateway: ModelGateway, emulator: EmulatorServer, budget_s: float) -> Verifier:
    config = ModelConfig(
        primary=f"bedrock/converse/{VERIFIER_ID}",
        api_base=emulator.base_url,
        aws_region_name="us-east-1",
        timeout_s=budget_s,
        total_budget_s=budget_s,
        max_retries_on_throttle=0,
    )
    return Verifier(gateway, config, budget_s=budget_s)


@pytest.fixture
def verifier(
    gateway: ModelGateway, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> Verifier:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    emulator.reset()
    return _verifier(gateway, emulator, 10.0)


def test_the_answer_is_read_as_json_or_is_an_error() -> None:
    assert parse_answer('{"verdict": "confirmed", "reason": "x"}') == Verdict("confirmed", "x")
    assert parse_answer('Sure: {"verdict": "not_confirmed"}').answer == "not_confirmed"
    assert parse_answer("confirmed").answer == "error"
    assert parse_answer('{"verdict": "maybe"}').answer == "error"


def test_an_unconfirmed_finding_becomes_an_abstention_with_the_reason() -> None:
    report = check_summary(SLIPPED, HISTORY, OPTIONS)
    assert report.findings
    verdicts = [Verdict("not_confirmed", "the fee is $95")] + [
        Verdict("error") for _ in report.findings[1:]
    ]
    doubted = apply_verdicts(report, verdicts)
    assert len(doubted.findings) == len(report.findings) - 1
    assert "verifier: the fee is $95" in doubted.abstentions[-1].reason
    assert not doubted.abstentions[-1].certain


def test_the_emulator_confirms_what_the_records_bear_out_and_no_more() -> None:
    question = {
        "sentence": SLIPPED,
        "finding": {"category": "amount", "verdict": "unsupported", "claim": "$95", "reason": ""},
        "records": [
            {**json.loads(item.model_dump_json()), "position": n}
            for n, item in enumerate(HISTORY, 1)
        ],
        "as_of": OPTIONS.as_of.isoformat() if OPTIONS.as_of else None,
        "ivr_intent": "billing",
    }
    assert json.loads(answer_verification(json.dumps(question)))["verdict"] == "confirmed"
    question["sentence"] = "The customer disputes a $45 late fee."
    assert json.loads(answer_verification(json.dumps(question)))["verdict"] == "not_confirmed"


def test_a_finding_the_model_confirms_counts(verifier: Verifier) -> None:
    report = check_summary(SLIPPED, HISTORY, OPTIONS)
    verified = asyncio.run(verifier.verify(report, SLIPPED, HISTORY, OPTIONS))
    assert verified.answers["confirmed"] == len(report.findings)
    assert verified.report.findings == report.findings


def test_a_finding_the_model_does_not_confirm_is_an_abstention(verifier: Verifier) -> None:
    # A finding the rules did not make: the model, reading the records, does not confirm it.
    invented = Finding("amount", "unsupported", "$45 late fee", "no record gives it")
    report = check_summary(SLIPPED, HISTORY, OPTIONS)
    from dataclasses import replace

    asked = replace(report, findings=(invented,))
    verified = asyncio.run(verifier.verify(asked, "A $45 late fee.", HISTORY, OPTIONS))
    assert verified.answers["not_confirmed"] == 1
    assert verified.report.findings == ()
    assert verified.report.abstentions[-1].reason.startswith("no record gives it (verifier:")


def test_an_error_keeps_the_rules_finding(verifier: Verifier, emulator: EmulatorServer) -> None:
    emulator.set_plan(FaultPlan(models={VERIFIER_ID: ModelFaults(error_rate=1.0)}))
    verified = asyncio.run(verifier.verify(_report(), SLIPPED, HISTORY, OPTIONS))
    assert verified.answers["error"] == len(_report().findings)
    assert verified.report.findings == _report().findings


def test_an_answer_over_the_budget_keeps_the_rules_finding(
    gateway: ModelGateway, emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    slow = ModelFaults(latency=FixedLatency(ms=5000))
    emulator.set_plan(FaultPlan(models={VERIFIER_ID: slow}))
    verifier = _verifier(gateway, emulator, 0.3)
    verified = asyncio.run(verifier.verify(_report(), SLIPPED, HISTORY, OPTIONS))
    emulator.release()
    assert set(verified.answers) <= {"timeout", "error"}
    assert verified.report.findings == _report().findings


# Through the HTTP API: the service with a verifier configured.
ACCOUNT = "66665555"
FACTS = "The customer disputes a $45 late fee; a billing review is pending."


class Scripted:
    """The summary model answers as scripted; a verification is answered by the emulator's
    own deterministic reading, or as scripted when `verdict` is set."""

    def __init__(self) -> None:
        self.summary = FACTS
        self.verdict: str | None = None

    def __call__(self, system: str, user: str) -> str:
        if is_verification(system):
            if self.verdict is not None:
                return json.dumps({"verdict": self.verdict, "reason": "scripted"})
            return answer_verification(user)
        return self.summary


@pytest.fixture(scope="module")
def scripted() -> Scripted:
    return Scripted()


@pytest.fixture(scope="module")
def scripted_emulator(scripted: Scripted) -> Iterator[EmulatorServer]:
    with EmulatorServer(answer=scripted) as server:
        yield server


@pytest.fixture
def verified_service(
    tmp_path: Path,
    repo_root: Path,
    monkeypatch: pytest.MonkeyPatch,
    scripted_emulator: EmulatorServer,
) -> Iterator[RunningService]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    settings = make_settings(tmp_path, repo_root).model_copy(
        update={
            "verifier_model": f"bedrock/converse/{VERIFIER_ID}",
            "verifier_api_base": scripted_emulator.base_url,
            "verifier_aws_region": "us-east-1",
        }
    )
    now = datetime.now(UTC)
    history = [
        item.model_copy(update={"timestamp": now - timedelta(hours=5 - n)})
        for n, item in enumerate(HISTORY)
    ]
    backends = build_backends(settings)
    try:
        asyncio.run(backends.interactions.put_many(ACCOUNT, history))
    finally:
        backends.close()
    pair = emulated_pair(load_committed_pair(settings), scripted_emulator.base_url)
    yield from serve_service(settings, pair)


def _ask(service: RunningService, process_id: str) -> tuple[dict[str, object], str]:
    body = {"unique_process_id": process_id, "account_number": ACCOUNT, "contact_id": "c-3"}
    with service.client() as client:
        response = client.post("/omni-channel-insights", json=body)
        metrics = client.get("/metrics").text
    assert response.status_code == 200, response.text
    return response.json(), metrics


def test_over_http_a_confirmed_finding_is_redacted(
    verified_service: RunningService, scripted: Scripted
) -> None:
    scripted.summary, scripted.verdict = f"{FACTS} The $95 fee was refunded.", None
    answer, metrics = _ask(verified_service, "p-confirmed")
    assert answer["summary_check"] in ("redacted", "withheld")
    assert "$95" not in str(answer["summary"])
    assert 'oci_verifier_answers_total{answer="confirmed"}' in metrics


def test_over_http_an_unconfirmed_finding_does_not_count(
    verified_service: RunningService, scripted: Scripted
) -> None:
    scripted.summary, scripted.verdict = f"{FACTS} The $95 fee was refunded.", "not_confirmed"
    answer, metrics = _ask(verified_service, "p-doubted")
    assert answer["summary_check"] == "passed"
    assert 'oci_verifier_answers_total{answer="not_confirmed"}' in metrics
