"""Meaning-preserving controls: exact rewrites on hand-made text, and Hypothesis properties
(every control keeps amounts, dates, counts, sentiment words and status; a contraction
keeps the negations; a reordering keeps the sentences)."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.metaeval_cases import (
    NEGATION,
    amounts,
    context,
    counts,
    dates,
    record,
    sample,
    summaries,
)

from eval.metaeval import FAMILIES, Variant, load_phrase_book
from eval.metaeval.cues import SENTIMENT_WORD, sample_status
from eval.metaeval.text import sentences

HISTORY = sample(record("Dispute BD-12345 filed about a charge.", day=3))
CONTROLS = (
    "synonyms",
    "reordering",
    "date_format",
    "number_format",
    "label_wording",
    "contractions",
)
BOOK = load_phrase_book()


def make(family: str, text: str, rng: random.Random | None = None) -> Variant | None:
    return FAMILIES[family].make(context(family, HISTORY, text, rng=rng))


def test_date_format_rewrites_every_date_keeping_it() -> None:
    variant = make("date_format", "Filed Aug 06; callback due Aug 8. Range Sep 14-17.")
    assert variant is not None
    assert variant.text == "Filed Aug 6; callback due Aug 8. Range Sep 14-17."
    assert make("date_format", "No dates, no problem.") is None


def test_number_format_writes_amounts_and_counts_another_way() -> None:
    variant = make("number_format", "Customer called 2 times about a $26 charge.")
    assert variant is not None
    assert variant.text == "Customer called 2 times about a $26.00 charge."


def test_label_wording_says_the_sentiment_another_accurate_way() -> None:
    variant = make("label_wording", "Dispute open. Customer sentiment: frustrated.")
    assert variant is not None and variant.text == "Dispute open. Mood: frustrated."
    reverse = make("label_wording", "Dispute open. The customer is angry.")
    assert reverse is not None and reverse.text == "Dispute open. Customer sentiment: angry."


def test_contractions_contract_every_negation_keeping_it() -> None:
    variant = make("contractions", "The credit was not applied and it is not fixed.")
    assert variant is not None
    assert variant.text == "The credit wasn't applied and it isn't fixed."
    assert make("contractions", "The credit was applied.") is None


def test_reordering_moves_the_sentiment_label_to_the_front() -> None:
    text = "Dispute BD-12345 was filed on Nov 3. Customer sentiment: angry."
    variant = make("reordering", text)
    assert variant is not None
    assert variant.text == "Customer sentiment: angry. Dispute BD-12345 was filed on Nov 3."


def test_synonyms_swap_words_that_keep_the_facts() -> None:
    variant = make("synonyms", "Customer contacted us about the outage; technician booked.")
    assert variant is not None
    assert variant.text == "Customer reached out to us about the outage; engineer booked."
    acronym = make("synonyms", "On Nov 9 the IVR played a message. IVR again.")
    assert acronym is not None
    assert (
        acronym.text == "On Nov 9 the automated phone menu played a message. Automated "
        "phone menu once more."
    )


@settings(max_examples=150, deadline=None)
@given(text=summaries, family=st.sampled_from(CONTROLS), rng=st.randoms(use_true_random=False))
def test_controls_keep_every_fact(text: str, family: str, rng: random.Random) -> None:
    variant = FAMILIES[family].make(context(family, HISTORY, text, rng=rng, phrases=BOOK))
    if variant is None:
        return
    new = variant.text
    assert variant.kind == "control" and variant.trips == ()
    assert amounts(new) == amounts(text)
    assert counts(new) == counts(text)
    assert Counter(w.lower() for w in SENTIMENT_WORD.findall(new)) == Counter(
        w.lower() for w in SENTIMENT_WORD.findall(text)
    )
    assert sample_status(HISTORY, new) == sample_status(HISTORY, text)
    if family == "date_format":  # each date keeps its reading (a slash date may read two ways)
        before, after = dates(text), dates(new)
        assert len(before) == len(after)
        assert all(any(old <= new_ for new_ in after) or len(old) > 1 for old in before)
    else:
        assert dates(new) == dates(text)
    if family != "synonyms":  # "still unresolved" -> "still not resolved" adds a "not"
        assert len(NEGATION.findall(new)) == len(NEGATION.findall(text))
    if family == "reordering":
        assert sorted(sentences(new)) == sorted(sentences(text))
