"""Run one CPU-bound Python function in a forked child process, beside this one's Python work.

The weekly report's judge holds the GIL on one core for about a second; drawing the plots of
the week's numbers (~0.35 s of matplotlib) in a thread would only take turns with it, while
a child process uses the other core. The child is forked, not spawned: it starts with
matplotlib and the project already imported (a spawned one would spend longer importing
them than drawing). What the report runs there touches no DuckDB, SQLite or event loop, so
the locks that other threads of this process may hold at the fork are never needed in the
child; keep it so for anything else run through here.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

_A = TypeVar("_A")
_R = TypeVar("_R")

# Far above the plots' ~0.35 s: only a child stuck on a lock inherited from the fork waits
# this long before the work is redone here.
DEFAULT_TIMEOUT_S = 60.0


def _child(sender: Connection, fn: Callable[[_A], _R], arg: _A) -> None:
    # A full collection in the child would walk, and so copy, the whole inherited heap (the
    # parent's libraries and data: hundreds of MB of objects), none of which is garbage here.
    gc.freeze()
    try:
        outcome: tuple[bool, Any] = (True, fn(arg))
    except Exception as error:  # noqa: BLE001 - sent to the parent and raised there
        outcome = (False, error)
    sender.send(outcome)
    sender.close()


def call_forked(fn: Callable[[_A], _R], arg: _A, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> _R:
    """`fn(arg)`, computed in a forked child process; blocks the calling thread until then.

    `fn`, `arg` and the result must pickle. An exception raised by `fn` is raised here. A
    child that cannot be forked, dies (out of memory, a signal) or has not answered within
    `timeout_s` (killed) costs only the speed: `fn(arg)` then runs in this process.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    try:
        child = context.Process(target=_child, args=(sender, fn, arg), daemon=True)
        child.start()
    except OSError:
        receiver.close()
        sender.close()
        return fn(arg)
    sender.close()  # the child's copy stays open: EOF here means it died without answering
    try:
        answered = receiver.poll(timeout_s)
        ok, payload = receiver.recv() if answered else (None, None)
    except (EOFError, OSError):
        ok = None
    finally:
        receiver.close()
    if ok is None:
        child.kill()
        child.join()
        return fn(arg)
    child.join()
    if ok:
        return payload  # type: ignore[no-any-return,return-value]
    assert isinstance(payload, BaseException)
    raise payload
