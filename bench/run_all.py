"""Run every benchmark under bench/ in turn (what `make bench` calls)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = [
    "cli_startup.py",
    "gateway_overhead.py",
    "service_overhead.py",
    "service_overhead.py --arrivals poisson",
    "service_floor.py",
    "load.py",
    "prompt_resolution.py",
    "eval_throughput.py",
    "metaeval_time.py",
    "summary_check.py",
    "promptfoo_gate.py",
    "warehouse_report.py",
    "outbox_delivery.py",
    "fault_runs.py",
]


def main() -> int:
    here = Path(__file__).resolve().parent
    failed = 0
    for entry in BENCHMARKS:
        name, *args = entry.split()
        print(f"\n=== {entry} ===", flush=True)
        failed += subprocess.call([sys.executable, str(here / name), *args], cwd=here.parent) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
