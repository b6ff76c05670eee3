"""litellm's per-call costs that the service does not need to pay.

Two fixes, both measured under load and both leaving every answer unchanged:
`tune_litellm()` (a price map parsed on every call) and `LitellmInlineExecutor` (litellm's
synchronous half sent to a thread pool on every call).

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
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import litellm.utils

_T = TypeVar("_T")

_MEMOISED_MARK = "_oci_memoised"


def tune_litellm() -> bool:
    """Memoise litellm's bundled price-map loader; True when it was (or already is) memoised.

    Idempotent. Does nothing (returns False) if a litellm release renames the function.
    """
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
        future: Future[_T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001 - delivered to the awaiting caller
            future.set_exception(error)
        return future


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
