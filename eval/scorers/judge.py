"""The rubric judge scorer: a QA-form verdict on each summary from the configured judge model.

The factory captures the rubric, the judge config, the gateway and an optional cache once.
Per sample it renders the judge prompt, asks the judge through `ModelGateway.complete`,
parses the answer with `eval.judge.json_repair` (which repairs common JSON faults), and maps
the per-criterion verdicts through `weighted_score`. A judge answer that is not JSON even
after repair, or a judge that does not answer at all, becomes
`Score(value=None, metadata={"judge_error": ...})`: counted, never a crash. The default
judge is the local deterministic baseline, and every Score says so.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from eval.judge.config import JudgeConfig
from eval.judge.json_repair import UnparseableOutputError, repair_json_object
from eval.judge.local_judge import BASELINE_NOTE, register_local_judge
from eval.judge.prompt import render_judge_prompt
from eval.rubric import Rubric, load_rubric, weighted_score
from eval.scorers.deps import JudgeCache, ScorerDeps, in_scope
from eval.types import EvalSample, Score, Scorer
from service.gateway import AllModelsFailedError

__all__ = [
    "JudgeCache",
    "JudgeConfig",
    "cache_key",
    "criteria_coverage",
    "judge_scorer",
    "parse_verdicts",
]

NAME = "judge"
VERSION = "2"


class JudgeAnswerError(ValueError):
    """A JSON answer without the `criteria` list the prompt asked for."""


def local_code_digest() -> str:
    """Digest of the local judge's and the claim checker's code."""
    from eval.runner import local_code_digest as digest

    return digest()


def cache_key(
    config: JudgeConfig,
    rubric: Rubric,
    scorer_version: str,
    sample_id: str,
    trial: int,
    output: str,
) -> str:
    """sha256 over everything that can change a judge's answer."""
    material = json.dumps(
        {
            "judge": config.model_config.model_dump(mode="json"),
            # The local baseline judge is this repository's code: a change to it (or to the
            # claim checker it reads with) changes its answers under the same model name.
            "judge_code": local_code_digest() if config.is_baseline else "",
            "rubric": rubric.digest(),
            "scorer": f"{NAME}/{scorer_version}",
            "sample": sample_id,
            "trial": trial,
            "output": output,
        },
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def parse_verdicts(
    answer: dict[str, Any], rubric: Rubric
) -> tuple[dict[str, bool | None], dict[str, str]]:
    """Verdicts and reasons per criterion from a judge's JSON answer; fails closed.

    An optional criterion the answer omits, or answers with anything but true/false, counts
    as not assessed (None). A *required* criterion must be answered true or false: a judge
    that skipped it (a truncated reply, a null, a string) has not shown the summary is safe,
    so the whole answer is an error rather than a pass. Ids the rubric does not know are
    ignored.

    Raises:
        JudgeAnswerError: The answer has no `criteria` list of objects, or a required
            criterion is missing or not a boolean.
    """
    entries = answer.get("criteria")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise JudgeAnswerError("answer has no 'criteria' list of objects")
    verdicts: dict[str, bool | None] = {}
    reasons: dict[str, str] = {}
    for entry in entries:
        ident = entry.get("id")
        if ident in rubric.ids:
            verdict = entry.get("pass")
            verdicts[ident] = verdict if isinstance(verdict, bool) else None
            reasons[ident] = str(entry.get("reason", ""))
    unanswered = [c.id for c in rubric.criteria if c.required and verdicts.get(c.id) is None]
    if unanswered:
        raise JudgeAnswerError(
            f"required criteria not answered true/false: {', '.join(unanswered)}"
        )
    return verdicts, reasons


def criteria_coverage(verdicts: dict[str, bool | None], rubric: Rubric) -> float:
    """Share of the rubric's criteria the judge answered true or false (0..1)."""
    answered = sum(verdicts.get(ident) is not None for ident in rubric.ids)
    return answered / len(rubric.ids)


def judge_scorer(deps: ScorerDeps) -> Scorer:
    """Build the rubric judge scorer.

    The sample's trial number is read from `sample.tags["trial"]` (default 0) for the cache
    key, since the scorer signature carries only the sample and the output.
    """
    config, gateway, cache = deps.judge, deps.gateway, deps.cache
    rubric = load_rubric(config.rubric_path)
    version = f"{VERSION}+{rubric.name}.{rubric.version}"
    spent = {"usd": 0.0}
    labels: dict[str, Any] = {
        "judge_model": config.model,
        "judge_is_baseline": config.is_baseline,
        "rubric": f"{rubric.name}@{rubric.version}",
    }
    if config.is_baseline:
        labels["judge_note"] = BASELINE_NOTE

    def error(reason: str, detail: str) -> Score:
        return Score(NAME, None, None, reason, {**labels, "judge_error": detail})

    async def score(sample: EvalSample, output: str) -> Score:
        trial = sample.tags.get("trial", 0)
        key = cache_key(config, rubric, version, sample.id, int(trial), output)
        stored = cache.get(key) if cache is not None else None
        if stored is None:
            prompt = render_judge_prompt(
                rubric,
                interactions=in_scope(sample),
                options=sample.options,
                summary=output,
                references=sample.references,
            )
            if config.uses_local_judge:
                # Registered when first needed: a run whose every verdict is cached never
                # loads litellm.
                register_local_judge()
            try:
                completion = await gateway.complete(prompt, config.model_config)
                answer = repair_json_object(completion.text)
            except UnparseableOutputError as exc:
                return error("judge answer is not JSON even after repair", str(exc))
            except AllModelsFailedError as exc:
                return error("no judge model answered", str(exc))
            spent["usd"] += completion.cost_usd
            stored = {"answer": answer, "model": completion.model, "cost_usd": completion.cost_usd}
            if cache is not None:
                cache.put(key, stored)
            cached = False
        else:
            cached = True
        try:
            verdicts, reasons = parse_verdicts(stored["answer"], rubric)
        except JudgeAnswerError as exc:
            return error("judge answer is incomplete", str(exc))
        result = weighted_score(verdicts, rubric)
        failed = [ident for ident, ok in result.per_criterion.items() if ok is False]
        return Score(
            name=NAME,
            value=result.score,
            passed=result.passed if result.score is not None else None,
            reason="all criteria passed" if not failed else "failed: " + ", ".join(failed),
            metadata={
                **labels,
                "judge_model_used": stored.get("model", config.model),
                "per_criterion": result.per_criterion,
                "coverage": criteria_coverage(verdicts, rubric),
                "reasons": reasons,
                "failed_required": list(result.failed_required),
                "cached": cached,
                "cost_usd": 0.0 if cached else stored.get("cost_usd", 0.0),
            },
        )

    return Scorer(name=NAME, version=version, score=score, cost_usd=lambda: spent["usd"])
