"""The weeks the warehouse holds data for: what `oci report` picks by default, and refuses.

A week has data when any summary was generated, any feedback received or any request
answered in it. Reporting a week without any gives a report of `n/a` everywhere, which
reads like a broken pipeline rather than an empty week, so the command says so instead.
"""

from __future__ import annotations

import duckdb

from eval.weekly.week import week_name

_WEEK_STARTS = """
SELECT DISTINCT CAST(date_trunc('week', moment) AS DATE) AS monday FROM (
    SELECT generation_timestamp AS moment FROM omni_summaries
    UNION ALL SELECT received_at FROM omni_feedback
    UNION ALL SELECT received_at FROM omni_requests
) ORDER BY monday
"""


def weeks_with_data(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """ISO weeks (`2026-W47`) with summaries, feedback or requests, oldest first; [] when the
    warehouse is empty or not loaded yet."""
    try:
        rows = conn.execute(_WEEK_STARTS).fetchall()
    except duckdb.CatalogException:  # no tables: nothing was ever loaded
        return []
    return [week_name(row[0]) for row in rows]
