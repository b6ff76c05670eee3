"""The emulator's OpenAI-compatible route against real clients: httpx on the wire, and the
project's summarizer through litellm's `openai/...` provider with `api_base` ending in /v1."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import httpx
import pytest

from eval.dataset.loader import load_golden
from eval.emulator import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.openai_chat import ChatValidationError, parse_chat
from eval.emulator.server import EmulatorServer
from eval.samples import golden_samples
from service.gateway import ModelGateway
from service.model_config import ModelConfig, ModelPrice
from service.prompt_source import load_prompt_dir
from service.summarizer import summarize

ROOT = Path(__file__).resolve().parents[2]
BODY = {
    "model": "emulated-model",
    "messages": [
        {"role": "system", "content": "You write the briefing."},
        {"role": "user", "content": [{"type": "text", "text": "Customer called about a fee."}]},
    ],
    "max_tokens": 200,
}


def test_chat_completions_answer_in_openai_shape(emulator: EmulatorServer) -> None:
    answer = httpx.post(f"{emulator.base_url}/v1/chat/completions", json=BODY, timeout=10)
    assert answer.status_code == 200
    body = answer.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["content"]
    assert body["choices"][0]["finish_reason"] == "stop"
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0
    stats = emulator.stats()
    assert stats["models"]["emulated-model"] == {"ok": 1}
    assert stats["served_ms"]["p95"] >= 0


def test_throttling_and_bad_requests_are_openai_errors(emulator: EmulatorServer) -> None:
    emulator.set_plan(FaultPlan(models={"*": ModelFaults(throttle_rate=1.0)}))
    throttled = httpx.post(f"{emulator.base_url}/v1/chat/completions", json=BODY, timeout=10)
    assert throttled.status_code == 429
    assert throttled.json()["error"]["type"] == "rate_limit_exceeded"
    bad = httpx.post(f"{emulator.base_url}/v1/chat/completions", json={"model": "m"}, timeout=10)
    assert bad.status_code == 400
    assert "messages" in bad.json()["error"]["message"]


@pytest.mark.parametrize(
    "body",
    [[], {"messages": [{"role": "user", "content": "x"}]}, {"model": "m", "messages": []}],
)
def test_parse_chat_refuses_what_openai_refuses(body: object) -> None:
    with pytest.raises(ChatValidationError):
        parse_chat(body)


def test_the_summarizer_reaches_an_openai_compatible_model(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "emulator")  # a credential from the environment
    emulator.set_plan(FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=50))}))
    committed = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    model = ModelConfig(
        primary="openai/emulated-model",
        api_base=f"{emulator.base_url}/v1",
        prices={"openai/emulated-model": ModelPrice(input=0.15, output=0.6)},
    )
    pair = dataclasses.replace(committed, model=model)
    samples, _ = golden_samples(load_golden("v2", root=ROOT / "datasets"))
    sample = next(s for s in samples if s.interactions)
    summary = asyncio.run(summarize(sample.interactions, sample.options, pair, ModelGateway()))
    assert summary.model_called and summary.model_used == "openai/emulated-model"
    assert summary.text and summary.output_tokens > 0
    assert summary.cost_usd > 0  # priced from the declared price
    assert summary.latency_ms >= 50
    assert emulator.stats()["models"]["emulated-model"] == {"ok": 1}
