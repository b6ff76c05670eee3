"""Fixtures: the service under uvicorn on a free 127.0.0.1 port, on embedded backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from oci_testing.service_env import (
    RunningService,
    emulated_pair,
    make_settings,
    seed_history,
    serve_service,
)

from eval.emulator.server import EmulatorServer
from service.composition import load_committed_pair


@pytest.fixture(scope="module")
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(seed=3) as server:
        yield server


@pytest.fixture
def service(
    tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[RunningService]:
    """The service on the committed prompt and the local baseline model."""
    settings = make_settings(tmp_path, repo_root)
    seed_history(settings)
    yield from serve_service(settings, None)


@pytest.fixture
def emulated_service(
    tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch, emulator: EmulatorServer
) -> Iterator[RunningService]:
    """The service calling Bedrock (the emulator) through litellm."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "emulator")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
    emulator.reset()
    settings = make_settings(tmp_path, repo_root)
    seed_history(settings)
    pair = emulated_pair(load_committed_pair(settings), emulator.base_url)
    yield from serve_service(settings, pair)
