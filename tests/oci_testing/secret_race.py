"""Two processes creating the dev secret at the same moment, round after round."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

from service.auth import dev_secret


def _contender(barrier: Any, folder: str, rounds: int, out: str) -> None:
    values = []
    for index in range(rounds):
        barrier.wait()  # both processes reach the empty slot together
        values.append(dev_secret(Path(folder) / f"round-{index}" / "dev-auth-secret"))
    Path(out).write_text(json.dumps(values), encoding="utf-8")


def race(folder: Path, rounds: int) -> list[list[str]]:
    """Each process's secrets, round by round (spawned: no state shared by fork)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    outs = [folder / f"contender-{index}.json" for index in range(2)]
    processes = [
        context.Process(target=_contender, args=(barrier, str(folder), rounds, str(out)))
        for out in outs
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    assert all(process.exitcode == 0 for process in processes)
    return [json.loads(out.read_text(encoding="utf-8")) for out in outs]
