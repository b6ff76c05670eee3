"""Fixtures for the promptfoo gate: promptfoo installed once, throwaway git repos with a prompt."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from gate_repos import COMMITTED, NAME, ROOT, PromptRepo, git


@pytest.fixture(scope="session")
def promptfoo_installed() -> Path:
    """promptfoo from the lock file, through the Makefile's stamp target (a no-op when current)."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed")
    subprocess.run(["make", "-s", "node_modules/.installed"], cwd=ROOT, check=True)
    return ROOT / "node_modules" / ".bin" / "promptfoo"


@pytest.fixture
def prompt_repo(tmp_path: Path) -> PromptRepo:
    root = tmp_path / "repo"
    (root / "prompts" / NAME).mkdir(parents=True)
    shutil.copy(COMMITTED, root / "prompts" / NAME / "prompt.yaml")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    return PromptRepo(root)


GateRunner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_gate(promptfoo_installed: Path, tmp_path: Path) -> GateRunner:
    """`make gate` on a PromptRepo, with an empty registry and reports under tmp_path."""

    def run(
        repo: PromptRepo, *extra: str, env: dict[str, str] | None = None, limit: int = 30
    ) -> subprocess.CompletedProcess[str]:
        args = ["--workers", "1", "--out-dir", str(tmp_path / "reports"), *extra]
        command = [
            "make",
            "-s",
            "gate",
            f"PROMPTS_DIR={repo.prompts}",
            "BASE=main",
            f"LIMIT={limit}",
            f"GATE_ARGS={' '.join(args)}",
        ]
        full_env = {
            **os.environ,
            "OCI_MLFLOW_TRACKING_URI": f"sqlite:///{tmp_path / 'no-registry.db'}",
            "OCI_MLFLOW_ARTIFACTS_DIR": str(tmp_path / "artifacts"),
            "PROMPTFOO_CONFIG_DIR": str(tmp_path / ".promptfoo"),
            "COLUMNS": "200",
            **(env or {}),
        }
        return subprocess.run(
            command,
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    return run
