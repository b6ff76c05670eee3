"""Shared test configuration: offline environment first, then tiers and common fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tiers import tiers_of

from service.offline import apply_offline_defaults

# The test process's entry point: litellm and mlflow read these when they are first
# imported, which happens only in test modules, collected after this file.
apply_offline_defaults()

REPO_ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank: dict[Path, int] = {}
    for item in items:
        relative = item.path.resolve().relative_to(TESTS).as_posix()
        tiers = tiers_of(relative, list(getattr(item, "fixturenames", ())))
        for tier in sorted(tiers):
            item.add_marker(tier)
        weight = 0 if "slow" in tiers else 1 if tiers & {"subprocess", "integration"} else 2
        rank[item.path] = min(rank.get(item.path, 2), weight)
    # Longest modules first: the test processes take modules in this order (a module per
    # process), so the short ones fill in at the end instead of one long module running
    # alone while the other process idles. Each module keeps its own order.
    first_seen = {path: index for index, path in reversed(list(enumerate(i.path for i in items)))}
    items.sort(key=lambda item: (rank[item.path], first_seen[item.path]))


def pytest_configure(config: pytest.Config) -> None:
    # A detection table takes a minute at the default size; evals in tests read stored tables
    # only, and the tests of validation itself opt into computing a small one.
    os.environ.setdefault("OCI_META_EVAL", "stored")
    # Evals in tests write no MLflow traces (a trace costs tens of ms of SQLite commits);
    # the tests of tracing opt in.
    os.environ.setdefault("OCI_EVAL_TRACES", "false")


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
