"""Outbox delivery cost per processed record: one object each (before) vs batches of rows (now).

Queues N processed records (synthetic, the service's shape, ~1.2 KB each) in a fresh outbox
file, then drains them to a `LocalBlobStore` with fsync on, as the embedded service does. For
each mode it prints the enqueue latency (what a request pays), then the drain's CPU time (this
process, every thread: the event loop's bookkeeping and the executor's file writes), wall time
and objects written. Run it twice; the machine is shared, so it also prints the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

from eval.warehouse.synthetic import processed_doc
from service.backends.local_blobs import LocalBlobStore
from service.backends.outbox import Outbox
from service.records import processed_key


def measure(folder: Path, docs: list[dict[str, object]], *, batched: bool) -> str:
    """Queue and drain `docs` in one mode; one printable line."""
    box = Outbox(folder / "outbox.sqlite")
    store = LocalBlobStore(folder / "blobs")
    waits = []
    for doc in docs:
        at = datetime.strptime(str(doc["generated_at"]), "%Y-%m-%dT%H:%M:%SZ")
        key = processed_key(str(doc["unique_process_id"]), at, str(doc["prompt_hash"]))
        started = time.perf_counter()
        box.enqueue(key, doc, batched=batched)
        waits.append((time.perf_counter() - started) * 1e6)
    cpu, wall = time.process_time(), time.perf_counter()
    report = asyncio.run(box.drain(store))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    box.close()
    objects = sum(1 for _ in (folder / "blobs").rglob("*.json"))
    assert report.delivered == len(docs), report
    quantiles = statistics.quantiles(waits, n=100)
    return (
        f"{'batched' if batched else 'one object each':>16}: enqueue p50 {quantiles[49]:.0f} µs,"
        f" p99 {quantiles[98]:.0f} µs | drain {cpu:.2f} s CPU ({cpu / len(docs) * 1e6:.0f} µs"
        f" per record), {wall:.2f} s wall, {objects} objects"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    start = datetime(2026, 11, 16, 9)
    docs = [processed_doc(i, rng, start + timedelta(seconds=i)) for i in range(args.records)]
    print(f"{args.records} processed records; load average {os.getloadavg()[0]:.2f}")
    for batched in (False, True):
        with tempfile.TemporaryDirectory(prefix="oci-outbox-bench-") as folder:
            print(measure(Path(folder), docs, batched=batched), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
