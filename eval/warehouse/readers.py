"""How staged NDJSON files are read: column types and the deduplicating stage tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

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


def reader(files: Sequence[Path], columns: dict[str, str]) -> str:
    """A `read_json` expression (plus the staged `filename`), or an empty relation alike."""
    spec = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items()) + "}"
    if not files:
        nulls = ", ".join(f"CAST(NULL AS {kind}) AS {name}" for name, kind in columns.items())
        return f"(SELECT {nulls}, CAST(NULL AS VARCHAR) AS filename WHERE false)"
    paths = "[" + ", ".join("'" + str(f).replace("'", "''") + "'" for f in files) + "]"
    return f"read_json({paths}, format='newline_delimited', columns={spec}, filename=true)"


def stage_statements(processed: str, feedback: str, requests: str) -> list[str]:
    """Temp tables of the staged files being (re)loaded, deduplicated."""
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
    ]
