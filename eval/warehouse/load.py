"""Load staged NDJSON partitions into the DuckDB warehouse, deduplicated, in one transaction.

Every run rebuilds the four tables from the staged files (DROP + CREATE from `tables.sql` +
INSERT ... SELECT), so running the ETL twice gives the same warehouse and a crash mid-load
leaves the previous one intact. Duplicates from at-least-once delivery are removed with
window functions: summaries on the seed's key (`contact_id`, `generation_timestamp`),
feedback events on `feedback_id`, requests on `request_id`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).with_name("sql")
TABLES = ("omni_summaries", "omni_summary_context", "omni_feedback", "omni_requests")
VIEWS = (
    "v_rated_summaries",
    "v_daily_effectiveness",
    "v_weekly_requests",
    "v_request_transfers",
    "v_weekly_performance_total",
    "v_weekly_performance",
    "v_weekly_helpful",
    "v_feedback_latest",
)
_TS = "strptime({col}, '%Y-%m-%dT%H:%M:%SZ')"

PROCESSED_COLUMNS = {
    "request_id": "VARCHAR", "unique_process_id": "VARCHAR", "contact_id": "VARCHAR",
    "account_number": "VARCHAR", "ivr_intent": "VARCHAR", "max_history_days": "INTEGER",
    "max_interactions": "INTEGER", "channel_filter": "JSON", "summary": "VARCHAR",
    "model_used": "VARCHAR", "fallback_used": "BOOLEAN", "prompt_name": "VARCHAR",
    "prompt_version": "VARCHAR", "input_tokens": "INTEGER", "output_tokens": "INTEGER",
    "cost_usd": "DOUBLE", "latency_ms": "DOUBLE", "generated_at": "VARCHAR",
    "interactions": "JSON",
}  # fmt: skip
FEEDBACK_COLUMNS = {
    "feedback_id": "VARCHAR", "idempotency_key": "VARCHAR", "request_id": "VARCHAR",
    "unique_process_id": "VARCHAR", "contact_id": "VARCHAR", "account_number": "VARCHAR",
    "feedback": "VARCHAR", "comment": "VARCHAR", "received_at": "VARCHAR",
    "prompt_name": "VARCHAR", "prompt_version": "VARCHAR", "model_used": "VARCHAR",
    "cache_hit": "BOOLEAN", "generation_timestamp": "VARCHAR",
}  # fmt: skip
REQUEST_COLUMNS = {
    "request_id": "VARCHAR", "unique_process_id": "VARCHAR", "contact_id": "VARCHAR",
    "received_at": "VARCHAR", "outcome": "VARCHAR", "cache_hit": "BOOLEAN",
    "latency_ms": "DOUBLE", "prompt_version": "VARCHAR", "model_used": "VARCHAR",
    "generated_at": "VARCHAR",
}  # fmt: skip


def _reader(files: Sequence[Path], columns: dict[str, str]) -> str:
    """A `read_json` table expression, or an empty relation of the same shape."""
    spec = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"
    if not files:
        nulls = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in columns.items())
        return f"(SELECT {nulls} WHERE false)"
    paths = "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"
    return f"read_json({paths}, format='newline_delimited', columns={spec})"


def _statements(processed: str, feedback: str, requests: str) -> list[str]:
    ts = _TS.format
    return [
        f"CREATE TEMP TABLE stage_processed AS SELECT * FROM (SELECT *, {ts(col='generated_at')}"
        " AS generation_timestamp, ROW_NUMBER() OVER (PARTITION BY contact_id, generated_at"
        f" ORDER BY request_id) AS copy_rank FROM {processed}) WHERE copy_rank = 1",
        f"CREATE TEMP TABLE stage_feedback AS SELECT * EXCLUDE (received_at, generation_timestamp),"
        f" {ts(col='received_at')} AS received_at,"
        f" {ts(col='generation_timestamp')} AS generation_timestamp FROM (SELECT *,"
        " ROW_NUMBER() OVER (PARTITION BY feedback_id ORDER BY received_at) AS copy_rank"
        f" FROM {feedback}) WHERE copy_rank = 1",
        f"CREATE TEMP TABLE stage_requests AS SELECT * EXCLUDE (received_at, generated_at),"
        f" {ts(col='received_at')} AS received_at,"
        f" strptime(generated_at, '%Y-%m-%dT%H:%M:%SZ') AS generation_timestamp FROM (SELECT *,"
        " ROW_NUMBER() OVER (PARTITION BY request_id ORDER BY received_at) AS copy_rank"
        f" FROM {requests}) WHERE copy_rank = 1",
        # The vote that counts per summary: the latest latest-per-request vote of its requests.
        "CREATE TEMP TABLE stage_votes AS SELECT unique_process_id, generation_timestamp,"
        " arg_max(helpful, received_at) AS helpful, max(received_at) AS voted_at,"
        " count(*) AS votes FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY request_id"
        " ORDER BY received_at DESC, feedback_id DESC) AS vote_rank FROM (SELECT *,"
        " feedback = 'helpful' AS helpful FROM stage_feedback)) WHERE vote_rank = 1"
        " GROUP BY unique_process_id, generation_timestamp",
        # A summary counts as a cache hit once any later request was answered from the cache.
        "CREATE TEMP TABLE stage_reused AS SELECT DISTINCT unique_process_id,"
        " generation_timestamp FROM (SELECT unique_process_id, generation_timestamp"
        " FROM stage_requests WHERE cache_hit UNION ALL SELECT unique_process_id,"
        " generation_timestamp FROM stage_feedback WHERE cache_hit)",
        "INSERT INTO omni_summaries SELECT p.contact_id, p.account_number, p.summary,"
        " p.model_used, p.prompt_version, p.generation_timestamp, p.latency_ms,"
        " r.unique_process_id IS NOT NULL, p.cost_usd, v.helpful, v.voted_at, p.request_id,"
        " p.unique_process_id, p.prompt_name, p.fallback_used, p.model_used <> 'none',"
        " p.input_tokens, p.output_tokens, json_array_length(p.interactions), p.ivr_intent,"
        " coalesce(v.votes, 0) FROM stage_processed p LEFT JOIN stage_votes v USING"
        " (unique_process_id, generation_timestamp) LEFT JOIN stage_reused r USING"
        " (unique_process_id, generation_timestamp)",
        "INSERT INTO omni_summary_context SELECT request_id, max_history_days, max_interactions,"
        " CAST(channel_filter AS VARCHAR), CAST(interactions AS VARCHAR) FROM stage_processed",
        "INSERT INTO omni_feedback SELECT feedback_id, idempotency_key, request_id,"
        " unique_process_id, contact_id, account_number, feedback = 'helpful', comment,"
        " received_at, prompt_name, prompt_version, model_used, cache_hit, generation_timestamp"
        " FROM stage_feedback",
        "INSERT INTO omni_requests SELECT request_id, unique_process_id, contact_id, received_at,"
        " outcome, cache_hit, latency_ms, prompt_version, model_used, generation_timestamp"
        " FROM stage_requests",
    ]


def sql_script(name: str) -> list[str]:
    """The statements of `sql/<name>`, split on `;` (the files hold no `;` inside literals)."""
    text = (SQL_DIR / name).read_text()
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


def create_views(conn: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the report views from `views.sql`."""
    for view in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {view}")
    for statement in sql_script("views.sql"):
        conn.execute(statement)


def load_warehouse(
    conn: duckdb.DuckDBPyConnection,
    *,
    processed: Sequence[Path],
    feedback: Sequence[Path],
    requests: Sequence[Path],
) -> dict[str, int]:
    """Rebuild tables and views from staged files; returns the row count of every table."""
    conn.execute("DROP TABLE IF EXISTS etl_state")  # a failed rebuild must not look current
    conn.execute("BEGIN TRANSACTION")
    try:
        for view in VIEWS:
            conn.execute(f"DROP VIEW IF EXISTS {view}")
        for table in TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in sql_script("tables.sql"):
            conn.execute(statement)
        readers = (
            _reader(processed, PROCESSED_COLUMNS),
            _reader(feedback, FEEDBACK_COLUMNS),
            _reader(requests, REQUEST_COLUMNS),
        )
        for statement in _statements(*readers):
            conn.execute(statement)
        create_views(conn)
        for temp in ("processed", "feedback", "requests", "votes", "reused"):
            conn.execute(f"DROP TABLE stage_{temp}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return table_counts(conn)


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every warehouse table."""
    counts: dict[str, int] = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
