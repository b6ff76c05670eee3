"""Fault scenarios on embedded backends, shared by `tests/faults/` (small counts) and
`bench/fault_runs.py` (full counts): model faults through the emulator, and SIGKILL.

Each scenario runs the service as a subprocess, drives it with `run_load`, waits for the
outbox to drain and returns what the clients saw next to what was stored.
"""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.emulator.faults import FaultPlan, ModelFaults
from eval.emulator.server import EmulatorServer
from oci_testing.fault_load import (
    ClientOutcome,
    Reconciliation,
    describe,
    reconcile_feedback,
    reconcile_processed,
    run_load,
)
from oci_testing.service_process import (
    FALLBACK,
    PRIMARY_ID,
    ServiceProcess,
    seed_histories,
    write_emulated_prompt,
)
from service.backends.local_blobs import LocalBlobStore
from service.backends.row_batches import stored_rows
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.feedback import FEEDBACK_PREFIX
from service.records import PROCESSED_PREFIX


@dataclass
class ScenarioResult:
    """What the clients saw and what the service stored, for one scenario."""

    name: str
    outcomes: list[ClientOutcome]
    processed: Reconciliation
    feedback: Reconciliation
    emulator_stats: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    measured: dict[str, float] = field(default_factory=dict)  # scenario-specific numbers

    @property
    def answers(self) -> list[ClientOutcome]:
        """The summary calls (not the feedback)."""
        return [o for o in self.outcomes if o.kind == "insights"]

    def report(self) -> str:
        """Printable: client view, reconciliation, and scenario notes."""
        lines = [
            f"[{self.name}]",
            f"  clients:   {describe(self.outcomes, FALLBACK)}",
            f"  processed: {self.processed.line()}",
            f"  feedback:  {self.feedback.line()}",
        ]
        return "\n".join(lines + [f"  {note}" for note in self.notes])


def stored_documents(blobs_dir: Path, prefix: str) -> list[dict[str, Any]]:
    """Every document under `prefix` in a `LocalBlobStore` folder, batches unnested."""
    return asyncio.run(stored_rows(LocalBlobStore(blobs_dir), prefix))


def embedded_service(
    workdir: Path,
    emulator_url: str,
    *,
    accounts: int,
    timeout_s: float,
    budget_s: float,
    hedge_after_s: float | None = None,
) -> tuple[ServiceProcess, list[str]]:
    """A service process on SQLite + local folder, its histories seeded, not yet started."""
    workdir.mkdir(parents=True, exist_ok=True)
    numbers = seed_histories(SqliteInteractionStore(workdir / "interactions.sqlite"), accounts)
    write_emulated_prompt(
        workdir / "prompts",
        emulator_url,
        timeout_s=timeout_s,
        total_budget_s=budget_s,
        hedge_after_s=hedge_after_s,
    )
    return ServiceProcess(workdir), numbers


def reconcile_embedded(
    name: str,
    service: ServiceProcess,
    outcomes: list[ClientOutcome],
    *,
    run_id: str | None = None,
    **extra: Any,
) -> ScenarioResult:
    """Wait for the outbox to drain, then reconcile against the local blob folder.

    With `run_id`, only the processed records of that run's requests are reconciled.
    """
    service.wait_drained()
    blobs = service.state_dir / "blobs"
    processed = stored_documents(blobs, PROCESSED_PREFIX)
    if run_id is not None:
        processed = [d for d in processed if d["unique_process_id"].startswith(f"{run_id}-")]
    return ScenarioResult(
        name,
        outcomes,
        reconcile_processed(outcomes, processed),
        reconcile_feedback(outcomes, stored_documents(blobs, FEEDBACK_PREFIX)),
        **extra,
    )


# Before a warmed-up fault: the primary refuses, so every request has gone through both models.
WARM_UP_PLAN = FaultPlan(models={PRIMARY_ID: ModelFaults(throttle_rate=1.0), "*": ModelFaults()})


def run_model_fault(
    name: str,
    workdir: Path,
    emulator: EmulatorServer,
    plan: FaultPlan,
    *,
    requests: int,
    concurrency: int,
    timeout_s: float = 5.0,
    budget_s: float = 7.5,
    hedge_after_s: float | None = None,
    accounts: int = 50,
    warm_up: bool = False,
) -> ScenarioResult:
    """Serve `requests` summaries (+ feedback) while the emulator follows `plan`.

    `warm_up`: the fault meets a service that is already running, as it would in production:
    first `concurrency` requests go through both models (the primary refusing), so each
    model client's one-time set-up is behind it. Those requests are left out of the
    outcomes, the reconciliation and the emulator's counts.
    """
    emulator.reset()
    service, numbers = embedded_service(
        workdir,
        emulator.base_url,
        accounts=accounts,
        timeout_s=timeout_s,
        budget_s=budget_s,
        hedge_after_s=hedge_after_s,
    )
    run_id = re.sub(r"[^A-Za-z0-9._:-]", "-", name)
    emulator.set_plan(WARM_UP_PLAN if warm_up else plan)
    service.start()
    try:
        if warm_up:
            # Their answers are not asserted: a cold worker on a busy machine may miss its budget.
            asyncio.run(
                run_load(
                    service.url,
                    service.headers,
                    numbers,
                    requests=concurrency,
                    concurrency=concurrency,
                    run_id=f"warm-up-{run_id}",
                    feedback=False,
                )
            )
            emulator.reset()
            emulator.set_plan(plan)
        outcomes = asyncio.run(
            run_load(
                service.url,
                service.headers,
                numbers,
                requests=requests,
                concurrency=concurrency,
                run_id=run_id,
            )
        )
        return reconcile_embedded(
            name,
            service,
            outcomes,
            run_id=run_id if warm_up else None,
            emulator_stats=emulator.stats(),
        )
    finally:
        service.stop()


@dataclass
class CrashRun:
    """A SIGKILL scenario's result, plus the transfers asked after the restart."""

    result: ScenarioResult
    transfers: list[ClientOutcome]
    killed_after_acks: int


def run_sigkill(
    workdir: Path,
    emulator: EmulatorServer,
    plan: FaultPlan,
    *,
    requests: int,
    concurrency: int,
    kill_after_acks: int,
    accounts: int = 50,
) -> CrashRun:
    """SIGKILL the service mid-load, restart it on the same state, reconcile.

    Every acknowledged summary must have its processed record delivered after the restart
    and its cache entry must answer a transfer; every acknowledged feedback its archive.
    """
    emulator.reset()
    emulator.set_plan(plan)
    service, numbers = embedded_service(
        workdir, emulator.base_url, accounts=accounts, timeout_s=5.0, budget_s=7.5
    )
    service.start()
    killed = threading.Event()
    acks_at_kill: list[int] = []

    def kill_midway(acks: int) -> None:
        if acks >= kill_after_acks and not killed.is_set():
            killed.set()
            acks_at_kill.append(acks)
            service.kill()

    try:
        outcomes = asyncio.run(
            run_load(
                service.url,
                service.headers,
                numbers,
                requests=requests,
                concurrency=concurrency,
                run_id="sigkill",
                on_ack=kill_midway,
                timeout_s=30,
            )
        )
        service.start()
        result = reconcile_embedded("sigkill mid-load", service, outcomes)
        transfers = asyncio.run(_transfers(service, result.answers))
    finally:
        service.stop()
    result.notes.append(
        f"killed after {acks_at_kill[0] if acks_at_kill else 0} acknowledged calls;"
        f" {sum(o.status == 0 for o in outcomes)} calls cut by the kill"
    )
    hits = sum(t.status == 200 and t.body.get("cache_hit") is True for t in transfers)
    result.notes.append(f"transfers after restart: {hits}/{len(transfers)} cache hits")
    return CrashRun(result, transfers, acks_at_kill[0] if acks_at_kill else 0)


async def _transfers(service: ServiceProcess, answers: list[ClientOutcome]) -> list[ClientOutcome]:
    """Ask again, as the next agent would, for every summary acknowledged before the kill."""
    import httpx

    transferred: list[ClientOutcome] = []
    async with httpx.AsyncClient(base_url=service.url, headers=service.headers) as client:
        for answer in answers:
            if answer.status != 200:
                continue
            body = {
                "unique_process_id": answer.unique_process_id,
                "account_number": answer.body["account_number"],
                "contact_id": "transfer",
            }
            reply = await client.post("/omni-channel-insights", json=body, timeout=30)
            transferred.append(
                ClientOutcome(
                    "insights", reply.status_code, 0.0, answer.unique_process_id, reply.json()
                )
            )
    return transferred
