"""promptfoo Python assertion: the project's scorers, per row, with gate.yaml's thresholds.

The provider runs the project's scorers on every output in its persistent worker (the same
`evaluate` call as `make eval`) and returns each `Score` in the response metadata. promptfoo
spawns a new interpreter for every Python assertion (measured: about 40 ms of CPU each), so
one assertion grades every scorer of a row (a component result and a named score per
scorer), and this module imports only the standard library on that path. When a row has no
recorded scores (another provider produced it), the scorers run here instead (slow: the eval
package is imported in that process).

Assertion config: `checks`, a list of `{score, min?, max?, use_scorer_pass?, scale?,
lower_is_better?}`: `min`/`max` bound the value, `use_scorer_pass` takes the scorer's own
per-sample verdict, neither makes the check informational (BLEU: the gate compares it with
the base, paired). `scale` maps the value to promptfoo's 0..1 score.
"""

from __future__ import annotations

from typing import Any

METADATA_KEY = "oci"


def _recorded(context: dict[str, Any]) -> dict[str, Any] | None:
    metadata = context.get("metadata") or {}
    record = (metadata.get(METADATA_KEY) or {}).get("sample_result")
    return record if isinstance(record, dict) else None


def _scores(output: str, context: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    record = _recorded(context)
    if record is not None:
        return dict(record.get("scores") or {}), record.get("error")
    from eval.promptfoo.scoring import score_output  # slow path; see module docstring

    return score_output(output, context.get("vars") or {}), None


def grade(check: dict[str, Any], score: dict[str, Any] | None) -> dict[str, Any]:
    """One scorer's component result (`pass`, `score`, `reason`) under one check."""
    name = str(check.get("score", ""))
    if score is None:
        return {"pass": False, "score": 0.0, "reason": f"{name}: the scorer recorded no score"}
    value, why = score.get("value"), str(score.get("reason") or "")
    if value is None:
        return {"pass": True, "score": 1.0, "reason": f"{name}: not applicable ({why})"}
    value = float(value)
    passed, rule = True, "informational: the gate compares it with the base, paired"
    if check.get("use_scorer_pass"):
        passed, rule = bool(score.get("passed")), "the scorer's per-sample verdict"
    if "min" in check:
        passed, rule = value >= float(check["min"]), f"must be >= {check['min']} (gate.yaml)"
    if "max" in check:
        passed, rule = value <= float(check["max"]), f"must be <= {check['max']} (gate.yaml)"
    if check.get("lower_is_better"):
        normalized = 1.0 if value == 0 else 0.0
    else:
        normalized = max(0.0, min(1.0, value / float(check.get("scale", 1.0))))
    detail = f": {why}" if why else ""
    return {"pass": passed, "score": normalized, "reason": f"{name} = {value:.4g} ({rule}){detail}"}


def get_assert(output: str, context: dict[str, Any]) -> dict[str, Any]:
    """Grade one output on every configured scorer.

    Returns:
        A GradingResult dict: `pass` (every check passed), `score` (their mean), `reason`
        (the failed checks, or all of them), `namedScores` and `componentResults`.
    """
    checks = list((context.get("config") or {}).get("checks") or [])
    scores, error = _scores(output, context)
    if error:
        return {"pass": False, "score": 0.0, "reason": f"summarizer error: {error}"}
    components = []
    for check in checks:
        result = grade(check, scores.get(str(check.get("score", ""))))
        result["assertion"] = {"type": "python", "metric": str(check.get("score", ""))}
        components.append(result)
    failed = [c for c in components if not c["pass"]]
    shown = failed or components
    return {
        "pass": not failed,
        "score": sum(c["score"] for c in components) / len(components) if components else 1.0,
        "reason": "; ".join(c["reason"] for c in shown)[:2000],
        "namedScores": {c["assertion"]["metric"]: c["score"] for c in components},
        "componentResults": components,
    }
