"""Fault runs at full counts: what the clients saw, and whether anything acknowledged was lost.

The scenarios of `tests/faults/` (shared code in `tests/oci_testing/`) with production
timings: the emulator answers with a lognormal latency (median 1.2 s, p99 4 s), the
primary's timeout is the real 5 s inside the 7.5 s budget. Scenarios: the primary
throttled (30 %, 100 %) or timing out (then again with the fallback hedged after 2.5 s),
both models down or hanging, DynamoDB down and DynamoDB slow (each before / during /
after), S3 down then back, MLflow down (serving, cold start while down, back), SIGKILL
mid-load. Per scenario it prints requests, status
counts, fallback share, p50/p95/p99, and the reconciliation of acknowledged summaries and
feedback against what was stored (missing, duplicated). Exits non-zero when anything
acknowledged is missing or duplicated.

Usage: python bench/fault_runs.py [--requests 500] [--concurrency 50] [--s3-outage-s 30]
                                  [--ddb-delay-ms 250]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

# Imported before tests/ joins sys.path: its tests/service folder would otherwise shadow the
# package as a namespace package.
from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

ROOT = Path(__file__).resolve().parents[1]
# The scenario code is shared with the tests, which keep their helpers in tests/oci_testing.
sys.path.insert(0, str(ROOT / "tests"))

from oci_testing.fault_scenarios import ScenarioResult, run_model_fault, run_sigkill
from oci_testing.registry_scenarios import run_registry_outage
from oci_testing.service_process import PRIMARY_ID
from oci_testing.store_scenarios import (
    aws_stack,
    run_dynamodb_outage,
    run_dynamodb_slow,
    run_s3_outage,
)

from eval.emulator.faults import (
    FaultPlan,
    FixedLatency,
    LognormalLatency,
    ModelFaults,
)
from eval.emulator.server import EmulatorServer

REALISTIC = LognormalLatency(median_ms=1200, p99_ms=4000)


# The hedge delay of the hedged scenario: a primary silent this long is joined by the
# fallback, which then has 5 s of the 7.5 s budget rather than the 2.5 s a 5 s timeout leaves.
HEDGE_AFTER_S = 2.5


def model_plans() -> dict[str, tuple[FaultPlan, float | None]]:
    """The model-fault scenarios (plan, hedge delay of the pair): the primary throttled or
    timing out (sequential fallback, then hedged), and both models down."""
    fallback = ModelFaults(latency=REALISTIC)

    def primary(faults: ModelFaults) -> FaultPlan:
        return FaultPlan(models={PRIMARY_ID: faults, "*": fallback})

    timing_out = primary(ModelFaults(latency=FixedLatency(ms=6000)))
    return {
        "primary throttled 30%": (primary(ModelFaults(latency=REALISTIC, throttle_rate=0.3)), None),
        "primary throttled 100%": (primary(ModelFaults(throttle_rate=1.0)), None),
        "primary timing out (6 s > 5 s timeout)": (timing_out, None),
        f"primary timing out, fallback hedged after {HEDGE_AFTER_S:g} s": (
            timing_out,
            HEDGE_AFTER_S,
        ),
        "both models down": (FaultPlan(models={"*": ModelFaults(unavailable_rate=1.0)}), None),
        "both models hanging": (
            FaultPlan(models={"*": ModelFaults(hang_rate=1.0, hang_s=30)}),
            None,
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--s3-outage-s", type=float, default=30.0)
    # Slow, not down: well under the service's 2 s DynamoDB read timeout, and about 25 to 50
    # times DynamoDB's usual single-digit milliseconds (a hot partition, a throttled table).
    parser.add_argument("--ddb-delay-ms", type=float, default=250.0)
    args = parser.parse_args()
    import os

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
    results: list[ScenarioResult] = []
    counts = {"requests": args.requests, "concurrency": args.concurrency}
    realistic = FaultPlan(models={"*": ModelFaults(latency=REALISTIC)})
    # The initial plan is what every scenario's `emulator.reset()` returns to: the store,
    # registry and crash scenarios run at the realistic model latency too.
    with (
        tempfile.TemporaryDirectory(prefix="oci-fault-runs-") as tmp,
        EmulatorServer(realistic, seed=7, isolation="process") as emulator,
    ):
        work = Path(tmp)
        for index, (name, (plan, hedge_after_s)) in enumerate(model_plans().items()):
            result = run_model_fault(
                name, work / f"model-{index}", emulator, plan, hedge_after_s=hedge_after_s, **counts
            )
            results.append(result)
            print(results[-1].report(), flush=True)
        with aws_stack(accounts=50) as stack:
            phased = {"requests": max(1, args.requests // 3), "concurrency": args.concurrency}
            outage = run_dynamodb_outage(work / "ddb", stack, emulator, **phased)
            slow = run_dynamodb_slow(
                work / "ddb-slow", stack, emulator, delay_s=args.ddb_delay_ms / 1000, **phased
            )
            for phase in (
                outage.before,
                outage.during,
                outage.after,
                slow.before,
                slow.slow,
                slow.after,
            ):
                results.append(phase)
                print(phase.report(), flush=True)
            results.append(
                run_s3_outage(work / "s3", stack, emulator, outage_s=args.s3_outage_s, **counts)
            )
            print(results[-1].report(), flush=True)
        registry = run_registry_outage(
            work / "registry",
            emulator,
            requests=max(1, args.requests // 4),
            concurrency=args.concurrency,
        )
        for phase in registry.phases:
            results.append(phase)
            print(phase.report(), flush=True)
        crash = run_sigkill(
            work / "crash", emulator, realistic, kill_after_acks=args.requests // 2, **counts
        )
        results.append(crash.result)
        print(crash.result.report(), flush=True)
    lost = [r.name for r in results if not (r.processed.lossless and r.feedback.lossless)]
    print(f"\nreconciliation: {len(results) - len(lost)}/{len(results)} scenarios lossless")
    for name in lost:
        print(f"  LOST OR DUPLICATED: {name}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
