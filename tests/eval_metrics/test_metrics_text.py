"""BLEU/chrF and key-fact recall: properties and unit cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.metrics.bleu import corpus_bleu, corpus_chrf, sentence_bleu, sentence_chrf
from eval.metrics.key_facts import key_fact_recall
from eval.types import KeyFactSpec

WORDS = st.text(alphabet="abcdefghij ", min_size=0, max_size=60)
SENTENCE = st.lists(
    st.text(alphabet="abcdefghijklmnop", min_size=1, max_size=8), min_size=1, max_size=25
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(hypothesis=WORDS, references=st.lists(SENTENCE, min_size=1, max_size=3))
def test_sentence_bleu_is_between_0_and_100(hypothesis: str, references: list[str]) -> None:
    assert 0.0 <= sentence_bleu(hypothesis, references) <= 100.0
    assert 0.0 <= sentence_chrf(hypothesis, references) <= 100.0


@settings(max_examples=60, deadline=None)
@given(text=SENTENCE)
def test_sentence_bleu_of_identical_text_is_100(text: str) -> None:
    assert sentence_bleu(text, [text]) == pytest.approx(100.0)
    assert sentence_chrf(text, [text]) == pytest.approx(100.0)


def test_bleu_ranks_a_closer_hypothesis_higher() -> None:
    reference = "Customer disputed a $26 data overage charge on Nov 3; dispute BD-94364 is open."
    close = "Customer disputed a $26 data overage charge on Nov 3; the dispute is still open."
    far = "The customer called about the weather and was happy."
    assert sentence_bleu(close, [reference]) > sentence_bleu(far, [reference])
    assert sentence_chrf(close, [reference]) > sentence_chrf(far, [reference])


def test_bleu_raises_without_references() -> None:
    with pytest.raises(ValueError, match="no non-empty reference"):
        sentence_bleu("anything", [])
    with pytest.raises(ValueError, match="no non-empty reference"):
        sentence_chrf("anything", ["  "])
    with pytest.raises(ValueError, match="sample 1"):
        corpus_bleu(["a b c", "d e f"], [["a b c"], []])


def test_corpus_scores_accept_different_reference_counts() -> None:
    hypotheses = ["the refund is pending review", "no interactions found"]
    references = [["the refund is pending review", "refund pending"], ["no interactions found"]]
    assert corpus_bleu(hypotheses, references) == pytest.approx(100.0)
    assert corpus_chrf(hypotheses, references) == pytest.approx(100.0)
    with pytest.raises(ValueError, match="2 hypotheses but 1"):
        corpus_bleu(hypotheses, references[:1])


FACTS = (
    KeyFactSpec("$26 charge disputed", "amount", ("$26", "26 dollars")),
    KeyFactSpec("ticket BD-94364", "other", ("bd-94364",)),
    KeyFactSpec("still open", "status", ("still open", "pending")),
)


def test_key_fact_recall_uses_the_golden_normalisation() -> None:
    result = key_fact_recall("Dispute  BD-94364\nfor $26 is STILL\n open.", FACTS)
    assert result.recall == pytest.approx(1.0)
    partial = key_fact_recall("A $26 charge.", FACTS)
    assert partial.recall == pytest.approx(1 / 3)
    assert partial.missing == ("ticket BD-94364", "still open")
    assert key_fact_recall("anything", ()).recall is None


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=80), index=st.integers(0, len(FACTS) - 1))
def test_key_fact_recall_is_bounded_and_monotone(text: str, index: int) -> None:
    # The fact is added as a line of its own: a negation in `text` must not reach it.
    added = text + "\n" + FACTS[index].match[0]
    before = key_fact_recall(text, FACTS).recall
    after = key_fact_recall(added, FACTS).recall
    assert before is not None and after is not None
    assert 0.0 <= before <= after <= 1.0
    assert FACTS[index].fact in key_fact_recall(added, FACTS).stated


@pytest.mark.parametrize(
    ("said", "fact", "match"),
    [
        ("Nobody phoned back after the Mar 3 call.", "callback missed", "nobody called back"),
        ("The agent committed to a fix by Friday.", "promised fix", "promised a fix"),
        ("An engineer visit is scheduled for May 2.", "visit booked", "visit is booked"),
        ("He rang twice.", "called twice", "called 2 times"),
    ],
)
def test_key_facts_are_matched_across_verbs_of_one_act(said: str, fact: str, match: str) -> None:
    spec = KeyFactSpec(fact, "action", (match,))
    assert key_fact_recall(said, (spec,)).recall == 1.0
