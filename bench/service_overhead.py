"""Service overhead over the model, and the SummaryCache hit path, under concurrent load.

Three processes on loopback, measured in one run: the Converse emulator at a fixed model
latency, the service under uvicorn (embedded backends, the committed prompt pointed at the
emulator through Bedrock model strings), and this load generator with N concurrent clients.
Each client asks for a new summary (a model call) and then repeats the same
`unique_process_id` as an agent transfer would (a SummaryCache hit).

Prints the end-to-end p50/p99 of both paths, and the new-summary overhead over the model
latency (end-to-end minus the emulator's fixed latency), in ms and as a ratio.

Usage: python bench/service_overhead.py [--clients 200] [--rounds 4] [--latency-ms 1500]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import httpx
import yaml

import service  # noqa: F401  (offline environment defaults)
from eval.dataset.generator import generate_traffic
from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.auth import TokenAuthority
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.models import Interaction

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret-bench-secret-bench-secret-0123"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def prepare(state: Path, emulator_url: str, accounts: int) -> list[str]:
    """Seed synthetic histories (moved to now) and write a prompt pointed at the emulator."""
    prompts = state / "prompts" / "omni-summary"
    prompts.mkdir(parents=True)
    source = yaml.safe_load((ROOT / "prompts/omni-summary/prompt.yaml").read_text())
    source["model_config"] = {
        "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
        "fallbacks": ["bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0"],
        "api_base": emulator_url,
        "aws_region_name": "us-east-1",
    }
    (prompts / "prompt.yaml").write_text(yaml.safe_dump(source))
    store = SqliteInteractionStore(state / "interactions.sqlite")
    now = time.time()
    numbers: list[str] = []

    async def seed() -> None:
        for sample in generate_traffic(accounts, seed=11):
            if not sample.interactions:
                continue
            shift = now - sample.options.as_of.timestamp()
            moved = [
                Interaction.model_validate(
                    {**item.model_dump(), "timestamp": item.timestamp.timestamp() + shift}
                )
                for item in sample.interactions
            ]
            await store.put_many(sample.account_number, moved)
            numbers.append(sample.account_number)

    asyncio.run(seed())
    store.close()
    return numbers


def start_service(state: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "OCI_STATE_DIR": str(state),
        "OCI_PROMPTS_DIR": str(state / "prompts"),
        "OCI_PROMPT_SOURCE": "local",
        "OCI_AUTH_SECRET": SECRET,
        "AWS_ACCESS_KEY_ID": "emulator",
        "AWS_SECRET_ACCESS_KEY": "emulator",
    }
    command = [sys.executable, "-m", "uvicorn", "--factory", "service.main:app_factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("service did not become ready")


async def load(
    base_url: str, accounts: list[str], clients: int, rounds: int
) -> dict[str, list[float]]:
    """N clients; aiohttp rather than httpx because the load generator shares the 2 cores
    with the service and the emulator, and aiohttp costs a fraction of the CPU per request."""
    token = TokenAuthority(SECRET).issue("bench")
    timings: dict[str, list[float]] = {"new": [], "hit": [], "errors": [], "server_new": []}
    connector = aiohttp.TCPConnector(limit=clients)
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(base_url, connector=connector, headers=headers) as session:

        async def one_client(index: int) -> None:
            rng = random.Random(index)
            for round_ in range(rounds):
                body = {
                    "unique_process_id": f"bench-{index}-{round_}-{time.time_ns()}",
                    "account_number": rng.choice(accounts),
                    "contact_id": f"c-{index}-{round_}",
                }
                for path in ("new", "hit"):
                    started = time.perf_counter()
                    async with session.post("/omni-channel-insights", json=body) as response:
                        answer = await response.json()
                    elapsed = (time.perf_counter() - started) * 1000
                    ok = response.status == 200 and answer["cache_hit"] is (path == "hit")
                    timings[path if ok else "errors"].append(elapsed)
                    if ok and path == "new":
                        timings["server_new"].append(
                            float(answer["latency_ms"])
                            - float(response.headers["X-Model-Latency-Ms"])
                        )

        await asyncio.gather(*(one_client(i) for i in range(clients)))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=1500.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup-rounds", type=int, default=1)
    args = parser.parse_args()
    state = Path(tempfile.mkdtemp(prefix="oci-bench-service-"))
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    try:
        with EmulatorServer(plan, isolation="process") as emulator:
            accounts = prepare(state, emulator.base_url, accounts=2000)
            port = 18000 + os.getpid() % 1000
            service = start_service(state, port, args.workers)
            if os.environ.get("OCI_BENCH_PROFILE"):
                subprocess.Popen(
                    [
                        "py-spy",
                        "record",
                        "-o",
                        os.environ["OCI_BENCH_PROFILE"],
                        "-f",
                        "raw",
                        "-d",
                        "15",
                        "-p",
                        str(service.pid),
                        "-s",
                    ]
                )
            try:
                # Not measured: the first calls of each worker import litellm's Bedrock path.
                asyncio.run(
                    load(f"http://127.0.0.1:{port}", accounts, args.clients, args.warmup_rounds)
                )
                started = time.perf_counter()
                timings = asyncio.run(
                    load(f"http://127.0.0.1:{port}", accounts, args.clients, args.rounds)
                )
                wall = time.perf_counter() - started
            finally:
                service.terminate()
                service.wait(timeout=30)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    new, hit = timings["new"], timings["hit"]
    overhead = [value - args.latency_ms for value in new]
    print(
        f"service overhead: {args.clients} clients x {args.rounds} rounds, "
        f"emulator fixed {args.latency_ms:.0f} ms, {args.workers} uvicorn worker(s), {wall:.1f} s"
    )
    print(f"  requests: {len(new)} new, {len(hit)} transfers, {len(timings['errors'])} errors")
    print(
        f"  new summary   p50 {statistics.median(new):7.1f} ms  p99 {percentile(new, 99):7.1f} ms"
        f"   over the model p50 {statistics.median(overhead):6.1f} ms"
        f"  p99 {percentile(overhead, 99):6.1f} ms (goal p99 <= 50)"
        f"   ratio p99 {percentile(new, 99) / args.latency_ms:.3f}"
    )
    server = timings["server_new"]
    print(
        f"  service's own overhead (X-Latency-Ms minus X-Model-Latency-Ms) p50 "
        f"{statistics.median(server):6.1f} ms  p99 {percentile(server, 99):6.1f} ms"
    )
    print(
        f"  cache hit     p50 {statistics.median(hit):7.1f} ms  p99 {percentile(hit, 99):7.1f} ms"
        "   (goal p99 <= 15)"
    )


if __name__ == "__main__":
    main()
