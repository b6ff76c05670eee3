"""Settings, read once from the environment at the edge (CLI entry, app factory).

Everything below the composition root receives its collaborators as arguments; nothing
else in the code reads `os.environ`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Typed configuration with `OCI_` environment variables (e.g. `OCI_PROMPT_NAME`)."""

    model_config = SettingsConfigDict(env_prefix="OCI_", extra="ignore")

    prompts_dir: Path = Path("prompts")
    prompt_name: str = "omni-summary"
    datasets_dir: Path = Path("datasets")
    state_dir: Path = Path("var")
    reports_dir: Path = Path("reports")
    eval_concurrency: int = Field(default=16, ge=1, le=512)
