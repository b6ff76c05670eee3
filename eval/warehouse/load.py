"""Load staged NDJSON partitions into the DuckDB warehouse, deduplicated, in one transaction.

The first run (or `--full`) builds the four tables from every staged file (DROP + CREATE from
`tables.sql` + INSERT ... SELECT); later runs delete and re-insert only the rows of partitions
whose staging signature changed (`etl_partitions` records what is loaded, `etl_partition_keys`
which rows each partition holds). Either way the result is the same warehouse, and a crash
mid-load leaves the previous one intact. Duplicates from at-least-once delivery are removed with
window functions: summaries on the seed's key (`contact_id`, `generation_timestamp`),
feedback events on `feedback_id`, requests on `request_id`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb

from eval.warehouse.readers import (
    FEEDBACK_COLUMNS,
    PROCESSED_COLUMNS,
    REQUEST_COLUMNS,
    reader,
    stage_statements,
)

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
# What each source loads into, and the key its rows are deleted by when a partition reloads.
_TARGETS = {
    "processed": (("omni_summaries", "omni_summary_context"), "request_id"),
    "feedback": (("omni_feedback",), "feedback_id"),
    "requests": (("omni_requests",), "request_id"),
}
_INSERTS = (
    "INSERT INTO omni_feedback SELECT feedback_id, idempotency_key, request_id,"
    " unique_process_id, contact_id, account_number, feedback = 'helpful', comment,"
    " received_at, prompt_name, prompt_version, model_used, cache_hit, generation_timestamp"
    " FROM stage_feedback",
    "INSERT INTO omni_requests SELECT request_id, unique_process_id, contact_id, received_at,"
    " outcome, cache_hit, latency_ms, prompt_version, model_used, generation_timestamp"
    " FROM stage_requests",
    # The vote that counts per summary: the latest latest-per-request vote of its requests,
    # over ALL loaded feedback (a vote's partition is its day, not its summary's).
    "CREATE TEMP TABLE stage_votes AS SELECT unique_process_id, generation_timestamp,"
    " arg_max(helpful, received_at) AS helpful, max(received_at) AS voted_at,"
    " count(*) AS votes FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY request_id"
    " ORDER BY received_at DESC, feedback_id DESC) AS vote_rank FROM omni_feedback)"
    " WHERE vote_rank = 1 GROUP BY unique_process_id, generation_timestamp",
    # A summary counts as a cache hit once any later request was answered from the cache.
    "CREATE TEMP TABLE stage_reused AS SELECT DISTINCT unique_process_id,"
    " generation_timestamp FROM (SELECT unique_process_id, generation_timestamp"
    " FROM omni_requests WHERE cache_hit UNION ALL SELECT unique_process_id,"
    " generation_timestamp FROM omni_feedback WHERE cache_hit)",
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
    # Summaries of unchanged partitions whose votes or cache hits changed (new feedback or
    # requests): recompute exactly what a full rebuild would write, update only those rows.
    "CREATE TEMP TABLE stage_revoted AS SELECT s.contact_id, s.generation_timestamp,"
    " r.unique_process_id IS NOT NULL AS cache_hit, v.helpful, v.voted_at,"
    " coalesce(v.votes, 0) AS votes FROM omni_summaries s LEFT JOIN stage_votes v"
    " ON s.unique_process_id = v.unique_process_id AND s.generation_timestamp ="
    " v.generation_timestamp LEFT JOIN stage_reused r ON s.unique_process_id ="
    " r.unique_process_id AND s.generation_timestamp = r.generation_timestamp WHERE"
    " s.cache_hit <> (r.unique_process_id IS NOT NULL) OR s.helpful_feedback IS DISTINCT"
    " FROM v.helpful OR s.feedback_timestamp IS DISTINCT FROM v.voted_at OR"
    " s.feedback_count <> coalesce(v.votes, 0)",
    "UPDATE omni_summaries SET cache_hit = d.cache_hit, helpful_feedback = d.helpful,"
    " feedback_timestamp = d.voted_at, feedback_count = d.votes FROM stage_revoted d WHERE"
    " omni_summaries.contact_id = d.contact_id AND omni_summaries.generation_timestamp ="
    " d.generation_timestamp",
)
_TEMPS = ("processed", "feedback", "requests", "votes", "reused", "revoted")
_STATE = (
    "CREATE TABLE etl_partitions (source VARCHAR NOT NULL, dt VARCHAR NOT NULL,"
    " signature VARCHAR NOT NULL)",
    "CREATE TABLE etl_partition_keys (source VARCHAR NOT NULL, dt VARCHAR NOT NULL,"
    " key VARCHAR NOT NULL)",
)
_DT = "regexp_extract(filename, '([^/\\\\]+)\\.ndjson$', 1)"

# source -> partition (`dt=YYYY-MM-DD`) -> (staging signature, staged file)
Staged = Mapping[str, Mapping[str, tuple[str, Path]]]


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


def loaded_partitions(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, str]] | None:
    """source -> partition -> signature of what the warehouse holds (None: unknown, rebuild)."""
    try:
        rows = conn.execute("SELECT source, dt, signature FROM etl_partitions").fetchall()
    except duckdb.CatalogException:
        return None
    state: dict[str, dict[str, str]] = {}
    for source, dt, signature in rows:
        state.setdefault(str(source), {})[str(dt)] = str(signature)
    return state


def _rebuild_schema(conn: duckdb.DuckDBPyConnection) -> None:
    for view in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (*TABLES, "etl_state", "etl_partitions", "etl_partition_keys"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in (*sql_script("tables.sql"), *_STATE):
        conn.execute(statement)


def load_partitions(conn: duckdb.DuckDBPyConnection, staged: Staged, *, full: bool = False) -> int:
    """Bring the warehouse to the staged partitions, reloading only those that changed.

    A partition whose staging signature differs from the loaded one (or that is new or gone)
    has its rows deleted and re-inserted; the rest stay. Every dedup key fixes its partition
    (a summary's `generation_timestamp`, an event's `received_at`), so per-partition dedup
    equals a global one; votes and cache hits, which cross partitions, are recomputed over
    all rows and updated where they differ. One transaction: a failure leaves the previous
    warehouse. `full` (or an unknown state) rebuilds everything. Returns the partitions
    reloaded or dropped (0: the warehouse was already current, nothing was written).
    """
    loaded = None if full else loaded_partitions(conn)
    changed: dict[str, set[str]] = {}
    for source in _TARGETS:
        want, have = staged.get(source, {}), (loaded or {}).get(source, {})
        changed[source] = {dt for dt, (sig, _) in want.items() if have.get(dt) != sig}
        changed[source] |= set(have) - set(want)
    if loaded is not None and not any(changed.values()):
        return 0
    conn.execute("BEGIN TRANSACTION")
    try:
        if loaded is None:
            _rebuild_schema(conn)
        readers: list[str] = []
        for source, (targets, key) in _TARGETS.items():
            dts = sorted(changed[source])
            if loaded is not None and dts:
                marks = ", ".join("?" * len(dts))
                keys = f"SELECT key FROM etl_partition_keys WHERE source = ? AND dt IN ({marks})"
                for table in targets:
                    conn.execute(f"DELETE FROM {table} WHERE {key} IN ({keys})", [source, *dts])
                for table in ("etl_partition_keys", "etl_partitions"):
                    conn.execute(
                        f"DELETE FROM {table} WHERE source = ? AND dt IN ({marks})", [source, *dts]
                    )
            files = [staged[source][dt][1] for dt in dts if dt in staged.get(source, {})]
            columns = {"processed": PROCESSED_COLUMNS, "feedback": FEEDBACK_COLUMNS}
            readers.append(reader(files, columns.get(source, REQUEST_COLUMNS)))
        for statement in stage_statements(*readers):
            conn.execute(statement)
        for source, (_, key) in _TARGETS.items():
            conn.execute(
                f"INSERT INTO etl_partition_keys SELECT ?, {_DT}, {key} FROM stage_{source}",
                [source],
            )
            for dt in sorted(changed[source] & set(staged.get(source, {}))):
                conn.execute(
                    "INSERT INTO etl_partitions VALUES (?, ?, ?)",
                    [source, dt, staged[source][dt][0]],
                )
        for statement in _INSERTS:
            conn.execute(statement)
        create_views(conn)
        for temp in _TEMPS:
            conn.execute(f"DROP TABLE stage_{temp}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return sum(len(dts) for dts in changed.values())


def load_warehouse(
    conn: duckdb.DuckDBPyConnection,
    *,
    processed: Sequence[Path],
    feedback: Sequence[Path],
    requests: Sequence[Path],
) -> dict[str, int]:
    """Rebuild tables and views from staged files; returns the row count of every table."""
    staged = {
        source: {path.stem: ("", path) for path in files}
        for source, files in (("processed", processed), ("feedback", feedback),
                              ("requests", requests))
    }  # fmt: skip
    load_partitions(conn, staged, full=True)
    return table_counts(conn)


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every warehouse table."""
    counts: dict[str, int] = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
