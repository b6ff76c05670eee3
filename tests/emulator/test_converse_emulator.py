"""The Converse emulator against real clients: httpx on the wire, boto3, and litellm end to end."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from typing import Any

import boto3
import httpx
import litellm
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from litellm.llms.custom_httpx.http_handler import AsyncHTTPHandler

from eval.emulator import FaultPlan, FixedLatency, LognormalLatency, ModelFaults, count_tokens
from eval.emulator.faults import Outcome, sample_decision, sample_latency_s
from eval.emulator.prompt import PromptCache, parse_converse
from eval.emulator.server import EmulatorServer

NOVA_LITE = "amazon.nova-lite-v1:0"
CONVERSE_PATH = "/model/amazon.nova-lite-v1%3A0/converse"
SYSTEM_PREFIX = (
    "You summarize a contact-center customer's recent interactions for the agent who takes "
    "the call. Use at most 60 words. Do not repeat phone numbers, emails or card numbers. " * 4
)
CUSTOMER_DATA = (
    "[1] 2024-05-01T10:00:00Z | channel=ivr | intent=billing | outcome=transferred\n"
    "Customer called about a $45.00 late fee on the May statement.\n"
    "[2] 2024-05-02T09:30:00Z | channel=chat | intent=billing | outcome=unresolved\n"
    "Customer asked again for the late fee to be waived; agent promised a callback."
)
THROTTLE_TYPE = "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/"


def converse_body(*, cache_point: bool = True, user: str = CUSTOMER_DATA) -> dict[str, Any]:
    """A Converse request body shaped like the one litellm sends for our prompts."""
    system: list[dict[str, Any]] = [{"text": SYSTEM_PREFIX}]
    if cache_point:
        system.append({"cachePoint": {"type": "default"}})
    return {
        "messages": [{"role": "user", "content": [{"text": user}]}],
        "system": system,
        "inferenceConfig": {"maxTokens": 512, "temperature": 0},
    }


def post(base_url: str, body: dict[str, Any], path: str = CONVERSE_PATH) -> httpx.Response:
    return httpx.post(base_url + path, json=body, timeout=30)


def only(faults: ModelFaults) -> FaultPlan:
    return FaultPlan(models={"*": faults})


def test_converse_answers_in_bedrock_shape(emulator: EmulatorServer) -> None:
    response = post(emulator.base_url, converse_body(cache_point=False))
    assert response.status_code == 200
    assert response.headers["x-amzn-requestid"]
    body = response.json()
    assert set(body) == {"output", "stopReason", "usage", "metrics"}
    message = body["output"]["message"]
    assert message["role"] == "assistant"
    assert isinstance(message["content"][0]["text"], str) and message["content"][0]["text"]
    assert body["stopReason"] == "end_turn"
    usage = body["usage"]
    assert usage["inputTokens"] == count_tokens(SYSTEM_PREFIX) + count_tokens(CUSTOMER_DATA)
    assert usage["outputTokens"] == count_tokens(message["content"][0]["text"])
    assert usage["totalTokens"] == usage["inputTokens"] + usage["outputTokens"]
    assert isinstance(body["metrics"]["latencyMs"], int)


def test_converse_passes_system_and_user_text_to_answer() -> None:
    seen: list[tuple[str, str]] = []

    def answer(system: str, user: str) -> str:
        seen.append((system, user))
        return "stand-in summary"

    body = converse_body()
    body["messages"] += [
        {"role": "assistant", "content": [{"text": "earlier answer"}]},
        {"role": "user", "content": [{"text": "second user turn"}]},
    ]
    with EmulatorServer(answer=answer) as emulator:
        response = post(emulator.base_url, body)
    assert response.json()["output"]["message"]["content"] == [{"text": "stand-in summary"}]
    assert seen == [(SYSTEM_PREFIX, CUSTOMER_DATA + "\n\nsecond user turn")]


def test_converse_decodes_model_id_once(emulator: EmulatorServer) -> None:
    for path in (CONVERSE_PATH, "/model/us.amazon.nova-lite-v1:0/converse"):
        assert post(emulator.base_url, converse_body(), path).status_code == 200
    arn = "arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fus.amazon.nova-lite-v1%3A0"
    assert post(emulator.base_url, converse_body(), f"/model/{arn}/converse").status_code == 200
    assert post(emulator.base_url, converse_body(), "/model" + CONVERSE_PATH).status_code == 404
    ids = [record["model_id"] for record in emulator.recorded_requests()]
    assert ids == [
        NOVA_LITE,
        "us.amazon.nova-lite-v1:0",
        "arn:aws:bedrock:us-east-1:1:inference-profile/us.amazon.nova-lite-v1:0",
    ]


def test_cache_point_writes_then_reads_the_prefix(emulator: EmulatorServer) -> None:
    prefix, suffix = count_tokens(SYSTEM_PREFIX), count_tokens(CUSTOMER_DATA)
    first = post(emulator.base_url, converse_body()).json()["usage"]
    second = post(emulator.base_url, converse_body(user="other customer")).json()["usage"]
    assert (first["cacheWriteInputTokens"], first["cacheReadInputTokens"]) == (prefix, 0)
    assert first["inputTokens"] == suffix
    assert (second["cacheWriteInputTokens"], second["cacheReadInputTokens"]) == (0, prefix)
    assert second["inputTokens"] == count_tokens("other customer")
    total = second["inputTokens"] + second["outputTokens"] + prefix
    assert second["totalTokens"] == total


def test_without_cache_point_cache_fields_are_zero(emulator: EmulatorServer) -> None:
    for _ in range(2):
        usage = post(emulator.base_url, converse_body(cache_point=False)).json()["usage"]
        assert usage["cacheWriteInputTokens"] == usage["cacheReadInputTokens"] == 0


def test_cache_is_per_model_and_expires_after_ttl(emulator: EmulatorServer) -> None:
    emulator.set_plan(FaultPlan(cache_ttl_s=0.3))
    post(emulator.base_url, converse_body())
    other_model = post(
        emulator.base_url, converse_body(), "/model/us.amazon.nova-lite-v1:0/converse"
    )
    assert other_model.json()["usage"]["cacheWriteInputTokens"] > 0
    time.sleep(0.4)
    expired = post(emulator.base_url, converse_body()).json()["usage"]
    assert expired["cacheReadInputTokens"] == 0 and expired["cacheWriteInputTokens"] > 0


def test_prompt_cache_reads_the_longest_live_prefix_and_writes_the_rest() -> None:
    now = [0.0]
    cache = PromptCache(clock=lambda: now[0])
    short = parse_converse(converse_body())
    extended = converse_body()
    extended["messages"][0]["content"].append({"cachePoint": {"type": "default", "ttl": "1h"}})
    long = parse_converse(extended)
    prefix = count_tokens(SYSTEM_PREFIX)
    assert cache.settle(NOVA_LITE, short.checkpoints, 300) == (0, prefix)
    assert cache.settle(NOVA_LITE, long.checkpoints, 300) == (prefix, count_tokens(CUSTOMER_DATA))
    now[0] = 301.0  # the 5-minute prefix has expired, the 1-hour checkpoint has not
    assert cache.settle(NOVA_LITE, long.checkpoints, 300) == (long.checkpoints[-1].tokens, 0)


def test_throttle_answers_429_with_throttling_type(emulator: EmulatorServer) -> None:
    emulator.set_plan(only(ModelFaults(throttle_rate=1.0)))
    response = post(emulator.base_url, converse_body())
    assert response.status_code == 429
    assert response.headers["x-amzn-errortype"] == THROTTLE_TYPE
    assert response.json() == {"message": "Too many requests, please wait before trying again."}


@pytest.mark.parametrize(
    ("faults", "status", "error_type"),
    [
        (ModelFaults(timeout_rate=1.0), 408, "ModelTimeoutException"),
        (ModelFaults(error_rate=1.0), 500, "InternalServerException"),
        (ModelFaults(unavailable_rate=1.0), 503, "ServiceUnavailableException"),
    ],
)
def test_fault_answers_bedrock_error(
    emulator: EmulatorServer, faults: ModelFaults, status: int, error_type: str
) -> None:
    emulator.set_plan(only(faults))
    response = post(emulator.base_url, converse_body())
    assert response.status_code == status
    assert response.headers["x-amzn-errortype"].split(":")[0] == error_type
    assert response.json()["message"]


def test_fixed_latency_delays_the_answer(emulator: EmulatorServer) -> None:
    emulator.set_plan(only(ModelFaults(latency=FixedLatency(ms=200))))
    started = time.perf_counter()
    response = post(emulator.base_url, converse_body())
    assert time.perf_counter() - started >= 0.2
    assert response.json()["metrics"]["latencyMs"] >= 200


def test_hang_outlasts_a_client_timeout(emulator: EmulatorServer) -> None:
    emulator.set_plan(only(ModelFaults(hang_rate=1.0, hang_s=30)))
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(emulator.base_url + CONVERSE_PATH, json=converse_body(), timeout=0.3)
    assert emulator.recorded_requests()[-1]["outcome"] == "hang"


def test_plan_change_at_runtime_takes_effect(emulator: EmulatorServer) -> None:
    assert post(emulator.base_url, converse_body()).status_code == 200
    emulator.set_plan(FaultPlan(models={NOVA_LITE: ModelFaults(throttle_rate=1.0)}))
    assert post(emulator.base_url, converse_body()).status_code == 429
    other = post(emulator.base_url, converse_body(), "/model/amazon.nova-pro-v1%3A0/converse")
    assert other.status_code == 200
    emulator.reset()
    assert post(emulator.base_url, converse_body()).status_code == 200


def test_invalid_plan_and_invalid_request_are_refused(emulator: EmulatorServer) -> None:
    bad_plan = {"models": {"*": {"throttle_rate": 0.7, "error_rate": 0.7}}}
    assert httpx.put(emulator.base_url + "/_emulator/plan", json=bad_plan).status_code == 422
    response = post(emulator.base_url, {"system": [{"text": "no messages"}]})
    assert response.status_code == 400
    assert response.headers["x-amzn-errortype"].startswith("ValidationException:")


def test_seeded_sampling_is_reproducible() -> None:
    plan = only(ModelFaults(throttle_rate=0.3, error_rate=0.2))

    def statuses(seed: int) -> list[int]:
        with EmulatorServer(plan, seed=seed) as emulator:
            return [post(emulator.base_url, converse_body()).status_code for _ in range(30)]

    first = statuses(7)
    assert first == statuses(7)
    assert first != statuses(8)
    assert {200, 429, 500} <= set(first)


def test_sample_decision_matches_rates_and_lognormal_quantiles() -> None:
    rng = random.Random(1)
    faults = ModelFaults(
        latency=LognormalLatency(median_ms=800, p99_ms=4000), throttle_rate=0.1, hang_rate=0.05
    )
    decisions = [sample_decision(faults, rng) for _ in range(20_000)]
    share = {o: sum(d.outcome is o for d in decisions) / len(decisions) for o in Outcome}
    assert share[Outcome.THROTTLED] == pytest.approx(0.1, abs=0.01)
    assert share[Outcome.HANG] == pytest.approx(0.05, abs=0.01)
    latencies = sorted(sample_latency_s(faults.latency, rng.gauss(0, 1)) for _ in range(20_000))
    assert statistics.median(latencies) == pytest.approx(0.8, rel=0.05)
    assert latencies[int(0.99 * len(latencies))] == pytest.approx(4.0, rel=0.1)


def test_requests_and_stats_are_recorded(emulator: EmulatorServer) -> None:
    headers = {"Authorization": "AWS4-HMAC-SHA256 Credential=x/y, Signature=abc123"}
    httpx.post(emulator.base_url + CONVERSE_PATH, json=converse_body(), headers=headers)
    emulator.set_plan(only(ModelFaults(throttle_rate=1.0)))
    post(emulator.base_url, converse_body())
    first, second = emulator.recorded_requests()
    assert first["sigv4"] is True and second["sigv4"] is False
    assert first["headers"]["authorization"].endswith("Signature=<redacted>")
    assert first["body"] == converse_body()
    assert [first["outcome"], second["outcome"]] == ["ok", "throttled"]
    stats = emulator.stats()
    assert {k: stats[k] for k in ("total", "models")} == {
        "total": 2,
        "models": {NOVA_LITE: {"ok": 1, "throttled": 1}},
    }
    # One answered request: its time inside the emulator is the endpoint's own latency.
    assert stats["served_ms"]["p50"] == stats["served_ms"]["p95"] > 0


def test_max_tokens_truncates_the_answer(emulator: EmulatorServer) -> None:
    body = converse_body()
    body["inferenceConfig"] = {"maxTokens": 2}
    answer = post(emulator.base_url, body).json()
    assert answer["stopReason"] == "max_tokens"
    assert answer["usage"]["outputTokens"] <= 2


def test_500_concurrent_requests_all_answer() -> None:
    plan = only(ModelFaults(latency=FixedLatency(ms=300)))

    async def burst(base_url: str) -> list[int]:
        limits = httpx.Limits(max_connections=600)
        async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
            calls = [client.post(CONVERSE_PATH, json=converse_body()) for _ in range(500)]
            return [r.status_code for r in await asyncio.gather(*calls)]

    with EmulatorServer(plan, isolation="process") as emulator:
        assert asyncio.run(burst(emulator.base_url)) == [200] * 500
        assert emulator.stats()["total"] == 500


def test_boto3_client_reads_answers_and_errors(emulator: EmulatorServer) -> None:
    client = boto3.client(
        "bedrock-runtime",
        endpoint_url=emulator.base_url,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"total_max_attempts": 1}),
    )
    body = converse_body()
    answer = client.converse(modelId=NOVA_LITE, **body)
    assert answer["usage"]["cacheWriteInputTokens"] == count_tokens(SYSTEM_PREFIX)
    assert answer["output"]["message"]["content"][0]["text"]
    assert emulator.recorded_requests()[-1]["sigv4"] is True
    emulator.set_plan(only(ModelFaults(throttle_rate=1.0)))
    with pytest.raises(ClientError) as caught:
        client.converse(modelId=NOVA_LITE, **body)
    assert caught.value.response["Error"]["Code"] == "ThrottlingException"


async def _litellm_call(base_url: str, *, client_timeout_s: float = 30) -> Any:
    # A client per call, closed here: litellm's cached one would outlive asyncio.run's loop.
    client = AsyncHTTPHandler(timeout=client_timeout_s)
    try:
        return await litellm.acompletion(
            model=f"bedrock/converse/{NOVA_LITE}",
            messages=[
                {
                    "role": "system",
                    "content": [
                        {
                            "type": "text",
                            "text": SYSTEM_PREFIX,
                            "cache_control": {"type": "ephemeral"},
                        }
                    ],
                },
                {"role": "user", "content": CUSTOMER_DATA},
            ],
            api_base=base_url,  # scheme, host and port only: litellm appends /model/{id}/converse
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            aws_region_name="us-east-1",
            client=client,
        )
    finally:
        await client.close()


def test_litellm_signs_caches_and_prices_through_the_emulator(emulator: EmulatorServer) -> None:
    first = asyncio.run(_litellm_call(emulator.base_url))
    second = asyncio.run(_litellm_call(emulator.base_url))
    record = emulator.recorded_requests()[-1]
    assert record["sigv4"] is True
    assert "/us-east-1/bedrock/aws4_request" in record["headers"]["authorization"]
    assert record["body"]["system"] == [
        {"text": SYSTEM_PREFIX},
        {"cachePoint": {"type": "default"}},
    ]
    prefix, suffix = count_tokens(SYSTEM_PREFIX), count_tokens(CUSTOMER_DATA)
    assert first.usage.cache_creation_input_tokens == prefix
    assert first.usage.cache_read_input_tokens == 0
    assert second.usage.cache_read_input_tokens == prefix
    assert second.usage.prompt_tokens_details.cached_tokens == prefix
    assert second.usage.prompt_tokens == prefix + suffix  # litellm adds the cached part back
    price = litellm.model_cost[NOVA_LITE]
    expected = (
        suffix * price["input_cost_per_token"]
        + prefix * price["cache_read_input_token_cost"]
        + second.usage.completion_tokens * price["output_cost_per_token"]
    )
    assert litellm.completion_cost(second) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("faults", "exception", "status"),
    [
        (ModelFaults(throttle_rate=1.0), litellm.RateLimitError, 429),
        (ModelFaults(timeout_rate=1.0), litellm.Timeout, 408),
        (ModelFaults(error_rate=1.0), litellm.ServiceUnavailableError, 503),
        (ModelFaults(unavailable_rate=1.0), litellm.ServiceUnavailableError, 503),
    ],
)
def test_litellm_maps_emulated_faults(
    emulator: EmulatorServer, faults: ModelFaults, exception: type[Exception], status: int
) -> None:
    emulator.set_plan(only(faults))
    with pytest.raises(exception) as caught:
        asyncio.run(_litellm_call(emulator.base_url))
    assert getattr(caught.value, "status_code", None) == status
    assert emulator.stats()["total"] == 1  # litellm itself does not retry


def test_litellm_times_out_on_a_hang(emulator: EmulatorServer) -> None:
    emulator.set_plan(only(ModelFaults(hang_rate=1.0, hang_s=30)))
    with pytest.raises(litellm.Timeout):
        asyncio.run(_litellm_call(emulator.base_url, client_timeout_s=0.5))
