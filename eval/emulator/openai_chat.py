"""The emulator's OpenAI-compatible face: ``POST /v1/chat/completions``.

Any OpenAI-compatible model string (``openai/<name>`` with ``api_base`` ending in ``/v1``)
can be pointed at the emulator; the answer, the fault plan and the latency are the Converse
route's, so one emulator exercises both wire formats. Errors come back as OpenAI puts them on
the wire (``{"error": {"message", "type", "code"}}`` with the matching status), which the
OpenAI SDK and litellm map to their own exception types (429 to a rate-limit error).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eval.emulator.faults import WIRE_ERRORS, FaultPlan, Outcome, sample_decision
from eval.emulator.prompt import count_tokens

_ERROR_TYPES = {429: "rate_limit_exceeded", 408: "timeout", 500: "server_error", 503: "overloaded"}


class ChatValidationError(ValueError):
    """A request OpenAI would refuse with a 400."""


def parse_chat(body: object) -> tuple[str, str, str, int | None]:
    """(model, system text, user text, max_tokens) of a chat-completions request body."""
    if not isinstance(body, dict):
        raise ChatValidationError("the body must be a JSON object")
    model, messages = body.get("model"), body.get("messages")
    if not isinstance(model, str) or not model:
        raise ChatValidationError("'model' is required")
    if not isinstance(messages, list) or not messages:
        raise ChatValidationError("'messages' must be a non-empty array")
    parts: dict[str, list[str]] = {"system": [], "user": []}
    for message in messages:
        if not isinstance(message, dict) or message.get("role") not in ("system", "user"):
            continue
        content = message.get("content")
        if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}]
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if isinstance(content, str):
            parts[str(message["role"])].append(content)
    limit = body.get("max_tokens") or body.get("max_completion_tokens")
    max_tokens = limit if isinstance(limit, int) and limit > 0 else None
    return model, "\n".join(parts["system"]), "\n".join(parts["user"]), max_tokens


def _error(status: int, message: str) -> JSONResponse:
    kind = _ERROR_TYPES.get(status, "invalid_request_error")
    body = {"error": {"message": message, "type": kind, "code": kind, "param": None}}
    return JSONResponse(body, status_code=status)


def add_openai_route(
    app: FastAPI,
    *,
    plan: Callable[[], FaultPlan],
    rng_for: Callable[[str], Any],
    record: Callable[[str, Request, object, Outcome], None],
    sleep: Callable[[float], Awaitable[None]],
    produce: Callable[[str, str], str],
    served: Callable[[float], None],
) -> None:
    """Serve ``/v1/chat/completions`` from the emulator's state (plan, seeded outcomes, records)."""

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> JSONResponse:
        started = time.perf_counter()
        try:
            body: object = json.loads(await request.body())
            model, system, user, max_tokens = parse_chat(body)
        except ValueError as exc:  # JSONDecodeError and ChatValidationError alike
            record("openai", request, None, Outcome.INVALID)
            return _error(400, str(exc))
        decision = sample_decision(plan().faults_for(model), rng_for(model))
        record(model, request, body, decision.outcome)
        if decision.outcome in WIRE_ERRORS:
            wire = WIRE_ERRORS[decision.outcome]
            return _error(wire.status, wire.message)
        try:
            text, finish = produce(system, user), "stop"
        except LookupError as exc:  # a recorded-answer book without this prompt
            return _error(500, str(exc))
        await sleep(decision.delay_s - (time.perf_counter() - started))
        if max_tokens is not None and count_tokens(text) > max_tokens:
            text, finish = text[: max_tokens * 4], "length"
        served((time.perf_counter() - started) * 1000)
        prompt_tokens = count_tokens(system) + count_tokens(user)
        completion_tokens = count_tokens(text)
        answer = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": finish,
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }
        return JSONResponse(answer)
