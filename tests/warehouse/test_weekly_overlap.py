"""What the weekly report overlaps changes nothing it writes: plots drawn in a forked process,
judge answers written after the judge, and the judge warmed up on a synthetic row."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from oci_testing.dict_cache import DictCache
from oci_testing.warehouse_store import WEEK

from eval.cache import EvalCache
from eval.judge.config import JudgeConfig
from eval.warehouse.etl import WarehousePaths, connect
from eval.weekly import judging
from eval.weekly.forked import call_forked
from eval.weekly.judge_cache import DeferredWrites
from eval.weekly.judging import warm_up
from eval.weekly.plots import number_plots
from eval.weekly.report import ReportOutcome, build_weekly_report
from service.model_config import ModelConfig


def _report(warehouse: WarehousePaths, out: Path, cache: EvalCache | None) -> ReportOutcome:
    with connect(warehouse.database) as conn:
        return build_weekly_report(
            conn,
            WEEK,
            out_root=out / "reports",
            datasets_dir=out / "ds",
            judge_cache=cache.judge_view() if cache else None,
        )


@pytest.fixture(scope="module")
def cached_runs(
    warehouse: WarehousePaths, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ReportOutcome, ReportOutcome, Path]:
    out = tmp_path_factory.mktemp("overlap")
    cache = EvalCache(out / "cache.sqlite")
    try:
        first = _report(warehouse, out / "first", cache)
        second = _report(warehouse, out / "second", cache)
    finally:
        cache.close()
    return first, second, out / "cache.sqlite"


def test_plots_drawn_in_a_forked_process_are_the_files_written(
    cached_runs: tuple[ReportOutcome, ReportOutcome, Path],
) -> None:
    outcome = cached_runs[0]
    here = number_plots(outcome.report.numbers)
    assert call_forked(number_plots, outcome.report.numbers) == here
    for key in ("helpful", "kpis"):
        assert outcome.files[key].read_bytes() == here[key]
        assert here[key].startswith(b"\x89PNG")


def _reciprocal(value: int) -> float:
    return 1 / value


def test_an_error_in_the_forked_process_is_raised_here() -> None:
    assert call_forked(_reciprocal, 4) == 0.25
    with pytest.raises(ZeroDivisionError):
        call_forked(_reciprocal, 0)


def test_every_judge_answer_is_in_the_cache_when_the_report_returns(
    cached_runs: tuple[ReportOutcome, ReportOutcome, Path],
) -> None:
    first, second, path = cached_runs
    with sqlite3.connect(path) as db:
        stored = db.execute("SELECT count(*) FROM entries WHERE kind = 'judge'").fetchone()[0]
    assert stored > 0
    assert stored >= first.report.agreement.n
    # The second report, all answers cached, states what the first did.
    assert second.report.agreement == first.report.agreement
    assert second.report.worst == first.report.worst
    assert first.regression_path and second.regression_path
    assert second.regression_path.read_text() == first.regression_path.read_text()


def test_deferred_writes_reach_the_cache_on_exit_in_put_order() -> None:
    inner = DictCache()
    inner.put("old", {"v": 0})
    with DeferredWrites(inner) as cache:
        cache.put("a", {"v": 1})
        cache.put("b", {"v": 2})
        assert inner.items == {"old": {"v": 0}}  # nothing written while the judge runs
        assert cache.get("a") == {"v": 1} and cache.get("old") == {"v": 0}
        cache.write_behind()
        with pytest.raises(RuntimeError):
            cache.put("c", {"v": 3})
    assert list(inner.items) == ["old", "a", "b"]


def test_a_failed_cache_write_is_raised_on_exit() -> None:
    class Broken(DictCache):
        def put(self, key: str, value: dict[str, Any]) -> None:
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), DeferredWrites(Broken()) as cache:
        cache.put("a", {"v": 1})


def test_warm_up_calls_no_llm_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(judging, "judge_rows", lambda rows, *a, **k: calls.append(len(rows)))
    warm_up(JudgeConfig(model_config=ModelConfig(primary="bedrock/some-llm")))
    assert calls == []
    warm_up(JudgeConfig())
    assert calls == [1]


def _exit_abruptly(value: int) -> int:
    if os.getpid() != value:
        os._exit(3)  # the child dies without an answer
    return value


def test_a_child_that_dies_is_replaced_by_a_call_here() -> None:
    assert call_forked(_exit_abruptly, os.getpid()) == os.getpid()


def _hang_in_the_child(value: int) -> int:
    if os.getpid() != value:
        time.sleep(60)  # stands in for a lock inherited from the fork and never released
    return value


def test_a_child_that_hangs_is_killed_and_replaced_by_a_call_here() -> None:
    started = time.monotonic()
    assert call_forked(_hang_in_the_child, os.getpid(), timeout_s=0.5) == os.getpid()
    assert time.monotonic() - started < 30
