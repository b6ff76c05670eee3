"""The litellm start-up tuning changes cost, never answers."""

from __future__ import annotations

import asyncio
import contextvars
import functools
import json
import threading
import traceback
from importlib import resources

import litellm
import litellm.utils
import pytest
from litellm.llms.anthropic.common_utils import AnthropicModelInfo
from litellm.llms.bedrock.chat.converse_transformation import AmazonConverseConfig

from service.litellm_tuning import (
    LitellmInlineExecutor,
    _calls_litellm,
    sign_aws_requests_inline,
    tune_litellm,
)

# Model strings as litellm sees them inside a Converse call, Anthropic and not.
MODELS = (
    "converse/us.amazon.nova-lite-v1:0",
    "us.amazon.nova-pro-v1:0",
    "converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "converse/meta.llama3-1-8b-instruct-v1:0",
)


def test_memoised_price_map_is_the_file_and_parsed_once() -> None:
    before = {model: AmazonConverseConfig._supports_sampling_params(model) for model in MODELS}
    assert tune_litellm() is True
    assert tune_litellm() is True  # idempotent: no second wrapper
    loader = litellm.utils.get_bundled_model_cost_map
    first, second = loader(), loader()
    assert first is second  # parsed once, then shared
    shipped = resources.files("litellm").joinpath("model_prices_and_context_window_backup.json")
    assert first == json.loads(shipped.read_text())
    after = {model: AmazonConverseConfig._supports_sampling_params(model) for model in MODELS}
    assert after == before


def thread_of_litellm_call() -> int:
    return threading.get_ident()


def thread_of_other_call() -> int:
    return threading.get_ident()


# Stands in for `litellm.main.completion`: the executor routes by the function's module.
thread_of_litellm_call.__module__ = "litellm.main"


def test_inline_executor_runs_litellm_on_the_loop_thread_and_the_rest_on_threads() -> None:
    async def main() -> tuple[int, int, int]:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(LitellmInlineExecutor(max_workers=2))
        # What litellm.acompletion sends: partial(Context.run, partial(completion, ...)).
        context = contextvars.copy_context()
        wrapped = functools.partial(context.run, functools.partial(thread_of_litellm_call))
        inline = await loop.run_in_executor(None, wrapped)
        threaded = await loop.run_in_executor(None, thread_of_other_call)
        return threading.get_ident(), inline, threaded

    loop_thread, inline, threaded = asyncio.run(main())
    assert inline == loop_thread
    assert threaded != loop_thread


def test_the_real_litellm_completion_is_recognised() -> None:
    context = contextvars.copy_context()
    call = functools.partial(context.run, functools.partial(litellm.completion, model="m"))
    assert _calls_litellm(call, ())
    assert not _calls_litellm(functools.partial(context.run, thread_of_other_call), ())


def test_inline_executor_delivers_litellm_errors_to_the_caller() -> None:
    def failing() -> None:
        raise litellm.RateLimitError("throttled", llm_provider="bedrock", model="m")

    failing.__module__ = "litellm.main"

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(LitellmInlineExecutor(max_workers=1))
        await loop.run_in_executor(None, failing)

    with pytest.raises(litellm.RateLimitError):
        asyncio.run(main())


def test_an_inline_hand_off_is_answered_without_suspending_the_caller() -> None:
    """The awaiting task keeps running: no trip to the back of the loop's ready queue.

    Each trip let every other ready request run first; under a burst, every model call then
    waited for all the others' preparation and the burst's calls left together."""

    async def main() -> tuple[bool, list[str], int]:
        loop = asyncio.get_running_loop()
        loop.set_default_executor(LitellmInlineExecutor(max_workers=1))
        ran_in_between: list[str] = []
        loop.call_soon(ran_in_between.append, "another ready callback")
        context = contextvars.copy_context()
        handed_off = loop.run_in_executor(
            None, functools.partial(context.run, thread_of_litellm_call)
        )
        answered_at_once = handed_off.done()
        answered_on = await handed_off
        # A copy: the callback still runs once this task's step ends, before run() returns.
        return answered_at_once, list(ran_in_between), answered_on

    answered_at_once, ran_in_between, answered_on = asyncio.run(main())
    assert answered_at_once
    assert ran_in_between == []
    assert answered_on == threading.get_ident()


def test_an_inline_hand_off_outside_a_loop_still_answers() -> None:
    executor = LitellmInlineExecutor(max_workers=1)
    assert executor.submit(thread_of_litellm_call).result() == threading.get_ident()
    failing = executor.submit(int, "not a number")  # not litellm's: a pool thread runs it
    with pytest.raises(ValueError):
        failing.result()


CAPABILITIES = ("supports_sampling_params", "supports_reasoning", "supports_prompt_caching")


def _original(function: object) -> object:
    return getattr(function, "__wrapped__", function)


def test_remembered_capabilities_equal_litellm_s_own_answers() -> None:
    tune_litellm()
    remembered = AnthropicModelInfo._get_model_capability
    original = _original(remembered)
    assert original is not remembered  # the memoised wrapper is installed
    for model in MODELS:
        for key in CAPABILITIES:
            assert remembered(model, key) == original(model, key)  # type: ignore[operator]
            assert remembered(model, key) == original(model, key)  # type: ignore[operator]


def test_an_unmapped_model_fails_the_same_way_every_time_until_it_is_registered() -> None:
    tune_litellm()
    model = "oci-tuning-test-unmapped-model"
    errors = []
    for _ in range(3):
        with pytest.raises(Exception, match="isn't mapped yet") as caught:
            litellm.get_model_info(model=model, custom_llm_provider="bedrock")
        errors.append(caught.value)
    assert errors[1] is not errors[2]  # a fresh exception each time, not a growing traceback
    assert len(traceback.extract_tb(errors[2].__traceback__)) == len(
        traceback.extract_tb(errors[1].__traceback__)
    )
    # register_model bumps litellm's model-map generation: the remembered failure is dropped.
    litellm.register_model(
        {
            f"bedrock/{model}": {
                "litellm_provider": "bedrock",
                "mode": "chat",
                "input_cost_per_token": 1e-6,
                "output_cost_per_token": 2e-6,
                "supports_sampling_params": False,
            }
        }
    )
    info = litellm.get_model_info(model=model, custom_llm_provider="bedrock")
    assert info["input_cost_per_token"] == 1e-6
    assert (
        AnthropicModelInfo._get_model_capability(f"bedrock/{model}", "supports_sampling_params")
        is False
    )


def test_bedrock_signing_runs_on_the_calling_thread_once_tuned() -> None:
    from litellm.llms.bedrock import base_aws_llm

    assert sign_aws_requests_inline() is True
    assert sign_aws_requests_inline() is True  # idempotent

    async def main() -> tuple[int, int]:
        signer_thread = await base_aws_llm.run_aws_signing(threading.get_ident)
        return threading.get_ident(), signer_thread

    loop_thread, signer_thread = asyncio.run(main())
    assert signer_thread == loop_thread

    def failing() -> None:
        raise ValueError("no credentials")

    with pytest.raises(ValueError, match="no credentials"):
        asyncio.run(base_aws_llm.run_aws_signing(failing))
