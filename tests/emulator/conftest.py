"""Fixtures for the Converse emulator tests: a real uvicorn server on a free loopback port.

The offline environment defaults (no litellm price-map download) come from tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eval.emulator.server import EmulatorServer


@pytest.fixture(scope="session")
def shared_emulator() -> Iterator[EmulatorServer]:
    """One emulator for the session; tests use `emulator`, which resets it first."""
    with EmulatorServer() as server:
        yield server


@pytest.fixture
def emulator(shared_emulator: EmulatorServer) -> EmulatorServer:
    """The session emulator with its initial plan and seed, no records and an empty cache."""
    shared_emulator.reset()
    return shared_emulator
