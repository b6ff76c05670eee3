"""Hand-made samples and contexts for the perturbation families (tests/metaeval).

`FirstChoice` is a `random.Random` whose choices are the first option (or the last, for
the held-out half), so a family's output on a hand-made sample is exact.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from hypothesis import strategies as st

from eval.metaeval import FAMILIES, FamilyContext, PhraseBook, load_phrase_book
from eval.metaeval.dates import DateStyle, find_dates, format_date
from eval.metaeval.variant import OtherSummary
from eval.scorers.deps import in_scope
from eval.types import EvalSample, KeyFactSpec
from service.claims.mentions import AMOUNT, COUNT, mentioned_dates, parse_amount, parse_count
from service.models import Interaction, SummaryOptions

T = TypeVar("T")
SMALL_PHRASES = Path(__file__).parent / "metaeval_phrases.yaml"
AS_OF = datetime(2025, 11, 8, 14, 0, tzinfo=UTC)


class FirstChoice(random.Random):
    """Always the first option; `random()` is 0.0 (dev half) or 0.99 (held-out half)."""

    def __init__(self, heldout: bool = False) -> None:
        super().__init__(0)
        self.heldout = heldout

    def random(self) -> float:
        return 0.99 if self.heldout else 0.0

    def choice(self, seq: Sequence[T]) -> T:
        return seq[0]

    def choices(self, population: Sequence[T], *args: Any, **kwargs: Any) -> list[T]:
        return [population[0]]

    def shuffle(self, x: list[Any], *args: Any) -> None:
        return None

    def randint(self, a: int, b: int) -> int:
        return a

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        return 0 if stop is None else start


def record(
    notes: str,
    *,
    channel: str = "agent",
    day: int = 3,
    sentiment: str | None = "frustrated",
    outcome: str = "",
) -> Interaction:
    return Interaction(
        channel=channel,  # type: ignore[arg-type]
        timestamp=datetime(2025, 11, day, 10, 0, tzinfo=UTC),
        intent="BillingInquiry",
        notes=notes,
        outcome=outcome,
        sentiment=sentiment,  # type: ignore[arg-type]
    )


def sample(
    *records: Interaction,
    sample_id: str = "t-001",
    status: str | None = None,
    topic: str = "billing_dispute",
    account: str = "8006084209",
) -> EvalSample:
    facts = (KeyFactSpec(status, "status", ("x",)),) if status else ()
    return EvalSample(
        id=sample_id,
        dataset="golden/test",
        interactions=tuple(records),
        options=SummaryOptions(as_of=AS_OF),
        references=("reference",),
        key_facts=facts,
        tags={"topic": topic, "account_number": account},
    )


def context(
    family: str,
    eval_sample: EvalSample,
    text: str,
    *,
    heldout: bool = False,
    rng: random.Random | None = None,
    phrases: PhraseBook | None = None,
    others: tuple[OtherSummary, ...] = (),
) -> FamilyContext:
    return FamilyContext(
        sample=eval_sample,
        interactions=in_scope(eval_sample),
        text=text,
        source="reference",
        rng=rng or FirstChoice(heldout),
        others=others,
        phrases=phrases or load_phrase_book(SMALL_PHRASES),
        family=FAMILIES[family],
        seed=0,
    )


NEGATION = re.compile(r"\bnot\b|n't\b|\bcannot\b|\bnever\b|\bno\b", re.IGNORECASE)


def amounts(text: str) -> Counter[object]:
    return Counter(parse_amount(m.group(1) or m.group(2)) for m in AMOUNT.finditer(text))


def dates(text: str) -> list[frozenset[tuple[int, int]]]:
    return sorted((frozenset(r) for _, r in mentioned_dates(text)), key=sorted)


def counts(text: str) -> Counter[int]:
    """Counts as the harness reads them, except a date's day before a noun ("Nov 10 calls")."""
    spans = [(m.start, m.end) for m in find_dates(text)]
    return Counter(
        parse_count(m.group(1) or m.group(3))
        for m in COUNT.finditer(text)
        if not any(start < m.end() and m.start() < end for start, end in spans)
    )


# Hypothesis: summaries built from sentences with amounts, dates, counts, negations and a
# sentiment label, written in the formats summaries use.
STYLES = (
    DateStyle("month_day"),
    DateStyle("month_day", zero_pad=True),
    DateStyle("day_month", full_month=True),
    DateStyle("slash"),
    DateStyle("month_day", full_month=True, ordinal=True),
)
days = st.builds(date, st.just(2025), st.integers(1, 12), st.integers(13, 28))
written_dates = st.builds(format_date, days, st.sampled_from(STYLES))
written_amounts = st.one_of(
    st.integers(1, 999).map(lambda n: f"${n}"),
    st.integers(100, 99_999).map(lambda n: f"${n // 100:,}.{n % 100:02d}"),
    st.integers(1, 300).map(lambda n: f"{n} dollars"),
)
written_counts = st.sampled_from(["twice", "3 times", "three times", "2 contacts", "five calls"])
feelings = st.sampled_from(["angry", "frustrated", "neutral", "satisfied", "negative"])
clauses = st.one_of(
    st.builds(
        "Customer has contacted us {} about a {} charge.".format, written_counts, written_amounts
    ),
    st.builds("On {} the agent applied a {} credit.".format, written_dates, written_amounts),
    st.builds(
        "Dispute BD-{} was filed on {}; it is not resolved yet.".format,
        st.integers(10_000, 99_999),
        written_dates,
    ),
    st.just("The customer did not receive the refund and cannot log in."),
    st.just("They were told the issue is still unresolved because the technician was booked."),
    st.builds("A technician is booked for {}.".format, written_dates),
)
summaries = st.builds(
    lambda parts, feeling: " ".join(parts) + f" Customer sentiment: {feeling}.",
    st.lists(clauses, min_size=1, max_size=5),
    feelings,
)
