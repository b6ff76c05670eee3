"""Shared set-up of the service benchmarks: seeded state, the service under uvicorn, and
a sampler of the service's CPU and memory (master and workers) while the load runs."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil
import yaml

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.dataset.generator import generate_traffic
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.models import Interaction

ROOT = Path(__file__).resolve().parents[1]
SECRET = "bench-secret-bench-secret-bench-secret-0123"
PRIMARY = "bedrock/converse/us.amazon.nova-lite-v1:0"
FALLBACK = "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def prepare(
    state: Path, emulator_url: str, accounts: int, model_config: dict[str, Any] | None = None
) -> list[str]:
    """Seed synthetic histories (moved to now) and write a prompt pointed at the emulator.

    Returns the account numbers that have a history."""
    prompts = state / "prompts" / "omni-summary"
    prompts.mkdir(parents=True)
    source = yaml.safe_load((ROOT / "prompts/omni-summary/prompt.yaml").read_text())
    source["model_config"] = {
        "primary": PRIMARY,
        "fallbacks": [FALLBACK],
        "api_base": emulator_url,
        "aws_region_name": "us-east-1",
        **(model_config or {}),
    }
    (prompts / "prompt.yaml").write_text(yaml.safe_dump(source))
    store = SqliteInteractionStore(state / "interactions.sqlite")
    now = time.time()
    numbers: list[str] = []

    async def seed() -> None:
        for sample in generate_traffic(accounts, seed=11):
            if not sample.interactions:
                continue
            shift = now - sample.options.as_of.timestamp()
            moved = [
                Interaction.model_validate(
                    {**item.model_dump(), "timestamp": item.timestamp.timestamp() + shift}
                )
                for item in sample.interactions
            ]
            await store.put_many(sample.account_number, moved)
            numbers.append(sample.account_number)

    asyncio.run(seed())
    store.close()
    return numbers


def start_service(
    state: Path,
    port: int,
    workers: int,
    extra_env: dict[str, str] | None = None,
    app_factory: str = "service.main:app_factory",
) -> subprocess.Popen[bytes]:
    """uvicorn with `workers` processes on embedded backends; returns once /readyz is 200.

    `app_factory` may name a factory in bench/ (`floor_apps:litellm_floor`)."""
    env = {
        **os.environ,
        "OCI_STATE_DIR": str(state),
        "OCI_PROMPTS_DIR": str(state / "prompts"),
        "OCI_PROMPT_SOURCE": "local",
        "OCI_AUTH_SECRET": SECRET,
        "AWS_ACCESS_KEY_ID": "emulator",
        "AWS_SECRET_ACCESS_KEY": "emulator",
        **(extra_env or {}),
    }
    command = [sys.executable, "-m", "uvicorn", "--factory", app_factory]
    command += ["--app-dir", str(ROOT / "bench")] if app_factory.startswith("floor_apps:") else []
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("service did not become ready")


@dataclass
class ProcessUsage:
    """CPU seconds used between start() and stop(), and the peak resident memory seen."""

    cpu_s: float = 0.0
    system_s: float = 0.0  # the kernel's share of cpu_s (socket, file and fsync work)
    peak_rss_mb: float = 0.0


class ProcessSampler:
    """Samples a process tree (uvicorn's master and its workers) every `interval_s`, or
    with `children=False` the process alone (a load generator whose children are the
    service and the emulator)."""

    def __init__(self, pid: int, interval_s: float = 0.25, *, children: bool = True) -> None:
        self._root = psutil.Process(pid)
        self._children = children
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._cpu_start = (0.0, 0.0)
        self.usage = ProcessUsage()

    def _tree(self) -> list[psutil.Process]:
        if not self._children:
            return [self._root]
        return [self._root, *self._root.children(recursive=True)]

    def _cpu(self) -> tuple[float, float]:
        """(user + system, system) CPU seconds of the tree so far."""
        total = system = 0.0
        for process in self._tree():
            try:
                times = process.cpu_times()
            except psutil.Error:
                continue
            total += times.user + times.system
            system += times.system
        return total, system

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            rss = 0
            for process in self._tree():
                try:
                    rss += process.memory_info().rss
                except psutil.Error:
                    continue
            self.usage.peak_rss_mb = max(self.usage.peak_rss_mb, rss / 2**20)

    def __enter__(self) -> ProcessSampler:
        self._cpu_start = self._cpu()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        total, system = self._cpu()
        self.usage.cpu_s = total - self._cpu_start[0]
        self.usage.system_s = system - self._cpu_start[1]
