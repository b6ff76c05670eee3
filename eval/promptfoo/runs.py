"""promptfoo's `--output` JSON back into the eval suite's `EvalRun`s, one per provider label.

The provider records the full `SampleResult` (summary accounting and every `Score`) in each
response's metadata, so the conversion is lossless and the gate sees exactly what `make eval`
would. A sample promptfoo produced no usable row for is kept as an errored result (counted in
`error_rate`), never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

# The assertion module is standard-library only: it owns the key the worker writes under.
from eval.promptfoo.assertions import METADATA_KEY
from eval.types import DatasetInfo, EvalRun, EvalSample, PairInfo, SampleResult, Score
from service.prompts import PromptPair

_SCORE_FIELDS = {f.name for f in fields(Score)}
_RESULT_FIELDS = {f.name for f in fields(SampleResult)}


class PromptfooOutputError(ValueError):
    """The promptfoo output file is not what the gate expects (message names file and field)."""


def _errored(sample: EvalSample, error: str) -> SampleResult:
    return SampleResult(
        sample_id=sample.id,
        dataset=sample.dataset,
        trial=0,
        output=None,
        error=error[:500],
        model_used="none",
        fallback_used=False,
        model_called=False,
        input_tokens=0,
        output_tokens=0,
        cache_read_tokens=0,
        cache_write_tokens=0,
        cost_usd=0.0,
        latency_ms=0.0,
        latency_source="measured",
    )


def sample_result(record: Mapping[str, Any]) -> SampleResult:
    """A `SampleResult` from the dict the provider recorded.

    Raises:
        PromptfooOutputError: A field is missing or malformed.
    """
    try:
        scores = {
            name: Score(**{k: v for k, v in score.items() if k in _SCORE_FIELDS})
            for name, score in (record.get("scores") or {}).items()
        }
        values = {k: v for k, v in record.items() if k in _RESULT_FIELDS and k != "scores"}
        return SampleResult(**values, scores=scores)
    except TypeError as error:
        raise PromptfooOutputError(f"metadata.{METADATA_KEY}.sample_result: {error}") from error


def _record(row: Mapping[str, Any]) -> Mapping[str, Any] | None:
    response = row.get("response") or {}
    for metadata in (response.get("metadata"), row.get("metadata")):
        if isinstance(metadata, dict) and isinstance(metadata.get(METADATA_KEY), dict):
            record = metadata[METADATA_KEY].get("sample_result")
            if isinstance(record, dict):
                return record
    return None


def rows_by_role(output: Mapping[str, Any], source: str) -> dict[str, dict[tuple[str, str], Any]]:
    """promptfoo result rows keyed by provider label, then by (dataset, sample_id).

    Raises:
        PromptfooOutputError: `results.results` is missing, or a row lacks its label or vars.
    """
    try:
        rows = output["results"]["results"]
    except (KeyError, TypeError) as error:
        raise PromptfooOutputError(f"{source}: results.results: missing") from error
    found: dict[str, dict[tuple[str, str], Any]] = {}
    for index, row in enumerate(rows):
        try:
            role = str(row["provider"]["label"])
            variables = row.get("vars") or row["testCase"]["vars"]
            key = (str(variables["dataset"]), str(variables["sample_id"]))
        except (KeyError, TypeError) as error:
            raise PromptfooOutputError(
                f"{source}: results.results[{index}]: missing {error}"
            ) from error
        found.setdefault(role, {})[key] = row
    return found


def eval_run(
    rows: Mapping[tuple[str, str], Any],
    *,
    pair: PromptPair,
    samples: Sequence[EvalSample],
    datasets: Sequence[DatasetInfo],
    judge_model: str,
    judge_is_baseline: bool,
    wall_s: float,
) -> EvalRun:
    """One provider's rows as an `EvalRun`, results in sample order."""
    results: list[SampleResult] = []
    for sample in samples:
        row = rows.get((sample.dataset, sample.id))
        record = _record(row) if row is not None else None
        if record is not None:
            results.append(sample_result(record))
        elif row is None:
            results.append(_errored(sample, "promptfoo produced no result for this sample"))
        else:
            results.append(_errored(sample, str(row.get("error") or "no recorded result")))
    return EvalRun(
        pair=PairInfo.of(pair),
        datasets=tuple(datasets),
        results=tuple(results),
        samples=tuple(samples),
        judge_model=judge_model,
        judge_is_baseline=judge_is_baseline,
        trials=1,
        wall_s=wall_s,
    )


def recorded_judges(rows: Mapping[tuple[str, str], Any]) -> set[tuple[str, bool]]:
    """The (judge model, is baseline) pairs the workers say they used."""
    judges: set[tuple[str, bool]] = set()
    for row in rows.values():
        response = row.get("response") or {}
        meta = (response.get("metadata") or {}).get(METADATA_KEY)
        if isinstance(meta, dict) and "judge_model" in meta:
            judges.add((str(meta["judge_model"]), bool(meta.get("judge_is_baseline"))))
    return judges


def duration_s(output: Mapping[str, Any]) -> float:
    """promptfoo's own eval duration (both providers), 0 when absent."""
    stats = (output.get("results") or {}).get("stats") or {}
    return float(stats.get("durationMs") or 0) / 1000
