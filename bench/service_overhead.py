"""Service overhead over the model, and the SummaryCache hit path, under concurrent load.

Three processes on loopback, measured in one run: the Converse emulator at a fixed model
latency, the service under uvicorn (embedded backends, the committed prompt pointed at the
emulator through Bedrock model strings), and this load generator with N concurrent clients.
Each client asks for a new summary (a model call) and then repeats the same
`unique_process_id` as an agent transfer would (a SummaryCache hit).

Prints the end-to-end p50/p99 of both paths, and the new-summary overhead over the model
latency (end-to-end minus the emulator's fixed latency), in ms and as a ratio.

Two arrival models. `closed` (the default): each client sends its next pair as soon as the
last answer arrives. With a fixed model latency and no pause between calls such a loop can
synchronize: requests that queue behind a busy moment start their model calls together,
come back together 1.5 s later and queue again, so the overhead grows round after round
(printed per round); latest figures in docs/performance.md. `poisson`: the same number
of pairs, arriving independently at the rate those clients would offer (`clients / latency`
per second, so about `clients` model calls are in flight), as calls reach a contact
center; it measures the service without the synchronization.

Usage: python bench/service_overhead.py [--clients 200] [--rounds 4] [--latency-ms 1500]
       [--arrivals closed|poisson]
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
from collections import defaultdict
from pathlib import Path

import aiohttp
import uvloop
from service_harness import SECRET, ProcessSampler, percentile, prepare, start_service

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.auth import TokenAuthority


async def load(
    base_url: str,
    accounts: list[str],
    clients: int,
    rounds: int,
    ramp_s: float,
    arrivals: str = "closed",
    latency_s: float = 1.5,
) -> dict[str, list[float]]:
    """N clients; aiohttp rather than httpx, on uvloop (which uvicorn[standard] installs),
    because the load generator shares the 2 cores with the service and the emulator, and
    both cost it less CPU per request. A request the connection failed counts as an error."""
    token = TokenAuthority(SECRET).issue("bench")
    timings: dict[str, list[float]] = defaultdict(list)
    connector = aiohttp.TCPConnector(limit=0)  # the client count bounds the connections
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(base_url, connector=connector, headers=headers) as session:

        async def one_pair(index: int, round_: int, rng: random.Random) -> None:
            """A new summary, then the agent transfer that repeats its process id."""
            body = {
                "unique_process_id": f"bench-{index}-{round_}-{time.time_ns()}",
                "account_number": rng.choice(accounts),
                "contact_id": f"c-{index}-{round_}",
            }
            for path in ("new", "hit"):
                started = time.perf_counter()
                try:
                    async with session.post("/omni-channel-insights", json=body) as response:
                        answer = await response.json()
                except aiohttp.ClientError:
                    # A connection the server closed under the request: an error, not a crash.
                    timings["errors"].append((time.perf_counter() - started) * 1000)
                    return
                elapsed = (time.perf_counter() - started) * 1000
                ok = response.status == 200 and answer["cache_hit"] is (path == "hit")
                timings[path if ok else "errors"].append(elapsed)
                if ok and path == "new":
                    timings[f"new_round_{round_}"].append(elapsed)
                    model_ms = float(response.headers["X-Model-Latency-Ms"])
                    timings["server_new"].append(float(answer["latency_ms"]) - model_ms)
                    timings["gateway_new"].append(model_ms)
                elif ok:
                    timings["server_hit"].append(float(answer["latency_ms"]))

        async def one_client(index: int) -> None:
            rng = random.Random(index)
            # Clients start spread over `ramp_s` (a load tool's spawn rate): 200 agents do not
            # press the button in the same millisecond, and a synchronized herd measures
            # queueing behind 200 simultaneous arrivals, not the service's overhead.
            await asyncio.sleep(ramp_s * index / clients)
            for round_ in range(rounds):
                await one_pair(index, round_, rng)

        if arrivals == "closed":
            await asyncio.gather(*(one_client(i) for i in range(clients)))
            return timings
        gaps = random.Random(0)
        pairs: list[asyncio.Task[None]] = []
        for index in range(clients * rounds):
            # "Round" r is the r-th block of `clients` arrivals, about one latency of time.
            pair = one_pair(index, index // clients, random.Random(index))
            pairs.append(asyncio.create_task(pair))
            await asyncio.sleep(gaps.expovariate(clients / latency_s))
        await asyncio.gather(*pairs)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--latency-ms", type=float, default=1500.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup-rounds", type=int, default=1)
    parser.add_argument(
        "--ramp-s", type=float, default=None, help="spread client starts (default: one latency)"
    )
    parser.add_argument(
        "--arrivals", choices=("closed", "poisson"), default="closed", help="see the docstring"
    )
    args = parser.parse_args()
    ramp_s = args.latency_ms / 1000 if args.ramp_s is None else args.ramp_s
    state = Path(tempfile.mkdtemp(prefix="oci-bench-service-"))
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    try:
        with EmulatorServer(plan, isolation="process") as emulator:
            accounts = prepare(state, emulator.base_url, accounts=2000)
            port = 18000 + os.getpid() % 1000
            service = start_service(state, port, args.workers)
            try:
                # Not measured: the first calls of each worker import litellm's Bedrock path.
                base_url = f"http://127.0.0.1:{port}"
                uvloop.run(load(base_url, accounts, args.clients, args.warmup_rounds, ramp_s))
                if os.environ.get("OCI_BENCH_PROFILE"):
                    # The measured phase only, not the warm-up's imports. py-spy sits beside
                    # this interpreter in the virtualenv, often not on PATH.
                    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
                    output, pid = os.environ["OCI_BENCH_PROFILE"], str(service.pid)
                    subprocess.Popen(
                        [py_spy, "record", "-o", output, "-f", "raw", "-d", "15", "-p", pid, "-s"]
                    )
                latency_s = args.latency_ms / 1000
                started = time.perf_counter()
                assert emulator.pid is not None
                with (
                    ProcessSampler(service.pid) as sampler,
                    ProcessSampler(emulator.pid) as emulator_usage,
                    ProcessSampler(os.getpid(), children=False) as generator_usage,
                ):
                    timings = uvloop.run(
                        load(
                            base_url,
                            accounts,
                            args.clients,
                            args.rounds,
                            ramp_s,
                            args.arrivals,
                            latency_s,
                        )
                    )
                wall = time.perf_counter() - started
            finally:
                service.terminate()
                service.wait(timeout=30)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    new, hit = timings["new"], timings["hit"]
    overhead = [value - args.latency_ms for value in new]
    arrivals = (
        "closed loop"
        if args.arrivals == "closed"
        else f"Poisson arrivals at {args.clients / latency_s:.0f} pairs/s"
    )
    print(
        f"service overhead: {args.clients} clients x {args.rounds} rounds ({arrivals}), "
        f"emulator fixed {args.latency_ms:.0f} ms, {args.workers} uvicorn worker(s), {wall:.1f} s"
    )
    print(f"  requests: {len(new)} new, {len(hit)} transfers, {len(timings['errors'])} errors")
    usage = sampler.usage
    print(
        f"  service CPU {usage.cpu_s:.1f} s ({usage.system_s:.1f} s kernel) over {wall:.1f} s wall"
        f" ({usage.cpu_s * 1000 / max(1, len(new) + len(hit)):.2f} ms per request),"
        f" peak RSS {usage.peak_rss_mb:.0f} MB"
    )
    # The three share the 2 cores: what the emulator and the load generator take is CPU the
    # service does not have.
    print(
        f"  sharing the cores: emulator CPU {emulator_usage.usage.cpu_s:.1f} s,"
        f" load generator CPU {generator_usage.usage.cpu_s:.1f} s"
        f" (all three {usage.cpu_s + emulator_usage.usage.cpu_s + generator_usage.usage.cpu_s:.1f}"
        f" s of the {2 * wall:.1f} s 2 cores had)"
    )
    print(
        f"  new summary   p50 {statistics.median(new):7.1f} ms  p99 {percentile(new, 99):7.1f} ms"
        f"   over the model p50 {statistics.median(overhead):6.1f} ms"
        f"  p99 {percentile(overhead, 99):6.1f} ms (goal p99 <= 50)"
        f"   ratio p99 {percentile(new, 99) / args.latency_ms:.3f}"
    )
    by_round = [timings[f"new_round_{r}"] for r in range(args.rounds)]
    print(
        "  over the model p50 by round: "
        + " ".join(f"{statistics.median(t) - args.latency_ms:.0f}" for t in by_round if t)
        + " ms (a closed loop that synchronizes grows here: see the docstring)"
    )
    server = timings["server_new"]
    print(
        f"  service's own overhead (X-Latency-Ms minus X-Model-Latency-Ms) p50 "
        f"{statistics.median(server):6.1f} ms  p99 {percentile(server, 99):6.1f} ms"
    )
    gateway = [value - args.latency_ms for value in timings["gateway_new"]]
    print(
        f"  inside the model gateway (litellm, network, emulator) over the emulator's latency"
        f" p50 {statistics.median(gateway):6.1f} ms  p99 {percentile(gateway, 99):6.1f} ms"
    )
    server_hit = timings["server_hit"]
    print(
        f"  cache hit as the service measured it (X-Latency-Ms) p50"
        f" {statistics.median(server_hit):6.1f} ms  p99 {percentile(server_hit, 99):6.1f} ms"
    )
    print(
        f"  cache hit     p50 {statistics.median(hit):7.1f} ms  p99 {percentile(hit, 99):7.1f} ms"
        "   (goal p99 <= 15)"
    )


if __name__ == "__main__":
    main()
