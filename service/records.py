"""Processed summary records: what was generated, from what, by which pair, at what cost.

Each record has a deterministic key (date partition + process id + prompt hash). It names
the record in the outbox, which delivers records as rows of batch objects in the key's
folder, `omni-channel/processed/dt=YYYY-MM-DD/rows-<writer>-<first id>.json` holding
`{"rows": [...]}` (`service.backends.row_batches`): one PUT per few hundred summaries
instead of one each. A batch is claimed before it is written, so a retried write rewrites
the same object and never duplicates a record; within a batch, a later record with the same
key supersedes the earlier one. Stores written before batching hold one object per record
under the key itself; readers accept both (`row_batches.rows_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from service.summarizer import Summary

PROCESSED_PREFIX = "omni-channel/processed"
_UNSAFE = re.compile(r"[^A-Za-z0-9._\-]")


def processed_key(process_id: str, generated_at: datetime, prompt_hash: str) -> str:
    """`omni-channel/processed/dt=YYYY-MM-DD/<process id>-<hash8>.json`: the record's queue key.

    Before batching this was the object's key; now the folder is the record's batch folder.
    """
    safe_id = _UNSAFE.sub("_", process_id)
    return f"{PROCESSED_PREFIX}/dt={generated_at:%Y-%m-%d}/{safe_id}-{prompt_hash[:8]}.json"


def processed_record(
    *,
    request_id: str,
    request: dict[str, Any],
    summary: Summary,
    generated_at: datetime,
    query_description: str,
    summary_check: str = "not_checked",
    flags: Sequence[str] = (),
) -> dict[str, Any]:
    """The S3/record form of one generated summary (seed 000's response plus accounting)."""
    return {
        "request_id": request_id,
        "unique_process_id": request["unique_process_id"],
        "contact_id": request["contact_id"],
        "initial_contact_id": request.get("initial_contact_id"),
        "account_number": request["account_number"],
        "ivr_intent": request["ivr_intent"],
        "max_history_days": request["max_history_days"],
        "max_interactions": request["max_interactions"],
        "channel_filter": request["channel_filter"],
        "summary": summary.text,
        "date_range": summary.date_range,
        "model_used": summary.model_used,
        "fallback_used": summary.fallback_used,
        "prompt_name": summary.prompt_name,
        "prompt_version": summary.prompt_version,
        "prompt_hash": summary.prompt_hash,
        "input_tokens": summary.input_tokens,
        "output_tokens": summary.output_tokens,
        "cache_read_tokens": summary.cache_read_tokens,
        "cache_write_tokens": summary.cache_write_tokens,
        "cost_usd": summary.cost_usd,
        "latency_ms": round(summary.latency_ms, 1),
        "generated_at": generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "query": query_description,
        "summary_check": summary_check,
        "flags": list(flags),
        "interactions": [item.model_dump(mode="json") for item in summary.interactions],
    }
