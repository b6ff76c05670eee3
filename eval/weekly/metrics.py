"""The week's numbers, read from the warehouse views and turned into ratios and intervals.

Counts and percentiles come from the SQL views (the same SQL runs on Redshift); ratios,
Wilson intervals and week-over-week changes are computed here with `eval.stats`, so every
division happens in one place and a zero denominator gives None, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from eval.stats import wilson_interval

KPI_NOT_HELPFUL = 0.15
KPI_P95_MS = 5000.0
KPI_P99_MS = 8000.0
KPI_TRANSFER_CACHE_HIT = 0.70
KPI_FAILOVER = 0.10
KPI_ERROR_RATE = 0.005
# Not a seed KPI: an alert level for the claim check (first drafts that failed it).
KPI_VALIDATION_FAILURE = 0.05
TREND_WEEKS = 8  # weeks of per-version history the report plots


@dataclass(frozen=True)
class Ratio:
    """A proportion with its 95% Wilson interval; `value` is None when `n` is 0."""

    successes: int
    n: int
    value: float | None
    low: float | None
    high: float | None

    @classmethod
    def of(cls, successes: int, n: int) -> Ratio:
        """successes / n with its interval."""
        bounds = wilson_interval(successes, n)
        value = successes / n if n else None
        return cls(successes, n, value, *(bounds if bounds else (None, None)))


@dataclass(frozen=True)
class HelpfulRow:
    """Helpful ratio of one prompt version and model, this week and the week before."""

    prompt_version: str
    model_used: str
    helpful: Ratio
    previous: Ratio
    change: float | None


@dataclass(frozen=True)
class Performance:
    """Generation performance of model-called summaries (one version, or all)."""

    n_summaries: int
    latency_p50: float | None
    latency_p95: float | None
    latency_p99: float | None
    failover: Ratio
    cost_total: float
    cost_per_summary: float | None
    validation_failure: Ratio = field(default_factory=lambda: Ratio.of(0, 0))


@dataclass(frozen=True)
class Requests:
    """Request-log figures; None fields when the week has no request log."""

    n_requests: int
    error_rate: Ratio
    cache_hit_rate: Ratio
    transfer_cache_hit_rate: Ratio


@dataclass(frozen=True)
class VersionRow:
    """One prompt version's role (production or canary) and its figures."""

    prompt_version: str
    role: str
    share: float
    helpful: Ratio
    performance: Performance
    previous_helpful: Ratio = field(default_factory=lambda: Ratio.of(0, 0))
    previous_validation_failure: Ratio = field(default_factory=lambda: Ratio.of(0, 0))


@dataclass(frozen=True)
class Headline:
    """A headline rate this week and the week before, with the change and its KPI target."""

    name: str
    current: Ratio
    previous: Ratio
    target: float
    below: bool  # the KPI is met below the target (above otherwise)

    @property
    def change(self) -> float | None:
        """This week minus last week (None when either has no data)."""
        if self.current.value is None or self.previous.value is None:
            return None
        return self.current.value - self.previous.value


@dataclass(frozen=True)
class TrendPoint:
    """One prompt version's helpful ratio and validation failures in one week."""

    week_start: date
    prompt_version: str
    helpful: Ratio
    validation_failure: Ratio


@dataclass(frozen=True)
class WeeklyNumbers:
    """Everything the report states about a week that comes straight from the warehouse."""

    week: str
    week_start: date
    helpful_by_pair: list[HelpfulRow]
    not_helpful: Ratio
    performance: Performance
    requests: Requests
    versions: list[VersionRow]
    kpis: dict[str, dict[str, Any]] = field(default_factory=dict)
    headlines: list[Headline] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, list(params))
    names = [column[0] for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _performance(row: dict[str, Any] | None) -> Performance:
    if row is None:
        return Performance(0, None, None, None, Ratio.of(0, 0), 0.0, None)
    n = int(row["n_summaries"])
    cost = float(row["cost_total"] or 0.0)
    return Performance(
        n_summaries=n,
        latency_p50=row["latency_p50"],
        latency_p95=row["latency_p95"],
        latency_p99=row["latency_p99"],
        failover=Ratio.of(int(row["n_failover"]), n),
        cost_total=cost,
        cost_per_summary=cost / n if n else None,
        validation_failure=Ratio.of(int(row["n_check_failed"] or 0), int(row["n_checked"] or 0)),
    )


def _helpful(conn: duckdb.DuckDBPyConnection, start: date) -> dict[tuple[str, str], Ratio]:
    rows = _rows(conn, "SELECT * FROM v_weekly_helpful WHERE week_start = ?", start)
    return {
        (r["prompt_version"], r["model_used"]): Ratio.of(int(r["n_helpful"]), int(r["n_feedback"]))
        for r in rows
    }


def _kpis(numbers: WeeklyNumbers) -> dict[str, dict[str, Any]]:
    def kpi(value: float | None, target: float, *, below: bool = True) -> dict[str, Any]:
        met = None if value is None else (value < target if below else value > target)
        return {"value": value, "target": target, "met": met, "direction": "<" if below else ">"}

    perf, requests = numbers.performance, numbers.requests
    return {
        "not_helpful_rate": kpi(numbers.not_helpful.value, KPI_NOT_HELPFUL),
        "latency_p95_ms": kpi(perf.latency_p95, KPI_P95_MS),
        "latency_p99_ms": kpi(perf.latency_p99, KPI_P99_MS),
        "transfer_cache_hit_rate": kpi(
            requests.transfer_cache_hit_rate.value, KPI_TRANSFER_CACHE_HIT, below=False
        ),
        "failover_rate": kpi(perf.failover.value, KPI_FAILOVER),
        "error_rate": kpi(requests.error_rate.value, KPI_ERROR_RATE),
    }


def _requests(conn: duckdb.DuckDBPyConnection, start: date) -> Requests:
    req = _rows(conn, "SELECT * FROM v_weekly_requests WHERE week_start = ?", start)
    r = req[0] if req else {k: 0 for k in ("n_requests", "n_errors", "n_cache_hits")}
    n_requests = int(r["n_requests"])
    return Requests(
        n_requests=n_requests,
        error_rate=Ratio.of(int(r["n_errors"]), n_requests),
        cache_hit_rate=Ratio.of(int(r["n_cache_hits"]), n_requests),
        transfer_cache_hit_rate=Ratio.of(
            int(r.get("n_transfer_hits_5min") or 0), int(r.get("n_transfers_5min") or 0)
        ),
    )


def _total(conn: duckdb.DuckDBPyConnection, start: date) -> Performance:
    total = _rows(conn, "SELECT * FROM v_weekly_performance_total WHERE week_start = ?", start)
    return _performance(total[0] if total else None)


def _by_version(conn: duckdb.DuckDBPyConnection, start: date) -> dict[str, Performance]:
    rows = _rows(conn, "SELECT * FROM v_weekly_performance WHERE week_start = ?", start)
    return {row["prompt_version"]: _performance(row) for row in rows}


def _not_helpful(helpful: dict[tuple[str, str], Ratio]) -> Ratio:
    n = sum(r.n for r in helpful.values())
    return Ratio.of(n - sum(r.successes for r in helpful.values()), n)


def _version_helpful(helpful: dict[tuple[str, str], Ratio], version: str) -> Ratio:
    votes = [ratio for (v, _), ratio in helpful.items() if v == version]
    return Ratio.of(sum(x.successes for x in votes), sum(x.n for x in votes))


def version_trend(
    conn: duckdb.DuckDBPyConnection, start: date, weeks: int = TREND_WEEKS
) -> list[TrendPoint]:
    """Each prompt version's weekly figures over the `weeks` weeks up to `start`, by version id.

    Keyed by version id, so a version keeps its own line whichever role it had, and a new
    production version starts a line of its own instead of inheriting another's history.
    """
    first = start - timedelta(days=7 * (weeks - 1))
    helpful = _rows(
        conn,
        "SELECT week_start, prompt_version, SUM(n_helpful) AS n_helpful, SUM(n_feedback) AS"
        " n_feedback FROM v_weekly_helpful WHERE week_start BETWEEN ? AND ?"
        " GROUP BY week_start, prompt_version",
        first,
        start,
    )
    checks = _rows(
        conn,
        "SELECT week_start, prompt_version, n_checked, n_check_failed FROM v_weekly_performance"
        " WHERE week_start BETWEEN ? AND ?",
        first,
        start,
    )
    votes = {(r["week_start"], r["prompt_version"]): r for r in helpful}
    checked = {(r["week_start"], r["prompt_version"]): r for r in checks}
    points = []
    for key in sorted({*votes, *checked}):
        vote, check = votes.get(key, {}), checked.get(key, {})
        points.append(
            TrendPoint(
                week_start=key[0],
                prompt_version=key[1],
                helpful=Ratio.of(int(vote.get("n_helpful") or 0), int(vote.get("n_feedback") or 0)),
                validation_failure=Ratio.of(
                    int(check.get("n_check_failed") or 0), int(check.get("n_checked") or 0)
                ),
            )
        )
    return points


def weekly_numbers(
    conn: duckdb.DuckDBPyConnection, week: str, start: date, previous_start: date
) -> WeeklyNumbers:
    """Read one week (and the week before, for changes) from the warehouse views."""
    current, before = _helpful(conn, start), _helpful(conn, previous_start)
    helpful_rows = []
    for pair in sorted(current):
        now, then = current[pair], before.get(pair, Ratio.of(0, 0))
        change = None if now.value is None or then.value is None else now.value - then.value
        helpful_rows.append(HelpfulRow(pair[0], pair[1], now, then, change))
    requests, requests_before = _requests(conn, start), _requests(conn, previous_start)
    performance, performance_before = _total(conn, start), _total(conn, previous_start)
    by_version, by_version_before = _by_version(conn, start), _by_version(conn, previous_start)
    all_summaries = sum(p.n_summaries for p in by_version.values())
    production = max(by_version, key=lambda v: (by_version[v].n_summaries, v), default=None)
    versions = []
    for version in sorted(by_version):
        earlier = by_version_before.get(version)
        versions.append(
            VersionRow(
                prompt_version=version,
                role="production" if version == production else "canary",
                share=by_version[version].n_summaries / all_summaries if all_summaries else 0.0,
                helpful=_version_helpful(current, version),
                performance=by_version[version],
                previous_helpful=_version_helpful(before, version),
                previous_validation_failure=(
                    earlier.validation_failure if earlier else Ratio.of(0, 0)
                ),
            )
        )
    not_helpful = _not_helpful(current)
    headlines = [
        Headline("not_helpful_rate", not_helpful, _not_helpful(before), KPI_NOT_HELPFUL, True),
        Headline(
            "error_rate", requests.error_rate, requests_before.error_rate, KPI_ERROR_RATE, True
        ),
        Headline(
            "failover_rate", performance.failover, performance_before.failover, KPI_FAILOVER, True
        ),
        Headline(
            "transfer_cache_hit_rate",
            requests.transfer_cache_hit_rate,
            requests_before.transfer_cache_hit_rate,
            KPI_TRANSFER_CACHE_HIT,
            False,
        ),
        Headline(
            "validation_failure_rate",
            performance.validation_failure,
            performance_before.validation_failure,
            KPI_VALIDATION_FAILURE,
            True,
        ),
    ]
    numbers = WeeklyNumbers(
        week=week,
        week_start=start,
        helpful_by_pair=helpful_rows,
        not_helpful=not_helpful,
        performance=performance,
        requests=requests,
        versions=versions,
        headlines=headlines,
        trend=version_trend(conn, start),
    )
    numbers.kpis.update(_kpis(numbers))
    return numbers
