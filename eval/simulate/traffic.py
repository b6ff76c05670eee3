"""A week of agent traffic: who calls when, who gets transferred, and how agents vote.

Histories come from the dataset generator (`eval.dataset.generator`, the golden set's
scenario mix), shifted in time so each call lands in the simulated week during opening hours.
The agents' vote is a model of usefulness, independent of the judge: the probability that
a summary is found helpful rises with its recall of the facts the generator planted in the
in-scope history (amounts, dates, open items, promises):

    P(helpful) = 0.62 + 0.35 * recall        (0.70 for "No interactions found")

so a weaker prompt or a fallback model that drops facts really earns more thumbs-down.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from eval.dataset.generator import GOLDEN_SEED, SCENARIO_PLAN, generate_sample
from eval.dataset.schema import DIFFICULTIES, HistorySample
from eval.dataset.story import Planted
from service.models import Interaction

TRANSFER_RATE = 0.35
VOTE_RATE = 0.45
REVOTE_RATE = 0.05
COMMENTS = (
    "missed the open dispute",
    "wrong amount",
    "too long to read",
    "nothing new",
    "customer gave a new number 555-010-4477, summary did not help",
)
DAY_WEIGHTS = (1.2, 1.1, 1.0, 1.0, 1.1, 0.5, 0.3)  # Monday busiest, Sunday quietest


@dataclass(frozen=True)
class Call:
    """One account's call in the week, and whether it is transferred (and when)."""

    index: int
    history: HistorySample
    planted: Planted
    at: datetime
    interactions: tuple[Interaction, ...]
    transfer_after: timedelta | None


def _planted_facts(planted: Planted) -> list[str]:
    return [*planted.amounts, *planted.dates, *planted.open_items, *planted.promises]


def helpful_probability(summary: str, planted: Planted, *, model_called: bool) -> float:
    """The agents' usefulness model (see the module docstring)."""
    if not model_called:
        return 0.70
    facts = _planted_facts(planted)
    if not facts:
        return 0.80
    text = summary.lower()
    recall = sum(fact.lower() in text for fact in facts) / len(facts)
    return 0.62 + 0.35 * recall


def _moment(rng: random.Random, monday: date) -> datetime:
    day = rng.choices(range(7), DAY_WEIGHTS)[0]
    minute = rng.randrange(8 * 60, 20 * 60)
    return datetime.combine(monday + timedelta(days=day), time(), tzinfo=UTC) + timedelta(
        minutes=minute, seconds=rng.randrange(60)
    )


def plan_calls(n_requests: int, monday: date, *, seed: int) -> Iterator[Call]:
    """Calls whose first requests plus transfers add up to about `n_requests`.

    Mirrors `generate_traffic` (same scenario weights) but keeps the planted facts, which
    the usefulness model needs.
    """
    rng = random.Random(seed)
    population = [(s, d) for s, counts in SCENARIO_PLAN.items() for d in DIFFICULTIES]
    weights = [SCENARIO_PLAN[s][DIFFICULTIES.index(d)] for s, d in population]
    n_calls = max(1, round(n_requests / (1 + TRANSFER_RATE)))
    for index in range(n_calls):
        scenario, difficulty = rng.choices(population, weights)[0]
        sample = generate_sample(
            scenario, difficulty, seed=GOLDEN_SEED + seed, sample_id=f"sim-{index:07d}"
        )
        at = _moment(rng, monday)
        shift = at - sample.history.options.as_of
        interactions = tuple(
            item.model_copy(update={"timestamp": item.timestamp + shift})
            for item in sample.history.interactions
        )
        transfer = None
        if rng.random() < TRANSFER_RATE:
            # Most transfers come within 5 minutes (the KPI's population), some later.
            transfer = timedelta(seconds=rng.randint(40, 300 if rng.random() < 0.85 else 900))
        yield Call(index, sample.history, sample.planted, at, interactions, transfer)
