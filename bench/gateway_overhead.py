"""Gateway overhead per call against the Converse emulator at a fixed model latency.

Measured side by side in one run: the emulator's own latency (reported by the emulator,
and a bare httpx POST of the same request) versus a full `ModelGateway.complete` through
litellm's Bedrock Converse path (SigV4 signing, request transformation, cost). Printed as
overhead in ms and as a ratio to the emulator's latency.

Usage: python bench/gateway_overhead.py [--latency-ms 200] [--calls 40] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

import httpx

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from service.gateway import ModelGateway
from service.model_config import ModelConfig
from service.prompts import RenderedPrompt

MODEL_ID = "us.amazon.nova-lite-v1:0"
SYSTEM = "You write the briefing a contact-center agent reads. At most 90 words. " * 20
USER = (
    "<customer_data>\n[1] 2025-12-01T10:15:00Z | channel=agent | intent=ChargeDispute"
    " | outcome=escalated | sentiment=frustrated\nnotes: Customer disputes a $45 charge; "
    "agent promised a callback by Dec 10.\n</customer_data>"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def direct_calls(base_url: str, calls: int, concurrency: int) -> list[float]:
    """The floor: a bare HTTP POST of a Converse body, no SDK."""
    body = {
        "system": [{"text": SYSTEM}, {"cachePoint": {"type": "default"}}],
        "messages": [{"role": "user", "content": [{"text": USER}]}],
        "inferenceConfig": {"maxTokens": 300, "temperature": 0.0},
    }
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(timeout=30) as client:

        async def one() -> float:
            async with gate:
                started = time.perf_counter()
                response = await client.post(f"{base_url}/model/{MODEL_ID}/converse", json=body)
                response.raise_for_status()
                return (time.perf_counter() - started) * 1000

        return list(await asyncio.gather(*(one() for _ in range(calls))))


async def gateway_calls(base_url: str, calls: int, concurrency: int) -> list[float]:
    config = ModelConfig(
        primary=f"bedrock/converse/{MODEL_ID}", api_base=base_url, aws_region_name="us-east-1"
    )
    gateway = ModelGateway()
    rendered = RenderedPrompt(system=SYSTEM, user=USER)
    await gateway.complete(rendered, config)  # warm-up: imports, client pool, signing setup
    gate = asyncio.Semaphore(concurrency)

    async def one() -> float:
        async with gate:
            completion = await gateway.complete(rendered, config)
            return completion.latency_ms

    return list(await asyncio.gather(*(one() for _ in range(calls))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=200.0)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 20])
    args = parser.parse_args()
    # The emulator checks that requests are SigV4-signed, not by whom: dummy credentials.
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "emulator")
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    with EmulatorServer(plan, isolation="process") as emulator:
        print(f"gateway overhead over the emulator at {args.latency_ms:.0f} ms fixed latency")
        for concurrency in args.concurrency:
            direct = asyncio.run(direct_calls(emulator.base_url, args.calls, concurrency))
            through = asyncio.run(gateway_calls(emulator.base_url, args.calls, concurrency))
            report(args.latency_ms, args.calls, concurrency, direct, through)


def report(
    latency_ms: float, calls: int, concurrency: int, direct: list[float], through: list[float]
) -> None:
    print(f"  calls={calls} concurrency={concurrency}")
    for label, values in (("bare HTTP POST", direct), ("ModelGateway (litellm)", through)):
        p50 = statistics.median(values)
        print(
            f"    {label:<24} p50 {p50:8.1f} ms   p99 {percentile(values, 99):8.1f} ms   "
            f"ratio to emulator latency {p50 / latency_ms:5.3f}"
        )
    overhead = statistics.median(through) - statistics.median(direct)
    print(
        f"    gateway overhead p50 {overhead:+.1f} ms over a bare POST "
        f"(ratio {statistics.median(through) / statistics.median(direct):.3f})"
    )


if __name__ == "__main__":
    main()
