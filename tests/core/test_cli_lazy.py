"""`oci` lists its commands without importing them, and each listed line is the command's own."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from eval.cli import COMMANDS, app, load_command


@pytest.mark.parametrize("name", list(COMMANDS))
def test_cli_listed_help_is_the_commands_own(name: str) -> None:
    command = load_command(name)
    assert command.get_short_help_str(limit=500) == COMMANDS[name].help


def test_cli_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        assert f" {name} " in result.output


def _modules_after(args: str) -> set[str]:
    code = (
        "import sys; from eval.cli import main; sys.argv = ['oci', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args.split()], capture_output=True, text=True, check=True
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("args", ["--help", "token --client c1"])
def test_cli_help_and_token_import_no_model_or_registry_library(args: str) -> None:
    loaded = _modules_after(args)
    assert "typer" in loaded
    assert not {"litellm", "mlflow", "ragas", "duckdb"} & loaded
