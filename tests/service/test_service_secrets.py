"""Secrets that cannot be skipped: real backends and production refuse to start without
`OCI_AUTH_SECRET`, and the dev secret is created once even when processes race for it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from oci_testing.secret_race import race

from service.auth import authority_for, dev_secret
from service.settings import ConfigurationError, Settings

ROOT = Path(__file__).resolve().parents[2]


def test_racing_processes_end_with_one_complete_secret(tmp_path: Path) -> None:
    first, second = race(tmp_path, rounds=100)
    assert first == second
    assert all(len(value) >= 32 for value in first)
    assert len(set(first)) == len(first)  # a fresh secret per slot, not a shared constant


def test_the_dev_secret_is_private_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "var" / "dev-auth-secret"
    value = dev_secret(path)
    assert dev_secret(path) == value
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["dev-auth-secret"]  # no temp left


def _run(command: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OCI_")}
    clean.update(OCI_STATE_DIR=str(tmp_path / "var"), OCI_PROMPT_SOURCE="local", **env)
    return subprocess.run(
        command, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=600, check=False
    )


UVICORN = [sys.executable, "-m", "uvicorn", "--factory", "service.main:app_factory"]
TOKEN = [sys.executable, "-m", "eval.cli", "token"]


@pytest.mark.parametrize(
    ("command", "setting"),
    [
        ([*UVICORN, "--port", "0"], {"OCI_BACKEND": "aws"}),
        ([*UVICORN, "--port", "0"], {"OCI_ENVIRONMENT": "production"}),
        (TOKEN, {"OCI_BACKEND": "aws"}),
        (TOKEN, {"OCI_ENVIRONMENT": "production"}),
        # Set but empty, as a deployment template leaves it: missing, not a secret.
        (TOKEN, {"OCI_BACKEND": "aws", "OCI_AUTH_SECRET": ""}),
    ],
    ids=["service-aws", "service-production", "token-aws", "token-production", "token-empty"],
)
def test_no_secret_with_real_backends_or_production_refuses_to_start(
    tmp_path: Path, command: list[str], setting: dict[str, str]
) -> None:
    result = _run(command, tmp_path, **setting)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "OCI_AUTH_SECRET" in errors[0], result.stderr
    assert result.stdout.strip() == ""  # no token printed
    assert not (tmp_path / "var" / "dev-auth-secret").exists()


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
@pytest.mark.parametrize("setting", [{"OCI_BACKEND": "aws"}, {"OCI_ENVIRONMENT": "production"}])
def test_an_empty_secret_is_a_missing_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank: str, setting: dict[str, str]
) -> None:
    for name, value in {**setting, "OCI_AUTH_SECRET": blank, "OCI_PII_KEY": blank}.items():
        monkeypatch.setenv(name, value)
    settings = Settings(state_dir=tmp_path / "var")
    assert settings.auth_secret is None and settings.pii_key is None
    with pytest.raises(ConfigurationError, match="OCI_AUTH_SECRET is required"):
        authority_for(settings)
    assert not (tmp_path / "var" / "dev-auth-secret").exists()


def test_a_short_secret_is_a_configuration_error_not_a_traceback(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path / "var", auth_secret="short")
    with pytest.raises(ConfigurationError, match=r"OCI_AUTH_SECRET: .*at least 32 bytes"):
        authority_for(settings)
