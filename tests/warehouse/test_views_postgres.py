"""views.sql gives the same answers on DuckDB and on a real PostgreSQL on loopback."""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from datetime import date, datetime

import psycopg
import pytest

from eval.warehouse.etl import WarehousePaths, connect
from eval.warehouse.load import TABLES, sql_script

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
VIEW_ORDER = {
    "v_feedback_latest": "request_id",
    "v_weekly_helpful": "week_start, prompt_version, model_used",
    "v_weekly_performance": "week_start, prompt_version",
    "v_weekly_performance_total": "week_start",
    "v_request_transfers": "request_id",
    "v_weekly_requests": "week_start",
    "v_daily_effectiveness": "day, prompt_version",
    "v_rated_summaries": "voted_request_id",
}


@pytest.fixture(scope="module")
def postgres(warehouse: WarehousePaths) -> Iterator[psycopg.Connection]:
    name = f"oci_wh_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:  # pragma: no cover - the machine runs PostgreSQL
        pytest.skip(f"PostgreSQL unavailable: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}") as conn:
            for statement in sql_script("tables.sql"):
                conn.execute(statement)
            with connect(warehouse.database, read_only=True) as duck:
                for table in TABLES:
                    cursor = duck.execute(f"SELECT * FROM {table}")
                    columns = [c[0] for c in cursor.description or ()]
                    with conn.cursor().copy(
                        f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                    ) as copy:
                        for row in cursor.fetchall():
                            copy.write_row(row)
            for statement in sql_script("views.sql"):
                conn.execute(statement)
            conn.commit()
            yield conn
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _same(left: object, right: object) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=1e-9)  # type: ignore[arg-type]
    if isinstance(left, datetime | date) and isinstance(right, datetime | date):
        return left == right
    return left == right


@pytest.mark.parametrize("view", sorted(VIEW_ORDER))
def test_view_gives_the_same_rows_on_duckdb_and_postgres(
    view: str, warehouse: WarehousePaths, postgres: psycopg.Connection
) -> None:
    query = f"SELECT * FROM {view} ORDER BY {VIEW_ORDER[view]}"
    with connect(warehouse.database, read_only=True) as duck:
        expected = duck.execute(query).fetchall()
    found = postgres.execute(query).fetchall()
    assert len(found) == len(expected) > 0
    for got, want in zip(found, expected, strict=True):
        assert all(_same(g, w) for g, w in zip(got, want, strict=True)), (got, want)
