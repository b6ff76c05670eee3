"""ETL + weekly report over 1,000,000 summary rows and 200,000 feedback rows (goal: < 10 s).

The documents are generated once into /tmp (a million small files take minutes to write and
are reused by later runs), in the blob store's partition layout. Timed: a cold ETL (every
partition staged, tables built), an ETL after one new document (one partition re-staged,
tables rebuilt), an ETL with nothing changed (listing only), and the report on the loaded
warehouse (kappa over a 400-summary sample, 100 regression cases).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.synthetic import write_synthetic
from eval.weekly.report import build_weekly_report

SUMMARIES = int(os.environ.get("BENCH_SUMMARIES", "1000000"))
FEEDBACK_REQUESTS = SUMMARIES * 2 // 11  # every tenth request votes twice: 200,000 events
GOAL_S = 10.0
ROOT = Path(os.environ.get("BENCH_ROOT", Path(tempfile.gettempdir()) / f"oci-bench-{SUMMARIES}"))


def main() -> int:
    blobs = ROOT / "blobs"
    marker = ROOT / "generated"
    if not marker.exists():
        started = time.perf_counter()
        counts = write_synthetic(blobs, n_summaries=SUMMARIES, n_feedback=FEEDBACK_REQUESTS,
                                 week_start=datetime(2026, 11, 16), request_log=False)  # fmt: skip
        marker.write_text(repr(counts))
        print(f"generated {counts} in {time.perf_counter() - started:.0f} s (not timed)")
    print(f"documents: {marker.read_text()}")
    paths = WarehousePaths.under(ROOT / "warehouse")
    cold = run_etl(paths, blob_root=blobs, full=True)
    cold_s = cold.stage_s + cold.load_s
    print(f"ETL cold (stage {cold.stage_s:.2f} s + load {cold.load_s:.2f} s): {cold_s:.2f} s")
    warm = run_etl(paths, blob_root=blobs)
    warm_s = warm.stage_s + warm.load_s
    print(f"ETL warm, nothing changed (stage {warm.stage_s:.2f} s + check {warm.load_s:.2f} s):"
          f" {warm_s:.2f} s")  # fmt: skip
    # One new document in one partition: that partition is re-staged, the tables rebuilt.
    day = sorted((blobs / "omni-channel/processed").iterdir())[0]
    (day / "bench-touch.json").write_bytes(next(day.iterdir()).read_bytes())
    try:
        changed = run_etl(paths, blob_root=blobs)
    finally:
        (day / "bench-touch.json").unlink()
    changed_s = changed.stage_s + changed.load_s
    print(f"ETL, one partition changed (stage {changed.stage_s:.2f} s + rebuild"
          f" {changed.load_s:.2f} s): {changed_s:.2f} s")  # fmt: skip
    print(f"rows: {warm.rows}")
    started = time.perf_counter()
    with connect(paths.database) as conn:
        build_weekly_report(conn, "2026-W47", out_root=ROOT / "reports",
                            datasets_dir=ROOT / "datasets")  # fmt: skip
    report_s = time.perf_counter() - started
    print(f"report: {report_s:.2f} s")
    for label, total in (("cold ETL + report", cold_s + report_s),
                         ("changed-partition ETL + report", changed_s + report_s),
                         ("unchanged ETL + report", warm_s + report_s)):  # fmt: skip
        verdict = "within" if total < GOAL_S else "OVER"
        print(
            f"{label}: {total:.2f} s ({verdict} the {GOAL_S:.0f} s goal,"
            f" ratio {total / GOAL_S:.2f})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
