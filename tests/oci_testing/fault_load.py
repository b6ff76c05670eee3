"""Concurrent clients for fault runs, and the reconciliation of what they were told.

`run_load` sends summary requests (and feedback on each answer) and records every outcome
as the client saw it. `reconcile_processed` / `reconcile_feedback` compare the acknowledged
ones with the documents the service stored: missing, duplicated, and stored-but-unacknowledged
(a crash between the durable write and the response; harmless, and reported).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

Kind = Literal["insights", "feedback"]


@dataclass
class ClientOutcome:
    """One HTTP call as the client saw it (`status` 0: no answer, e.g. connection cut)."""

    kind: Kind
    status: int
    latency_s: float
    unique_process_id: str
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @property
    def acknowledged(self) -> bool:
        """The service said it was done: 200 for a summary, 200/201 for feedback."""
        return self.status == 200 or (self.kind == "feedback" and self.status == 201)


@dataclass(frozen=True)
class Reconciliation:
    """Acknowledged vs stored for one kind of document."""

    acknowledged: int
    stored: int
    missing: tuple[str, ...]
    duplicated: tuple[str, ...]
    unacknowledged_stored: int

    @property
    def lossless(self) -> bool:
        """Nothing acknowledged is missing and nothing is stored twice."""
        return not self.missing and not self.duplicated

    def line(self) -> str:
        """One printable line."""
        return (
            f"acknowledged {self.acknowledged}, stored {self.stored}, missing {len(self.missing)}"
            f", duplicated {len(self.duplicated)}, stored-unacknowledged"
            f" {self.unacknowledged_stored}"
        )


async def run_load(
    base_url: str,
    headers: dict[str, str],
    accounts: Sequence[str],
    *,
    requests: int,
    concurrency: int,
    run_id: str,
    feedback: bool = True,
    comment: str | None = None,
    on_ack: Callable[[int], None] | None = None,
    timeout_s: float = 60.0,
) -> list[ClientOutcome]:
    """`requests` new summaries (each followed by feedback on it), `concurrency` at a time.

    Args:
        base_url: The service.
        headers: Authorization header.
        accounts: Account numbers, used round robin.
        requests: How many summary requests.
        concurrency: Clients in flight at once.
        run_id: Prefix of the `unique_process_id`s, unique per run.
        feedback: Whether to rate each 200 answer.
        comment: The feedback comment (e.g. text with PII in it).
        on_ack: Called with the number of acknowledged calls so far, after each one.
        timeout_s: Client timeout per call; a hang shows as status 0.
    """
    outcomes: list[ClientOutcome] = []
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async def call(
        client: httpx.AsyncClient,
        kind: Kind,
        path: str,
        body: dict[str, Any],
        upid: str,
        **kw: Any,
    ) -> ClientOutcome:
        started = time.perf_counter()
        try:
            answer = await client.post(path, json=body, **kw)
        except httpx.HTTPError as error:
            outcome = ClientOutcome(
                kind, 0, time.perf_counter() - started, upid, error=type(error).__name__
            )
        else:
            outcome = ClientOutcome(
                kind,
                answer.status_code,
                time.perf_counter() - started,
                upid,
                _json(answer),
                dict(answer.headers),
            )
        outcomes.append(outcome)
        if outcome.acknowledged and on_ack is not None:
            on_ack(sum(item.acknowledged for item in outcomes))
        return outcome

    async def one(client: httpx.AsyncClient, index: int) -> None:
        upid = f"{run_id}-{index}"
        body = {
            "unique_process_id": upid,
            "account_number": accounts[index % len(accounts)],
            "contact_id": f"c-{index}",
        }
        async with gate:
            answer = await call(client, "insights", "/omni-channel-insights", body, upid)
            if not (feedback and answer.status == 200):
                return
            rating = {
                "request_id": answer.body["request_id"],
                "feedback": "not_helpful" if index % 3 == 0 else "helpful",
                "comment": comment,
            }
            await call(
                client,
                "feedback",
                "/feedback",
                rating,
                upid,
                headers={"Idempotency-Key": f"fb-{upid}"},
            )

    async with httpx.AsyncClient(
        base_url=base_url, headers=headers, timeout=timeout_s, limits=limits
    ) as client:
        await asyncio.gather(*(one(client, index) for index in range(requests)))
    return outcomes


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def generated(outcomes: Sequence[ClientOutcome]) -> list[ClientOutcome]:
    """Acknowledged summaries that were generated (and so must have a processed record)."""
    return [
        o
        for o in outcomes
        if o.kind == "insights"
        and o.acknowledged
        and not o.body.get("cache_hit")
        and o.body.get("interaction_count", 0) > 0
    ]


def reconcile_processed(
    outcomes: Sequence[ClientOutcome], documents: Sequence[dict[str, Any]]
) -> Reconciliation:
    """Every generated 200 has exactly one processed record, written by that request."""
    acknowledged = {o.body["request_id"]: o.unique_process_id for o in generated(outcomes)}
    per_process = Counter(document["unique_process_id"] for document in documents)
    by_request = {document["request_id"] for document in documents}
    missing = tuple(sorted(rid for rid in acknowledged if rid not in by_request))
    duplicated = tuple(sorted(upid for upid, n in per_process.items() if n > 1))
    extra = len(by_request - set(acknowledged))
    return Reconciliation(len(acknowledged), len(documents), missing, duplicated, extra)


def reconcile_feedback(
    outcomes: Sequence[ClientOutcome], documents: Sequence[dict[str, Any]]
) -> Reconciliation:
    """Every acknowledged feedback has exactly one archive document."""
    acknowledged = {
        o.body["feedback_id"] for o in outcomes if o.kind == "feedback" and o.acknowledged
    }
    per_id = Counter(document["feedback_id"] for document in documents)
    missing = tuple(sorted(fid for fid in acknowledged if fid not in per_id))
    duplicated = tuple(sorted(fid for fid, n in per_id.items() if n > 1))
    extra = len(set(per_id) - acknowledged)
    return Reconciliation(len(acknowledged), len(documents), missing, duplicated, extra)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def describe(outcomes: Sequence[ClientOutcome], fallback_model: str) -> str:
    """Requests, status counts, fallback share and p50/p95/p99 of the summary calls."""
    calls = [o for o in outcomes if o.kind == "insights"]
    statuses = Counter(o.status for o in calls)
    ok = [o for o in calls if o.status == 200]
    fallback = sum(o.headers.get("x-model-used") == fallback_model for o in ok)
    share = fallback / len(ok) if ok else 0.0
    ms = [o.latency_s * 1000 for o in calls]
    rated = Counter(o.status for o in outcomes if o.kind == "feedback")
    return (
        f"requests {len(calls)}  statuses {dict(sorted(statuses.items()))}  fallback share"
        f" {share:.1%}  p50 {percentile(ms, 50):.0f} ms  p95 {percentile(ms, 95):.0f} ms"
        f"  p99 {percentile(ms, 99):.0f} ms  feedback {dict(sorted(rated.items()))}"
    )
