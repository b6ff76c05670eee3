"""litellm's per-call costs that the service does not need to pay.

Fixes measured under load, each leaving every answer unchanged: `tune_litellm()` (a price
map parsed on every call, model-map lookups that fail on every call, capability lookups
repeated on every call) and `LitellmInlineExecutor` (litellm's synchronous half sent to a
thread pool on every call).

litellm 1.106 re-reads and re-parses its bundled price map (a 3 MB JSON file shipped
inside the package) on every Bedrock Converse call to a non-Anthropic model with a
temperature: `AmazonConverseConfig._supports_sampling_params` asks
`AnthropicModelInfo._get_model_capability` for up to four model-name candidates, and each
lookup evaluates `get_bundled_model_cost_map()` eagerly. Measured here: that check took
4.5 ms for `converse/us.amazon.nova-lite-v1:0` and 0.1 ms memoised; a sequential gateway
call to the emulator went from 5.2 to 3.9 ms of CPU.

The file is part of the installed package and cannot change while the process runs, so
memoising the function returns exactly what it returned before. The parsed map is shared,
which is safe because litellm only reads it (checked for this version range, see the
test). This is a performance fix, not a fake: behaviour is unchanged and the test pins it.

Two lookups repeat per call for the same model string (litellm 1.106, measured with
cProfile over 2,000 gateway calls to the emulator; 3.9 ms of process CPU per call before):
- `get_model_info` caches answers in an `lru_cache`, but a model the map does not know
  raises, and `lru_cache` does not keep exceptions. Bedrock's regex-lookaround check asks
  for `amazon.nova-lite` (the Nova id with its version stripped), which is not in the map:
  a whole `_build_model_info` (0.3 ms) ran and failed on every call. The failure is now
  remembered per model and per model-map generation, which litellm bumps on every
  `register_model`, so registering the model later is seen at once.
- `AnthropicModelInfo._get_model_capability` (is sampling allowed for this model?) walks
  up to 40 alias candidates through two maps, eight times per call. It reads only the
  model map, so it is remembered per model, key and model-map generation.
Together: 3.9 → 3.0–3.2 ms of process CPU per gateway call, timed over 2,000 calls by a
scratch script (bench/gateway_overhead.py times latency, not CPU). Four more lookups litellm
repeats per call are remembered in `service.litellm_lookups`.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import functools
import importlib
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from typing import Any, TypeVar, cast

import litellm.utils
from litellm.llms.anthropic.common_utils import AnthropicModelInfo

from service.litellm_lookups import model_map_generation, remember_model_map_lookups

_T = TypeVar("_T")

_MEMOISED_MARK = "_oci_memoised"
# Distinct failing model strings kept; a service calls a handful of models.
_MAX_REMEMBERED = 1024


def tune_litellm() -> bool:
    """Apply the memoisations above; True when the price-map loader was (or already is) memoised.

    Idempotent. Each fix is skipped if a litellm release renames what it wraps.
    """
    _remember_unmapped_models()
    _remember_model_capabilities()
    remember_model_map_lookups()
    loader: Callable[[], dict[str, Any]] | None = getattr(
        litellm.utils, "get_bundled_model_cost_map", None
    )
    if loader is None:
        return False
    if getattr(loader, _MEMOISED_MARK, False):
        return True
    memoised = functools.cache(loader)
    setattr(memoised, _MEMOISED_MARK, True)
    litellm.utils.get_bundled_model_cost_map = memoised  # type: ignore[attr-defined]
    return True


def _remember_unmapped_models() -> None:
    lookup: Callable[..., Any] | None = getattr(litellm.utils, "_cached_get_model_info", None)
    if lookup is None or getattr(lookup, _MEMOISED_MARK, False):
        return
    failures: dict[tuple[str, str | None, str | None, int], Exception] = {}

    @functools.wraps(lookup)
    def remembering(
        model: str, custom_llm_provider: str | None = None, api_base: str | None = None
    ) -> Any:
        key = (model, custom_llm_provider, api_base, model_map_generation())
        known = failures.get(key)
        if known is not None:
            # A fresh copy: re-raising one instance would grow its traceback on every call.
            raise copy.copy(known)
        try:
            return lookup(model, custom_llm_provider, api_base)
        except Exception as error:
            if len(failures) < _MAX_REMEMBERED and _copyable(error):
                failures[key] = error
            raise

    def cache_clear() -> None:  # litellm clears the cache when the model map changes
        failures.clear()
        clear = getattr(lookup, "cache_clear", None)
        if clear is not None:
            clear()

    remembering.cache_clear = cache_clear  # type: ignore[attr-defined]
    remembering.cache_info = getattr(lookup, "cache_info", None)  # type: ignore[attr-defined]
    setattr(remembering, _MEMOISED_MARK, True)
    litellm.utils._cached_get_model_info = remembering  # type: ignore[attr-defined]


def _copyable(error: Exception) -> bool:
    try:
        copy.copy(error)
    except Exception:  # noqa: BLE001 - an exception type that cannot be rebuilt is not kept
        return False
    return True


def _remember_model_capabilities() -> None:
    capability: Callable[[str, str], bool | None] | None = getattr(
        AnthropicModelInfo, "_get_model_capability", None
    )
    if capability is None or getattr(capability, _MEMOISED_MARK, False):
        return

    @functools.lru_cache(maxsize=_MAX_REMEMBERED)
    def by_generation(model: str, key: str, generation: int) -> bool | None:
        return capability(model, key)

    @functools.wraps(capability)
    def remembering(model: str, key: str) -> bool | None:
        return by_generation(model, key, model_map_generation())

    setattr(remembering, _MEMOISED_MARK, True)
    AnthropicModelInfo._get_model_capability = staticmethod(remembering)  # type: ignore[method-assign]


class _InlineExecutor(Executor):
    """Runs each submitted callable at once, on the caller's thread."""

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        return _run_inline(fn, *args, **kwargs)


def _run_inline(fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
    """Call `fn` now and hand back its result (or error) as a completed future.

    On an event loop's thread the future is an asyncio one, already done: `run_in_executor`
    returns it as it is (`asyncio.wrap_future` passes asyncio futures through), and awaiting
    a done future does not suspend the task. A concurrent future would be copied into an
    asyncio one through `call_soon_threadsafe`, so the awaiting task went to the back of
    the ready queue once per hand-off, twice per Bedrock call. Under a burst of requests
    every call then waited for every other call's preparation before sending its own,
    and the model calls of a burst left (and came back) together: see
    `bench/service_overhead.py`'s note on synchronization.
    """
    try:
        loop: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    future: Future[_T] | asyncio.Future[_T] = Future() if loop is None else loop.create_future()
    try:
        future.set_result(fn(*args, **kwargs))
    except BaseException as error:  # noqa: BLE001 - delivered to the awaiting caller
        future.set_exception(error)
    # Only `run_in_executor` (through `asyncio.wrap_future`) sees an asyncio future here;
    # it takes either kind.
    return cast("Future[_T]", future)


def sign_aws_requests_inline() -> bool:
    """Make litellm sign Bedrock requests (SigV4, ~0.3 ms of CPU) on the calling thread.

    litellm 1.106 sends every signature to its own thread pool (`AWS_SIGNING_EXECUTOR`),
    a second hand-off per call beside the one `LitellmInlineExecutor` removes, with the
    same GIL convoy under load. The price is the same too: a credential refresh inside the
    signature (STS or instance metadata, once per credential lifetime) blocks the loop.
    Returns False (and changes nothing) if a litellm release renames the pool.
    """
    module = importlib.import_module("litellm.llms.bedrock.base_aws_llm")
    if not isinstance(getattr(module, "AWS_SIGNING_EXECUTOR", None), Executor):
        return False
    if not isinstance(module.AWS_SIGNING_EXECUTOR, _InlineExecutor):  # type: ignore[attr-defined]
        module.AWS_SIGNING_EXECUTOR = _InlineExecutor()  # type: ignore[attr-defined]
    return True


class LitellmInlineExecutor(ThreadPoolExecutor):
    """An event loop's default executor that runs litellm's synchronous part inline.

    `litellm.acompletion` prepares every call (parameter mapping, request transformation,
    credentials from cache) in `completion()`, which it sends to the loop's default
    executor; for Bedrock that returns a coroutine the loop then awaits. Each hand-off
    needs the GIL back from the busy loop, and under load the queue of them became a GIL
    convoy: `bench/service_overhead.py` (200 clients) measured the time inside the gateway
    over the emulator's own latency at p50 158 ms / p99 1034 ms with the thread pool and
    p50 68 ms / p99 472 ms inline, on the same (shared) machine. The CPU is the same either
    way; inline it is spent without waiting for the GIL.

    Anything else sent to the default executor (blob writes, DNS lookups) still runs on
    the pool's threads. The price: a blocking step inside litellm's preparation (an AWS
    credential refresh through STS or instance metadata, once per credential lifetime)
    blocks this loop while it runs; `OCI_LITELLM_INLINE=false` restores the thread pool.
    """

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        if not _calls_litellm(fn, args):
            return super().submit(fn, *args, **kwargs)
        return _run_inline(fn, *args, **kwargs)


def _calls_litellm(fn: Callable[..., Any], args: tuple[Any, ...]) -> bool:
    """True when `fn` (through partials and a `Context.run` wrapper) is a litellm function."""
    target: Any = fn
    pending = args
    for _ in range(8):  # partial(ctx.run, partial(completion, ...)) is two levels deep
        if isinstance(target, functools.partial):
            pending, target = target.args, target.func
            continue
        owner = getattr(target, "__self__", None)
        if isinstance(owner, contextvars.Context) and pending:
            target, pending = pending[0], pending[1:]
            continue
        break
    return str(getattr(target, "__module__", "") or "").startswith("litellm")
