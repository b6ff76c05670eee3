"""What every report shows, computed once: labels, metric rows, check cells, worst samples.

The terminal scorecard, the markdown summary and the HTML report all read from here, so the
three never disagree on a number or on which samples are the worst.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eval.aggregate import RunMetrics, is_errored
from eval.gate import Check, Verdict
from eval.report.context import ReportContext
from eval.types import EvalRun, EvalSample, SampleResult
from service.claims import CLAIM_KINDS

BASELINE_JUDGE_LABEL = "local deterministic baseline judge (not an LLM)"


def _pct(v: float) -> str:
    return f"{v:.1%}"


def _num(v: float) -> str:
    return f"{v:.3f}"


def _pts(v: float) -> str:
    return f"{v:.2f}"


def _ms(v: float) -> str:
    return f"{v:,.0f} ms"


def _usd(v: float) -> str:
    return f"${v:.5f}"


def _int(v: float) -> str:
    return f"{v:,.0f}"


# (label, RunMetrics field, formatter, higher is better; None = neutral)
METRIC_ROWS: tuple[tuple[str, str, Callable[[float], str], bool | None], ...] = (
    ("results", "n_results", _int, None),
    ("error rate", "error_rate", _pct, False),
    ("fallback rate", "fallback_rate", _pct, False),
    *((kind.label, kind.metric, _pct, False) for kind in CLAIM_KINDS),
    ("claims the checker abstained on", "abstention_rate", _pct, None),
    ("PII leaks", "pii_leaks", _int, False),
    # The gate's BLEU: sentence BLEU against every reference, averaged over samples.
    ("BLEU (mean sentence, all refs)", "bleu_mean", _pts, True),
    ("chrF (mean sentence, all refs)", "chrf_mean", _pts, True),
    ("corpus BLEU (not gated)", "corpus_bleu", _pts, True),
    ("corpus chrF (not gated)", "corpus_chrf", _pts, True),
    ("key-fact recall", "key_fact_recall_mean", _num, True),
    ("judge score", "judge_mean", _num, True),
    ("judge pass rate", "judge_pass_rate", _pct, True),
    ("judge error rate", "judge_error_rate", _pct, False),
    ("faithfulness", "faithfulness_mean", _num, True),
    ("latency p50", "latency_p50_ms", _ms, False),
    ("latency p95", "latency_p95_ms", _ms, False),
    ("latency p99", "latency_p99_ms", _ms, False),
    ("cost / summary (summarizer)", "cost_per_summary_usd", _usd, False),
    ("judge cost / sample", "judge_cost_per_sample_usd", _usd, False),
    ("cache-read share of input", "cache_read_share", _pct, True),
)


@dataclass(frozen=True)
class MetricRow:
    """One metrics-table row as display text; `better` is True/False/None for the delta."""

    label: str
    candidate: str
    production: str
    delta: str
    better: bool | None


NOT_COMPARABLE = "not comparable"


def metric_rows(
    candidate: RunMetrics, production: RunMetrics | None, *, latency_comparable: bool = True
) -> list[MetricRow]:
    """Metrics-table rows, candidate vs production, with signed deltas.

    With `latency_comparable` False (one side timed fresh, the other from the output cache)
    the latency rows say so instead of showing a Δ that would look like a result.
    """
    rows = []
    for label, name, fmt, higher in METRIC_ROWS:
        cand = candidate.get(name)
        prod = production.get(name) if production is not None else None
        delta, better = "", None
        if name.startswith("latency_") and not latency_comparable and prod is not None:
            delta = NOT_COMPARABLE
        elif cand is not None and prod is not None:
            diff = cand - prod
            sign = "+" if diff >= 0 else "−"
            delta = f"{sign}{fmt(abs(diff))}"
            if higher is not None and diff != 0:
                better = (diff > 0) == higher
        rows.append(MetricRow(label, _fmt(cand, fmt), _fmt(prod, fmt), delta, better))
    return rows


def _fmt(value: float | None, fmt: Callable[[float], str]) -> str:
    return "n/a" if value is None else fmt(value)


def check_value(check: Check) -> str:
    """The compared value of a check, as text."""
    return "n/a" if check.value is None else f"{check.value:.4g}"


def check_threshold(check: Check) -> str:
    """The threshold with its operator, e.g. ``<= 0.02``."""
    return "—" if check.threshold is None else f"{check.op} {check.threshold:g}"


# Short forms for narrow tables (an 80-column CI log).
_VALIDATION_SHORT = {
    "validated": "valid",
    "below minimum": "below",
    "stale": "stale",
    "not validated": "none",
    "not measured": "n/m",
}


def validation_cell(verdict: Verdict, check: Check, *, short: bool = False) -> str:
    """The check's validation status, or "—" when no scorer's detection stands behind it."""
    found = verdict.validation_of(check.name)
    if found is None:
        return "—"
    return _VALIDATION_SHORT.get(found.status, found.status) if short else found.status


def validation_line(verdict: Verdict) -> str | None:
    """How far the verdict can be trusted: passing checks whose detection is not validated."""
    if not verdict.validation:
        return "check validation: not measured for this verdict (OCI_META_EVAL=off or no eval run)"
    unvalidated = verdict.unvalidated_passes
    source = "current meta-eval" if verdict.validation_current else "no current meta-eval"
    if not unvalidated:
        return f"every passing check is validated ({source})"
    names = ", ".join(c.name for c in unvalidated)
    return f"{len(unvalidated)} passing checks not validated ({source}): {names}"


def pair_label(run: EvalRun) -> str:
    """``name@version (model)`` of the run's pair."""
    return f"{run.pair.name}@{run.pair.version} ({run.pair.model_primary})"


def production_label(production: EvalRun | None, context: ReportContext, verdict: Verdict) -> str:
    """The production pair as the headers name it, bootstrapped or not, run or not.

    Production is not run when it is the candidate itself; the label then still names it
    (from `context`) and says that only absolute checks and claim ceilings ran.
    """
    itself = any(note.startswith("the candidate is the production pair") for note in verdict.notes)
    label = pair_label(production) if production is not None else context.production_label
    if label is None:
        if itself:
            return "the candidate itself (only absolute checks and claim ceilings ran)"
        return "none (no production pair yet: only absolute checks and claim ceilings ran)"
    if context.production_bootstrapped:
        label += " (bootstrapped)"
    if production is None:
        label += " — the candidate itself (only absolute checks and claim ceilings ran)"
    return label


def dataset_label(run: EvalRun) -> str:
    """Every dataset of the run with version, digest prefix and size."""
    return ", ".join(f"{d.name}/{d.version} {d.digest[:19]} ({d.samples})" for d in run.datasets)


def judge_label(run: EvalRun) -> str:
    """The judge model, flagged prominently when it is the local baseline rather than an LLM."""
    return (
        f"{run.judge_model} — {BASELINE_JUDGE_LABEL}" if run.judge_is_baseline else run.judge_model
    )


@dataclass(frozen=True)
class WorstSample:
    """One of the worst results with what a reviewer needs beside it."""

    result: SampleResult
    references: tuple[str, ...]
    missing_facts: tuple[str, ...]
    judge_reason: str
    rejected_summary: str | None = None  # what agents flagged, for regression cases


def worst_samples(run: EvalRun, *, n: int = 10) -> list[WorstSample]:
    """The `n` worst results: errors first, then lowest judge score, key-fact recall, BLEU."""
    samples = {(s.dataset, s.id): s for s in run.samples}

    def badness(r: SampleResult) -> tuple[float, ...]:
        def v(name: str, missing: float) -> float:
            value = r.value(name)
            return missing if value is None else value

        errored = 0.0 if is_errored(r) else 1.0
        return (errored, v("judge", 2.0), v("key_fact_recall", 2.0), v("bleu", 1e9))

    worst = sorted(run.results, key=badness)[:n]
    out = []
    for r in worst:
        sample = samples.get((r.dataset, r.sample_id))
        judge = r.scores.get("judge")
        reason = judge.reason if judge is not None else ""
        if judge is not None and judge.value is None:
            reason = f"judge error: {judge.metadata.get('judge_error', reason)}"
        claims = r.scores.get("claims")
        if claims is not None and claims.value:
            reason = f"{reason}\nclaim check: {claims.reason}".strip()
        references = sample.references if sample else ()
        rejected = sample.rejected_summary if sample else None
        out.append(WorstSample(r, references, missing_facts(r, sample), reason or "", rejected))
    return out


def missing_facts(result: SampleResult, sample: EvalSample | None) -> tuple[str, ...]:
    """Key facts the output misses: the scorer's list if it recorded one, else a literal match.

    The fallback uses the annotation's lowercase alternatives as substrings, which is only an
    approximation of the key-fact scorer; the scorer's own `metadata["missing"]` wins.
    """
    score = result.scores.get("key_fact_recall")
    recorded = score.metadata.get("missing") if score is not None else None
    if isinstance(recorded, list | tuple):
        return tuple(str(x) for x in recorded)
    if sample is None or not sample.key_facts:
        return ()
    text = (result.output or "").lower()
    return tuple(f.fact for f in sample.key_facts if not any(m in text for m in f.match))


def commonest_error(run: EvalRun) -> tuple[str, int, int] | None:
    """(message, how many results share it, errored results) when any result errored."""
    errors = [r.error or "no output" for r in run.results if is_errored(r)]
    if not errors:
        return None
    counts: dict[str, int] = {}
    for message in errors:
        counts[message] = counts.get(message, 0) + 1
    message = max(counts, key=lambda m: (counts[m], m))
    return message, counts[message], len(errors)
