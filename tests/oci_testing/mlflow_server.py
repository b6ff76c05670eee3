"""`mlflow server` as a real subprocess on loopback, shared by `tests/registry/` and the
fault runs (`tests/faults/`, `bench/fault_runs.py`).

Started in its own session so that stopping it also stops the gunicorn/uvicorn workers it
spawns. Ready in about 11 s on a quiet machine.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from oci_testing.live import free_port

# How long a server may take to answer its first registry read. About 11 s on a quiet
# machine; a CI run on a loaded 2-core machine (two test workers, two servers starting at
# once) took more than 90 s. Only a broken server ever waits this long.
READY_TIMEOUT_S = 300


def start_mlflow_server(backend_uri: str, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Start `mlflow server` on `backend_uri` (no wait); returns the process and its URL.

    Its output goes to `workdir/server.log`.
    """
    port = free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    log = (workdir / "server.log").open("wb")
    env = {
        **os.environ,
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "MLFLOW_DISABLE_TELEMETRY": "true",
        # No job runner: its huey consumers cost about 2.5 GB per server and do nothing here.
        "MLFLOW_SERVER_ENABLE_JOB_EXECUTION": "false",
    }
    command = [
        str(Path(sys.executable).parent / "mlflow"),
        "server",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--backend-store-uri",
        backend_uri,
        "--default-artifact-root",
        str(workdir / "artifacts"),
    ]
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
    )
    log.close()
    return process, f"http://127.0.0.1:{port}"


def wait_mlflow_ready(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    """Wait for `/health`, then for one registry read; raises with the log's tail if the
    server exits or never answers.

    `/health` answers before the backend store is touched. The first registry request
    then opens the store and starts MLflow's job schedulers, which took more than the
    tests' 5 s client timeout on a busy machine (a CI run failed on it with PostgreSQL).
    Reading once here, with a patient timeout, leaves the tests a warm server.
    """
    deadline = time.monotonic() + READY_TIMEOUT_S
    healthy = False
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mlflow server exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if not healthy:
                healthy = httpx.get(f"{url}/health", timeout=2).status_code == 200
            if healthy:
                search = f"{url}/api/2.0/mlflow/registered-models/search?max_results=1"
                left = max(1.0, deadline - time.monotonic())
                if httpx.get(search, timeout=left).status_code == 200:
                    return
        time.sleep(0.2)
    raise RuntimeError(f"mlflow server not ready at {url}:\n{log.read_text()[-3000:]}")


def stop_mlflow_server(*processes: subprocess.Popen[bytes], grace_s: float = 5.0) -> None:
    """SIGTERM each server's whole process group at once, SIGKILL what lingers past `grace_s`.

    A server that has run a couple of minutes (its job runners started) took 12 s to
    exit on SIGTERM; a test server's store needs no clean shutdown, so waiting longer
    only lengthens the suite.
    """
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@contextlib.contextmanager
def mlflow_server(workdir: Path) -> Iterator[str]:
    """`mlflow server` on a sqlite store under `workdir`, ready; yields its URL."""
    process, url = start_mlflow_server(f"sqlite:///{workdir / 'mlflow.db'}", workdir)
    try:
        wait_mlflow_ready(process, url, workdir / "server.log")
        yield url
    finally:
        stop_mlflow_server(process)
