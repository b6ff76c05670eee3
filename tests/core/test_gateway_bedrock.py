"""The gateway over litellm's real Bedrock Converse path, against the emulator on loopback."""

import asyncio
from collections.abc import Iterator
from typing import Any

import litellm
import pytest

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.gateway import AllModelsFailedError, ModelGateway
from service.model_config import ModelConfig
from service.prompts import RenderedPrompt

PRIMARY = "us.amazon.nova-lite-v1:0"
FALLBACK = "us.anthropic.claude-3-5-haiku-20241022-v1:0"
PROMPT = RenderedPrompt(
    system="You brief contact-center agents in at most 60 words. " * 30,
    user="<customer_data>\n[1] 2025-12-01T10:15:00Z | channel=agent | intent=ChargeDispute"
    " | outcome=escalated | sentiment=frustrated\nnotes: Customer disputes a $45 charge.\n"
    "</customer_data>",
)


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(seed=7) as server:
        # The process's first Bedrock call builds litellm's and botocore's clients, which on
        # a busy machine takes longer than the budgets below; one call here keeps that cost
        # out of every test, whichever runs first.
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("AWS_ACCESS_KEY_ID", "emulator")
            patch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
            asyncio.run(ModelGateway().complete(PROMPT, _config(server)))
        yield server


@pytest.fixture(autouse=True)
def _signing_credentials(monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer) -> None:
    # The emulator checks that requests are SigV4-signed, not by whom.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    emulator.reset()


def _config(emulator: EmulatorServer, **overrides: object) -> ModelConfig:
    fields: dict[str, object] = {
        "primary": f"bedrock/converse/{PRIMARY}",
        "fallbacks": (f"bedrock/converse/{FALLBACK}",),
        "api_base": emulator.base_url,
        "aws_region_name": "us-east-1",
        "backoff_base_s": 0.01,
        "backoff_max_s": 0.02,
    }
    fields.update(overrides)
    return ModelConfig.model_validate(fields)


def _plan(**per_model: ModelFaults) -> FaultPlan:
    return FaultPlan(
        models={PRIMARY if k == "primary" else FALLBACK: v for k, v in per_model.items()}
    )


async def test_request_carries_the_system_prefix_with_a_cache_point(
    emulator: EmulatorServer,
) -> None:
    completion = await ModelGateway().complete(PROMPT, _config(emulator))
    assert completion.model == f"bedrock/converse/{PRIMARY}"
    assert completion.fallback_used is False
    [request] = emulator.recorded_requests()
    system = request["body"]["system"]
    assert system[0]["text"] == PROMPT.system
    assert {"cachePoint": {"type": "default"}} in system[1:]
    # Customer data only in the user message, never in the cached prefix.
    assert "ChargeDispute" in str(request["body"]["messages"])
    assert "ChargeDispute" not in str(system)


async def test_the_model_call_runs_in_the_callers_task(emulator: EmulatorServer) -> None:
    """No task of its own per call: Python 3.11's `wait_for` made one, and every call then
    went twice more through the loop's ready queue, behind every other ready request."""
    tasks: list[asyncio.Task[Any] | None] = []

    class TaskRecordingGateway(ModelGateway):
        async def _call(self, *args: Any, **kwargs: Any) -> Any:
            tasks.append(asyncio.current_task())
            return await super()._call(*args, **kwargs)

    completion = await TaskRecordingGateway().complete(PROMPT, _config(emulator))
    assert completion.text
    assert tasks == [asyncio.current_task()]


async def test_throttled_primary_falls_back_after_backoff(emulator: EmulatorServer) -> None:
    emulator.set_plan(_plan(primary=ModelFaults(throttle_rate=1.0)))
    completion = await ModelGateway().complete(PROMPT, _config(emulator, max_retries_on_throttle=2))
    assert completion.fallback_used is True
    assert completion.model == f"bedrock/converse/{FALLBACK}"
    outcomes = [attempt.outcome for attempt in completion.attempts]
    assert outcomes == ["throttled", "throttled", "throttled", "ok"]


@pytest.mark.parametrize(
    "primary_faults",
    [ModelFaults(latency=FixedLatency(ms=3000)), ModelFaults(timeout_rate=1.0)],
    ids=["slow-past-timeout", "model-timeout-exception"],
)
async def test_timed_out_primary_falls_back(
    emulator: EmulatorServer, primary_faults: ModelFaults
) -> None:
    emulator.set_plan(_plan(primary=primary_faults))
    completion = await ModelGateway().complete(PROMPT, _config(emulator, timeout_s=0.5))
    assert completion.fallback_used is True
    assert completion.attempts[0].outcome == "timeout"
    assert completion.attempts[-1].outcome == "ok"
    assert completion.text


async def test_the_last_fallback_gets_the_rest_of_the_budget_not_the_primary_timeout(
    emulator: EmulatorServer,
) -> None:
    # A throttled primary leaves most of the budget; a fallback slower than the primary's
    # timeout but inside the budget must answer, not be cut at the primary's timeout.
    emulator.set_plan(
        _plan(
            primary=ModelFaults(throttle_rate=1.0),
            fallback=ModelFaults(latency=FixedLatency(ms=700)),
        )
    )
    config = _config(emulator, timeout_s=0.3, total_budget_s=2.0, max_retries_on_throttle=1)
    completion = await ModelGateway().complete(PROMPT, config)
    assert completion.model == f"bedrock/converse/{FALLBACK}"
    assert [a.outcome for a in completion.attempts] == ["throttled", "throttled", "ok"]
    assert completion.attempts[-1].latency_ms >= 700


@pytest.mark.parametrize(
    ("fallbacks", "fallback_timeout_s", "expected"),
    [
        ((), None, [5.0]),
        (("f",), None, [5.0, None]),
        (("f", "g"), None, [5.0, 5.0, None]),
        (("f", "g"), 2.0, [5.0, 2.0, 2.0]),
    ],
)
def test_per_attempt_timeouts_leave_the_last_model_the_rest_of_the_budget(
    fallbacks: tuple[str, ...], fallback_timeout_s: float | None, expected: list[float | None]
) -> None:
    config = ModelConfig(
        primary="m", fallbacks=fallbacks, timeout_s=5.0, fallback_timeout_s=fallback_timeout_s
    )
    assert [config.timeout_for(position) for position in range(len(config.models))] == expected


@pytest.mark.parametrize(
    ("faults", "outcome"),
    [
        (ModelFaults(error_rate=1.0), "server_error"),
        (ModelFaults(unavailable_rate=1.0), "server_error"),
        (ModelFaults(throttle_rate=1.0), "throttled"),
    ],
)
async def test_every_model_failing_raises_a_typed_error(
    emulator: EmulatorServer, faults: ModelFaults, outcome: str
) -> None:
    emulator.set_plan(FaultPlan(models={"*": faults}))
    with pytest.raises(AllModelsFailedError) as caught:
        await ModelGateway().complete(PROMPT, _config(emulator, max_retries_on_throttle=1))
    assert {attempt.outcome for attempt in caught.value.attempts} == {outcome}
    assert {attempt.model for attempt in caught.value.attempts} == {
        f"bedrock/converse/{PRIMARY}",
        f"bedrock/converse/{FALLBACK}",
    }
    assert caught.value.throttled is (outcome == "throttled")


async def test_hanging_models_stop_at_the_total_budget(emulator: EmulatorServer) -> None:
    emulator.set_plan(FaultPlan(models={"*": ModelFaults(hang_rate=1.0, hang_s=30)}))
    config = _config(emulator, timeout_s=5.0, total_budget_s=0.6)
    with pytest.raises(AllModelsFailedError) as caught:
        await ModelGateway().complete(PROMPT, config)
    assert caught.value.attempts[0].outcome == "timeout"
    assert caught.value.reason in {"time budget exhausted", "every model failed"}


async def test_cost_is_litellm_price_times_tokens_with_cache_reads_priced_as_such(
    emulator: EmulatorServer,
) -> None:
    gateway = ModelGateway()
    config = _config(emulator)
    first = await gateway.complete(PROMPT, config)
    second = await gateway.complete(PROMPT, config)
    assert first.usage.cache_write_tokens > 0 and first.usage.cache_read_tokens == 0
    assert second.usage.cache_read_tokens == first.usage.cache_write_tokens
    price = litellm.model_cost[PRIMARY]
    usage = second.usage
    expected = (
        (usage.input_tokens - usage.cache_read_tokens) * price["input_cost_per_token"]
        + usage.cache_read_tokens * price["cache_read_input_token_cost"]
        + usage.output_tokens * price["output_cost_per_token"]
    )
    assert second.cost_usd == pytest.approx(expected, rel=1e-9)
    # A cache read is cheaper than the same tokens uncached.
    assert price["cache_read_input_token_cost"] < price["input_cost_per_token"]
    assert second.cost_usd < first.cost_usd or first.usage.cache_write_tokens == 0


async def test_declared_price_overrides_the_price_table(emulator: EmulatorServer) -> None:
    config = _config(
        emulator, prices={f"bedrock/converse/{PRIMARY}": {"input": 1000.0, "output": 2000.0}}
    )
    completion = await ModelGateway().complete(PROMPT, config)
    usage = completion.usage
    assert completion.cost_usd == pytest.approx(
        (usage.input_tokens * 1000.0 + usage.output_tokens * 2000.0) / 1e6
    )


async def test_a_slow_primary_is_hedged_and_the_fallback_answers_first(
    emulator: EmulatorServer,
) -> None:
    emulator.set_plan(
        _plan(
            primary=ModelFaults(latency=FixedLatency(ms=30_000)),
            fallback=ModelFaults(latency=FixedLatency(ms=50)),
        )
    )
    config = _config(emulator, timeout_s=45.0, total_budget_s=60.0, hedge_after_s=0.2)
    completion = await ModelGateway().complete(PROMPT, config)
    assert completion.hedged is True and completion.fallback_used is True
    assert completion.model == f"bedrock/converse/{FALLBACK}"
    # Far short of the primary's 30 s (a margin a busy machine's first call cannot eat):
    # the hedge started at 0.2 s and took 50 ms.
    assert completion.latency_ms < 15_000
    assert [a.outcome for a in completion.attempts] == ["ok"]
    assert len(emulator.recorded_requests()) == 2  # both models were called


async def test_a_primary_answering_before_the_hedge_delay_is_not_hedged(
    emulator: EmulatorServer,
) -> None:
    emulator.set_plan(_plan(primary=ModelFaults(latency=FixedLatency(ms=20))))
    config = _config(emulator, hedge_after_s=1.0)
    completion = await ModelGateway().complete(PROMPT, config)
    assert completion.hedged is False and completion.fallback_used is False
    assert len(emulator.recorded_requests()) == 1


async def test_a_hedged_primary_that_answers_first_wins_and_the_fallback_is_abandoned(
    emulator: EmulatorServer,
) -> None:
    emulator.set_plan(
        _plan(
            primary=ModelFaults(latency=FixedLatency(ms=400)),
            fallback=ModelFaults(latency=FixedLatency(ms=30_000)),
        )
    )
    config = _config(emulator, timeout_s=45.0, total_budget_s=60.0, hedge_after_s=0.1)
    completion = await ModelGateway().complete(PROMPT, config)
    assert completion.hedged is True and completion.fallback_used is False
    assert completion.model == f"bedrock/converse/{PRIMARY}"
    assert completion.latency_ms < 15_000  # did not wait for the fallback's 30 s


async def test_a_primary_failing_before_the_hedge_delay_falls_back_at_once(
    emulator: EmulatorServer,
) -> None:
    emulator.set_plan(_plan(primary=ModelFaults(error_rate=1.0)))
    config = _config(emulator, total_budget_s=60.0, hedge_after_s=30.0)
    completion = await ModelGateway().complete(PROMPT, config)
    assert completion.hedged is False and completion.fallback_used is True
    assert [a.outcome for a in completion.attempts] == ["server_error", "ok"]
    assert completion.latency_ms < 15_000  # did not wait for the 30 s hedge delay


async def test_both_sides_of_a_hedge_failing_raise_with_every_attempt(
    emulator: EmulatorServer,
) -> None:
    gateway = ModelGateway()
    emulator.set_plan(FaultPlan(models={"*": ModelFaults(hang_rate=1.0, hang_s=30)}))
    config = _config(
        emulator, timeout_s=1.0, fallback_timeout_s=1.0, total_budget_s=4.0, hedge_after_s=0.2
    )
    with pytest.raises(AllModelsFailedError) as caught:
        await gateway.complete(PROMPT, config)
    models = {attempt.model for attempt in caught.value.attempts}
    assert models == {f"bedrock/converse/{PRIMARY}", f"bedrock/converse/{FALLBACK}"}
    assert {attempt.outcome for attempt in caught.value.attempts} == {"timeout"}


async def test_both_sides_of_a_hedge_failing_at_once_raise_with_every_attempt(
    emulator: EmulatorServer,
) -> None:
    """Both sides fail in one turn of the loop: whichever error is raised, it names both."""
    both_may_fail = asyncio.Event()

    class AtOnceGateway(ModelGateway):
        async def _call(self, model: str, *args: Any, **kwargs: Any) -> Any:
            if FALLBACK in model:
                both_may_fail.set()  # wakes the primary, then fails right behind it
                await asyncio.sleep(0)
            else:
                await both_may_fail.wait()
            raise ConnectionError(f"{model} refused the connection")

    config = _config(emulator, hedge_after_s=0.05)
    with pytest.raises(AllModelsFailedError) as caught:
        await AtOnceGateway().complete(PROMPT, config)
    assert sorted(attempt.model for attempt in caught.value.attempts) == sorted(config.models)


def test_a_hedge_delay_past_the_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="hedge_after_s"):
        ModelConfig(primary="m", fallbacks=("f",), hedge_after_s=8.0, total_budget_s=7.5)


def test_an_unset_hedge_leaves_the_content_hash_of_existing_pairs_alone() -> None:
    config = ModelConfig(primary="m")
    assert "hedge_after_s" not in config.canonical()
    assert (
        ModelConfig(primary="m", fallbacks=("f",), hedge_after_s=3.0).canonical()["hedge_after_s"]
        == 3.0
    )


async def test_a_model_without_a_region_is_signed_for_the_environments_region(
    emulator: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The gateway resolves the default region once (litellm would build a boto3 session per
    call to find it); the request is signed for the region litellm itself would choose."""
    monkeypatch.delenv("AWS_REGION_NAME", raising=False)
    monkeypatch.setenv("AWS_REGION", "eu-west-3")
    gateway = ModelGateway()
    await gateway.complete(PROMPT, _config(emulator, fallbacks=(), aws_region_name=None))
    await gateway.complete(PROMPT, _config(emulator, fallbacks=(), aws_region_name="us-east-2"))
    first, second = emulator.recorded_requests()
    assert "/eu-west-3/bedrock/" in first["headers"]["authorization"]
    assert "/us-east-2/bedrock/" in second["headers"]["authorization"]  # a configured one wins
