"""Reference-based scorers: BLEU, chrF and key-fact recall against the golden answer key.

A sample without references (or key facts) gets `value=None` with the reason, never a zero.
A sample whose in-scope history is empty is scored normally: its reference says
"No interactions found", and so should the summary.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from eval.metrics.bleu import sentence_bleu, sentence_chrf
from eval.metrics.key_facts import key_fact_recall
from eval.scorers.deps import ScorerDeps
from eval.types import EvalSample, Score, Scorer

VERSION = "2"


def _against_references(name: str, metric: Callable[[str, Sequence[str]], float]) -> Scorer:
    """A scorer comparing the output with the sample's references (None without any)."""

    async def score(sample: EvalSample, output: str) -> Score:
        if not sample.references:
            return Score(name=name, value=None, reason="no references")
        return Score(name=name, value=metric(output, sample.references))

    return Scorer(name=name, version=VERSION, score=score)


def bleu_scorer(deps: ScorerDeps) -> Scorer:
    """Sentence BLEU (0..100, effective order) against the sample's references."""
    del deps  # pure metric: nothing to capture
    return _against_references("bleu", sentence_bleu)


def chrf_scorer(deps: ScorerDeps) -> Scorer:
    """Sentence chrF (0..100) against the sample's references."""
    del deps
    return _against_references("chrf", sentence_chrf)


def key_fact_recall_scorer(deps: ScorerDeps) -> Scorer:
    """Share of the sample's key facts the summary states (0..1); lists the missing ones."""
    del deps

    async def score(sample: EvalSample, output: str) -> Score:
        if not sample.key_facts:
            return Score(name="key_fact_recall", value=None, reason="no key facts")
        result = key_fact_recall(output, sample.key_facts)
        why = dict(result.contradicted)
        reason = (
            "all key facts stated"
            if not result.missing
            else "missing: "
            + "; ".join(f"{fact} ({why[fact]})" if fact in why else fact for fact in result.missing)
        )
        return Score(
            name="key_fact_recall",
            value=result.recall,
            reason=reason,
            metadata={
                "stated": list(result.stated),
                "missing": list(result.missing),
                "contradicted": [{"fact": f, "why": w} for f, w in result.contradicted],
            },
        )

    return Scorer(name="key_fact_recall", version=VERSION, score=score)
