"""Shared test configuration: offline environment first, then common fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

import service  # noqa: F401  (applies the offline environment defaults before litellm loads)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
