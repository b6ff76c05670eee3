"""Store outages on the production backends (DynamoDB + S3 on a moto server), shared by
`tests/faults/` and `bench/fault_runs.py`.

DynamoDB and S3 each sit behind their own `OutageProxy` (`OCI_AWS_ENDPOINT_URL` and
`OCI_S3_ENDPOINT_URL`), so one can go down while the other stays up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from eval.emulator.server import EmulatorServer
from oci_testing.fault_load import reconcile_feedback, reconcile_processed, run_load
from oci_testing.fault_scenarios import ScenarioResult
from oci_testing.live import free_port
from oci_testing.outage_proxy import OutageProxy
from oci_testing.service_process import ServiceProcess, seed_histories, write_emulated_prompt
from service.backends.dynamodb_interactions import DynamoDBInteractionStore
from service.backends.dynamodb_tables import (
    create_feedback_table,
    create_interactions_table,
    create_served_requests_table,
    create_summary_cache_table,
)
from service.backends.row_batches import stored_rows
from service.backends.s3_blobs import S3BlobStore
from service.feedback import FEEDBACK_PREFIX
from service.records import PROCESSED_PREFIX

BUCKET = "omni-channel-insights"


@dataclass
class AwsStack:
    """A moto server with the service's tables and bucket, and a proxy in front of each."""

    moto_url: str
    dynamodb: OutageProxy
    s3: OutageProxy
    accounts: list[str]

    def s3_client(self) -> Any:
        """A client straight to moto (not through the proxy): what is really stored."""
        return boto3.client(
            "s3",
            endpoint_url=self.moto_url,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    def stored(self, prefix: str, run_id: str) -> list[dict[str, Any]]:
        """The documents under `prefix` of one run (its `unique_process_id` prefix).

        Read from moto directly, batches unnested. Filtered because moto keeps its state per
        process: every stack started in this process shares one bucket.
        """
        documents = asyncio.run(stored_rows(S3BlobStore(self.s3_client(), bucket=BUCKET), prefix))
        return [d for d in documents if d["unique_process_id"].startswith(f"{run_id}-")]

    def service(self, workdir: Path, emulator_url: str) -> ServiceProcess:
        """A service process on this stack (not yet started)."""
        write_emulated_prompt(workdir / "prompts", emulator_url)
        return ServiceProcess(
            workdir,
            env={
                "OCI_BACKEND": "aws",
                "OCI_AWS_ENDPOINT_URL": self.dynamodb.url,
                "OCI_S3_ENDPOINT_URL": self.s3.url,
            },
        )


@contextlib.contextmanager
def aws_stack(accounts: int) -> Iterator[AwsStack]:
    """Moto on loopback with tables, bucket and seeded histories; proxies up."""
    # Moto's request log (werkzeug) would bury the scenario output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    try:
        session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1"
        )
        dynamodb = session.client("dynamodb", endpoint_url=url)
        for create in (
            create_interactions_table,
            create_summary_cache_table,
            create_served_requests_table,
            create_feedback_table,
        ):
            create(dynamodb)
        session.client("s3", endpoint_url=url).create_bucket(Bucket=BUCKET)
        numbers = seed_histories(DynamoDBInteractionStore(dynamodb), accounts)
        with OutageProxy(url) as dynamodb_proxy, OutageProxy(url) as s3_proxy:
            yield AwsStack(url, dynamodb_proxy, s3_proxy, numbers)
    finally:
        server.stop()


def run_s3_outage(
    workdir: Path,
    stack: AwsStack,
    emulator: EmulatorServer,
    *,
    requests: int,
    concurrency: int,
    outage_s: float,
) -> ScenarioResult:
    """S3 down while `requests` summaries and their feedback are served, then back."""
    emulator.reset()
    run = f"s3-outage-{uuid.uuid4().hex[:8]}"
    service = stack.service(workdir, emulator.base_url)
    service.start()
    try:
        stack.s3.stop()
        down_at = time.monotonic()
        outcomes = asyncio.run(
            run_load(
                service.url,
                service.headers,
                stack.accounts,
                requests=requests,
                concurrency=concurrency,
                run_id=run,
            )
        )
        pending_during = service.outbox_pending()
        pending = {p: service.outbox_pending_under(p) for p in (PROCESSED_PREFIX, FEEDBACK_PREFIX)}
        stored_during = sum(len(stack.stored(p, run)) for p in (PROCESSED_PREFIX, FEEDBACK_PREFIX))
        time.sleep(max(0.0, outage_s - (time.monotonic() - down_at)))
        stack.s3.start()
        drained_s = service.wait_drained(timeout_s=180)
        result = ScenarioResult(
            "s3 down then back",
            outcomes,
            reconcile_processed(outcomes, stack.stored(PROCESSED_PREFIX, run)),
            reconcile_feedback(outcomes, stack.stored(FEEDBACK_PREFIX, run)),
        )
    finally:
        stack.s3.start()
        service.stop()
    result.measured.update(
        pending_during=pending_during,
        stored_during=stored_during,
        drained_s=drained_s,
        pending_processed=pending[PROCESSED_PREFIX],
        pending_feedback=pending[FEEDBACK_PREFIX],
    )
    result.notes.append(
        f"S3 down {outage_s:.0f} s: outbox pending {pending_during} (processed records"
        f" {pending[PROCESSED_PREFIX]}, feedback {pending[FEEDBACK_PREFIX]}), objects in S3"
        f" {stored_during} during the outage; drained {drained_s:.1f} s after S3 came back"
    )
    return result


@dataclass
class StoreOutage:
    """The interaction-store outage: answers before, during and after."""

    before: ScenarioResult
    during: ScenarioResult
    after: ScenarioResult
    ready_during: dict[str, Any]


def _phase(
    service: ServiceProcess,
    stack: AwsStack,
    run: str,
    name: str,
    *,
    requests: int,
    concurrency: int,
) -> ScenarioResult:
    """One load phase against the running service, reconciled against S3."""
    outcomes = asyncio.run(
        run_load(
            service.url,
            service.headers,
            stack.accounts,
            requests=requests,
            concurrency=concurrency,
            run_id=run,
        )
    )
    service.wait_drained()
    return ScenarioResult(
        name,
        outcomes,
        reconcile_processed(outcomes, stack.stored(PROCESSED_PREFIX, run)),
        reconcile_feedback(outcomes, stack.stored(FEEDBACK_PREFIX, run)),
    )


def run_dynamodb_outage(
    workdir: Path, stack: AwsStack, emulator: EmulatorServer, *, requests: int, concurrency: int
) -> StoreOutage:
    """Requests with DynamoDB up, down (connection refused) and up again."""
    emulator.reset()
    run = f"ddb-{uuid.uuid4().hex[:8]}"
    service = stack.service(workdir, emulator.base_url)
    service.start()
    phases: list[ScenarioResult] = []
    ready_during: dict[str, Any] = {}
    try:
        for phase in ("before", "during", "after"):
            if phase == "during":
                stack.dynamodb.stop()
                ready_during = service.ready()
            elif phase == "after":
                stack.dynamodb.start()
            phases.append(
                _phase(
                    service,
                    stack,
                    f"{run}-{phase}",
                    f"interaction store {phase} outage",
                    requests=requests,
                    concurrency=concurrency,
                )
            )
    finally:
        stack.dynamodb.start()
        service.stop()
    before, during, after = phases
    return StoreOutage(before, during, after, ready_during=ready_during)


@dataclass
class SlowStore:
    """The slow-DynamoDB run: answers before, while slow, and after; exchanges held."""

    before: ScenarioResult
    slow: ScenarioResult
    after: ScenarioResult
    delayed_calls: int


def run_dynamodb_slow(
    workdir: Path,
    stack: AwsStack,
    emulator: EmulatorServer,
    *,
    requests: int,
    concurrency: int,
    delay_s: float,
) -> SlowStore:
    """Requests with DynamoDB normal, then answering every call `delay_s` late, then normal.

    Slow, not down: `delay_s` stays under the service's 2 s DynamoDB read timeout, so no
    call fails; what changes is how long clients wait. Every table is slowed (interactions,
    SummaryCache, served log, feedback), as when the DynamoDB endpoint itself is slow.
    """
    emulator.reset()
    run = f"ddb-slow-{uuid.uuid4().hex[:8]}"
    service = stack.service(workdir, emulator.base_url)
    service.start()
    phases: list[ScenarioResult] = []
    delayed = 0
    try:
        for phase in ("before", "slow", "after"):
            stack.dynamodb.delay_s = delay_s if phase == "slow" else 0.0
            held = stack.dynamodb.delayed
            phases.append(
                _phase(
                    service,
                    stack,
                    f"{run}-{phase}",
                    f"interaction store {phase} slowness",
                    requests=requests,
                    concurrency=concurrency,
                )
            )
            if phase == "slow":
                delayed = stack.dynamodb.delayed - held
    finally:
        stack.dynamodb.delay_s = 0.0
        service.stop()
    calls = len(phases[1].outcomes)
    phases[1].name = f"interaction store slow (+{delay_s * 1000:.0f} ms per DynamoDB call)"
    phases[1].notes.append(
        f"{delayed} DynamoDB calls held {delay_s * 1000:.0f} ms each"
        f" ({delayed / max(1, calls):.1f} per client call, summaries and feedback)"
    )
    before, slow, after = phases
    return SlowStore(before, slow, after, delayed_calls=delayed)
