"""The prompt side of the Converse emulator: reading a request body, counting tokens, caching.

Token counts are a documented approximation (`count_tokens`), not a real tokenizer; what matters is
that every run and every client sees the same numbers. `PromptCache` reproduces how Bedrock bills a
prompt with ``cachePoint`` blocks: written on first sight, read while alive, expiring after a TTL.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

# Bedrock's cachePoint may name an extended TTL; anything else uses the plan's default.
_CACHE_POINT_TTLS = {"5m": 300.0, "1h": 3600.0}
# Expired entries are swept once the cache holds this many, to bound memory on long runs.
_SWEEP_AT = 40_000


def count_tokens(text: str) -> int:
    """Deterministic token estimate: ``max(1, ceil(len(text) / 4))`` per text block.

    Four characters a token is the usual rule of thumb for English; exactness does not matter,
    only that every run and every client sees the same numbers.
    """
    return max(1, math.ceil(len(text) / 4))


@dataclass(frozen=True)
class Checkpoint:
    """A ``cachePoint``: digest of everything before it, its token count and its cache TTL."""

    digest: str
    tokens: int
    ttl_s: float | None


@dataclass(frozen=True)
class ConverseInput:
    """The parts of a Converse request body the emulator acts on."""

    system: str
    user: str
    input_tokens: int
    checkpoints: tuple[Checkpoint, ...]
    max_tokens: int | None


class ConverseValidationError(Exception):
    """The request is one Bedrock would refuse with a 400 ``ValidationException``."""


def parse_converse(body: object) -> ConverseInput:
    """Read a Converse request body; raises `ConverseValidationError` where Bedrock answers 400.

    The prompt is walked in Bedrock's order (system blocks, then message content blocks) while a
    running hash and token sum are kept, so each ``cachePoint`` knows the exact prefix before it.
    Non-text blocks (images, tool use) count as their JSON text.
    """
    if not isinstance(body, dict):
        raise ConverseValidationError("Request body must be a JSON object.")
    messages, system = body.get("messages"), body.get("system", [])
    if not isinstance(messages, list) or not messages or not isinstance(system, list):
        raise ConverseValidationError("messages must be a non-empty list and system a list.")
    running, tokens = hashlib.sha256(), 0
    checkpoints: list[Checkpoint] = []
    system_texts: list[str] = []
    user_texts: list[str] = []
    blocks = [("system", b) for b in system]
    for message in messages:
        if not isinstance(message, dict) or not isinstance(message.get("content"), list):
            raise ConverseValidationError("Each message needs a role and a content list.")
        blocks += [(str(message.get("role")), b) for b in message["content"]]
    for role, block in blocks:
        if not isinstance(block, dict):
            raise ConverseValidationError("Content blocks must be JSON objects.")
        if "cachePoint" in block:
            point = block["cachePoint"]
            ttl = _CACHE_POINT_TTLS.get(str(point.get("ttl"))) if isinstance(point, dict) else None
            checkpoints.append(Checkpoint(running.copy().hexdigest(), tokens, ttl))
            continue
        is_text = isinstance(block.get("text"), str)
        text = block["text"] if is_text else json.dumps(block, sort_keys=True)
        running.update(f"\x1e{role}\x1f{text}".encode())
        tokens += count_tokens(text)
        if is_text and role == "system":
            system_texts.append(text)
        elif is_text and role == "user":
            user_texts.append(text)
    config = body.get("inferenceConfig") or {}
    max_tokens = config.get("maxTokens") if isinstance(config, dict) else None
    return ConverseInput(
        system="\n\n".join(system_texts),
        user="\n\n".join(user_texts),
        input_tokens=tokens,
        checkpoints=tuple(checkpoints),
        max_tokens=max_tokens if isinstance(max_tokens, int) and max_tokens > 0 else None,
    )


class PromptCache:
    """Bedrock-style prompt cache: prefix digests per model, each alive for a TTL from last use."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._expiry: dict[tuple[str, str], float] = {}

    def settle(
        self, model_id: str, checkpoints: tuple[Checkpoint, ...], default_ttl_s: float
    ) -> tuple[int, int]:
        """Return ``(cache_read_tokens, cache_write_tokens)`` and refresh every checkpoint.

        The longest live checkpoint is read; the tokens between it and the last checkpoint are
        written, which is how Bedrock bills a prompt that extends an already cached prefix.
        """
        if not checkpoints:
            return 0, 0
        now = self._clock()
        live = [c for c in checkpoints if self._expiry.get((model_id, c.digest), 0.0) > now]
        read = max((c.tokens for c in live), default=0)
        for c in checkpoints:
            ttl = default_ttl_s if c.ttl_s is None else c.ttl_s
            self._expiry[(model_id, c.digest)] = now + ttl
        if len(self._expiry) > _SWEEP_AT:
            self._expiry = {k: t for k, t in self._expiry.items() if t > now}
        return read, checkpoints[-1].tokens - read
