"""promptfoo grading provider: the project's judge (`OCI_JUDGE_MODEL`, local baseline by default).

`defaultTest.options.provider` points here, so any model-graded assertion a reviewer adds
(`llm-rubric`, `factuality`, ...) is graded by the same judge model, through the same
`ModelGateway` (timeout, fallbacks, budget), as the eval suite's judge scorer. The local
baseline judge only understands the project's rubric prompt; promptfoo's own grading prompts
need an LLM judge (set `OCI_JUDGE_MODEL`), which is why the default gate uses none.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from eval.inputs import judge_config
from eval.judge.local_judge import register_local_judge
from service.gateway import ModelGateway
from service.prompts import RenderedPrompt
from service.settings import Settings

_STATE: dict[str, Any] = {}


def _split(prompt: str) -> RenderedPrompt:
    """promptfoo sends a grading prompt as text or as a JSON list of chat messages."""
    try:
        messages = json.loads(prompt)
    except ValueError:
        return RenderedPrompt(system="", user=prompt)
    if not isinstance(messages, list):
        return RenderedPrompt(system="", user=prompt)
    system = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") == "system")
    user = "\n".join(str(m.get("content", "")) for m in messages if m.get("role") != "system")
    return RenderedPrompt(system=system, user=user)


def call_api(prompt: str, options: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    """Answer a grading prompt with the project's judge model.

    Returns:
        A ProviderResponse dict: output, cost, tokenUsage (or error).
    """
    del options, context
    if not _STATE:
        config = judge_config(Settings())
        if config.uses_local_judge:
            register_local_judge()
        _STATE.update(config=config, gateway=ModelGateway(), loop=asyncio.new_event_loop())
    gateway: ModelGateway = _STATE["gateway"]
    loop: asyncio.AbstractEventLoop = _STATE["loop"]
    try:
        completion = loop.run_until_complete(
            gateway.complete(_split(prompt), _STATE["config"].model_config)
        )
    except Exception as error:  # noqa: BLE001 - promptfoo shows the error on the row
        return {"error": f"project judge: {type(error).__name__}: {error}"[:500]}
    usage = completion.usage
    return {
        "output": completion.text,
        "cost": completion.cost_usd,
        "tokenUsage": {
            "prompt": usage.input_tokens,
            "completion": usage.output_tokens,
            "total": usage.input_tokens + usage.output_tokens,
        },
    }
