"""Fixtures for the registry tests: the sqlite store, and `mlflow server` on loopback.

Two real servers start once per session, side by side (each takes ~11 s): one on a sqlite
backend store, one on the machine's PostgreSQL (a uniquely named database, dropped at the
end). A small TCP proxy in front of a server lets a test "stop the registry" without
stopping the shared server.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
import yaml
from oci_testing.mlflow_server import (
    start_mlflow_server,
    stop_mlflow_server,
    wait_mlflow_ready,
)

from service.prompt_source import PromptSource, load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry

# A dead registry must fail fast in tests instead of retrying for minutes (MLflow reads
# these on every request, so setting them here, at the test edge, is enough).
os.environ.setdefault("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
os.environ.setdefault("MLFLOW_HTTP_REQUEST_TIMEOUT", "5")

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMITTED = REPO_ROOT / "prompts" / "omni-summary" / "prompt.yaml"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", "server-sqlite", "server-postgres")


@pytest.fixture(scope="session")
def mlflow_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`mlflow server` on sqlite and on PostgreSQL, started in parallel for the session."""
    root = tmp_path_factory.mktemp("mlflow-servers")
    database = f"oci_registry_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    started: dict[str, tuple[subprocess.Popen[bytes], str, Path]] = {}
    try:
        for key, uri in (
            ("server-sqlite", f"sqlite:///{root / 'sqlite' / 'mlflow.db'}"),
            ("server-postgres", f"postgresql+psycopg://postgres@127.0.0.1:5432/{database}"),
        ):
            process, url = start_mlflow_server(uri, root / key.split("-")[1])
            started[key] = (process, url, root / key.split("-")[1] / "server.log")
        for process, url, log in started.values():
            wait_mlflow_ready(process, url, log)
        yield {key: url for key, (_, url, _) in started.items()}
    finally:
        stop_mlflow_server(*(process for process, _, _ in started.values()))
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One sqlite store for the session (tests use unique prompt names)."""
    return f"sqlite:///{tmp_path_factory.mktemp('mlflow-sqlite') / 'mlflow.db'}"


@pytest.fixture(params=BACKENDS)
def tracking_uri(request: pytest.FixtureRequest, sqlite_uri: str) -> str:
    """Each registry test runs on the sqlite store and on both servers."""
    if request.param == "sqlite":
        return sqlite_uri
    servers: dict[str, str] = request.getfixturevalue("mlflow_servers")
    return servers[request.param]


@pytest.fixture
def registry(tracking_uri: str) -> MlflowPromptRegistry:
    return MlflowPromptRegistry(tracking_uri)


SourceFactory = Callable[..., PromptSource]


@pytest.fixture
def make_source(tmp_path: Path) -> SourceFactory:
    """Write a variant of the committed prompt under a unique name and parse it."""
    unique = f"t-{uuid.uuid4().hex[:10]}"

    def make(*, name: str = unique, note: str = "", **model_overrides: object) -> PromptSource:
        data = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
        data["name"] = name
        data["system"] = data["system"] + note
        data["model_config"].update(model_overrides)
        directory = tmp_path / f"{name}-{uuid.uuid4().hex[:6]}"
        directory.mkdir()
        (directory / "prompt.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        return load_prompt_dir(directory)

    return make


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target; `stop()` makes the target unreachable."""

    def __init__(self, target: str) -> None:
        host, port = target.removeprefix("http://").split(":")
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.sockets: list[socket.socket] = []
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.running:
                client.close()
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def stop(self) -> None:
        self.running = False
        # shutdown() wakes the blocked accept(); close() alone leaves the port listening.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()


@pytest.fixture
def proxy(mlflow_servers: dict[str, str]) -> Iterator[TcpProxy]:
    """A stoppable loopback proxy in front of the sqlite-backed server."""
    running = TcpProxy(mlflow_servers["server-sqlite"])
    yield running
    running.stop()
