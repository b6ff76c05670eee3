"""One gate run of one changed prompt: promptfoo config → `promptfoo eval` → EvalRuns → verdict."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from eval.gate import decide, load_gate_config
from eval.inputs import load_eval_samples
from eval.judge.config import JudgeConfig
from eval.promptfoo.changes import BaseChoice, ChangedPrompt, PromptTree, choose_base
from eval.promptfoo.pr_comment import PromptOutcome
from eval.promptfoo.promptfoo_config import Side, build_config
from eval.promptfoo.runs import duration_s, eval_run, recorded_judges, rows_by_role
from eval.types import EvalRun
from service.offline import OFFLINE_DEFAULTS
from service.prompt_source import PROMPT_FILE, PromptSourceError, load_prompt_dir
from service.prompts import PromptPair
from service.settings import Settings

PROMPTFOO_TEST_FAILED = 100  # `promptfoo eval` exit code when an assertion failed (not an error)
ProductionLookup = Callable[[str], tuple[PromptPair, Path] | None]


class PromptfooRunError(RuntimeError):
    """`promptfoo eval` failed to run (not: a test failed)."""


@dataclass(frozen=True)
class GateOptions:
    """How to run the gate; every path is resolved by the caller."""

    datasets_dir: Path
    dataset_version: str
    limit: int | None
    workers: int
    concurrency: int
    promptfoo: Path
    out_dir: Path
    gate_path: Path


def write_pair(pair: PromptPair, directory: Path) -> Path:
    """Write a registry pair in source form so a provider can load it like any prompt dir."""
    directory.mkdir(parents=True, exist_ok=True)
    data = {
        "name": pair.name,
        "changelog": f"registry version {pair.version}",
        "variables": list(pair.template.variables),
        "system": pair.template.system,
        "user": pair.template.user,
        "model_config": pair.model.model_dump(mode="json"),
    }
    (directory / PROMPT_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return directory


def promptfoo_env() -> dict[str, str]:
    """The environment promptfoo runs in: offline, this interpreter for every Python step."""
    # The Python providers run in promptfoo's workers: they get the offline defaults here.
    env = {**OFFLINE_DEFAULTS, **os.environ}
    env.setdefault("PROMPTFOO_CONFIG_DIR", str(Path.cwd() / ".promptfoo"))
    env["PROMPTFOO_PYTHON"] = sys.executable
    return env


def run_promptfoo(config: Path, output: Path, options: GateOptions) -> None:
    """`promptfoo eval` on `config`, results to `output`.

    Raises:
        PromptfooRunError: promptfoo is missing or exited with an error (stderr tail included).
    """
    if not options.promptfoo.is_file():
        raise PromptfooRunError(f"{options.promptfoo}: not found; `make gate` installs it")
    command = [
        str(options.promptfoo),
        "eval",
        "-c",
        str(config),
        "--output",
        str(output),
        "--no-cache",
        "--no-table",
        "--no-progress-bar",
        "-j",
        str(options.concurrency),
    ]
    done = subprocess.run(command, env=promptfoo_env(), capture_output=True, text=True, check=False)
    if done.returncode not in (0, PROMPTFOO_TEST_FAILED) or not output.is_file():
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise PromptfooRunError(f"promptfoo eval -c {config} exited {done.returncode}:\n{tail}")


def _runs(
    output: dict[str, Any],
    source: str,
    sides: dict[str, PromptPair],
    judge: JudgeConfig,
    options: GateOptions,
) -> dict[str, EvalRun]:
    samples, datasets = load_eval_samples(
        Settings(datasets_dir=options.datasets_dir), options.dataset_version
    )
    samples = samples[: options.limit] if options.limit else samples
    by_role = rows_by_role(output, source)
    runs = {}
    for role, pair in sides.items():
        rows = by_role.get(role, {})
        judges = recorded_judges(rows)
        # The judge the workers actually used; the gate refuses to compare different judges.
        judge_model, baseline = (
            next(iter(judges)) if len(judges) == 1 else (judge.model, judge.is_baseline)
        )
        runs[role] = eval_run(
            rows,
            pair=pair,
            samples=samples,
            datasets=datasets,
            judge_model=judge_model,
            judge_is_baseline=baseline,
            wall_s=duration_s(output),
        )
    return runs


def gate_prompt(
    tree: PromptTree,
    changed: ChangedPrompt,
    *,
    since: str,
    base_label: str,
    scratch: Path,
    options: GateOptions,
    judge: JudgeConfig,
    production: ProductionLookup,
) -> PromptOutcome:
    """Run promptfoo on one changed prompt (base and head side by side) and gate the head."""
    name = changed.name
    if changed.status == "deleted":
        return PromptOutcome(name, "deleted", "(removed)", "-", "the PR removes it", passed=True)
    head_dir = tree.root / tree.git_path(name).rsplit("/", 1)[0]
    try:
        head = load_prompt_dir(head_dir).pair
        choice = choose_base(
            tree,
            name,
            head,
            since=since,
            base_label=base_label,
            scratch=scratch,
            production=production,
        )
    except PromptSourceError as error:
        return PromptOutcome(
            name, changed.status, str(head_dir), "-", "-", False, problem=str(error)
        )
    head_label = f"working tree `{head.name}@{head.version}` ({head.model.primary})"
    base_label_md = _base_label(choice)
    sides = [Side("head", head_dir, "working tree")]
    same = choice.pair is not None and choice.pair.content_hash == head.content_hash
    if choice.pair is not None and choice.prompt_dir is not None and not same:
        sides.insert(0, Side("base", choice.prompt_dir, choice.source))
    gate = load_gate_config(options.gate_path)
    config = build_config(
        name,
        sides,
        gate=gate,
        datasets_dir=options.datasets_dir,
        dataset_version=options.dataset_version,
        limit=options.limit,
        workers=options.workers,
    )
    options.out_dir.mkdir(parents=True, exist_ok=True)
    config_path = options.out_dir / f"{name}.promptfooconfig.yaml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    output_path = options.out_dir / f"{name}.json"
    output_path.unlink(missing_ok=True)
    try:
        run_promptfoo(config_path, output_path, options)
    except PromptfooRunError as error:
        return PromptOutcome(
            name,
            changed.status,
            head_label,
            base_label_md,
            choice.reason,
            False,
            problem=str(error),
        )
    output = json.loads(output_path.read_text(encoding="utf-8"))
    pairs = {"head": head, **({"base": choice.pair} if len(sides) == 2 and choice.pair else {})}
    runs = _runs(output, str(output_path), pairs, judge, options)
    verdict = decide(runs["head"], runs.get("base"), gate)
    if same:
        note = "base and head have the same template and model_config (only the changelog or "
        note += "comments differ): compared with itself a paired check proves nothing"
        verdict = replace(verdict, compared_with=None, notes=(*verdict.notes, note))
    return PromptOutcome(
        name,
        changed.status,
        head_label,
        base_label_md,
        choice.reason,
        verdict.passed,
        head_run=runs["head"],
        base_run=runs.get("base"),
        base_pair=pairs.get("base"),
        verdict=verdict,
        promptfoo_json=str(output_path),
    )


def _base_label(choice: BaseChoice) -> str:
    if choice.pair is None:
        return "none (absolute checks and claim ceilings only)"
    pair = choice.pair
    return f"{choice.source} `{pair.name}@{pair.version}` ({pair.model.primary})"
