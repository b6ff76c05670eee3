"""Invariants of the claim checker and of key-fact matching."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from eval.metrics.key_facts import fold
from service.claims import check_summary
from service.claims.text import normalize, sentences

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
    assert report.ok == (not report.findings)
    assert all(f.verdict in ("contradicted", "unsupported") for f in report.findings)
    share = report.supported_share
    assert share is None or 0.0 <= share <= 1.0
