"""A text made from a sample's reference is scored against the sample's other references:
scored against itself, every rewording of it would look like a BLEU loss."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS

from eval.metaeval.detect import source_sample
from eval.metrics.bleu import sentence_bleu
from eval.types import EvalSample

FIRST = "Customer disputed a $45 late fee; dispute BD-1 is still open. Sentiment: negative."
SECOND = "The customer is disputing a $45 late fee under BD-1, which is open. They are upset."


def _sample(*references: str) -> EvalSample:
    return EvalSample("s1", "golden/test", (), OPTIONS, references)


def test_a_reference_text_is_scored_against_the_other_references_only() -> None:
    sample = _sample(FIRST, SECOND)
    scored = source_sample(sample, "reference")
    assert scored.references == (SECOND,)
    assert scored.id != sample.id  # caches keyed by id never mix the two
    assert sentence_bleu(FIRST, sample.references) == 100.0
    assert sentence_bleu(FIRST, scored.references) < 50.0


def test_other_sources_keep_every_reference_and_a_lone_reference_leaves_none() -> None:
    sample = _sample(FIRST, SECOND)
    assert source_sample(sample, "production") is sample
    # Golden v1 has one reference: its reference-made texts are not BLEU-scored at all
    # (the reference scorers give None without references).
    assert source_sample(_sample(FIRST), "reference").references == ()
