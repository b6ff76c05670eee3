"""An Amazon Bedrock Runtime ``Converse`` emulator app: the wire format, prompt caching and faults
(and the same answers on an OpenAI-compatible route, `eval.emulator.openai_chat`).

Clients (litellm's ``bedrock/converse/...`` route, boto3's ``bedrock-runtime``) point their endpoint
at this app and get Bedrock-shaped answers whose text comes from the project's local deterministic
summarizer. Control endpoints under ``/_emulator/`` change the `FaultPlan` at runtime and expose
what was received, so tests can assert on the exact request a client sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import random
import re
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import unquote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eval.emulator.faults import WIRE_ERRORS, FaultPlan, Outcome, WireError, sample_decision
from eval.emulator.openai_chat import add_openai_route
from eval.emulator.prompt import ConverseValidationError, PromptCache, count_tokens, parse_converse
from eval.emulator.zoo import Zoo

Answer = Callable[[str, str], str]
"""``(system, user) -> answer text``; the default is the local extractive summarizer."""

MAX_RECORDS = 10_000
_TIMER_SLACK_S = 0.002
_SIGNATURE = re.compile(r"Signature=[0-9a-fA-F]+")
_CONVERSE_PATH = re.compile(r"^/model/(?P<model_id>[^/]+)/converse$")


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers as recorded: SigV4 signatures, bearer tokens and session tokens are removed."""
    out: dict[str, str] = {}
    for name, value in headers.items():
        if name.lower() == "authorization":
            scheme = value.split(" ", 1)[0]
            value = _SIGNATURE.sub("Signature=<redacted>", value)
            value = value if scheme == "AWS4-HMAC-SHA256" else f"{scheme} <redacted>"
        elif name.lower() == "x-amz-security-token":
            value = "<redacted>"
        out[name.lower()] = value
    return out


@functools.lru_cache(maxsize=4096)
def _default_answer(system: str, user: str) -> str:
    # Imported lazily so that importing the emulator does not pull in the service package.
    from eval.emulator.verification import answer_verification, is_verification
    from service.local_models.extractive import summarize_prompt

    if is_verification(system):
        return answer_verification(user)

    # Remembered: the summarizer is pure, and pairs that differ only in the model id (a
    # model matrix) send the same prompt; the emulator stands in for a remote model, whose
    # work costs this machine nothing, so it should cost the shared cores as little.
    return summarize_prompt(system, user)


class _EmulatorState:
    """Everything the app mutates; it lives on one event loop, so it needs no locks."""

    def __init__(self, initial_plan: FaultPlan, seed: int) -> None:
        self.initial_plan, self.seed = initial_plan, seed
        self.wake = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        self.release_sleepers()
        self.plan = self.initial_plan
        self.cache = PromptCache()
        self.records: deque[dict[str, Any]] = deque(maxlen=MAX_RECORDS)
        self.stats: Counter[tuple[str, str]] = Counter()
        # How long each answered request took here, arrival to answer: the endpoint's own
        # latency, for a client's measurement to be compared with.
        self.served_ms: deque[float] = deque(maxlen=MAX_RECORDS)
        self.rngs: dict[str, random.Random] = {}
        self.sequence = 0

    def rng_for(self, model_id: str) -> random.Random:
        # One stream per model: a model's outcomes do not depend on other models' traffic.
        if model_id not in self.rngs:
            self.rngs[model_id] = random.Random(f"{self.seed}/{model_id}")
        return self.rngs[model_id]

    async def sleep(self, seconds: float) -> None:
        """Sleep, unless `release_sleepers` is called first (so shutdown never waits on hangs)."""
        if seconds <= 0:
            return
        # The loop's timers may fire up to a clock tick early; a latency is a lower bound.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds + _TIMER_SLACK_S):
                await self.wake.wait()

    def release_sleepers(self) -> None:
        # Swap before setting: waiters hold the old event, later requests sleep on the new one.
        old, self.wake = self.wake, asyncio.Event()
        old.set()

    def record(self, model_id: str, request: Request, body: object, outcome: Outcome) -> None:
        self.sequence += 1
        self.stats[(model_id, outcome.value)] += 1
        self.records.append(
            {
                "seq": self.sequence,
                "received_at": time.time(),
                "model_id": model_id,
                "headers": redact_headers(request.headers),
                "sigv4": request.headers.get("authorization", "").startswith("AWS4-HMAC-SHA256"),
                "body": body,
                "outcome": outcome.value,
            }
        )


def _error(error: WireError) -> JSONResponse:
    headers = {"x-amzn-ErrorType": error.header, "x-amzn-RequestId": str(uuid.uuid4())}
    return JSONResponse({"message": error.message}, status_code=error.status, headers=headers)


def _model_id(request: Request, decoded: str) -> str | None:
    """The model id from the raw path, decoded once as Bedrock does; None if it holds a '/'.

    The decoded path cannot tell an encoded ARN (``...inference-profile%2F...``) from an
    ``api_base`` that wrongly ends in ``/model``; the raw path can.
    """
    raw = request.scope.get("raw_path")
    if not isinstance(raw, bytes):
        return decoded
    match = _CONVERSE_PATH.match(raw.decode("latin-1"))
    return unquote(match["model_id"]) if match else None


def create_emulator_app(
    plan: FaultPlan | None = None,
    *,
    seed: int = 0,
    answer: Answer | None = None,
    zoo: Zoo | None = None,
) -> FastAPI:
    """Build the emulator app.

    Args:
        plan: faults per model id; ``None`` means no faults, no added latency.
        seed: seeds each model's `random.Random`, making fault sampling reproducible.
        answer: produces the answer text from ``(system, user)``; defaults to
            ``service.local_models.extractive.summarize_prompt``.
        zoo: per-model latency and behaviour (`eval/emulator/zoo.yaml`) applied on top of
            the answer and the plan's latency; ``None`` answers every model alike.
    """
    state = _EmulatorState(plan or FaultPlan(), seed)
    produce = answer or _default_answer
    app = FastAPI(title="Bedrock Converse emulator", docs_url=None, redoc_url=None)

    @app.post("/model/{model_id:path}/converse-stream")
    async def converse_stream(model_id: str) -> JSONResponse:
        return _error(WireError(400, "ValidationException", "ConverseStream is not emulated."))

    @app.post("/model/{model_id:path}/converse")
    async def converse(model_id: str, request: Request) -> JSONResponse:
        started = time.perf_counter()
        model = _model_id(request, model_id)
        if model is None:
            return _error(WireError(404, "UnknownOperationException", "Unknown operation."))
        try:
            body: object = json.loads(await request.body())
            prompt = parse_converse(body)
        except (ValueError, ConverseValidationError) as exc:  # JSONDecodeError is a ValueError
            state.record(model, request, None, Outcome.INVALID)
            return _error(WireError(400, "ValidationException", str(exc)))
        # Decide and settle the cache on arrival, so outcomes follow arrival order alone.
        decision = sample_decision(state.plan.faults_for(model), state.rng_for(model))
        state.record(model, request, body, decision.outcome)
        if decision.outcome in WIRE_ERRORS:
            return _error(WIRE_ERRORS[decision.outcome])
        read, write = state.cache.settle(model, prompt.checkpoints, state.plan.cache_ttl_s)
        # The answer is produced on arrival and the sleep ends at arrival + delay: a model's
        # latency includes its compute. Producing after the sleep made the emulator's CPU
        # work queue up on its loop after the latency (answers that come due together wait
        # in line), which a client then saw as its own overhead over the fixed latency.
        try:
            text, stop_reason = produce(prompt.system, prompt.user), "end_turn"
        except LookupError as exc:  # a recorded-answer book without this prompt
            return _error(WireError(500, "ModelErrorException", str(exc)))
        delay = decision.delay_s
        if zoo is not None:
            text = zoo.shape(model, text, prompt.user)
            delay += zoo.latency_s(model, prompt.user, count_tokens(text))
        await state.sleep(delay - (time.perf_counter() - started))
        if prompt.max_tokens is not None and count_tokens(text) > prompt.max_tokens:
            text, stop_reason = text[: prompt.max_tokens * 4], "max_tokens"
        output_tokens = count_tokens(text)
        # Bedrock's inputTokens exclude cached tokens; litellm adds read and write back into
        # prompt_tokens and prices each part at its own rate. totalTokens covers all four.
        input_tokens = prompt.input_tokens - read - write
        usage = {
            "inputTokens": input_tokens,
            "outputTokens": output_tokens,
            "totalTokens": input_tokens + output_tokens + read + write,
            "cacheReadInputTokens": read,
            "cacheWriteInputTokens": write,
        }
        state.served_ms.append((time.perf_counter() - started) * 1000)
        answer_body = {
            "output": {"message": {"role": "assistant", "content": [{"text": text}]}},
            "stopReason": stop_reason,
            "usage": usage,
            "metrics": {"latencyMs": round((time.perf_counter() - started) * 1000)},
        }
        return JSONResponse(answer_body, headers={"x-amzn-RequestId": str(uuid.uuid4())})

    add_openai_route(
        app,
        plan=lambda: state.plan,
        rng_for=state.rng_for,
        record=state.record,
        sleep=state.sleep,
        produce=produce,
        served=lambda ms: state.served_ms.append(ms),
    )

    @app.get("/_emulator/plan")
    async def get_plan() -> FaultPlan:
        return state.plan

    @app.put("/_emulator/plan")
    async def put_plan(new_plan: FaultPlan) -> FaultPlan:
        state.plan = new_plan
        return state.plan

    @app.post("/_emulator/reset")
    async def reset() -> dict[str, str]:
        """Back to the construction-time plan and seed, with no records, stats or cache."""
        state.reset()
        return {"status": "reset"}

    @app.post("/_emulator/release")
    async def release() -> dict[str, str]:
        """Wake every request sleeping on latency or a hang; they answer at once."""
        state.release_sleepers()
        return {"status": "released"}

    @app.get("/_emulator/requests")
    async def requests() -> JSONResponse:
        # Returned as is: validating up to 10,000 recorded bodies through a model buys nothing.
        return JSONResponse(list(state.records))

    @app.get("/_emulator/stats")
    async def stats() -> dict[str, Any]:
        per_model: dict[str, dict[str, int]] = {}
        for (model_id, outcome), count in sorted(state.stats.items()):
            per_model.setdefault(model_id, {})[outcome] = count
        served = sorted(state.served_ms)
        latency = (
            {"p50": served[len(served) // 2], "p95": served[int(len(served) * 0.95)]}
            if served
            else {}
        )
        return {"total": sum(state.stats.values()), "models": per_model, "served_ms": latency}

    return app
