"""The linters pass on the templates and the Dockerfile: cfn-lint without a finding,
checkov without a failed check (each skip carries its reason in the template), hadolint
without a warning. They run from their own environment (`make deploy-lint`)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from stack_support import DEPLOY, ROOT

TEMPLATES = [DEPLOY / "cloudformation" / "storage.yaml", DEPLOY / "cloudformation" / "service.yaml"]


@pytest.fixture(scope="module")
def linters() -> Path:
    """The pinned linters, through the Makefile's stamp target (a no-op when current)."""
    subprocess.run(["make", "-s", ".venv/deploy-lint/.installed"], cwd=ROOT, check=True)
    return ROOT / ".venv" / "deploy-lint" / "bin"


# A bound against a hung linter only: checkov takes about 10 s, and took 14 minutes on a
# machine with a load average of 100.
LINTER_BOUND_S = 1800
pytestmark = pytest.mark.timeout(3 * LINTER_BOUND_S)


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=LINTER_BOUND_S)


def test_cfn_lint_finds_nothing(linters: Path) -> None:
    result = run([str(linters / "cfn-lint"), *map(str, TEMPLATES)])
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_checkov_fails_no_check_and_every_skip_says_why(linters: Path) -> None:
    files = [*TEMPLATES, DEPLOY / "Dockerfile"]
    command = [str(linters / "checkov"), "--skip-download", "--output", "json"]
    for path in files:
        command += ["--file", str(path)]
    result = run(command)
    reports: Any = json.loads(result.stdout)
    reports = reports if isinstance(reports, list) else [reports]
    assert {report["check_type"] for report in reports} == {"cloudformation", "dockerfile"}
    for report in reports:
        summary = report["summary"]
        failed = [check["check_id"] for check in report["results"]["failed_checks"]]
        assert (summary["failed"], failed) == (0, []), report["check_type"]
        assert summary["passed"] > 0
        for skipped in report["results"]["skipped_checks"]:
            reason = skipped["check_result"].get("suppress_comment", "")
            assert len(reason) > 30, skipped["check_id"]
    assert result.returncode == 0, result.stderr[-2000:]


def test_hadolint_finds_nothing(linters: Path) -> None:
    result = run([str(linters / "hadolint"), str(DEPLOY / "Dockerfile")])
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_the_image_runs_the_install_script_the_slim_install_test_runs() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    runs = [line for line in dockerfile.splitlines() if line.startswith("RUN ")]
    assert any("sh service/deploy/install.sh /opt/venv" in line for line in runs)
    assert "pip install" not in dockerfile  # no second, untested way to install
    stages = [line.split()[1] for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) == 2 and len(set(stages)) == 1  # one pinned base for both stages
    assert not stages[0].endswith(":latest") and stages[0].count(".") >= 2
    assert "USER 10001:10001" in dockerfile
    assert 'CMD ["python", "-m", "service.healthcheck"]' in dockerfile
    # No secret in the image: no instruction names one (comments aside).
    instructions = [line for line in dockerfile.splitlines() if not line.startswith("#")]
    assert not [line for line in instructions if re.search(r"SECRET|PASSWORD|TOKEN", line)]
