"""Synthetic blob-store documents in the service's exact formats, for tests and the benchmark.

Not a simulation of agents (that is `eval.simulate`): a fast, seeded writer of processed
records, feedback events and request-log entries into a local blob-store folder, with
transfers, failovers, repeated votes, redelivered duplicates and PII in the notes.

Three layouts of the same documents (the same seed writes the same documents in each):
- `batches`: what the service writes now. Documents go out as the outbox delivers them,
  `{"rows": [...]}` objects of up to `batch_rows` documents per partition folder, in the
  order they were generated (request-log entries too, as the request recorder batches them).
- `documents`: one object per document, what the service wrote before it batched them.
- `mixed`: a store that was upgraded: every third document on its own, the rest in batches.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from service.backends.local_blobs import encode_json
from service.backends.row_batches import batch_key, batch_object

VERSIONS = (("1", "local/extractive-summarizer", 0.9), ("2", "local/extractive-summarizer", 0.1))
FALLBACK = "local/lead-baseline"
NOTES = (
    "Customer disputed a $45.00 late fee; escalation pending.",
    "Call back promised by 2026-11-20, customer frustrated.",
    "Customer gave phone 555-010-4477 and email jo.doe@example.com for the callback.",
    "Card 4111 1111 1111 1111 was charged twice; refund requested.",
    "Outage reported, technician booked, acct 1234567890 verified.",
)


@dataclass(frozen=True)
class SyntheticCounts:
    """What `write_synthetic` wrote."""

    processed: int
    feedback: int
    requests: int


def _ts(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


Layout = Literal["batches", "documents", "mixed"]


class _Writer:
    """Writes documents in one layout; batches are buffered per folder until full or `close`."""

    def __init__(self, root: Path, layout: Layout, batch_rows: int, name: str) -> None:
        self._root, self._layout, self._batch_rows, self._name = root, layout, batch_rows, name
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._written = 0  # documents so far: numbers the batches like the outbox's row ids

    def put(self, key: str, body: dict[str, Any]) -> None:
        self._written += 1
        single = self._layout == "documents" or (self._layout == "mixed" and self._written % 3 == 0)
        if single:
            (self._root / key).write_bytes(encode_json(body))
            return
        folder = key.rpartition("/")[0]
        rows = self._pending.setdefault(folder, [])
        rows.append(body)
        if len(rows) >= self._batch_rows:
            self._flush(folder)

    def _flush(self, folder: str) -> None:
        rows = self._pending.pop(folder)
        key = batch_key(folder, self._name, self._written)
        (self._root / key).write_bytes(encode_json(batch_object(rows)))

    def close(self) -> None:
        for folder in list(self._pending):
            self._flush(folder)


def processed_doc(index: int, rng: random.Random, at: datetime) -> dict[str, Any]:
    """One processed record (the `service.records.processed_record` shape)."""
    version, model, _ = VERSIONS[0] if rng.random() < VERSIONS[0][2] else VERSIONS[1]
    empty = rng.random() < 0.05
    fallback = not empty and rng.random() < 0.06
    interactions = [
        {
            "channel": rng.choice(("ivr", "agent", "chat", "email", "sms")),
            "timestamp": _ts(at - timedelta(days=rng.randint(1, 40))),
            "intent": "billing",
            "notes": rng.choice(NOTES),
            "outcome": "pending",
            "sentiment": "frustrated",
        }
        for _ in range(0 if empty else rng.randint(1, 4))
    ]
    doc = {
        "request_id": f"req-{index:08d}",
        "unique_process_id": f"proc-{index:08d}",
        "contact_id": f"contact-{index:08d}",
        "initial_contact_id": None,
        "account_number": str(1_000_000_000 + index),
        "ivr_intent": "billing_inquiry",
        "max_history_days": 90,
        "max_interactions": 10,
        "channel_filter": None,
        "summary": "No interactions found"
        if empty
        else f"Customer contacted {len(interactions)} times; {interactions[0]['notes']}",
        "date_range": "",
        "model_used": "none" if empty else (FALLBACK if fallback else model),
        "fallback_used": fallback,
        "prompt_name": "omni-summary",
        "prompt_version": version,
        "prompt_hash": f"hash{version}",
        "input_tokens": 0 if empty else rng.randint(600, 1400),
        "output_tokens": 0 if empty else rng.randint(40, 120),
        "cache_read_tokens": 0,
        "cache_write_tokens": 0,
        "cost_usd": 0.0 if empty else round(rng.uniform(8e-3, 1.2e-2), 6),
        "latency_ms": round(rng.lognormvariate(7.0, 0.5), 1),
        "generated_at": _ts(at),
        "query": "ucdp_interactions account=****",
        "interactions": interactions,
        "summary_check": _summary_check(index, empty=empty),
    }
    if index % 53 == 0:  # records from before the service's claim check carry no outcome
        del doc["summary_check"]
    return doc


def _summary_check(index: int, *, empty: bool) -> str:
    """What the claim check did, from the index alone (the RNG's draws stay as they were)."""
    if empty:
        return "not_checked"
    return {0: "regenerated", 1: "redacted", 2: "withheld"}.get(index % 19, "passed")


def write_synthetic(
    root: Path,
    *,
    n_summaries: int,
    n_feedback: int,
    week_start: datetime,
    seed: int = 7,
    duplicates: int = 0,
    first_index: int = 0,
    request_log: bool = True,
    layout: Layout = "batches",
    batch_rows: int = 500,
) -> SyntheticCounts:
    """Write documents spread over the 7 days from `week_start` into a blob-store folder.

    Every summary gets one request-log entry; the first `n_feedback` summaries also get a
    transfer (a cache hit 1-8 minutes later) and a vote, and every tenth vote is changed
    later by a second event. `duplicates` processed records are written twice (a redelivery
    under a second key), which the ETL must collapse. Ids start at `first_index`, so several
    calls can fill one store. `layout` and `batch_rows`: see the module docstring.
    """
    rng = random.Random(seed)
    for day in range(7):
        for source in ("processed", "feedback", "requests"):
            (root / f"omni-channel/{source}/dt={week_start + timedelta(days=day):%Y-%m-%d}").mkdir(
                parents=True, exist_ok=True
            )
    counts = {"processed": 0, "feedback": 0, "requests": 0}
    # Several calls may fill one store: their batch keys must differ as their documents do.
    writer = _Writer(root, layout, batch_rows, f"synthetic{seed}x{first_index}")

    def put(source: str, at: datetime, name: str, body: dict[str, Any]) -> None:
        writer.put(f"omni-channel/{source}/dt={at:%Y-%m-%d}/{name}.json", body)
        counts[source] += 1

    for index in range(first_index, first_index + n_summaries):
        at = week_start + timedelta(seconds=rng.randrange(7 * 86_400 - 900))
        doc = processed_doc(index, rng, at)
        put("processed", at, f"{doc['unique_process_id']}-{doc['prompt_hash']}", doc)
        if index - first_index < duplicates:
            put("processed", at, f"{doc['unique_process_id']}-redelivered", doc)
        served = {
            "unique_process_id": doc["unique_process_id"],
            "outcome": "generated",
            "prompt_version": doc["prompt_version"],
            "model_used": doc["model_used"],
            "generated_at": doc["generated_at"],
        }
        first = {
            **served,
            "request_id": doc["request_id"],
            "contact_id": doc["contact_id"],
            "received_at": _ts(at),
            "cache_hit": False,
            "latency_ms": doc["latency_ms"] + 20,
        }
        if request_log:
            put("requests", at, doc["request_id"], first)
        if index - first_index >= n_feedback:
            continue
        later = at + timedelta(seconds=rng.randint(60, 480))
        transfer_id = f"req-t{index:08d}"
        if request_log:
            put(
                "requests",
                later,
                transfer_id,
                {
                    **served,
                    "request_id": transfer_id,
                    "contact_id": f"contact-t{index:08d}",
                    "received_at": _ts(later),
                    "cache_hit": True,
                    "latency_ms": 12.0,
                },
            )
        quality = 0.55 if doc["fallback_used"] or doc["prompt_version"] == "2" else 0.85
        votes = 2 if index % 10 == 0 else 1
        for vote in range(votes):
            voted = later + timedelta(seconds=30 + 60 * vote)
            feedback_id = f"fb-{index:08d}-{vote}"
            put(
                "feedback",
                voted,
                feedback_id,
                {
                    "feedback_id": feedback_id,
                    "idempotency_key": f"idem-{feedback_id}",
                    "request_id": transfer_id,
                    "unique_process_id": doc["unique_process_id"],
                    "contact_id": f"contact-t{index:08d}",
                    "account_number": doc["account_number"],
                    "feedback": "helpful" if rng.random() < quality else "not_helpful",
                    "comment": None
                    if rng.random() < 0.8
                    else "missed the refund; call 555-010-4477",
                    "received_at": _ts(voted),
                    "prompt_name": doc["prompt_name"],
                    "prompt_version": doc["prompt_version"],
                    "model_used": doc["model_used"],
                    "cache_hit": True,
                    "generation_timestamp": doc["generated_at"],
                },
            )
    writer.close()
    return SyntheticCounts(counts["processed"], counts["feedback"], counts["requests"])
