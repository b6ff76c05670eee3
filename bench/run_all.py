"""Run every benchmark under bench/ in turn (what `make bench` calls) and write the results.

Each benchmark's output is shown as it runs and kept; at the end `reports/bench/<stamp>/`
holds `results.json` and `results.md`: date, machine (cores, CPU model, load), commit,
library versions, and every benchmark's command, exit code, wall time and printed figures.
`docs/performance.md` summarises the latest of these.

Usage: python bench/run_all.py [--only name.py ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

BENCHMARKS = [
    "cli_startup.py",
    "warm_eval.py",
    "gateway_overhead.py",
    "service_overhead.py",
    "service_overhead.py --arrivals poisson",
    "service_floor.py",
    "load.py",
    "prompt_resolution.py",
    "eval_throughput.py",
    "eval_throughput.py --latency-ms 5 --wire openai",
    "matrix_wall.py",
    "matrix_vs_promptfoo.py",
    "metaeval_time.py",
    "summary_check.py",
    "trace_overhead.py",
    "scoring_cost.py",
    "promptfoo_gate.py",
    "warehouse_report.py",
    "outbox_delivery.py",
    "fault_runs.py",
]
LIBRARIES = ("litellm", "mlflow", "fastapi", "uvicorn", "ragas", "duckdb", "boto3", "pydantic")
ROOT = Path(__file__).resolve().parents[1]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _commit() -> str:
    try:
        found = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
        )
        return found.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _run(entry: str) -> dict[str, Any]:
    name, *args = entry.split()
    print(f"\n=== {entry} ===", flush=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / name), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        print(line, end="", flush=True)
        lines.append(line.rstrip("\n"))
    code = process.wait()
    # Library log lines (litellm warnings) are not figures.
    figures = [line for line in lines if line.strip() and " - LiteLLM:" not in line]
    return {
        "benchmark": entry,
        "exit_code": code,
        "wall_s": round(time.perf_counter() - started, 1),
        "output": figures,
    }


def _markdown(report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = [
        f"# Benchmarks {report['date']}",
        "",
        f"Commit {report['commit']}; {machine['cores']} cores, {machine['cpu']}; load average "
        f"{machine['load_before']} before.",
        "",
        "Libraries: " + ", ".join(f"{k} {v}" for k, v in report["libraries"].items()) + ".",
        "",
    ]
    for result in report["results"]:
        status = "ok" if result["exit_code"] == 0 else f"exit {result['exit_code']}"
        lines += [f"## `{result['benchmark']}` ({status}, {result['wall_s']} s)", "", "```"]
        lines += result["output"] + ["```", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (file names)")
    args = parser.parse_args()
    chosen = [e for e in BENCHMARKS if not args.only or e.split()[0] in args.only]
    stamp = datetime.now(UTC)
    report: dict[str, Any] = {
        "date": stamp.isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {
            "cores": os.cpu_count(),
            "cpu": _cpu_model(),
            "load_before": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
        },
        "libraries": _versions(),
        "results": [_run(entry) for entry in chosen],
    }
    out = ROOT / "reports" / "bench" / stamp.strftime("%Y%m%dT%H%M%SZ")
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (out / "results.md").write_text(_markdown(report), encoding="utf-8")
    print(f"\nresults: {out / 'results.md'}")
    return 1 if any(r["exit_code"] for r in report["results"]) else 0


if __name__ == "__main__":
    sys.exit(main())
