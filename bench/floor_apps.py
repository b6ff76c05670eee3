"""Two stripped-down services that bound from below what `bench/service_floor.py` can expect.

Each answers `POST /omni-channel-insights` the way the load generator of
`bench/service_overhead.py` reads it (`cache_hit`, `latency_ms`, `X-Model-Latency-Ms`) and
does nothing else a real service must: no bearer token, no history read, no SummaryCache
lease, no processed record, no log line, no metric. The prompt is rendered once at start-up
from the committed template and a synthetic history, so every model call sends a request of
the real size.

- `litellm_floor`: the model call goes through `ModelGateway.complete`, the gateway the
  service uses (litellm, through its public API). What the service
  costs beyond this is ours to cut; this much is not, as long as Bedrock goes through litellm.
- `http_floor`: the same Converse request sent with one aiohttp POST, no litellm (and no
  SigV4 signature: the emulator does not check one). It shows what litellm itself costs.

The transfer path reads a file per process id in a directory both uvicorn workers share, so a
transfer that reaches the other worker still hits: about the least a shared cache can cost.
Not for production; the benchmark's `uvicorn --factory floor_apps:<name>` is the only caller.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from service.offline import apply_offline_defaults, apply_serving_defaults

# uvicorn imports this module in each worker: the defaults must be set before litellm loads.
apply_offline_defaults()

from eval.dataset.generator import generate_traffic
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.prompts import PromptPair, RenderedPrompt, render_prompt

# (summary text, model used, model latency in ms) for one process id.
ModelCall = Callable[[], Awaitable[tuple[str, str, float]]]


def _pair_and_prompt() -> tuple[PromptPair, RenderedPrompt]:
    """The prompt the benchmark wrote (pointed at the emulator), rendered for one history."""
    pair = load_prompt_dir(Path(os.environ["OCI_PROMPTS_DIR"]) / "omni-summary").pair
    sample = next(s for s in generate_traffic(20, seed=11) if len(s.interactions) >= 5)
    return pair, render_prompt(pair.template, sample.interactions, sample.summary_options())


def _floor_app(call_model: ModelCall) -> FastAPI:
    cache = Path(os.environ["OCI_STATE_DIR"]) / "floor-cache"
    cache.mkdir(exist_ok=True)

    app = FastAPI()

    @app.get("/readyz")
    async def readyz() -> dict[str, bool]:
        return {"ready": True}

    @app.post("/omni-channel-insights")
    async def insights(request: Request) -> JSONResponse:
        started = time.perf_counter()
        body = await request.json()
        entry = cache / str(body["unique_process_id"])
        if entry.exists():
            answer: dict[str, Any] = {**json.loads(entry.read_bytes()), "cache_hit": True}
            answer["latency_ms"] = (time.perf_counter() - started) * 1000
            return JSONResponse(answer)
        summary, model, model_ms = await call_model()
        entry.write_bytes(json.dumps({"summary": summary, "model_used": model}).encode())
        answer = {"summary": summary, "model_used": model, "cache_hit": False}
        answer["latency_ms"] = (time.perf_counter() - started) * 1000
        return JSONResponse(answer, headers={"X-Model-Latency-Ms": f"{model_ms:.1f}"})

    return app


def litellm_floor() -> FastAPI:
    """The model call through the service's own gateway (litellm), nothing else."""
    apply_serving_defaults()
    pair, rendered = _pair_and_prompt()
    gateway = ModelGateway()

    async def call_model() -> tuple[str, str, float]:
        completion = await gateway.complete(rendered, pair.model)
        return completion.text, completion.model, completion.latency_ms

    return _floor_app(call_model)


def http_floor() -> FastAPI:
    """The same Converse request as one aiohttp POST: no litellm."""
    pair, rendered = _pair_and_prompt()
    model_id = pair.model.primary.split("converse/", 1)[1]
    url = f"{pair.model.api_base}/model/{quote(model_id, safe='')}/converse"
    payload = {
        "system": [{"text": rendered.system}],
        "messages": [{"role": "user", "content": [{"text": rendered.user}]}],
        "inferenceConfig": {
            "maxTokens": pair.model.max_tokens,
            "temperature": pair.model.temperature,
        },
    }
    sessions: list[aiohttp.ClientSession] = []  # made on the serving loop, at the first call

    async def call_model() -> tuple[str, str, float]:
        if not sessions:
            sessions.append(aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)))
        started = time.perf_counter()
        async with sessions[0].post(url, json=payload) as response:
            response.raise_for_status()
            answer = await response.json()
        text = answer["output"]["message"]["content"][0]["text"]
        return str(text), pair.model.primary, (time.perf_counter() - started) * 1000

    return _floor_app(call_model)
