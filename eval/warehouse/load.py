"""Load staged partitions into the DuckDB warehouse, deduplicated, in one transaction.

The first run (or `--full`, or a warehouse without ETL state) builds the tables from every
partition (DROP + CREATE from `tables.sql` + INSERT ... SELECT); later runs delete and
re-insert only the rows of partitions whose listing signature changed (`etl_partitions`
records what is loaded, `etl_partition_keys` which rows each partition holds). Either way
the result is the same warehouse, and a crash mid-load leaves the previous one intact.
Duplicates from at-least-once delivery are removed over the reloaded partitions (every key
fixes its partition, so this is a global dedup): summaries on the seed's key (`contact_id`,
`generation_timestamp`), feedback events on `feedback_id`, requests on `request_id`.

Staged parts arrive while later ones are still being staged (`PartitionLoad.add`) and are
parsed, a few at a time (`parts_per_parse`), into in-memory temp tables. Each source is then
deduplicated and inserted into its tables in one statement per table: one INSERT per
partition leaves partly filled row groups that the checkpoint rewrites (+2 s and a file twice
as large, measured at a million rows). Summaries need the votes and cache hits of every
event, so events come first and are inserted when the first summary part arrives, while the
rest is still being staged; summaries are inserted at the commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from eval.warehouse.readers import dedup_sql, relation, stage_select
from eval.warehouse.schema import (
    TABLES,
    Signatures,
    changed_partitions,
    create_views,
    loaded_partitions,
    rebuild_schema,
    sql_script,
    table_counts,
)
from eval.warehouse.staged import StagedPartition, staged_parts
from eval.warehouse.statements import (
    CROSS_PARTITION,
    INSERTS,
    REVOTES,
    SUPERSEDED_SIMULATIONS,
    TARGETS,
)

__all__ = ["TABLES", "PartitionLoad", "load_partitions", "load_warehouse", "sql_script"]

ORDER = ("feedback", "requests", "processed")  # summaries need every event inserted first
_PARTS_PER_PARSE = 2  # parts parsed per statement by default (~50 MB)


class PartitionLoad:
    """One ETL transaction: drop the changed partitions' rows, add them back as staged."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        present: Signatures,
        loaded: Signatures | None,
        *,
        consume: bool = False,
        parse_threads: int | None = None,
        parts_per_parse: int = _PARTS_PER_PARSE,
    ) -> None:
        """Reload every partition of `present` whose signature differs from `loaded`.

        With `consume`, each staged part is deleted once parsed (staging is scratch).
        `parse_threads` caps DuckDB's threads while parts are being added, when worker
        processes stage the next ones meanwhile: one parsing thread beside two processes
        reading a million single documents used less CPU (8.3-8.9 s vs 9.9-11.3 s in the ETL
        process) and loaded no slower; the final inserts use every thread again.
        `parts_per_parse` parts go into one `read_json` statement.
        """
        self._conn = conn
        self._consume = consume
        self._parse_threads = parse_threads
        self._parts_per_parse = parts_per_parse
        self._present = present
        self._rebuild = loaded is None
        self.changed = changed_partitions(present, loaded)
        self._added: set[tuple[str, str]] = set()
        self._batch: list[StagedPartition] = []  # partitions of one source, not yet parsed
        self._staged: set[str] = set()  # sources with a temp table `stage_<source>`
        self._cross = False  # events inserted, votes and cache hits computed

    def begin(self) -> None:
        """Open the transaction; empty the tables (rebuild) or the changed partitions."""
        if self._parse_threads is not None:
            self._conn.execute(f"SET threads = {int(self._parse_threads)}")
        self._conn.execute("BEGIN TRANSACTION")
        if self._rebuild:
            rebuild_schema(self._conn)
            return
        for source, (targets, key) in TARGETS.items():
            dts = sorted(self.changed.get(source, ()))
            if not dts:
                continue
            marks = ", ".join("?" * len(dts))
            keys = f"SELECT key FROM etl_partition_keys WHERE source = ? AND dt IN ({marks})"
            for table in targets:
                self._conn.execute(f"DELETE FROM {table} WHERE {key} IN ({keys})", [source, *dts])
            for table in ("etl_partition_keys", "etl_partitions"):
                self._conn.execute(
                    f"DELETE FROM {table} WHERE source = ? AND dt IN ({marks})", [source, *dts]
                )

    def add(self, staged: StagedPartition) -> None:
        """Parse a staged partition, or some of its parts, into its source's temp table.

        A partition may come in several pieces (parts as they are staged); deduplication
        runs over the whole temp table at the commit, so pieces need not be whole partitions.
        """
        if staged.partition not in self.changed.get(staged.source, ()):
            raise ValueError(f"{staged.source}/{staged.partition} is not a changed partition")
        if staged.source != "processed" and self._cross:
            raise ValueError("event partitions must be added before summary partitions")
        self._added.add((staged.source, staged.partition))
        if self._batch and self._batch[0].source != staged.source:
            self._parse()
        if staged.source == "processed":
            self._events()  # while the remaining summary partitions are being staged
        self._batch.append(staged)
        # Staged parts are parsed a few at a time: fewer statements, and DuckDB reads them in
        # parallel, while the next are staged. Objects read in place wait for the rest of
        # their source: nothing is staged meanwhile, and one statement reads them fastest.
        if (
            sum(len(item.parts) for item in self._batch if not item.in_place)
            >= self._parts_per_parse
        ):
            self._parse()

    def _parse(self) -> None:
        """Append the batch's rows to `stage_<source>` (in memory, not yet deduplicated)."""
        files = [part for item in self._batch if not item.in_place for part in item.parts]
        stored = [part for item in self._batch if item.in_place for part in item.parts]
        source = self._batch[0].source if self._batch else ""
        self._batch = []
        if not files and not stored:
            return
        select = stage_select(source, relation(source, files, stored))
        if source in self._staged:
            self._conn.execute(f"INSERT INTO stage_{source} {select}")
        else:
            self._conn.execute(f"CREATE TEMP TABLE stage_{source} AS {select}")
            self._staged.add(source)
        if self._consume:  # its page-cache pages are reused by the parts staged next
            for part in files:
                part.unlink()

    def _insert(self, source: str) -> None:
        """Deduplicate `stage_<source>` and insert it into its tables, in one statement each.

        One INSERT per table, not one per partition: every statement leaves a partly filled
        row group behind, which the checkpoint then rewrites.
        """
        if source not in self._staged:
            return
        self._conn.execute(dedup_sql(source))
        for statement in INSERTS[source]:
            self._conn.execute(statement)
        key = TARGETS[source][1]
        self._conn.execute(
            f"INSERT INTO etl_partition_keys SELECT ?, dt, {key} FROM stage_{source}", [source]
        )
        self._conn.execute(f"DROP TABLE stage_{source}")

    def _events(self) -> None:
        """Insert the feedback and request events, then what summaries need from them.

        Runs once, before the first summary partition is parsed: events are staged first
        (`ORDER`), so none can arrive later; if one did, `add` refuses it.
        """
        if self._cross:
            return
        self._parse()
        self._insert("feedback")
        self._insert("requests")
        for statement in CROSS_PARTITION:  # votes and cache hits over every loaded event
            self._conn.execute(statement)
        self._cross = True

    def commit(self) -> None:
        """Insert what was parsed, update across partitions, record the ETL state, commit."""
        expected = {(source, dt) for source, dts in self.changed.items() for dt in dts} & {
            (source, dt) for source, dts in self._present.items() for dt in dts
        }
        if expected - self._added:
            raise ValueError(f"changed partitions never staged: {sorted(expected - self._added)}")
        self._parse()
        self._events()
        if self._parse_threads is not None:
            self._conn.execute("RESET threads")
        self._insert("processed")
        for statement in () if self._rebuild else REVOTES:
            self._conn.execute(statement)
        self._conn.execute("DROP TABLE stage_votes")
        self._conn.execute("DROP TABLE stage_reused")
        for statement in SUPERSEDED_SIMULATIONS:
            self._conn.execute(statement)
        rows = [(source, dt, self._present[source][dt]) for source, dt in sorted(self._added)]
        if rows:
            self._conn.executemany("INSERT INTO etl_partitions VALUES (?, ?, ?)", rows)
        create_views(self._conn)
        self._conn.execute("COMMIT")


@contextmanager
def partition_load(
    conn: duckdb.DuckDBPyConnection,
    present: Signatures,
    loaded: Signatures | None,
    *,
    consume: bool = False,
    parse_threads: int | None = None,
    parts_per_parse: int = _PARTS_PER_PARSE,
) -> Iterator[PartitionLoad]:
    """A begun `PartitionLoad`, committed on exit, rolled back on any error."""
    load = PartitionLoad(
        conn,
        present,
        loaded,
        consume=consume,
        parse_threads=parse_threads,
        parts_per_parse=parts_per_parse,
    )
    # No statement of the load depends on row order; not keeping it spares DuckDB ordering
    # its parallel inserts (final inserts at a million rows: 3.0-3.2 s vs 3.5-3.9 s).
    conn.execute("SET preserve_insertion_order = false")
    try:
        load.begin()
        yield load
        load.commit()
    except BaseException:
        with suppress(duckdb.TransactionException):  # raised only if BEGIN itself failed
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.execute("RESET preserve_insertion_order")
        if parse_threads is not None:
            conn.execute("RESET threads")


def load_staged(
    conn: duckdb.DuckDBPyConnection,
    present: Signatures,
    loaded: Signatures | None,
    staged: Iterable[StagedPartition],
    *,
    consume: bool = False,
    parse_threads: int | None = None,
    parts_per_parse: int = _PARTS_PER_PARSE,
) -> int:
    """Bring the warehouse to `present`, reading the changed partitions from `staged`.

    `staged` must yield every changed partition still present, events before summaries (a
    lazy iterator may stage them meanwhile). With `consume`, parts are deleted once parsed;
    `parse_threads` and `parts_per_parse`: see `PartitionLoad`. Returns the partitions
    reloaded or dropped (0: the warehouse was already current and nothing was written).
    """
    if loaded is not None and not any(changed_partitions(present, loaded).values()):
        return 0
    with partition_load(
        conn,
        present,
        loaded,
        consume=consume,
        parse_threads=parse_threads,
        parts_per_parse=parts_per_parse,
    ) as load:
        for partition in staged:
            load.add(partition)
    return sum(len(dts) for dts in load.changed.values())


def load_partitions(
    conn: duckdb.DuckDBPyConnection,
    staged: Mapping[str, Mapping[str, StagedPartition]],
    *,
    full: bool = False,
) -> int:
    """Load already-staged partitions (source -> partition -> staged), changed ones only."""
    loaded = None if full else loaded_partitions(conn)
    present = {
        source: {dt: s.signature for dt, s in parts.items()} for source, parts in staged.items()
    }
    changed = changed_partitions(present, loaded)
    order = [
        staged[source][dt]
        for source in ORDER
        for dt in sorted(changed.get(source, ()))
        if dt in staged.get(source, {})
    ]
    return load_staged(conn, present, loaded, order)


def load_warehouse(
    conn: duckdb.DuckDBPyConnection,
    *,
    processed: Sequence[Path],
    feedback: Sequence[Path],
    requests: Sequence[Path],
) -> dict[str, int]:
    """Rebuild tables and views from staged partition folders; returns every table's row count."""
    staged = {
        source: {
            path.name: StagedPartition(source, path.name, "", staged_parts(path))
            for path in folders
        }
        for source, folders in (
            ("processed", processed),
            ("feedback", feedback),
            ("requests", requests),
        )
    }
    load_partitions(conn, staged, full=True)
    return table_counts(conn)
