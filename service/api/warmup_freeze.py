"""Keep the cyclic garbage collector off what the first requests build.

Start-up freezes (`gc.freeze`) everything imported and built by then, so full collections
stop re-scanning it. But the first requests still build long-lived state lazily: the first
Bedrock call makes litellm import its Bedrock path and boto3 (about 40,000 objects) and
parse its bundled price map (a 3 MB JSON file, thousands of dicts). Left unfrozen, every
full collection walks all of it again; in `bench/service_overhead.py` (200 clients,
instrumented copy) each worker still paused 44 to 48 ms per full collection after the
start-up freeze. Freezing again after the 1st, 10th, 100th and 1,000th answered request
moves that state out of the collector's way as it appears.

The price of a freeze: cyclic garbage that exists at that moment is never collected. A
young collection just before each freeze removes most of it, and the few freezes in a
process's life bound what is left.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection

# Powers of ten: early enough to catch the first call's imports, late enough to catch the
# caches and pools that fill over the first thousand requests.
DEFAULT_FREEZE_AFTER: tuple[int, ...] = (1, 10, 100, 1000)


def _collect_young_then_freeze() -> None:
    gc.collect(1)
    gc.freeze()


class WarmupFreezer:
    """Counts answered requests and freezes the heap after the configured counts."""

    def __init__(
        self,
        after: Collection[int] = DEFAULT_FREEZE_AFTER,
        freeze: Callable[[], None] = _collect_young_then_freeze,
    ) -> None:
        self._after = frozenset(after)
        self._last = max(self._after, default=0)
        self._freeze = freeze
        self._answered = 0

    def request_answered(self) -> None:
        """Call once per answered request; cheap after the last freeze."""
        if self._answered >= self._last:
            return
        self._answered += 1
        if self._answered in self._after:
            self._freeze()
