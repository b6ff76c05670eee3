"""The week's numbers, read from the warehouse views and turned into ratios and intervals.

Counts and percentiles come from the SQL views (the same SQL runs on Redshift); ratios,
Wilson intervals and week-over-week changes are computed here with `eval.stats`, so every
division happens in one place and a zero denominator gives None, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from eval.stats import wilson_interval

KPI_NOT_HELPFUL = 0.15
KPI_P95_MS = 5000.0
KPI_P99_MS = 8000.0
KPI_TRANSFER_CACHE_HIT = 0.70
KPI_FAILOVER = 0.10
KPI_ERROR_RATE = 0.005


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


def weekly_numbers(
    conn: duckdb.DuckDBPyConnection, week: str, start: date, previous_start: date
) -> WeeklyNumbers:
    """Read one week (and the week before, for changes) from the warehouse views."""
    current, before = _helpful(conn, start), _helpful(conn, previous_start)
    pairs = sorted(current)
    helpful_rows = []
    for pair in pairs:
        now, then = current[pair], before.get(pair, Ratio.of(0, 0))
        change = None if now.value is None or then.value is None else now.value - then.value
        helpful_rows.append(HelpfulRow(pair[0], pair[1], now, then, change))
    n_feedback = sum(r.n for r in current.values())
    n_helpful = sum(r.successes for r in current.values())
    total = _rows(conn, "SELECT * FROM v_weekly_performance_total WHERE week_start = ?", start)
    per_version = _rows(conn, "SELECT * FROM v_weekly_performance WHERE week_start = ?", start)
    req = _rows(conn, "SELECT * FROM v_weekly_requests WHERE week_start = ?", start)
    r = req[0] if req else {k: 0 for k in ("n_requests", "n_errors", "n_cache_hits")}
    n_requests = int(r["n_requests"])
    requests = Requests(
        n_requests=n_requests,
        error_rate=Ratio.of(int(r["n_errors"]), n_requests),
        cache_hit_rate=Ratio.of(int(r["n_cache_hits"]), n_requests),
        transfer_cache_hit_rate=Ratio.of(
            int(r.get("n_transfer_hits_5min") or 0), int(r.get("n_transfers_5min") or 0)
        ),
    )
    by_version = {row["prompt_version"]: _performance(row) for row in per_version}
    all_summaries = sum(p.n_summaries for p in by_version.values())
    production = max(by_version, key=lambda v: (by_version[v].n_summaries, v), default=None)
    versions = []
    for version in sorted(by_version):
        votes = [ratio for (v, _), ratio in current.items() if v == version]
        versions.append(
            VersionRow(
                prompt_version=version,
                role="production" if version == production else "canary",
                share=by_version[version].n_summaries / all_summaries if all_summaries else 0.0,
                helpful=Ratio.of(sum(x.successes for x in votes), sum(x.n for x in votes)),
                performance=by_version[version],
            )
        )
    numbers = WeeklyNumbers(
        week=week,
        week_start=start,
        helpful_by_pair=helpful_rows,
        not_helpful=Ratio.of(n_feedback - n_helpful, n_feedback),
        performance=_performance(total[0] if total else None),
        requests=requests,
        versions=versions,
    )
    numbers.kpis.update(_kpis(numbers))
    return numbers
