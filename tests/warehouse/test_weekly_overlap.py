"""What the weekly report overlaps changes nothing it writes: plots drawn beside the judge,
judge answers cached, and the judge warmed up on a synthetic row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from oci_testing.warehouse_store import WEEK

from eval.cache import EvalCache
from eval.judge.config import JudgeConfig
from eval.warehouse.etl import WarehousePaths, connect
from eval.weekly import judging
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


def test_plots_drawn_beside_the_judge_are_the_files_written(
    cached_runs: tuple[ReportOutcome, ReportOutcome, Path],
) -> None:
    outcome = cached_runs[0]
    here = number_plots(outcome.report.numbers)
    for key in ("helpful", "kpis"):
        assert outcome.files[key].read_bytes() == here[key]
        assert here[key].startswith(b"\x89PNG")


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


def test_warm_up_calls_no_llm_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(judging, "judge_rows", lambda rows, *a, **k: calls.append(len(rows)))
    warm_up(JudgeConfig(model_config=ModelConfig(primary="bedrock/some-llm")))
    assert calls == []
    warm_up(JudgeConfig())
    assert calls == [1]
