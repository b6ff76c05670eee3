"""The README's serve and weekly-report examples run as written on a fresh state, and what
they print agrees with what the README says they do.

The blocks are the fenced ones after the `<!-- serve-walkthrough -->` and
`<!-- weekly-walkthrough -->` comments. Each runs in bash from the repository root, the way a
reader types it, with the state (var/, MLflow store, reports, written datasets) under a
temporary directory. The reader runs `make serve` in one terminal and the rest in another:
here it runs in the background until the rest is done. Two things differ from a reader's
machine, through the variables the README names: the port (`PORT`, a free one, substituted
into the curl line, since 8080 may be taken on a shared machine) and the size of the work
(`WORKERS=1`, `REQUESTS=60` for `make simulate`), so the examples take seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from eval.dataset.schema import HistorySample

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# `make`'s install stamp (every target's prerequisite) is taken as up to date.
PRELUDE = 'make() { command make -o .venv/.installed "$@"; }\n'
START_TIMEOUT_S = 300


def block_after(marker: str) -> str:
    """The fenced block after `<!-- <marker>` in the README."""
    text = README.read_text(encoding="utf-8")
    after = text[text.index(f"<!-- {marker}") :]
    found = re.search(r"```(?:bash)?\n(.*?)```", after, flags=re.DOTALL)
    assert found is not None, f"README.md: no fenced block after the {marker} marker"
    return found.group(1)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_the_curl_example_asks_for_an_account_the_demo_data_holds() -> None:
    """Cheap and always run: the account in the README is one `make serve` seeds."""
    serve = block_after("serve-walkthrough")
    body = json.loads(re.search(r"-d '(\{.*?\})'", serve).group(1))  # type: ignore[union-attr]
    seeded = ROOT / "datasets" / "golden" / "v2" / "histories.jsonl"
    samples = [HistorySample.model_validate_json(line) for line in seeded.open(encoding="utf-8")]
    history = next((s for s in samples if s.account_number == body["account_number"]), None)
    assert history is not None, f"{body['account_number']} is not in {seeded}"
    assert history.interactions and body["ivr_intent"] == history.ivr_intent
    weekly = block_after("weekly-walkthrough")
    assert "make simulate" in weekly and re.search(r"^make report\s", weekly, re.MULTILINE)


def _environment(tmp_path: Path, port: int) -> dict[str, str]:
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    (datasets / "golden").symlink_to(ROOT / "datasets" / "golden")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OCI_", "PROMETHEUS_"))
    }
    env.update(
        OCI_STATE_DIR=str(tmp_path / "var"),
        OCI_REPORTS_DIR=str(tmp_path / "reports"),
        OCI_DATASETS_DIR=str(datasets),
        OCI_MLFLOW_ARTIFACTS_DIR=str(tmp_path / "artifacts"),
        MLFLOW_TRACKING_URI=f"sqlite:///{tmp_path / 'mlflow.db'}",
        PORT=str(port),
        WORKERS="1",
        REQUESTS="60",
    )
    return env


def _run(script: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-c", PRELUDE + script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"`{script.strip()}` exited {done.returncode}:\n{output[-3000:]}"
    return output


@pytest.mark.timeout(1200)
def test_serve_then_weekly_report_run_as_written(tmp_path: Path) -> None:
    if shutil.which("make") is None or shutil.which("curl") is None:
        pytest.skip("make and curl are needed to run the README as written")
    port = _free_port()
    env = _environment(tmp_path, port)
    lines = block_after("serve-walkthrough").splitlines()
    first_client = next(i for i, line in enumerate(lines) if line.startswith("TOKEN="))
    server_script, client_script = "\n".join(lines[:first_client]), "\n".join(lines[first_client:])
    assert server_script.lstrip().startswith("make serve")
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        ["bash", "-c", PRELUDE + server_script],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make, uvicorn and its worker
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "make serve was not ready in time"
            time.sleep(0.5)
        answer = json.loads(_run(client_script.replace("localhost:8080", f"localhost:{port}"), env))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
        log.close()
    assert answer["summary"] != "No interactions found" and answer["interaction_count"] > 0
    assert answer["prompt_version"] == "1"  # the registry's version, bootstrapped by make serve
    served = (tmp_path / "serve.log").read_text()
    assert "listening on http://" in served

    outputs = [_run(line, env) for line in block_after("weekly-walkthrough").splitlines()]
    week = re.search(r"simulated (\d{4}-W\d{2})", outputs[0])
    assert week is not None, outputs[0]
    assert f"report {week.group(1)}" in outputs[1], "make report reports the simulated week"
    report = (tmp_path / "reports" / "weekly" / week.group(1) / "report.md").read_text()
    assert "| not_helpful_rate | n/a |" not in report  # the week has data
    assert re.search(r"^\| 1 \| production \|", report, re.MULTILINE), "registry version 1"
    assert "local-" not in report
    assert "datasets/synthetic/regressions" in report  # simulated cases, named where they went
