"""The figures of `bench/load.py`, computed from per-request samples: pure, no I/O.

Every figure is printed next to its goal (seed 000's KPIs, and the service's own budget of
50 ms p99 over the model). A missed latency or rate goal prints "GOAL NOT MET"; only errors
make the benchmark fail, because on a 2-core machine shared by the service, the emulator
and the load generator the latency figures measure the machine as much as the service.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Kind = Literal["new", "transfer", "feedback"]
KINDS: tuple[Kind, ...] = ("new", "transfer", "feedback")
# Seed 000's latency KPIs apply to every call an agent's desktop makes.
P95_GOAL_MS, P99_GOAL_MS = 5000.0, 8000.0
OVERHEAD_P99_GOAL_MS = 50.0
CACHE_HIT_P99_GOAL_MS = 15.0
ERROR_RATE_SEED = 0.005
TRANSFER_HIT_GOAL = 0.70
FALLBACK_GOAL = 0.10


@dataclass(frozen=True)
class Sample:
    """One HTTP call as the load generator saw it.

    `ok` is the expected answer: 200 and a fresh summary for a new request, 200 for a
    transfer, 201 for feedback. `status` 0 means no answer (timeout, connection cut).
    """

    kind: Kind
    status: int
    ok: bool
    e2e_ms: float
    cache_hit: bool = False
    model_used: str = ""
    model_ms: float = 0.0  # X-Model-Latency-Ms: time inside the model gateway (0: no call)
    server_ms: float = 0.0  # X-Latency-Ms: the service's own clock, request in to answer out
    error: str = ""
    done_s: float = 0.0  # when the answer came, in seconds from the run's start


@dataclass(frozen=True)
class Usage:
    """CPU seconds and peak memory of the processes sharing the machine during the run."""

    service_cpu_s: float
    service_peak_rss_mb: float
    emulator_cpu_s: float
    loadgen_cpu_s: float
    machine_cpu_s: float  # every process on the machine, ours and anyone else's


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values, so a figure never lies."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def verdict(met: bool) -> str:
    """The marker printed beside a goal."""
    return "met" if met else "GOAL NOT MET"


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def report(
    samples: Sequence[Sample],
    *,
    duration_s: float,
    wall_s: float,
    primary: str,
    usage: Usage,
    clients: int,
    model_mean_s: float,
) -> tuple[list[str], int]:
    """Printable lines, and the number of errors (the only thing that fails the run).

    Throughput counts the answers within `duration_s` (all clients busy); every other
    figure uses every sample, including the loops that finished after it (`wall_s`).
    """
    by_kind = {kind: [s for s in samples if s.kind == kind] for kind in KINDS}
    errors = [s for s in samples if not s.ok]
    ok = {kind: [s for s in by_kind[kind] if s.ok] for kind in KINDS}
    window = {kind: sum(s.done_s <= duration_s for s in ok[kind]) for kind in KINDS}
    lines = [
        f"  requests {len(samples)} in {wall_s:.1f} s (loops in flight at {duration_s:.0f} s"
        " finish and count): " + ", ".join(f"{kind} {len(by_kind[kind])}" for kind in KINDS),
        f"  throughput {sum(window.values()) / duration_s:.1f} req/s answered as expected in the"
        f" first {duration_s:.0f} s ("
        + ", ".join(f"{kind} {window[kind] / duration_s:.1f}" for kind in KINDS)
        + ")   goal: none (closed loop: the rate at which the other figures hold)",
    ]
    lines.append("  end to end (answered as expected)        p50      p95      p99")
    for kind in KINDS:
        ms = [s.e2e_ms for s in ok[kind]]
        p95, p99 = percentile(ms, 95), percentile(ms, 99)
        lines.append(
            f"    {kind:<36} {percentile(ms, 50):6.0f}   {p95:6.0f}   {p99:6.0f} ms"
            f"   goal p95 < {P95_GOAL_MS:.0f}, p99 < {P99_GOAL_MS:.0f}"
            f"  {verdict(p95 < P95_GOAL_MS and p99 < P99_GOAL_MS)}"
        )
    lines += _overhead(ok["new"])
    hits = [s.e2e_ms for s in ok["transfer"] if s.cache_hit]
    hit_p99 = percentile(hits, 99)
    lines.append(
        f"  cache-hit path p50 {percentile(hits, 50):.1f} ms  p99 {hit_p99:.1f} ms"
        f"   goal p99 <= {CACHE_HIT_P99_GOAL_MS:.0f}  {verdict(hit_p99 <= CACHE_HIT_P99_GOAL_MS)}"
    )
    rate = _share(len(errors), len(samples))
    kinds = Counter(f"{s.kind}:{s.status}{'/' + s.error if s.error else ''}" for s in errors)
    lines.append(
        f"  errors {len(errors)} of {len(samples)} ({rate:.2%})   goal 0 (seed: < 0.5 %)"
        f"  {verdict(not errors)}" + (f"   {dict(kinds.most_common(6))}" if errors else "")
    )
    transfer_hits = sum(s.cache_hit for s in ok["transfer"])
    all_hits = transfer_hits + sum(s.cache_hit for s in ok["new"])
    summaries = len(ok["new"]) + len(ok["transfer"])
    transfer_rate = _share(transfer_hits, len(ok["transfer"]))
    lines.append(
        f"  cache hits: {transfer_rate:.1%} of transfers   goal > 70 % of transfers < 5 min apart"
        f"  {verdict(transfer_rate > TRANSFER_HIT_GOAL)};"
        f" {_share(all_hits, summaries):.1%} of all summary requests (follows the mix)"
    )
    called = [s for s in ok["new"] if s.model_ms > 0]
    fallbacks = sum(s.model_used != primary for s in called)
    fallback_rate = _share(fallbacks, len(called))
    lines.append(
        f"  fallback {fallback_rate:.2%} of {len(called)} model calls ({fallbacks})"
        f"   goal < 10 %  {verdict(fallback_rate < FALLBACK_GOAL)}"
    )
    lines.append(
        f"  service CPU {usage.service_cpu_s:.1f} s = {usage.service_cpu_s / wall_s:.2f} cores"
        f" ({usage.service_cpu_s * 1000 / max(1, len(samples)):.2f} ms per request),"
        f" peak RSS {usage.service_peak_rss_mb:.0f} MB (uvicorn master + workers)"
    )
    ours = usage.service_cpu_s + usage.emulator_cpu_s + usage.loadgen_cpu_s
    lines.append(
        f"  sharing the cores: emulator {usage.emulator_cpu_s / wall_s:.2f} cores,"
        f" load generator {usage.loadgen_cpu_s / wall_s:.2f} cores; whole machine"
        f" {usage.machine_cpu_s / wall_s:.2f} cores busy, of which other work"
        f" {max(0.0, usage.machine_cpu_s - ours) / wall_s:.2f}"
    )
    lines += _capacity(by_kind["new"], usage, clients, model_mean_s)
    return lines, len(errors)


def _capacity(new: Sequence[Sample], usage: Usage, clients: int, model_mean_s: float) -> list[str]:
    """What the clients would offer if nothing queued, and the cores that would take.

    A closed loop with no think time offers `clients / model latency` loops per second;
    when that needs more CPU than the service gets, queueing fills the gap and the
    overhead figure above measures the queue, not the service.
    """
    if not new:
        return []
    cpu_per_loop_ms = usage.service_cpu_s * 1000 / len(new)
    offered = clients / model_mean_s
    return [
        f"  capacity: service CPU {cpu_per_loop_ms:.1f} ms per loop (a new summary and its"
        f" share of transfers and feedback); {clients} clients with no queueing would offer"
        f" {offered:.0f} loops/s (the model's mean latency {model_mean_s:.2f} s), which needs"
        f" {offered * cpu_per_loop_ms / 1000:.2f} service cores"
    ]


def _overhead(new: Sequence[Sample]) -> list[str]:
    """New summaries: what the caller waited beyond the model's own latency."""
    called = [s for s in new if s.model_ms > 0]
    over = [s.e2e_ms - s.model_ms for s in called]
    ratio = [s.e2e_ms / s.model_ms for s in called]
    inside = [s.server_ms - s.model_ms for s in called]
    total = sum(s.e2e_ms for s in called) / max(1e-9, sum(s.model_ms for s in called))
    p99 = percentile(over, 99)
    return [
        f"  overhead over the model (new summaries: end to end - X-Model-Latency-Ms):"
        f" p50 {percentile(over, 50):.0f} ms  p99 {p99:.0f} ms"
        f"   goal p99 <= {OVERHEAD_P99_GOAL_MS:.0f}  {verdict(p99 <= OVERHEAD_P99_GOAL_MS)}",
        f"    as a ratio end to end / model: p50 {percentile(ratio, 50):.3f}"
        f"  p99 {percentile(ratio, 99):.3f}  all calls {total:.3f}",
        f"    of which inside the service (X-Latency-Ms - X-Model-Latency-Ms):"
        f" p50 {percentile(inside, 50):.0f} ms  p99 {percentile(inside, 99):.0f} ms;"
        " the rest is queueing in uvicorn, the kernel and the load generator",
    ]
