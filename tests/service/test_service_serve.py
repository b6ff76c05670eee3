"""`oci serve` comes up on a busy machine: two workers, no restarts, a "listening" line."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from oci_testing.live import free_port

ROOT = Path(__file__).resolve().parents[2]
BOUND_S = 240.0  # generous: it came up in about 30 s on a loaded 2-core machine


@contextlib.contextmanager
def cpu_burners(count: int) -> Iterator[None]:
    """Busy processes that keep every core of a small machine occupied."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def test_serve_comes_up_with_two_workers_on_a_busy_machine_without_restarts(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OCI_")}
    env.update(
        OCI_STATE_DIR=str(tmp_path / "var"),
        OCI_PROMPT_SOURCE="local",
        OCI_AUTH_SECRET="serve-test-secret-serve-test-secret-0123456789",
    )
    log_path = tmp_path / "serve.log"
    command = [sys.executable, "-m", "eval.cli", "serve", "--no-seed"]
    command += ["--port", str(port), "--workers", "2"]
    with cpu_burners(2), log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + BOUND_S
            while time.monotonic() < deadline:
                assert server.poll() is None, log_path.read_text(errors="replace")
                text = log_path.read_text(errors="replace")
                if text.count("Application startup complete") >= 2:
                    break
                time.sleep(0.5)
            text = log_path.read_text(errors="replace")
            assert text.count("Application startup complete") >= 2, text
            assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=30).status_code == 200
        finally:
            server.terminate()
            server.wait(timeout=120)
    text = log_path.read_text(errors="replace")
    assert f"listening on http://127.0.0.1:{port}" in text
    assert "died" not in text, text  # uvicorn's "Child process [...] died": a restart
    assert text.count("Started server process") == 2, text  # one per worker, none restarted
