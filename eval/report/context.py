"""What the reports need beyond the two runs and the verdict: prompt texts, labels, links."""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.types import EvalRun
from service.prompts import PromptPair


@dataclass(frozen=True)
class PromptText:
    """The parts of a pair that change behaviour: system prefix, user template, model config."""

    system: str
    user: str
    model_config: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, pair: PromptPair) -> PromptText:
        return cls(pair.template.system, pair.template.user, pair.model.canonical())


@dataclass(frozen=True)
class ReportContext:
    """Facts about the evaluation that the runs themselves do not carry.

    Attributes:
        candidate_prompt: The candidate's prompt text, for the diff against production.
        production_prompt: Production's prompt text (also when production was not run
            because it is the candidate itself).
        production_label: ``name@version`` of the production pair, whether or not it ran.
        production_bootstrapped: Production was set by the first-run bootstrap, not promoted.
        mlflow_run_id: The MLflow run that records this evaluation, when it is logged.
        report_path: Where the HTML report was written (the scorecard names it).
        reviews: finding id -> standing review verdict, for the findings file.
    """

    candidate_prompt: PromptText | None = None
    production_prompt: PromptText | None = None
    production_label: str | None = None
    production_bootstrapped: bool = False
    mlflow_run_id: str | None = None
    report_path: Path | None = None
    reviews: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TextDiff:
    """One part of the prompt: a unified diff, or None when both sides are identical."""

    part: str
    diff: str | None


def _unified(part: str, production: str, candidate: str) -> TextDiff:
    if production == candidate:
        return TextDiff(part, None)
    lines = difflib.unified_diff(
        production.splitlines(keepends=True),
        candidate.splitlines(keepends=True),
        fromfile=f"production/{part}",
        tofile=f"candidate/{part}",
    )
    return TextDiff(part, "".join(line if line.endswith("\n") else line + "\n" for line in lines))


def prompt_diff(candidate: PromptText, production: PromptText) -> list[TextDiff]:
    """System prefix, user template and model config of the candidate against production."""

    def config(text: PromptText) -> str:
        return json.dumps(text.model_config, indent=2, sort_keys=True, ensure_ascii=False)

    return [
        _unified("system", production.system, candidate.system),
        _unified("user", production.user, candidate.user),
        _unified("model_config", config(production), config(candidate)),
    ]


@dataclass(frozen=True)
class LatencyComparison:
    """Whether the two runs' latencies were measured the same way, and if not, why not."""

    comparable: bool
    note: str


def _sources(run: EvalRun) -> str:
    found = {r.latency_source for r in run.results}
    if found == {"measured"}:
        return "measured in this run"
    if found == {"cached"}:
        return "from the output cache (as measured by an earlier run)"
    cached = sum(r.latency_source == "cached" for r in run.results)
    return f"mixed ({cached} of {len(run.results)} from the output cache)"


def compare_latency(candidate: EvalRun, production: EvalRun | None) -> LatencyComparison:
    """A latency Δ means something only between latencies measured the same way.

    A fresh measurement against one recorded by another run (or a mix of both) compares two
    machines' loads as much as two pairs, so the Δ is flagged instead of shown.
    """
    if production is None:
        return LatencyComparison(True, "")
    cand, prod = _sources(candidate), _sources(production)
    if cand == prod and not cand.startswith("mixed"):
        return LatencyComparison(True, f"both runs' latencies {cand}")
    return LatencyComparison(
        False,
        f"latency Δ not comparable: candidate {cand}, production {prod}; "
        "re-run with --remeasure to time both fresh",
    )
