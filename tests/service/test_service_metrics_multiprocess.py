"""`/metrics` under `oci serve` with two workers: one set of totals, whichever worker answers.

Prometheus multiprocess mode: each worker writes its metrics to files in the serving metrics
directory and every scrape sums all of them, so consecutive scrapes agree (no counter resets)
and equal what was sent. A previous run's files are removed at start.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
from oci_testing.live import free_port
from oci_testing.service_env import ACCOUNT, seed_history
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from service.auth import authority_for
from service.observability import prepare_multiprocess_dir
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SECRET = "metrics-test-secret-metrics-test-secret-0123456789"
BOUND_S = 240.0  # generous: a loaded 2-core machine takes tens of seconds per worker
STALE_COUNT = 1000
BATCH = 24
MAX_BATCHES = 12  # until both workers have answered; the kernel picks which one accepts


def _write_stale_run(directory: Path) -> Path:
    """A previous run's worker file, through prometheus-client in a process of its own."""
    script = (
        "from prometheus_client import Counter\n"
        "Counter('oci_requests_total', 'stale', ['outcome', 'model', 'cache_hit'])"
        f".labels('generated', 'stale-model', 'false').inc({STALE_COUNT})\n"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    (stale,) = directory.glob("counter_*.db")
    return stale


def _total(exposition: str, sample: str) -> float:
    """The sum of `sample` over every label set in a text exposition."""
    return sum(
        found.value
        for family in text_string_to_metric_families(exposition)
        for found in family.samples
        if found.name == sample
    )


def _per_worker_requests(directory: Path) -> dict[str, float]:
    """`oci_requests_total` per worker, from each worker's own counter file."""
    counts: dict[str, float] = {}
    for path in sorted(directory.glob("counter_*.db")):
        metrics = MultiProcessCollector.merge([str(path)], accumulate=True)
        counts[path.stem] = sum(
            sample.value
            for metric in metrics
            for sample in metric.samples
            if sample.name == "oci_requests_total"
        )
    return counts


@contextmanager
def _served(env: dict[str, str], port: int, log_path: Path) -> Iterator[str]:
    command = [sys.executable, "-m", "eval.cli", "serve", "--no-seed"]
    command += ["--port", str(port), "--workers", "2"]
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + BOUND_S
            while time.monotonic() < deadline:
                assert server.poll() is None, log_path.read_text(errors="replace")
                if log_path.read_text(errors="replace").count("Application startup complete") >= 2:
                    break
                time.sleep(0.5)
            text = log_path.read_text(errors="replace")
            assert text.count("Application startup complete") >= 2, text
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=120)


def _summarize(base_url: str, token: str, process_id: str) -> int:
    # A connection per request, so that both workers accept some of them.
    response = httpx.post(
        f"{base_url}/omni-channel-insights",
        json={"unique_process_id": process_id, "account_number": ACCOUNT, "contact_id": "c-1"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    return response.status_code


def _scrapes(base_url: str, count: int) -> list[str]:
    return [httpx.get(f"{base_url}/metrics", timeout=30).text for _ in range(count)]


def test_metrics_sum_every_worker_and_start_clean(tmp_path: Path) -> None:
    state = tmp_path / "var"
    settings = Settings(state_dir=state, prompt_source="local", auth_secret=SECRET)  # type: ignore[arg-type]
    seed_history(settings)
    metrics_dir = prepare_multiprocess_dir(settings.serving_metrics_dir)
    stale = _write_stale_run(metrics_dir)
    token = authority_for(settings).issue("metrics-test")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCI_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env.update(OCI_STATE_DIR=str(state), OCI_PROMPT_SOURCE="local", OCI_AUTH_SECRET=SECRET)
    sent = 0
    with _served(env, free_port(), tmp_path / "serve.log") as base_url:
        assert not stale.exists()
        assert all(_total(text, "oci_requests_total") == 0 for text in _scrapes(base_url, 4))
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(MAX_BATCHES):
                ids = [f"p-{sent + i}" for i in range(BATCH)]
                statuses = list(pool.map(lambda pid: _summarize(base_url, token, pid), ids))
                assert statuses == [200] * BATCH
                sent += BATCH
                if sum(count > 0 for count in _per_worker_requests(metrics_dir).values()) >= 2:
                    break
        per_worker = _per_worker_requests(metrics_dir)
        assert len(per_worker) == 2 and all(count > 0 for count in per_worker.values())
        assert sum(per_worker.values()) == sent
        first = _scrapes(base_url, 8)
        for text in first:
            assert _total(text, "oci_requests_total") == sent
            assert _total(text, "oci_request_latency_seconds_count") == sent
        more = [_summarize(base_url, token, f"q-{i}") for i in range(BATCH)]
        assert more == [200] * BATCH
        second = _scrapes(base_url, 8)
        for text in second:
            assert _total(text, "oci_requests_total") == sent + BATCH
            assert _total(text, "oci_request_latency_seconds_count") == sent + BATCH
