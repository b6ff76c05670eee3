"""The service's own install, made by the script the container image runs
(service/deploy/install.sh), serves a summary with no harness package present.

One fresh virtual environment per module (pip's cache makes it about a minute). The
service in it reads its prompt from an `mlflow server` over HTTP, as in production, and
its history from the embedded SQLite store.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from install_layers import PROJECT, requirement_closure
from oci_testing.live import free_port
from oci_testing.mlflow_server import start_mlflow_server, stop_mlflow_server, wait_mlflow_ready
from oci_testing.service_env import ACCOUNT, GOOD_BODY, HISTORY

from service.auth import TokenAuthority
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.registry.bootstrap import bootstrap
from service.registry.mlflow_registry import MlflowPromptRegistry

ROOT = Path(__file__).resolve().parents[2]
SECRET = "slim-install-secret-slim-install-secret-0123"
# Bounds against a hang only, generous for a machine with a load average of 100 (where
# importing every module of the service took more than 2 minutes).
START_BOUND_S = 600.0
COMMAND_BOUND_S = 900.0
pytestmark = pytest.mark.timeout(3600)


@dataclass
class SlimInstall:
    venv: Path
    registry_url: str

    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def run(self, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), env=env, cwd=cwd, capture_output=True, text=True, timeout=COMMAND_BOUND_S
        )


def service_env(state: Path, **settings: str) -> dict[str, str]:
    """This process's environment without any OCI_ setting, plus `settings`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("OCI_")}
    env.pop("PYTHONPATH", None)
    env.update(OCI_STATE_DIR=str(state), OCI_AUTH_SECRET=SECRET, **settings)
    return env


@pytest.fixture(scope="module")
def slim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlimInstall]:
    """The bare install in a fresh venv, and a registry whose production is the committed
    prompt; the MLflow server starts while pip works."""
    workdir = tmp_path_factory.mktemp("slim")
    server, url = start_mlflow_server(f"sqlite:///{workdir / 'mlflow.db'}", workdir / "mlflow")
    try:
        venv = workdir / "venv"
        installed = subprocess.run(
            ["sh", str(ROOT / "service/deploy/install.sh"), str(venv), str(ROOT)],
            cwd=workdir,
            # pip's cache as it is; no bytecode (the image compiles it, the test need not).
            env={**os.environ, "COMPILE_BYTECODE": "0"},
            capture_output=True,
            text=True,
            timeout=2 * COMMAND_BOUND_S,
        )
        assert installed.returncode == 0, installed.stderr[-3000:]
        wait_mlflow_ready(server, url, workdir / "mlflow" / "server.log")
        bootstrap(
            MlflowPromptRegistry(url), ROOT / "prompts", git_commit="test", author="slim-test"
        )
        yield SlimInstall(venv, url)
    finally:
        stop_mlflow_server(server, grace_s=1.0)  # its store needs no clean shutdown


def test_slim_install_holds_the_service_and_no_harness_package(
    slim: SlimInstall, tmp_path: Path
) -> None:
    listed = slim.run(
        slim.python(), "-m", "pip", "list", "--format=json", env=service_env(tmp_path), cwd=tmp_path
    )
    installed = {row["name"].lower().replace("_", "-") for row in json.loads(listed.stdout)}
    harness_only = requirement_closure(PROJECT, ["eval"]) - requirement_closure(PROJECT)
    assert PROJECT in installed
    assert installed & harness_only == set()
    # Every module of the service imports here (the harness's package is not installed).
    script = (
        "import importlib, importlib.util, pkgutil, service\n"
        "assert importlib.util.find_spec('eval') is None\n"
        "names = [m.name for m in pkgutil.walk_packages(service.__path__, 'service.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    imported = slim.run(slim.python(), "-c", script, env=service_env(tmp_path), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr[-3000:]
    assert int(imported.stdout) > 100
    assert not (slim.venv / "bin" / "oci").exists()


def test_slim_install_serves_a_summary_from_the_registrys_production_prompt(
    slim: SlimInstall, tmp_path: Path
) -> None:
    state = tmp_path / "var"
    state.mkdir()
    store = SqliteInteractionStore(state / "interactions.sqlite")
    asyncio.run(store.put_many(ACCOUNT, HISTORY))
    store.close()
    port = free_port()
    env = service_env(state, OCI_MLFLOW_TRACKING_URI=slim.registry_url, OCI_PORT=str(port))
    env["OCI_WORKERS"] = "1"
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [str(slim.venv / "bin" / "oci-serve")], cwd=tmp_path, env=env, stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + START_BOUND_S
        while True:
            assert server.poll() is None, log_path.read_text(errors="replace")
            # The image's HEALTHCHECK command, from the same install.
            probe = slim.run(slim.python(), "-m", "service.healthcheck", env=env, cwd=tmp_path)
            if probe.returncode == 0:
                break
            assert time.monotonic() < deadline, log_path.read_text(errors="replace")
            time.sleep(0.5)
        token = TokenAuthority(SECRET).issue("slim-test")
        response = httpx.post(
            f"http://127.0.0.1:{port}/omni-channel-insights",
            json={**GOOD_BODY, "ivr_intent": "billing_inquiry"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=COMMAND_BOUND_S,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["prompt_name"], body["prompt_version"]) == ("omni-summary", "1")
        assert body["model_used"] == "local/extractive-summarizer"
        assert body["interaction_count"] == len(HISTORY)
        assert "BD-94364" in body["summary"]
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_slim_install_refuses_a_database_registry_in_one_line(
    slim: SlimInstall, tmp_path: Path
) -> None:
    env = service_env(tmp_path / "var", OCI_MLFLOW_TRACKING_URI=f"sqlite:///{tmp_path}/m.db")
    refused = slim.run(str(slim.venv / "bin" / "oci-serve"), env=env, cwd=tmp_path)
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("error: OCI_MLFLOW_TRACKING_URI is a sqlite database")
    assert len(refused.stderr.strip().splitlines()) == 1
    # Nothing listens on this port: the probe says so and fails.
    env["OCI_PORT"] = str(free_port())
    probe = slim.run(slim.python(), "-m", "service.healthcheck", env=env, cwd=tmp_path)
    assert probe.returncode == 1
    assert "unreachable" in probe.stderr
