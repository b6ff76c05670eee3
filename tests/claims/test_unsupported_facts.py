"""Fabricated-fact check: no false alarms on the golden references, catches injected facts."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from eval.dataset.loader import load_golden
from eval.dataset.schema import GoldenSample
from service.claims import read_history
from service.claims.facts import UnsupportedFact
from service.claims.facts import unsupported_facts as facts_of
from service.models import Interaction, SummaryOptions

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@cache
def golden() -> tuple[GoldenSample, ...]:
    return load_golden("v1", root=DATASETS).samples


def unsupported_facts(
    summary: str, interactions: tuple[Interaction, ...], options: SummaryOptions
) -> list[UnsupportedFact]:
    history = read_history(interactions, options)
    return facts_of(summary, history.source, history.people)


def _by_id(sample_id: str) -> GoldenSample:
    return next(sample for sample in golden() if sample.id == sample_id)


def test_no_golden_reference_has_an_unsupported_fact() -> None:
    flagged = {
        (sample.id, fact.kind, fact.text)
        for sample in golden()
        for reference in sample.references
        for fact in unsupported_facts(reference, sample.in_scope(), sample.summary_options())
    }
    assert len(golden()) == 200
    assert flagged == set()


@pytest.mark.parametrize(
    ("injected", "kind"),
    [
        (" A $45.00 goodwill credit was applied.", "amount"),
        (" Paid 45 dollars already.", "amount"),
        (" A follow-up is booked for Dec 12.", "date"),
        (" The customer has contacted us 7 times.", "count"),
        (" Card 4111 1111 1111 1111 is on file.", "number"),
        (" Callback number 555-010-4477.", "number"),
        (" Card ending 9999 was charged.", "number"),
        (" Also opened ticket BD-11111.", "ticket"),
        (" The customer also sent an email.", "channel"),
        (" The customer reported fraud.", "intent"),
    ],
)
def test_injected_fabrication_is_caught(injected: str, kind: str) -> None:
    sample = _by_id("gs-002")  # ivr + agent + chat, $26 dispute BD-94364, Nov 3-6
    facts = unsupported_facts(
        sample.references[0] + injected, sample.in_scope(), sample.summary_options()
    )
    assert [fact.kind for fact in facts] == [kind], facts


@pytest.mark.parametrize(
    "supported",
    [
        " The $26.00 charge (26 dollars) is disputed.",  # the same amount, written differently
        " Dispute opened 11/03.",  # a slash date
        " Two contacts on Nov 3.",  # a count within the contacts in scope
        " Call them back today.",  # the current call
        " Summary as of Nov 8.",  # as_of
    ],
)
def test_supported_variants_are_not_flagged(supported: str) -> None:
    sample = _by_id("gs-002")
    reference = sample.references[0] + supported
    assert unsupported_facts(reference, sample.in_scope(), sample.summary_options()) == []


def test_dates_derived_from_a_stated_duration_are_supported() -> None:
    sample = _by_id("gs-025")  # Nov 4: "return within 14 days"
    options = sample.summary_options()
    assert unsupported_facts("Return due by Nov 18.", sample.in_scope(), options) == []
    assert [f.kind for f in unsupported_facts("Due Nov 28.", sample.in_scope(), options)] == [
        "date"
    ]


def test_empty_history_supports_only_what_the_request_says() -> None:
    sample = _by_id("gs-015")  # channel filter chat + sms, nothing in scope
    options = sample.summary_options()
    assert unsupported_facts(sample.references[0], (), options) == []
    assert [f.kind for f in unsupported_facts("Refund of $40 on Sep 2.", (), options)] == [
        "amount",
        "date",
        "intent",
    ]
