"""The service against two floors under the same load, side by side in one run.

Is the service's overhead at 200 clients its own, or the price of what it is built on? This
runs `bench/service_overhead.py`'s closed-loop load (N clients: a new summary, then the
transfer that repeats its process id) against four services in turn, alternated over
`--repeats` rounds so that a slow minute of the shared machine does not fall on one of them:

- `service`: the real service (`service.main:app_factory`, embedded backends);
- `no check`: the same without the validation agent (`OCI_SUMMARY_CHECK=false`), which
  shows what checking every new summary against its records costs;
- `litellm floor`: FastAPI and the service's `ModelGateway` (litellm through its public
  API) and nothing else (`bench/floor_apps.py`);
- `http floor`: FastAPI and one aiohttp POST of the same Converse request, no litellm.

All four share the one emulator (fixed latency) and the 2 cores with the load generator.
Prints each run, then the median of each figure per service and the CPU ratios. If the
litellm floor misses a goal, no work on the service's own code can meet it on this machine
while Bedrock goes through litellm.

Usage: python bench/service_floor.py [--clients 200] [--rounds 10] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import uvloop
from service_harness import ProcessSampler, percentile, prepare, start_service
from service_overhead import load

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer

SERVICES: dict[str, tuple[str, dict[str, str]]] = {
    "service": ("service.main:app_factory", {}),
    # The same service without the validation agent: the claim check's share of the cost.
    "no check": ("service.main:app_factory", {"OCI_SUMMARY_CHECK": "false"}),
    "litellm floor": ("floor_apps:litellm_floor", {}),
    "http floor": ("floor_apps:http_floor", {}),
}


@dataclass(frozen=True)
class Run:
    """One service's figures over one measured load."""

    overhead_p50: float
    overhead_p99: float
    hit_p50: float
    hit_p99: float
    cpu_ms_per_request: float
    errors: int


def measure(
    service_entry: tuple[str, dict[str, str]],
    state: Path,
    accounts: list[str],
    args: argparse.Namespace,
) -> Run:
    """Start the service, warm it up for one round, measure `args.rounds` rounds, stop it."""
    port = 18000 + os.getpid() % 1000
    factory, env = service_entry
    service = start_service(state, port, args.workers, extra_env=env, app_factory=factory)
    ramp_s = args.latency_ms / 1000
    base_url = f"http://127.0.0.1:{port}"
    try:
        uvloop.run(load(base_url, accounts, args.clients, 1, ramp_s))
        with ProcessSampler(service.pid) as sampler:
            timings = uvloop.run(load(base_url, accounts, args.clients, args.rounds, ramp_s))
    finally:
        service.terminate()
        service.wait(timeout=30)
    overhead = [value - args.latency_ms for value in timings["new"]]
    hit = timings["hit"]
    requests = max(1, len(timings["new"]) + len(hit))
    return Run(
        overhead_p50=statistics.median(overhead),
        overhead_p99=percentile(overhead, 99),
        hit_p50=statistics.median(hit),
        hit_p99=percentile(hit, 99),
        cpu_ms_per_request=sampler.usage.cpu_s * 1000 / requests,
        errors=len(timings["errors"]),
    )


def _line(name: str, run: Run) -> str:
    return (
        f"  {name:<14} over the model p50 {run.overhead_p50:6.1f} p99 {run.overhead_p99:6.1f} ms"
        f"   cache hit p50 {run.hit_p50:5.1f} p99 {run.hit_p99:6.1f} ms"
        f"   CPU {run.cpu_ms_per_request:5.2f} ms/request   errors {run.errors}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--latency-ms", type=float, default=1500.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    runs: dict[str, list[Run]] = {name: [] for name in SERVICES}
    state = Path(tempfile.mkdtemp(prefix="oci-bench-floor-"))
    started = time.perf_counter()
    try:
        with EmulatorServer(plan, isolation="process") as emulator:
            accounts = prepare(state, emulator.base_url, accounts=2000)
            for repeat in range(args.repeats):
                print(f"repeat {repeat + 1} of {args.repeats}", flush=True)
                for name, entry in SERVICES.items():
                    run = measure(entry, state, accounts, args)
                    runs[name].append(run)
                    print(_line(name, run), flush=True)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    print(
        f"service against its floors: {args.clients} clients x {args.rounds} rounds (closed loop),"
        f" emulator fixed {args.latency_ms:.0f} ms, {args.workers} uvicorn worker(s),"
        f" median of {args.repeats} alternated runs each (errors: their sum),"
        f" {time.perf_counter() - started:.0f} s"
    )
    medians = {name: _median(found) for name, found in runs.items()}
    for name, run in medians.items():
        print(_line(name, run))
    cpu = {name: run.cpu_ms_per_request for name, run in medians.items()}
    print(
        f"  CPU per request: service / litellm floor {cpu['service'] / cpu['litellm floor']:.2f},"
        f" without the claim check {cpu['no check'] / cpu['litellm floor']:.2f};"
        f" litellm floor / http floor {cpu['litellm floor'] / cpu['http floor']:.2f}"
    )
    # A pair is a new summary and its transfer: the check runs once per pair.
    print(f"  claim check: {2 * (cpu['service'] - cpu['no check']):.1f} ms of CPU per new summary")
    print("  goals: over the model p99 <= 50 ms, cache hit p99 <= 15 ms")


def _median(found: list[Run]) -> Run:
    return Run(
        overhead_p50=statistics.median(run.overhead_p50 for run in found),
        overhead_p99=statistics.median(run.overhead_p99 for run in found),
        hit_p50=statistics.median(run.hit_p50 for run in found),
        hit_p99=statistics.median(run.hit_p99 for run in found),
        cpu_ms_per_request=statistics.median(run.cpu_ms_per_request for run in found),
        errors=sum(run.errors for run in found),
    )


if __name__ == "__main__":
    main()
