"""The prompt registry (MLflow) going down under load, shared by `tests/faults/` and
`bench/fault_runs.py`.

A real `mlflow server` sits behind an `OutageProxy`; the service serves `@production` from
it through the proxy (`OCI_PROMPT_SOURCE=registry`) on embedded stores. The registry is
taken down while clients are served, the service is restarted while it is still down
(a cold start from the persisted last-known-good pair), and the registry comes back.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.emulator.server import EmulatorServer
from eval.registry_cli import move_production
from oci_testing.fault_load import reconcile_feedback, reconcile_processed, run_load
from oci_testing.fault_scenarios import ScenarioResult, stored_documents
from oci_testing.mlflow_server import mlflow_server
from oci_testing.outage_proxy import OutageProxy
from oci_testing.service_process import ServiceProcess, seed_histories, write_emulated_prompt
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.feedback import FEEDBACK_PREFIX
from service.prompt_source import load_prompt_dir
from service.records import PROCESSED_PREFIX
from service.registry.mlflow_registry import MlflowPromptRegistry

PHASES = ("registry up", "registry down", "cold start, registry down", "registry back")


@dataclass
class RegistryOutage:
    """Per phase: what clients saw and what was stored; the version production points at."""

    phases: list[ScenarioResult]
    version: str
    ready_prompt: dict[str, str]  # `/readyz` prompt check per phase
    first_start_s: float  # start to healthy with the registry up
    cold_start_s: float  # restart to healthy with the registry down

    def served_versions(self, phase: ScenarioResult) -> Counter[str]:
        """Prompt versions in the phase's 200 answers."""
        return Counter(str(o.body.get("prompt_version")) for o in phase.answers if o.status == 200)


def run_registry_outage(
    workdir: Path,
    emulator: EmulatorServer,
    *,
    requests: int,
    concurrency: int,
    accounts: int = 50,
    refresh_s: float = 1.0,
    load_timeout_s: float = 10.0,
) -> RegistryOutage:
    """`requests` summaries (+ feedback) in each of `PHASES`.

    Args:
        workdir: Holds the MLflow store, the prompt source and the service state.
        emulator: The Converse emulator (its current plan is kept).
        requests: Summary requests per phase.
        concurrency: Clients in flight at once.
        accounts: Accounts with a seeded history.
        refresh_s: The service's registry refresh interval (production 30 s), short so that
            several refreshes fail while the registry is down.
        load_timeout_s: The service's bound on one registry load (production 10 s); a cold
            start with the registry down waits this long before using the persisted pair.
    """
    emulator.reset()
    run = f"registry-{uuid.uuid4().hex[:8]}"
    with mlflow_server(workdir / "mlflow") as mlflow_url, OutageProxy(mlflow_url) as proxy:
        write_emulated_prompt(workdir / "source", emulator.base_url)
        source = load_prompt_dir(workdir / "source" / "omni-summary")
        registry = MlflowPromptRegistry(mlflow_url)  # set-up goes around the proxy
        version = registry.register(source, git_commit="fault-run", author="fault-run").version
        move_production(
            registry, source.pair.name, version, who="fault-run", force_reason="fault-run set-up"
        )
        state = workdir / "service"
        state.mkdir(parents=True)
        numbers = seed_histories(SqliteInteractionStore(state / "interactions.sqlite"), accounts)
        service = ServiceProcess(
            state,
            env={
                "OCI_PROMPT_SOURCE": "registry",
                "OCI_MLFLOW_TRACKING_URI": proxy.url,
                "OCI_REGISTRY_REFRESH_S": str(refresh_s),
                "OCI_REGISTRY_LOAD_TIMEOUT_S": str(load_timeout_s),
            },
        )
        phases: list[ScenarioResult] = []
        ready: dict[str, str] = {}
        cold_start_s = 0.0
        started = time.monotonic()
        service.start()
        first_start_s = time.monotonic() - started
        try:
            for index, phase in enumerate(PHASES):
                if phase == "registry down":
                    proxy.stop()
                    time.sleep(3 * refresh_s)  # several refreshes fail before the load
                elif phase == "cold start, registry down":
                    service.stop()
                    started = time.monotonic()
                    service.start(timeout_s=60 + load_timeout_s)
                    cold_start_s = time.monotonic() - started
                elif phase == "registry back":
                    proxy.start()
                    time.sleep(2 * refresh_s)
                ready[phase] = service.ready()["checks"]["prompt"]
                phases.append(
                    _phase(service, numbers, f"{run}-{index}", phase, requests, concurrency)
                )
        finally:
            proxy.start()
            service.stop()
    outage = RegistryOutage(phases, version, ready, first_start_s, cold_start_s)
    for phase, result in zip(PHASES, phases, strict=True):
        served = dict(outage.served_versions(result))
        result.notes.append(
            f"prompt versions served {served} (production = {version});"
            f" /readyz prompt {ready[phase]}"
        )
    phases[2].notes.append(
        f"restarted to healthy in {cold_start_s:.1f} s with MLflow down"
        f" (first start, MLflow up: {first_start_s:.1f} s;"
        f" registry load timeout {load_timeout_s:g} s)"
    )
    return outage


def _phase(
    service: ServiceProcess,
    accounts: list[str],
    run_id: str,
    name: str,
    requests: int,
    concurrency: int,
) -> ScenarioResult:
    """One load phase, reconciled against the documents of this phase only."""
    outcomes = asyncio.run(
        run_load(
            service.url,
            service.headers,
            accounts,
            requests=requests,
            concurrency=concurrency,
            run_id=run_id,
        )
    )
    service.wait_drained()
    blobs = service.state_dir / "blobs"

    def stored(prefix: str) -> list[dict[str, Any]]:
        documents = stored_documents(blobs, prefix)
        return [d for d in documents if d["unique_process_id"].startswith(f"{run_id}-")]

    return ScenarioResult(
        f"MLflow {name}",
        outcomes,
        reconcile_processed(outcomes, stored(PROCESSED_PREFIX)),
        reconcile_feedback(outcomes, stored(FEEDBACK_PREFIX)),
    )
