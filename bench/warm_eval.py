"""Wall time of `oci eval` when nothing changed (every output, judge answer and score cached).

The first run fills the caches (and the meta-evaluation table) when they are cold; then
`--runs` warm evals alternate with `python -c pass`, and the medians are compared, as a
ratio so that a busy machine slows both sides alike. It uses the state the user's own
`make eval` uses (`OCI_STATE_DIR`, default `var/`), so on a machine that already ran
`make eval` the first run is warm too.

Usage: python bench/warm_eval.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

GOAL_S = 5.0
ROOT = Path(__file__).resolve().parents[1]
EVAL = [sys.executable, "-m", "eval.cli", "eval"]


def _time(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: the gate failed, which is still a timed eval
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = _time(EVAL, env)
    print(f"first eval (fills any cold cache) {first:7.1f} s")
    warm: list[float] = []
    bare: list[float] = []
    for _ in range(args.runs):
        bare.append(_time([sys.executable, "-c", "pass"], env))
        warm.append(_time(EVAL, env))
    median, base = statistics.median(warm), statistics.median(bare)
    ok = median <= GOAL_S
    print(
        f"warm oci eval    median {median:7.2f} s  ratio {median / base:6.1f} x python -c pass"
        f"  goal <= {GOAL_S:.0f} s: {'met' if ok else 'GOAL NOT MET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
