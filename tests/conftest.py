"""Shared test configuration: offline environment first, then common fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.offline import apply_offline_defaults

# The test process's entry point: litellm and mlflow read these when they are first
# imported, which happens only in test modules, collected after this file.
apply_offline_defaults()

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
