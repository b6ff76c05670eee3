"""Throwaway git repos holding a copy of the committed prompt (helpers for the gate tests)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "prompts" / "omni-summary" / "prompt.yaml"
NAME = "omni-summary"


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


@dataclass
class PromptRepo:
    """A git repo whose `main` holds the committed prompt; tests edit its working tree."""

    root: Path

    @property
    def prompts(self) -> Path:
        return self.root / "prompts"

    def data(self, name: str = NAME) -> dict[str, object]:
        loaded: dict[str, object] = yaml.safe_load(
            (self.prompts / name / "prompt.yaml").read_text()
        )
        return loaded

    def write(self, data: dict[str, object], name: str = NAME) -> None:
        directory = self.prompts / name
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "prompt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))

    def change(self, name: str = NAME, **changes: object) -> None:
        """Top-level and `model_config` changes to a prompt, in the working tree only."""
        data = self.data(name)
        model_changes = changes.pop("model_config", {})
        data.update(changes)
        model = data["model_config"]
        assert isinstance(model, dict) and isinstance(model_changes, dict)
        model.update(model_changes)
        self.write(data, name)
