"""The heap is frozen after the configured answered-request counts, and never again."""

from __future__ import annotations

import gc

from hypothesis import given
from hypothesis import strategies as st

from service.api.warmup_freeze import WarmupFreezer


@given(
    after=st.sets(st.integers(min_value=1, max_value=60), max_size=5),
    answered=st.integers(min_value=0, max_value=80),
)
def test_freezes_exactly_at_the_configured_counts(after: set[int], answered: int) -> None:
    frozen_at: list[int] = []
    count = 0

    def freeze() -> None:
        frozen_at.append(count)

    freezer = WarmupFreezer(after, freeze=freeze)
    for count in range(1, answered + 1):  # noqa: B007 - read by freeze()
        freezer.request_answered()
    assert frozen_at == sorted(n for n in after if n <= answered)


def test_the_default_freeze_moves_live_objects_out_of_the_collector() -> None:
    freezer = WarmupFreezer((1,))
    built_after_start_up = [{"lazily": [index]} for index in range(1000)]
    before = gc.get_freeze_count()
    try:
        freezer.request_answered()
        assert gc.get_freeze_count() >= before + len(built_after_start_up)
    finally:
        gc.unfreeze()
