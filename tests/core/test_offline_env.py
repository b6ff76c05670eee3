"""Importing the packages leaves the environment alone; entry points set the offline defaults."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from eval.promptfoo.gate_run import promptfoo_env
from service.offline import OFFLINE_DEFAULTS


def _environment_after(code: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in OFFLINE_DEFAULTS}
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, os; print(json.dumps(dict(os.environ)))"],
        capture_output=True,
        text=True,
        check=True,
        env=clean,
    )
    environment: dict[str, str] = json.loads(done.stdout.splitlines()[-1])
    return environment


def test_importing_service_and_eval_sets_no_environment_variable() -> None:
    after = _environment_after("import service, eval, eval.cli, service.main")
    assert not set(OFFLINE_DEFAULTS) & set(after)


def test_cli_entry_point_sets_the_offline_defaults() -> None:
    code = "import sys\nfrom eval.cli import main\nsys.argv = ['oci', '--help']\ntry:\n"
    code += "    main()\nexcept SystemExit:\n    pass"
    after = _environment_after(code)
    assert {name: after.get(name) for name in OFFLINE_DEFAULTS} == OFFLINE_DEFAULTS


def test_promptfoo_runs_offline_even_when_the_caller_did_not_set_the_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [*OFFLINE_DEFAULTS, "PROMPTFOO_CONFIG_DIR"]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DO_NOT_TRACK", "0")  # an explicit setting wins
    env = promptfoo_env()
    assert {name: env[name] for name in OFFLINE_DEFAULTS} == {
        **OFFLINE_DEFAULTS,
        "DO_NOT_TRACK": "0",
    }
    assert env["PROMPTFOO_CONFIG_DIR"].endswith(".promptfoo")
    assert env["PROMPTFOO_PYTHON"] == sys.executable
