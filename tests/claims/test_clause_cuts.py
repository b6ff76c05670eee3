"""Where a summary's sentences are cut into claims: an aside that promises, a dash after
a denial, a bracketed date, a new subject after "and"."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import DISPUTED, categories_of, record

from service.claims.text import sentences


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        # The dash after "none" starts what it explains; the credit is not denied.
        ("Open items: none \u2013 tier 2 credited the $58.75.", False),
        ("Open items: none; tier 2 did not credit the $58.75.", True),
        # An aside that promises is a statement of its own, out of the denial's reach.
        (
            "She disputed a $58.75 charge for a service she did not order (billing review "
            "callback promised by Mar 4).",
            False,
        ),
        ("She disputed the $58.75 charge, and the billing review callback was made.", True),
        # ", promising ..." ends the clause before it: its denial is still read.
        (
            "The agent kept BD-2290 at the front line rather than escalating it, promising a "
            "supervisor callback.",
            True,
        ),
        ("The agent escalated BD-2290 to tier 2, promising a supervisor callback.", False),
    ],
)
def test_asides_dashes_and_promising(summary: str, wrong: bool) -> None:
    found = categories_of(summary, DISPUTED)
    assert bool(found & {"negated_action", "status"}) is wrong


@pytest.mark.parametrize(
    "summary",
    [
        "The promised billing review callback (due Mar 4) never came.",
        "A promised update was missed and the case went to tier 2 with a callback due Mar 9.",
    ],
)
def test_a_bracketed_date_or_a_new_subject_keeps_each_act_with_its_own_words(
    summary: str,
) -> None:
    history = (
        record(0, "agent", "Callback promised by Mar 4.", "open", "negative"),
        record(
            3, "agent", "CB missed; escalated to tier 2; sup callback due 03/09.", "open", "angry"
        ),
        record(4, "chat", "Customer: nobody got back to me like you promised", "open", "angry"),
    )
    assert categories_of(summary, history) == set()


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # A plain abbreviation ends the sentence when a capitalised word follows.
        ("No DPS no. on acct. Niamh added DPS.", 2),
        ("Refund approx. 3 days, ref. AB-12 logged.", 1),
        # A title or an initial belongs to the name after it.
        ("Spoke to Dr. Amir. He agreed.", 2),
        ("Handled by J. Smith today.", 1),
    ],
)
def test_where_a_sentence_ends_after_an_abbreviation(text: str, parts: int) -> None:
    assert len(sentences(text)) == parts
