"""Fixtures for the fault runs: one Converse emulator for the folder, Bedrock credentials."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eval.emulator.server import EmulatorServer


@pytest.fixture(scope="package")
def emulator() -> Iterator[EmulatorServer]:
    """The emulator in a child interpreter, so it does not share a GIL with the clients."""
    with EmulatorServer(seed=5, isolation="process") as server:
        yield server


@pytest.fixture(autouse=True)
def _bedrock_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    # Dummy keys: litellm signs Bedrock requests; the emulator ignores the signature.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
