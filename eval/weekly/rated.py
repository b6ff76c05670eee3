"""The week's rated summaries the report judges, picked on narrow columns, read whole when picked.

`v_rated_summaries` joins a million summaries and their contexts (the interactions JSON,
most of the warehouse's bytes). Choosing the kappa sample and the regression cases needs
only keys, votes and models, so those are materialised for the whole week; the full rows,
interactions included, are read for the few hundred picked summaries only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb


@dataclass(frozen=True)
class RatedPicks:
    """Whole rows of the kappa sample and of the regression candidates, and week counts."""

    sampled: list[dict[str, Any]]
    unhelpful: list[dict[str, Any]]
    not_helpful_summaries: int
    rated_in_week: int
    no_interaction_answers: int = 0  # of the not-helpful summaries: never regression cases

    @property
    def case_pool(self) -> int:
        """Not-helpful summaries a regression case can be made of (a model wrote them)."""
        return self.not_helpful_summaries - self.no_interaction_answers


def _keys(conn: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[str, str]]:
    rows = conn.execute(sql, list(params)).fetchall()
    return [(str(voted), str(request)) for voted, request in rows]


def _count(conn: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def pick_rated(
    conn: duckdb.DuckDBPyConnection, start: date, *, kappa_sample: int, regression_cases: int
) -> RatedPicks:
    """The week's sample (by md5 of the voted request id) and not-helpful summaries.

    A summary is not helpful when the vote that counts for it (the latest over the requests
    it answered, as `omni_summaries.helpful_feedback` holds) says so: a transfer's helpful
    second vote overrides the first agent's. One regression case per such summary;
    "No interactions found" answers (model `none`) are missing data, counted but not cases.
    """
    conn.execute("DROP TABLE IF EXISTS temp.week_rated")
    conn.execute(
        "CREATE TEMP TABLE week_rated AS SELECT voted_request_id, request_id, helpful,"
        " received_at, model_used FROM v_rated_summaries WHERE week_start = ?",
        [start],
    )
    try:
        sampled = _keys(
            conn,
            "SELECT voted_request_id, request_id FROM temp.week_rated"
            " ORDER BY md5(voted_request_id) LIMIT ?",
            kappa_sample,
        )
        conn.execute(
            "CREATE TEMP TABLE week_unhelpful AS SELECT voted_request_id, request_id,"
            " model_used FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY request_id ORDER BY"
            " received_at DESC, voted_request_id DESC) AS vote_rank FROM temp.week_rated)"
            " WHERE vote_rank = 1 AND NOT helpful"
        )
        unhelpful = _keys(
            conn,
            "SELECT voted_request_id, request_id FROM temp.week_unhelpful"
            " WHERE model_used <> 'none' ORDER BY md5(request_id) LIMIT ?",
            regression_cases,
        )
        n_unhelpful = _count(conn, "SELECT count(*) FROM temp.week_unhelpful")
        no_interactions = _count(
            conn, "SELECT count(*) FROM temp.week_unhelpful WHERE model_used = 'none'"
        )
        rated = _count(conn, "SELECT count(*) FROM temp.week_rated")
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.week_unhelpful")
        conn.execute("DROP TABLE temp.week_rated")
    whole = _whole_rows(conn, start, {*sampled, *unhelpful})
    return RatedPicks(
        [whole[k] for k in sampled],
        [whole[k] for k in unhelpful],
        n_unhelpful,
        rated,
        no_interactions,
    )


def _whole_rows(
    conn: duckdb.DuckDBPyConnection, start: date, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """(voted request id, summary request id) -> the full `v_rated_summaries` row."""
    if not keys:
        return {}
    cursor = conn.execute(
        "SELECT * FROM v_rated_summaries WHERE week_start = ? AND voted_request_id IN"
        " (SELECT unnest(?::VARCHAR[]))",
        [start, sorted({voted for voted, _ in keys})],
    )
    names = [column[0] for column in cursor.description or ()]
    rows = (dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    return {
        key: row
        for row in rows
        if (key := (str(row["voted_request_id"]), str(row["request_id"]))) in keys
    }
