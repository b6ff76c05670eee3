"""One weekly report end to end: warehouse numbers, judge agreement, regression set, files, MLflow.

The warehouse must be loaded first (`oci etl`; `oci report` runs it). Judging is bounded:
kappa uses a deterministic sample of the week's rated summaries (ordered by md5 of the
request id), and the regression set a deterministic sample of its not-helpful summaries, so
a week of a million summaries costs the same judge time as a week of a thousand.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from eval.judge.config import JudgeConfig
from eval.judge.local_judge import BASELINE_NOTE
from eval.scorers.deps import JudgeCache
from eval.weekly.cases import is_simulated, regression_case, worst_cases, write_regression_set
from eval.weekly.judging import Judged, agreement, judge_rows, warm_up
from eval.weekly.metrics import WeeklyNumbers, weekly_numbers
from eval.weekly.plots import number_plots
from eval.weekly.rated import RatedPicks, pick_rated
from eval.weekly.render import WeeklyReport, write_report
from eval.weekly.reviewed import apply_reviews, not_helpful_labels, reason_groups
from eval.weekly.week import previous_week, week_start

KAPPA_SAMPLE = 400
REGRESSION_CASES = 100
NOTES = (
    "Helpful ratios count the latest vote per request; a summary served to two agents "
    "(a transfer) can carry two votes.",
    "Latency, failover and cost are per generated summary (processed records with a model "
    "call); 'No interactions found' answers are excluded.",
    "Error and cache-hit rates come from the served-request log (omni-channel/requests); "
    "weeks without one show n/a.",
)


@dataclass(frozen=True)
class ReportOutcome:
    """What `build_weekly_report` produced."""

    report: WeeklyReport
    files: dict[str, Path]
    regression_path: Path | None
    mlflow_run_id: str | None
    simulated_regression_path: Path | None = None


def build_weekly_report(
    conn: duckdb.DuckDBPyConnection,
    week: str,
    *,
    out_root: Path,
    datasets_dir: Path,
    judge: JudgeConfig | None = None,
    kappa_sample: int = KAPPA_SAMPLE,
    regression_cases: int = REGRESSION_CASES,
    tracking_uri: str | None = None,
    artifacts_dir: Path | None = None,
    judge_cache: JudgeCache | None = None,
    simulated: bool = False,
) -> ReportOutcome:
    """Write `<out_root>/<week>/` and `datasets/regressions/<week>.jsonl`; log to MLflow.

    Not-helpful cases from simulated traffic (the week is marked simulated, or the simulator's
    models wrote the summary) go to `datasets/synthetic/regressions/<week>.jsonl` instead.

    Args:
        conn: The loaded warehouse.
        week: ISO week, e.g. `2026-W47`.
        out_root: Normally `reports/weekly`.
        datasets_dir: Normally `datasets`; the regression set goes under `regressions/`.
        judge: Judge config; the local deterministic baseline by default.
        kappa_sample: Rated summaries judged for kappa.
        regression_cases: Not-helpful summaries kept as regression cases.
        tracking_uri: MLflow tracking URI; None skips MLflow.
        artifacts_dir: MLflow artifact root for a new experiment.
        judge_cache: Judge answers cache (`EvalCache.judge_view()`); None judges afresh.
        simulated: The week's traffic was simulated (`oci simulate` marked it).
    """
    judge = judge or JudgeConfig()
    picks, judged_all, numbers, drawn = _read_and_judge(
        conn, week, judge, judge_cache, kappa_sample=kappa_sample, regression_cases=regression_cases
    )
    sampled = picks.sampled
    judged_sample, judged_unhelpful = judged_all[: len(sampled)], judged_all[len(sampled) :]
    cases = [regression_case(week, item, simulated=simulated) for item in judged_unhelpful]
    # Reviewers' verdicts: a dismissed vote drops its case, a confirmed one carries the reason.
    reviewed = not_helpful_labels(datasets_dir, week)
    cases = apply_reviews(cases, reviewed)
    real = [case for case in cases if not is_simulated(case)]
    regression_path = write_regression_set(datasets_dir, week, real)
    simulated_cases = [c for c in cases if is_simulated(c)]
    simulated_path = write_regression_set(datasets_dir, week, simulated_cases, simulated=True)
    label = f"{judge.model} — " + (BASELINE_NOTE if judge.is_baseline else "LLM judge")
    report = WeeklyReport(
        numbers=numbers,
        agreement=agreement(judged_sample),
        judge=label,
        judged_sample=len(sampled),
        rated_in_week=picks.rated_in_week,
        worst=worst_cases(_dedupe([*judged_unhelpful, *judged_sample])),
        not_helpful_summaries=picks.not_helpful_summaries,
        no_interaction_answers=picks.no_interaction_answers,
        regression_cases=len(cases),
        regression_path=str(regression_path) if regression_path else None,
        notes=list(NOTES),
        simulated_regression_cases=len(simulated_cases),
        simulated_regression_path=str(simulated_path) if simulated_path else None,
        simulated_week=simulated,
        reviewed_reasons=reason_groups(list(reviewed.values())),
    )
    out_dir = out_root / week
    files = write_report(report, out_dir, drawn)
    run_id = None
    if tracking_uri is not None:
        from eval.weekly.tracking import log_weekly_report

        run_id = log_weekly_report(
            report, out_dir, tracking_uri=tracking_uri, artifacts_dir=artifacts_dir
        )
    return ReportOutcome(report, files, regression_path, run_id, simulated_path)


def _read_and_judge(
    conn: duckdb.DuckDBPyConnection,
    week: str,
    judge: JudgeConfig,
    cache: JudgeCache | None,
    *,
    kappa_sample: int,
    regression_cases: int,
) -> tuple[RatedPicks, list[Judged], WeeklyNumbers, dict[str, bytes]]:
    """The picked rows, the judge's verdicts on them (sample first), the week's numbers and
    the plots drawn from them.

    The judge (Python, one core) is the longest step and needs the picked rows, so they are
    read first, with every DuckDB thread, while the judge's one-off costs are paid beside
    them. The week's numbers are then read beside the judge, on a connection of their own
    (a connection serves one thread at a time), and their plots drawn in the same thread.
    """
    start, before = week_start(week), week_start(previous_week(week))
    with ThreadPoolExecutor(1) as pool, conn.cursor() as numbers_conn:
        warming = pool.submit(warm_up, judge)
        picks = pick_rated(
            conn, start, kappa_sample=kappa_sample, regression_cases=regression_cases
        )
        warming.result()
        pending = pool.submit(_numbers_and_plots, numbers_conn, week, start, before)
        judged = judge_rows([*picks.sampled, *picks.unhelpful], judge, cache)
        numbers, drawn = pending.result()
        return picks, judged, numbers, drawn


def _numbers_and_plots(
    conn: duckdb.DuckDBPyConnection, week: str, start: date, before: date
) -> tuple[WeeklyNumbers, dict[str, bytes]]:
    numbers = weekly_numbers(conn, week, start, before)
    return numbers, number_plots(numbers)


def _dedupe(judged: list[Judged]) -> list[Judged]:
    seen: set[str] = set()
    kept = []
    for item in judged:
        key = str(item.row["request_id"])
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
