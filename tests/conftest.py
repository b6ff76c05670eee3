"""Shared test configuration: offline environment first, then common fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import service  # noqa: F401  (applies the offline environment defaults before litellm loads)

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # A detection table takes a minute at the default size; evals in tests read stored tables
    # only, and the tests of validation itself opt into computing a small one.
    os.environ.setdefault("OCI_META_EVAL", "stored")


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
