"""The warehouse's tables, views and ETL state: creation, inspection, row counts."""

from __future__ import annotations

import re
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
# What is loaded (partition -> signature of the source listing) and which rows each
# partition holds, so a changed partition's rows can be deleted before it is reloaded.
_STATE = (
    "CREATE TABLE etl_partitions (source VARCHAR NOT NULL, dt VARCHAR NOT NULL,"
    " signature VARCHAR NOT NULL)",
    "CREATE TABLE etl_partition_keys (source VARCHAR NOT NULL, dt VARCHAR NOT NULL,"
    " key VARCHAR NOT NULL)",
)

# DuckDB-only storage hints, added to the portable DDL of `tables.sql` when DuckDB creates the
# tables. The interactions JSON is most of the warehouse's bytes; zstd stores it in half the
# CPU and a quarter of the space of DuckDB's default choice for it (dict+FSST): at a million
# rows, 1.0-1.2 s vs 2.3-2.4 s of CPU to insert and 33 MB vs 128 MB, with the report's
# fetch of a few hundred rows no slower.
_COMPRESSION = {"omni_summary_context": {"interactions": "zstd"}}

# source -> partition (`dt=YYYY-MM-DD`) -> signature of its listing
Signatures = dict[str, dict[str, str]]


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


def duckdb_ddl(statement: str) -> str:
    """A `tables.sql` statement with the DuckDB storage hints of its table's columns.

    Raises:
        ValueError: A hinted column is not declared as expected (the DDL changed).
    """
    for table, columns in _COMPRESSION.items():
        if not re.match(rf"CREATE TABLE {table}\b", statement):
            continue
        for column, method in columns.items():
            statement, found = re.subn(
                rf"^(\s*{column}\s+VARCHAR(?:\(\d+\))?)",
                rf"\1 USING COMPRESSION {method}",
                statement,
                flags=re.MULTILINE,
            )
            if found != 1:
                raise ValueError(f"{table}.{column} is not a VARCHAR column of tables.sql")
    return statement


def rebuild_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Drop and recreate every table (empty) and the ETL state."""
    for view in VIEWS:
        conn.execute(f"DROP VIEW IF EXISTS {view}")
    for table in (*TABLES, "etl_state", "etl_partitions", "etl_partition_keys"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in (*sql_script("tables.sql"), *_STATE):
        conn.execute(duckdb_ddl(statement))


def loaded_partitions(conn: duckdb.DuckDBPyConnection) -> Signatures | None:
    """source -> partition -> signature of what the warehouse holds (None: unknown, rebuild)."""
    try:
        rows = conn.execute("SELECT source, dt, signature FROM etl_partitions").fetchall()
    except duckdb.CatalogException:
        return None
    if not schema_is_current(conn):  # built by an older tables.sql: rebuild it whole
        return None
    state: Signatures = {}
    for source, dt, signature in rows:
        state.setdefault(str(source), {})[str(dt)] = str(signature)
    return state


def declared_columns() -> dict[str, list[str]]:
    """table -> its column names, in `tables.sql` order."""
    columns: dict[str, list[str]] = {}
    for statement in sql_script("tables.sql"):
        table = re.match(r"CREATE TABLE (\w+)", statement)
        if table:
            body = statement.split("(", 1)[1]
            names = re.findall(r"^\s*(\w+)\s+[A-Z]", body, flags=re.MULTILINE)
            columns[table[1]] = names
    return columns


def schema_is_current(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether every warehouse table has the columns `tables.sql` declares."""
    for table, names in declared_columns().items():
        try:
            cursor = conn.execute(f"SELECT * FROM {table} LIMIT 0")
        except duckdb.CatalogException:
            return False
        if [column[0] for column in cursor.description or ()] != names:
            return False
    return True


def needs_load(loaded: Signatures | None, source: str, partition: str, signature: str) -> bool:
    """Whether a source partition must be (re)staged and (re)loaded."""
    return loaded is None or loaded.get(source, {}).get(partition) != signature


def changed_partitions(present: Signatures, loaded: Signatures | None) -> dict[str, set[str]]:
    """source -> partitions to reload: new, changed, or gone from the source."""
    changed: dict[str, set[str]] = {}
    for source in {*present, *(loaded or {})}:
        have, want = (loaded or {}).get(source, {}), present.get(source, {})
        changed[source] = {dt for dt, sig in want.items() if needs_load(loaded, source, dt, sig)}
        changed[source] |= set(have) - set(want)
    return changed


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every warehouse table."""
    counts: dict[str, int] = {}
    for table in TABLES:
        row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
