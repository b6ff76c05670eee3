"""BLEU and chrF with sacrebleu, per sample and per corpus.

Empty references are a caller error, not a zero: a sample without references has no
answer key, so every function here raises `ValueError` and the scorer reports such a
sample as "not applicable" (`Score(value=None)`) before calling in.
"""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF


def _check_references(references: Sequence[str], where: str) -> list[str]:
    usable = [reference for reference in references if reference.strip()]
    if not usable:
        raise ValueError(f"{where}: no non-empty reference to score against")
    return usable


def _streams(
    hypotheses: Sequence[str], references_per_sample: Sequence[Sequence[str]]
) -> list[list[str | None]]:
    """Per-sample reference lists transposed into sacrebleu's reference streams.

    Samples may have different numbers of references; sacrebleu skips `None` entries.
    """
    if len(hypotheses) != len(references_per_sample):
        raise ValueError(
            f"{len(hypotheses)} hypotheses but {len(references_per_sample)} reference lists"
        )
    if not hypotheses:
        raise ValueError("corpus score of an empty corpus")
    per_sample = [
        _check_references(refs, f"sample {index}")
        for index, refs in enumerate(references_per_sample)
    ]
    width = max(len(refs) for refs in per_sample)
    return [
        [refs[slot] if slot < len(refs) else None for refs in per_sample] for slot in range(width)
    ]


def sentence_bleu(hypothesis: str, references: Sequence[str]) -> float:
    """Sentence BLEU (0..100) of one hypothesis against its references.

    Effective order is on, so a short text is not zeroed by a missing 4-gram.

    Raises:
        ValueError: `references` has no non-empty string.
    """
    refs = _check_references(references, "sentence_bleu")
    score = BLEU(effective_order=True).sentence_score(hypothesis, refs).score
    return float(min(100.0, max(0.0, score)))


def corpus_bleu(hypotheses: Sequence[str], references_per_sample: Sequence[Sequence[str]]) -> float:
    """Corpus BLEU (0..100): n-gram statistics pooled over samples, not averaged.

    Args:
        hypotheses: One output per sample.
        references_per_sample: Each sample's references (one or more, counts may differ).

    Raises:
        ValueError: Lengths differ, the corpus is empty, or a sample has no reference.
    """
    streams = _streams(hypotheses, references_per_sample)
    return float(BLEU().corpus_score(list(hypotheses), streams).score)


def sentence_chrf(hypothesis: str, references: Sequence[str]) -> float:
    """Sentence chrF (0..100), robust to the inflection and word-order changes BLEU punishes.

    Raises:
        ValueError: `references` has no non-empty string.
    """
    refs = _check_references(references, "sentence_chrf")
    return float(CHRF().sentence_score(hypothesis, refs).score)


def corpus_chrf(hypotheses: Sequence[str], references_per_sample: Sequence[Sequence[str]]) -> float:
    """Corpus chrF (0..100); same argument rules as `corpus_bleu`.

    Raises:
        ValueError: Lengths differ, the corpus is empty, or a sample has no reference.
    """
    streams = _streams(hypotheses, references_per_sample)
    return float(CHRF().corpus_score(list(hypotheses), streams).score)
