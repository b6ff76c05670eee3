"""The service's claim check per summary, beside the summarizer call it guards.

For every golden sample: summarize with the production pair (the local baseline model),
then time `check_summary` on the result with its caches cleared, as for a new request, two
ways: after the model answers, with the history read while the model wrote (`read_history`,
what the service does: the time an agent waits for the check), and cold (history and summary
both read after the answer). Prints p50/p95/p99 of each and of the call; the goal is a check
p99 <= 5 ms after the answer, small beside any real model call (seconds).

With `--against <checkout>` (another checkout of the project, such as the code before a
change), this checkout's measurement and that checkout's own `bench/summary_check.py` run in
turn, `--rounds` times each, on the same machine and summaries, and the medians of their
percentiles are printed side by side.

Usage: python bench/summary_check.py [--dataset golden/v1] [--against ../other --rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from claim_caches import forget_claim_readings

from eval.dataset.loader import load_golden, parse_dataset
from eval.samples import golden_samples
from service.claims import check_summary, read_history
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.summarizer import summarize

ROOT = Path(__file__).resolve().parents[1]


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def _measure(dataset: str) -> tuple[list[float], list[float], list[float]]:
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    name, version = parse_dataset(dataset)
    samples, _ = golden_samples(load_golden(version, root=ROOT / "datasets", name=name))
    gateway = ModelGateway()
    calls: list[float] = []
    checks: list[float] = []
    colds: list[float] = []
    for sample in samples:
        started = time.perf_counter()
        summary = await summarize(sample.interactions, sample.options, pair, gateway)
        calls.append((time.perf_counter() - started) * 1000)
        if not summary.model_called:
            continue
        for read_ahead, into in ((True, checks), (False, colds)):
            forget_claim_readings()
            history = read_history(summary.interactions, sample.options) if read_ahead else None
            started = time.perf_counter()
            check_summary(
                summary.text,
                summary.interactions,
                sample.options,
                system_prompt=pair.template.system,
                history=history,
            )
            into.append((time.perf_counter() - started) * 1000)
    return calls, checks, colds


_ROW = re.compile(
    r"^\s+(?P<label>check, read ahead|check, cold|summarizer call)\s+p50\s+(?P<p50>[\d.]+) ms"
    r"\s+p95\s+(?P<p95>[\d.]+) ms\s+p99\s+(?P<p99>[\d.]+) ms",
    re.M,
)


def _run(checkout: Path, dataset: str) -> dict[str, tuple[float, float, float]]:
    """One run of `checkout`'s own bench, in a process of its own, read from its output."""
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run(
        [sys.executable, str(checkout / "bench" / "summary_check.py"), "--dataset", dataset],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {
        m["label"]: (float(m["p50"]), float(m["p95"]), float(m["p99"]))
        for m in _ROW.finditer(done.stdout)
    }
    if not rows:
        raise SystemExit(f"{checkout}: no figures in its output:\n{done.stdout}{done.stderr}")
    return rows


def side_by_side(other: Path, dataset: str, rounds: int) -> None:
    """Both checkouts in turn, `rounds` times each; the medians of their percentiles."""
    runs: dict[Path, list[dict[str, tuple[float, float, float]]]] = {ROOT: [], other: []}
    for _ in range(rounds):
        for checkout in runs:
            runs[checkout].append(_run(checkout, dataset))
    print(f"summary check, {dataset}: median of {rounds} runs each, alternating")
    print(f"  {'':17} {'this checkout':>30}   {other.name:>30}")
    for label in ("check, read ahead", "check, cold", "summarizer call"):
        cells = []
        for checkout in runs:
            p50, p95, p99 = (
                statistics.median(run[label][i] for run in runs[checkout]) for i in range(3)
            )
            cells.append(f"p50 {p50:5.2f} p95 {p95:6.2f} p99 {p99:6.2f}")
        print(f"  {label:17} {cells[0]:>30}   {cells[1]:>30}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="golden/v2")
    parser.add_argument("--against", type=Path, help="another checkout, measured side by side")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, with --against")
    args = parser.parse_args()
    if args.against is not None:
        side_by_side(args.against.resolve(), args.dataset, args.rounds)
        return
    calls, checks, colds = asyncio.run(_measure(args.dataset))
    print(f"summary check: {len(checks)} summaries of {args.dataset}")
    rows = (("check, read ahead", checks), ("check, cold", colds), ("summarizer call", calls))
    for label, values in rows:
        print(
            f"  {label:17} p50 {_pct(values, 50):6.2f} ms  p95 {_pct(values, 95):6.2f} ms  "
            f"p99 {_pct(values, 99):6.2f} ms"
        )
    ratio = _pct(checks, 99) / _pct(calls, 50)
    print(f"  check p99 / call p50: {ratio:.2f} (goal: check p99 <= 5 ms)")


if __name__ == "__main__":
    main()
