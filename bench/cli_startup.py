"""Start-up time of `oci --help` and `oci token` against the interpreter's own (`python -c pass`).

`oci` imports a command's module only when that command runs; this prints how much start-up
that leaves, as a ratio to a bare interpreter so that a busy machine slows both sides alike.
Runs are alternated, and the medians of `--runs` runs are compared.

Usage: python bench/cli_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 1.0
CASES = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "oci --help": [sys.executable, "-m", "eval.cli", "--help"],
    "oci token": [sys.executable, "-m", "eval.cli", "token", "--client", "bench"],
}


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as state:
        # `oci token` writes a dev secret under the state folder: a scratch one here.
        env = {**os.environ, "OCI_STATE_DIR": state, "PYTHONPATH": str(root)}
        times: dict[str, list[float]] = {name: [] for name in CASES}
        for _ in range(args.runs):
            for name, command in CASES.items():
                times[name].append(_time(command, env))
    base = statistics.median(times["python -c pass"])
    missed = False
    for name, values in times.items():
        median = statistics.median(values)
        line = f"{name:16} median {median * 1000:7.1f} ms  ratio {median / base:6.1f}"
        if name != "python -c pass":
            ok = median < GOAL_S
            missed |= not ok
            line += f"  goal < {GOAL_S:.0f} s: {'met' if ok else 'GOAL NOT MET'}"
        print(line)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
