"""Invariants of the claim checker and of key-fact matching."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from eval.dataset.loader import load_golden
from eval.metrics.key_facts import fold
from service.claims import check_summary
from service.claims.act_phrases import CALLS
from service.claims.clause import fold_phrases
from service.claims.tables import Rewrite, rewrites
from service.claims.text import NeedledRewrites, clauses, normalize, sentences
from service.claims.types import SEVERITY

ROOT = Path(__file__).resolve().parents[2]
FOLDS = rewrites("act_phrases")
NOT_HAPPENED = rewrites("not_happened")

HISTORY = (
    record(
        0,
        "agent",
        "Late fee of $15.00 not waived. Customer set up autopay on the 3rd. "
        "Technician visit booked for Mar 9, 8am-12pm. Modem replaced on site.",
        "pending_visit",
        "frustrated",
    ),
    record(
        5,
        "chat",
        "Customer: the new modem still drops every evening. Agent: escalated to "
        "network team, ticket NW-7781, callback promised within 24 hours.",
        "escalated",
        "angry",
    ),
    record(
        8,
        "email",
        "Nobody called back. Refund of the $15.00 fee was requested again.",
        "awaiting_reply",
        "angry",
    ),
)
RECORD_SENTENCES = [s for item in HISTORY for s in sentences(item.notes)]
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(RECORD_SENTENCES), min_size=1, max_size=4))
def test_claims_copied_verbatim_from_records_are_never_contradicted(copied: list[str]) -> None:
    report = check_summary(" ".join(copied), HISTORY, OPTIONS)
    assert not report.contradicted, [(f.category, f.claim, f.reason) for f in report.contradicted]


@settings(max_examples=200, deadline=None)
@given(words)
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@settings(max_examples=200, deadline=None)
@given(words)
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@settings(max_examples=80, deadline=None)
@given(words)
def test_checker_never_raises_and_reports_consistently(text: str) -> None:
    report = check_summary(text, HISTORY, OPTIONS)
    # A claim's verdict is its worst finding's, and its findings are the report's.
    for claim in report.claims:
        worst = max((SEVERITY[f.verdict] for f in claim.findings), default=0)
        assert SEVERITY[claim.verdict] == worst
        assert all(finding in report.findings for finding in claim.findings)
    assert all(f.verdict in ("contradicted", "unsupported") for f in report.findings)
    share = report.supported_share
    assert share is None or 0.0 <= share <= 1.0


def _fold_every_phrase(norm: str) -> str:
    for fold_ in FOLDS:
        norm = fold_.pattern.sub(fold_.replacement(CALLS), norm)
    return norm


@cache
def _golden_texts() -> list[str]:
    """Every clause of the golden records and references, v1 and v2, normalised."""
    texts: list[str] = []
    for version in ("v1", "v2"):
        for sample in load_golden(version, root=ROOT / "datasets").samples:
            for text in (*(i.notes for i in sample.interactions), *sample.references):
                texts += [normalize(c) for s in sentences(text) for c in clauses(s)]
    return texts


def test_folding_skips_only_phrases_a_text_cannot_hold() -> None:
    # The needles let a fold be skipped; they must never skip one that would have applied.
    texts = _golden_texts()
    assert len(texts) > 10_000
    assert [fold_phrases(t) for t in texts] == [_fold_every_phrase(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            "the agent called customer back nobody no one got refund money through promised "
            "as like note left tier 2 took offer offered declined would not turned down logged "
            "case support wifi password reset due payment plan set up no-show open request "
            "sent removed fee charge off bill in place was".split()
        ),
        max_size=12,
    )
)
def test_folding_with_needles_equals_folding_every_phrase(words_: list[str]) -> None:
    text = normalize(" ".join(words_))
    assert fold_phrases(text) == _fold_every_phrase(text)


def test_a_rewrite_applies_only_where_its_needles_are() -> None:
    # normalize tries a rewrite only when one of its needles is in the text: every text a
    # rewrite's pattern matches must hold one.
    texts = [t.lower() for t in _golden_texts()]
    for rewrite in NOT_HAPPENED:
        for text in texts:
            if rewrite.pattern.search(text):
                assert any(needle in text for needle in rewrite.needles), (rewrite.name, text)


def _rewrite_each_in_turn(text: str, rows: tuple[Rewrite, ...]) -> str:
    """The plain reading of needled rewrites: each tried when the text, as it stands at its
    turn, holds one of its needles."""
    for row in rows:
        if any(needle in text for needle in row.needles):
            text = row.pattern.sub(row.replacement(CALLS), text)
    return text


_NEEDLE_WORDS = sorted(
    {n for rows in (FOLDS, NOT_HAPPENED) for row in rows for n in row.needles}
    | {"the", "customer", "was", "not", "a", "credit", "refund", "on", "friday", "it", "is"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NEEDLE_WORDS), min_size=1, max_size=12))
def test_needled_rewrites_equal_trying_every_rewrite_in_turn(chosen: list[str]) -> None:
    text = " ".join(chosen)
    assert NeedledRewrites(FOLDS, CALLS).apply(text) == _rewrite_each_in_turn(text, FOLDS)
    assert NeedledRewrites(NOT_HAPPENED).apply(text) == _rewrite_each_in_turn(text, NOT_HAPPENED)


def _row(needle: str, pattern: str, into: str) -> Rewrite:
    return Rewrite(needle, re.compile(pattern), into, None, (needle,), (needle,), "", "test")


def test_a_rewrite_sees_the_needles_an_earlier_rewrite_wrote() -> None:
    chain = (
        _row("fell", r"\bfell through\b", "failed"),
        _row("failed", r"\bfailed\b", "not done"),
        _row("fell", r"\bfell\b", "dropped"),
    )
    assert NeedledRewrites(chain).apply("visit fell through") == "visit not done"
    assert _rewrite_each_in_turn("visit fell through", chain) == "visit not done"
