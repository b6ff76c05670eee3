"""`make gate` end to end on throwaway repos: promptfoo runs base and head, the eval gate decides.

A degraded copy of the committed prompt (truncating summaries, on an expensive model) must
fail `make gate` naming each failing check; an unchanged tree or an equivalent rewrite must
pass. The same scenarios one at a time, in process, are in `tests/eval_pipeline/`. A model
behind the Converse emulator that answers slowly and invents amounts is in
`test_promptfoo_gate_emulated.py` (a module of its own, so that the two run side by side on
the suite's two processes). 30 samples (the paired checks' min_pairs) and one Python worker
per provider keep each module to a few minutes.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from gate_repos import NAME, ROOT, PromptRepo

Runner = Callable[..., subprocess.CompletedProcess[str]]
ZERO_PRICES = {"local/lead-baseline": {"input": 0, "output": 0}}


def _failed(result: subprocess.CompletedProcess[str], reports: Path) -> set[str]:
    verdict = json.loads((reports / f"{NAME}.verdict.json").read_text())
    return set(verdict["failed_checks"])


def test_unchanged_prompts_pass_quickly_without_promptfoo(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    result = run_gate(prompt_repo)
    assert result.returncode == 0, result.stderr
    assert "no prompt changed under prompts/ since main" in result.stdout
    assert not (tmp_path / "reports" / f"{NAME}.json").exists()


def test_equivalent_rewrite_passes_with_base_and_head_side_by_side(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    system = str(prompt_repo.data()["system"])
    prompt_repo.change(
        system=system.replace("You write the briefing", "Your job is to write the briefing")
    )
    result = run_gate(prompt_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    reports = tmp_path / "reports"
    output = json.loads((reports / f"{NAME}.json").read_text())
    labels = {row["provider"]["label"] for row in output["results"]["results"]}
    assert labels == {"base", "head"}
    # Each column is headed by its own prompt: its text and a label naming the pair.
    prompts = {row["provider"]["label"]: row["prompt"] for row in output["results"]["results"]}
    assert (
        prompts["base"]["label"].startswith("base: omni-summary@")
        and "git main" in (prompts["base"]["label"])
    )
    assert prompts["head"]["label"].startswith("head: omni-summary@")
    assert "You write the briefing" in prompts["base"]["raw"]
    assert "Your job is to write the briefing" in prompts["head"]["raw"]
    assert "{{interactions}}" in prompts["head"]["raw"]  # the template, as the pair has it
    summary = (reports / "summary.md").read_text()
    assert "✅ PASS" in summary and "git main" in summary and "| head | base |" in summary
    assert "bleu_non_inferior" in summary
    _the_summarys_import_command_works(summary, reports / f"{NAME}.json", tmp_path)
    _the_verdict_is_an_mlflow_run_with_each_checks_validation(reports, tmp_path)


def _the_verdict_is_an_mlflow_run_with_each_checks_validation(
    reports: Path, tmp_path: Path
) -> None:
    from mlflow.tracking import MlflowClient

    verdict = json.loads((reports / f"{NAME}.verdict.json").read_text())
    client = MlflowClient(tracking_uri=f"sqlite:///{tmp_path / 'no-registry.db'}")
    run = client.get_run(verdict["mlflow_run_id"])
    assert run.data.tags["oci.role"] == "pr-gate" and run.data.tags["oci.verdict"] == "PASS"
    assert run.data.tags["oci.validation"]  # the statuses, as make eval records them
    checks = json.loads(
        (Path(run.info.artifact_uri.removeprefix("file://")) / "gate_checks.json").read_text()
    )
    assert {row["check"] for row in checks} >= {"unsupported_fact", "bleu_non_inferior"}
    assert all("validation" in row for row in checks)
    assert set(verdict["validation"]) <= {row["check"] for row in checks}


def _the_summarys_import_command_works(summary: str, results: Path, tmp_path: Path) -> None:
    """The import the summary suggests, run as written, into the database that holds the run
    already (the gate's) and into a fresh one."""
    [command] = re.findall(r"`(node_modules/\.bin/promptfoo import [^`&]*?)\s*&&", summary)
    argv = [
        str(ROOT / part) if part.startswith("node_modules/") else part for part in command.split()
    ]
    argv[-1] = str(results)  # reports/gate/<name>.json, where this test's gate wrote it
    for config_dir in (tmp_path / ".promptfoo", tmp_path / "fresh-promptfoo"):
        env = {**os.environ, "PROMPTFOO_CONFIG_DIR": str(config_dir)}
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
        said = done.stdout + done.stderr
        assert done.returncode == 0 and "successfully imported" in said, said[-2000:]
        assert "already exists" not in said


def test_prompt_that_truncates_on_an_expensive_model_fails_for_both(
    prompt_repo: PromptRepo, run_gate: Runner, tmp_path: Path
) -> None:
    # Two regressions in one head, so that one promptfoo run shows each reaching the verdict
    # by name: reference quality (paired against base) and cost per summary (the records
    # stay in the prompt, so its tokens stay many). Each alone, with nothing else failing,
    # is in tests/eval_pipeline/.
    system = str(prompt_repo.data()["system"])
    prices = {"local/extractive-summarizer": {"input": 30.0, "output": 60.0}, **ZERO_PRICES}
    prompt_repo.change(
        system=system.replace("at most 90 words", "at most 15 words"),
        model_config={"prices": prices},
    )
    result = run_gate(prompt_repo)
    assert result.returncode != 0, result.stdout + result.stderr
    said = " ".join(result.stdout.split())  # the terminal wraps the list of failed checks
    assert f"FAIL {NAME}" in said and "cost_per_summary" in said
    failed = _failed(result, tmp_path / "reports")
    assert "cost_per_summary" in failed
    assert "key_fact_recall_non_inferior" in failed or "bleu_non_inferior" in failed
    assert "unsupported_fact" not in failed and "pii_leaks" not in failed
