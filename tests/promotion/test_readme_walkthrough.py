"""The README's promotion walkthrough runs as written, top to bottom, on a fresh MLflow store.

The block is the fenced one after the `<!-- promotion-walkthrough -->` comment in README.md.
Each line runs in bash from the repository root, the way a reader would type it, with the
state (MLflow store, prompts, reports, var/) under a temporary directory. `$EDITOR` stands
in for the person: it makes a harmless wording change to the test's copy of `prompts/`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]
MARKER = "<!-- promotion-walkthrough"
NAME = "omni-summary"

# The editor: maps `prompts/<rest>` onto OCI_PROMPTS_DIR and rewords the system prompt.
EDITOR = """
import os, sys
from pathlib import Path
relative = Path(sys.argv[1]).relative_to("prompts")
path = Path(os.environ["OCI_PROMPTS_DIR"]) / relative
text = path.read_text(encoding="utf-8")
assert "You write" in text, "the committed prompt changed: update the test's edit"
path.write_text(text.replace("You write", "You draft", 1), encoding="utf-8")
"""

# The test runs with the environment that is already installed: `make`'s install stamp
# (a prerequisite of every target) is taken as up to date.
PRELUDE = 'make() { command make -o .venv/.installed "$@"; }\n'


def walkthrough_commands(readme: str) -> list[str]:
    """The command lines of the fenced block after the walkthrough marker, in order."""
    after = readme[readme.index(MARKER) :]
    block = re.search(r"```(?:bash)?\n(.*?)```", after, flags=re.DOTALL)
    assert block is not None, "README.md: no fenced block after the walkthrough marker"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_walkthrough_is_found_and_covers_promote_canary_and_rollback() -> None:
    commands = walkthrough_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    text = "\n".join(commands)
    for step in ("make promote", "canary set", "rollback", "make register"):
        assert step in text


# Two evals of 40 golden samples and a small meta-evaluation: a minute or two.
@pytest.mark.timeout(2400)
def test_readme_promotion_walkthrough_runs_as_written(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    prompts = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", prompts)
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    tracking = f"sqlite:///{tmp_path / 'mlflow.db'}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        "EDITOR": f"{sys.executable} {editor}",
        "OCI_STATE_DIR": str(tmp_path / "var"),
        "OCI_REPORTS_DIR": str(tmp_path / "reports"),
        "OCI_PROMPTS_DIR": str(prompts),
        "OCI_DATASETS_DIR": str(ROOT / "datasets"),
        "OCI_MLFLOW_ARTIFACTS_DIR": str(tmp_path / "artifacts"),
        "MLFLOW_TRACKING_URI": tracking,
        # Promotion needs a current meta-evaluation: a small one, computed on demand.
        "OCI_META_EVAL": "auto",
        "OCI_META_EVAL_PER_FAMILY": "1",
        # The Makefile's LIMIT (make reads it from the environment): the first 40 samples keep
        # both evals to seconds; the walkthrough's commands stay as the README prints them.
        "LIMIT": "40",
    }
    env.pop("OCI_MLFLOW_TRACKING_URI", None)
    commands = walkthrough_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    outputs = []
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", PRELUDE + command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=1200,
        )
        output = done.stdout + done.stderr
        assert done.returncode == 0, f"`{command}` exited {done.returncode}:\n{output[-3000:]}"
        outputs.append(output)

    registry = MlflowPromptRegistry(tracking)
    assert registry.alias_version(NAME, PRODUCTION) == "1", "the rollback restored version 1"
    assert registry.canary(NAME).version is None
    trail = [(e.action, e.alias, e.to_version) for e in registry.audit_trail(NAME)]
    assert trail == [
        ("bootstrap", "production", "1"),
        ("canary", "canary", "2"),
        ("promote", "production", "2"),
        ("canary", "canary", None),  # promoting the canary's version ended the canary
        ("rollback", "production", "1"),
    ]
    canary_entry = registry.audit_trail(NAME)[1]
    assert canary_entry.eval_run_id, "the canary rests on the eval run of `make eval`"
    assert registry.version_tags(NAME, "2")["oci.verdict"] == "PASS"
    assert "production 2 -> 1" in outputs[-1] and "no canary was running" in outputs[-1]
