"""Gate configurations for tests that exercise one check with a small, fast setup."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def with_latency_p95_threshold(directory: Path, threshold_ms: float) -> Path:
    """The committed `eval/gate.yaml` with the p95 latency threshold scaled down, written
    into `directory`: an emulator answering in 400 ms then fails it without a slow run."""
    gate = yaml.safe_load((ROOT / "eval" / "gate.yaml").read_text())
    for check in gate["absolute"]:
        if check["metric"] == "latency_p95_ms":
            check["threshold"] = threshold_ms
    path = directory / "gate.yaml"
    path.write_text(yaml.safe_dump(gate))
    return path
