"""Drive the service core through a simulated week and archive what agents would send back.

The real `InsightsService` (SQLite interaction store and SummaryCache in a scratch folder,
the durable outbox) handles every request; a context-local clock puts each request at its
simulated moment, so `generated_at`, partitions and cache TTLs follow the simulated week.
The pairs are what the registry serves: production, and the canary at its weight when one is
set, each under its registry version and picked per account by the registry's sticky canary
hash, answered by the simulated models. Outputs, all in the configured blob store and all
through the service's outbox, so in the layout the service writes (batch objects of
`{"rows": [...]}`): processed records and the request log (`omni-channel/requests/`), written
by the service, and feedback events in the archive contract (`omni-channel/feedback/`),
queued as `FeedbackService` queues them.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eval.simulate.models import register_simulated_models, simulated_model_config
from eval.simulate.traffic import COMMENTS, REVOTE_RATE, VOTE_RATE, Call, helpful_probability
from eval.simulate.traffic import plan_calls as plan
from service.backends.outbox import Outbox
from service.backends.protocols import BlobStore
from service.backends.sqlite_cache import SqliteSummaryCache
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.domain import InsightsQuery
from service.gateway import ModelGateway
from service.insights import InsightsResult, InsightsService
from service.model_calls import DependencyUnavailableError
from service.observability import EventLog, ServiceMetrics
from service.pii_at_rest import AtRest
from service.prompts import PromptPair, content_hash
from service.registry.canary import in_canary
from service.registry.protocol import ServingSet

_NOW: contextvars.ContextVar[datetime] = contextvars.ContextVar("simulated_now")


@dataclass(frozen=True)
class SimulationReport:
    """Counts of what one simulation wrote."""

    requests: int
    generated: int
    cache_hits: int
    errors: int
    feedback: int
    processed_records: int


class CanaryPairs:
    """The registry's canary for a sticky `weight` percent of accounts, production for the
    rest: the same bucket rule as `service.registry.serving.ServedPairs`."""

    def __init__(
        self, production: PromptPair, canary: PromptPair | None, weight: int, salt: str
    ) -> None:
        self.production, self.canary, self.weight, self.salt = production, canary, weight, salt

    def pick(self, account_number: str) -> PromptPair:
        if self.canary is not None and in_canary(account_number, self.weight, self.salt):
            return self.canary
        return self.production


def on_simulated_models(pair: PromptPair, latency_scale: float) -> PromptPair:
    """`pair`'s template and version label, answered by the simulated models."""
    model = simulated_model_config(latency_scale)
    return replace(pair, model=model, content_hash=content_hash(pair.template, model))


def simulated_pairs(serving: ServingSet, latency_scale: float) -> CanaryPairs:
    """What the registry serves (production, and the canary at its weight) on the simulated
    models, each under its registry version, so the week's report names the versions the
    registry does."""
    production = on_simulated_models(serving.production, latency_scale)
    canary = serving.canary and on_simulated_models(serving.canary, latency_scale)
    return CanaryPairs(production, canary, serving.canary_weight, serving.production.name)


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Week:
    """One simulation's state: the service, its outbox, the seeded RNG, the tallies."""

    def __init__(
        self,
        service: InsightsService,
        outbox: Outbox,
        week: str,
        seed: int,
        run: str,
        at_rest: AtRest,
    ) -> None:
        self.service, self.outbox, self.week, self.at_rest = service, outbox, week, at_rest
        # Every id carries the run: the warehouse keeps only a week's latest run.
        self.prefix = f"sim-{week}-r{run}"
        self.rng = random.Random(seed)
        self.tally = {"requests": 0, "generated": 0, "cache_hit": 0, "error": 0, "feedback": 0}

    async def request(self, call: Call, leg: int, at: datetime) -> InsightsResult | None:
        _NOW.set(at)
        request_id = f"{self.prefix}-{call.index:06d}-{leg}"
        body = InsightsQuery(
            unique_process_id=f"{self.prefix}-{call.index:06d}",
            account_number=call.history.account_number,
            contact_id=f"{call.history.contact_id}-{leg}",
            ivr_intent=call.history.ivr_intent,
            max_history_days=call.history.options.max_history_days,
            max_interactions=call.history.options.max_interactions,
            channel_filter=call.history.options.channel_filter or None,
        )
        self.tally["requests"] += 1
        try:
            result: InsightsResult | None = await self.service.handle(body, request_id)
        except DependencyUnavailableError:
            result = None
        outcome = "error" if result is None else result.outcome
        self.tally[
            "error" if result is None else ("cache_hit" if outcome == "cache_hit" else "generated")
        ] += 1
        # The service itself writes the request-log row (omni-channel/requests/) via the outbox.
        if result is not None:
            self.vote(call, result, request_id, at)
        return result

    def vote(self, call: Call, result: InsightsResult, request_id: str, at: datetime) -> None:
        if self.rng.random() >= VOTE_RATE:
            return
        answer = result.response
        p = helpful_probability(
            answer.summary, call.planted, model_called=answer.model_used != "none"
        )
        votes = 2 if self.rng.random() < REVOTE_RATE else 1
        for number in range(votes):
            helpful = self.rng.random() < p
            received = at + timedelta(seconds=self.rng.randint(20, 600) * (number + 1))
            feedback_id = f"fb-{request_id}-{number}"
            comment = None if helpful or self.rng.random() < 0.7 else self.rng.choice(COMMENTS)
            document = self.at_rest.feedback(
                {
                    "feedback_id": feedback_id,
                    "idempotency_key": f"{request_id}:{number}",
                    "request_id": request_id,
                    "unique_process_id": f"{self.prefix}-{call.index:06d}",
                    "contact_id": answer.contact_id,
                    "account_number": answer.account_number,
                    "feedback": "helpful" if helpful else "not_helpful",
                    "comment": comment,
                    "received_at": _ts(received),
                    "prompt_name": answer.prompt_name,
                    "prompt_version": answer.prompt_version,
                    "model_used": answer.model_used,
                    "cache_hit": answer.cache_hit,
                    "generation_timestamp": answer.generated_at,
                }
            )
            self.outbox.enqueue(
                f"omni-channel/feedback/dt={received:%Y-%m-%d}/{feedback_id}.json",
                document,
                batched=True,
            )
            self.tally["feedback"] += 1

    async def call(self, call: Call, limit: asyncio.Semaphore) -> None:
        async with limit:
            await self.request(call, 0, call.at)
        if call.transfer_after is not None:
            async with limit:
                await self.request(call, 1, call.at + call.transfer_after)


async def simulate_week(
    *,
    week: str,
    monday: datetime,
    n_requests: int,
    blobs: BlobStore,
    serving: ServingSet,
    seed: int = 1,
    latency_scale: float = 1.0,
    concurrency: int = 200,
    run: str | None = None,
    at_rest: AtRest | None = None,
) -> SimulationReport:
    """Simulate a week of traffic into `blobs` (see the module docstring).

    `run` names this simulation in every id (digits; the start time, UTC, by default). The
    warehouse keeps only the latest run of a week (`eval.warehouse.statements`), so
    re-simulating a week replaces it even though the blob store keeps the older objects.
    `at_rest` masks what is stored as the service masks it (`oci simulate` passes the
    configured one); None stores records as they are.
    """
    at_rest = at_rest or AtRest(b"", enabled=False)
    run = run or datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    if not run.isdigit():
        raise ValueError(f"run must be digits, got {run!r}")
    register_simulated_models(seed=seed, latency_scale=latency_scale)
    calls = list(plan(n_requests, monday.date(), seed=seed))
    quiet = logging.getLogger("oci.simulate.events")
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    with tempfile.TemporaryDirectory(prefix="oci-simulate-") as scratch:
        state = Path(scratch)
        interactions = SqliteInteractionStore(state / "interactions.sqlite")
        cache = SqliteSummaryCache(state / "summary_cache.sqlite")
        outbox = Outbox(state / "outbox.sqlite", batch_size=256)
        try:
            for call in calls:
                await interactions.put_many(call.history.account_number, call.interactions)
            service = InsightsService(
                interactions=interactions,
                cache=cache,
                outbox=outbox,
                pairs=simulated_pairs(serving, latency_scale),
                gateway=ModelGateway(),
                events=EventLog(quiet),
                metrics=ServiceMetrics(),
                clock=_NOW.get,
                at_rest=at_rest,
            )
            state_of_week = _Week(service, outbox, week, seed, run, at_rest)
            limit = asyncio.Semaphore(concurrency)
            await asyncio.gather(*(state_of_week.call(call, limit) for call in calls))
            service.request_log.flush()
            drained = await outbox.drain(blobs)
            if outbox.pending_count():  # a failing blob store: stop rather than wait
                raise RuntimeError(f"outbox delivery failed ({drained.failed} documents)")
        finally:
            interactions.close()
            cache.close()
            outbox.close()
    tally = state_of_week.tally
    return SimulationReport(
        requests=tally["requests"],
        generated=tally["generated"],
        cache_hits=tally["cache_hit"],
        errors=tally["error"],
        feedback=tally["feedback"],
        # Request-log batches (one per simulated day) and feedback went out too; the rest are
        # processed records.
        processed_records=drained.delivered
        - service.request_log.batches_queued
        - tally["feedback"],
    )
