"""Prompt gate wall time (promptfoo) against the eval suite's own runner, same samples and pairs.

Two setups on the golden set: the local baseline model, and the Converse emulator at a fixed
1 s latency. Each: a throwaway git repo whose `main` holds the committed prompt (pointed at
the model under test) and whose working tree holds an equivalent rewrite, so base and head
both run. Timed: `oci gate` end to end (git, promptfoo, workers, conversion, gate, reports),
then `run_eval(head, base)` in-process (no MLflow logging, no output cache) on the same pairs.

Usage: python bench/promptfoo_gate.py [--limit 200] [--latency-ms 1000] [--workers 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.emulator.faults import FaultPlan, FixedLatency, ModelFaults
from eval.emulator.server import EmulatorServer
from eval.pipeline import run_eval
from eval.runner import RunOptions
from service.prompt_source import load_prompt_dir
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
NAME = "omni-summary"


def _repo(scratch: Path, model_config: dict[str, object]) -> Path:
    """A git repo: committed prompt (with `model_config` changes) on main, rewrite in the tree."""
    root = scratch / "repo"
    directory = root / "prompts" / NAME
    directory.mkdir(parents=True)
    data = yaml.safe_load((ROOT / "prompts" / NAME / "prompt.yaml").read_text())
    data["model_config"].update(model_config)
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@b",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@b",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    shutil.copytree(directory, scratch / "base" / NAME)
    data["system"] = data["system"].replace(
        "You write the briefing", "Your job is to write the briefing"
    )
    (directory / "prompt.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return root


def _measure(
    label: str,
    scratch: Path,
    model_config: dict[str, object],
    args: argparse.Namespace,
    workers: int,
    concurrency: int,
) -> None:
    root = _repo(scratch, model_config)
    env = {
        **os.environ,
        "OCI_MLFLOW_TRACKING_URI": f"sqlite:///{scratch}/none.db",
        "PROMPTFOO_CONFIG_DIR": str(scratch / ".promptfoo"),
    }
    command = [
        str(Path(sys.executable).with_name("oci")),
        "gate",
        "--prompts-dir",
        str(root / "prompts"),
        "--base",
        "main",
        "--limit",
        str(args.limit),
        "--out-dir",
        str(scratch / "reports"),
        "--workers",
        str(workers),
        "--concurrency",
        str(concurrency),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    gate_s = time.perf_counter() - started
    verdict = "PASS" if done.returncode == 0 else f"exit {done.returncode}"
    head = load_prompt_dir(root / "prompts" / NAME).pair
    base = load_prompt_dir(scratch / "base" / NAME).pair
    settings = Settings(
        state_dir=scratch / "var",
        reports_dir=scratch / "eval-reports",
        datasets_dir=ROOT / "datasets",
        # `oci gate` attaches no check validation; neither does the side it is compared with.
        meta_eval="off",
    )
    started = time.perf_counter()
    outcome = asyncio.run(
        run_eval(
            settings,
            head,
            base,
            options=RunOptions(concurrency=16),
            limit=args.limit,
            log_to_mlflow=False,
        )
    )
    eval_s = time.perf_counter() - started
    print(f"{label}: {args.limit} samples x (base + head)")
    print(
        f"  make gate (promptfoo, {workers} worker(s)/provider, -j {concurrency}): "
        f"{gate_s:7.1f} s  [{verdict}]"
    )
    print(
        f"  run_eval  (in-process runner, concurrency 16):            {eval_s:7.1f} s  "
        f"[{'PASS' if outcome.verdict.passed else 'FAIL'}]"
    )
    print(f"  ratio gate / run_eval: {gate_s / eval_s:.2f}")
    if done.returncode not in (0, 1):
        print(done.stdout[-2000:], done.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--latency-ms", type=float, default=1000.0)
    parser.add_argument("--workers", type=int, default=4, help="per provider, emulator run")
    args = parser.parse_args()
    if not (ROOT / "node_modules" / ".bin" / "promptfoo").is_file():
        subprocess.run(["make", "-s", "node_modules/.installed"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as scratch:
        _measure("local model", Path(scratch), {}, args, workers=1, concurrency=4)
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        os.environ.setdefault(name, "emulator")
    plan = FaultPlan(models={"*": ModelFaults(latency=FixedLatency(ms=args.latency_ms))})
    with tempfile.TemporaryDirectory() as scratch, EmulatorServer(plan, isolation="process") as emu:
        model = {
            "primary": "bedrock/converse/us.amazon.nova-lite-v1:0",
            "fallbacks": [],
            "api_base": emu.base_url,
            "aws_region_name": "us-east-1",
            "prices": {},
        }
        label = f"emulator at {args.latency_ms:.0f} ms"
        _measure(
            label, Path(scratch), model, args, workers=args.workers, concurrency=2 * args.workers
        )


if __name__ == "__main__":
    main()
