"""Seeded generator of customer histories: the 200 golden histories and load-test traffic.

Only histories come from here. References and key facts are written by people reading the
history (see datasets/README.md); generating them from these templates would make BLEU circular.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from eval.dataset import twists
from eval.dataset.jsonl import write_jsonl
from eval.dataset.people import make_customer
from eval.dataset.schema import DIFFICULTIES, Difficulty, HistorySample, Scenario
from eval.dataset.stories_account import escalation_pending, fraud, move_transfer
from eval.dataset.stories_billing import billing_dispute, cancellation_threat, payment_arrangement
from eval.dataset.stories_service import (
    device_return,
    outage,
    repeat_contact,
    tech_troubleshooting,
)
from eval.dataset.story import Planted, Story
from service.models import CHANNELS, select_interactions

GOLDEN_SEED = 20251208
EPOCH = datetime(2025, 8, 1, tzinfo=UTC)

TOPICS: dict[str, Callable[[Story], str]] = {
    "billing_dispute": billing_dispute,
    "outage": outage,
    "move_transfer": move_transfer,
    "payment_arrangement": payment_arrangement,
    "device_return": device_return,
    "fraud": fraud,
    "cancellation_threat": cancellation_threat,
    "tech_troubleshooting": tech_troubleshooting,
    "repeat_contact": repeat_contact,
    "escalation_pending": escalation_pending,
}
BILLING_TOPICS = {"billing_dispute", "payment_arrangement", "cancellation_threat", "fraud"}

# Samples per scenario as (easy, medium, hard); datasets/README.md shows the same table and the
# validator checks the committed set against the README, so change both together.
SCENARIO_PLAN: dict[Scenario, tuple[int, int, int]] = {
    "billing_dispute": (6, 10, 6),
    "outage": (5, 7, 4),
    "move_transfer": (4, 5, 3),
    "payment_arrangement": (4, 6, 4),
    "device_return": (3, 5, 2),
    "fraud": (2, 5, 3),
    "cancellation_threat": (3, 5, 4),
    "tech_troubleshooting": (5, 8, 5),
    "repeat_contact": (3, 6, 5),
    "escalation_pending": (2, 5, 5),
    "sparse_history": (6, 4, 0),
    "empty_history": (6, 0, 0),
    "over_max_interactions": (0, 4, 6),
    "outside_window": (0, 4, 4),
    "filter_empty": (3, 3, 0),
    "non_ascii": (3, 4, 3),
    "pii_in_notes": (2, 5, 3),
}
EMPTY_INTENTS = ("billing_inquiry", "tech_support", "misc", "new_service", "payment")


@dataclass(frozen=True)
class GeneratedSample:
    """A generated history and the facts the generator planted in its in-scope part."""

    history: HistorySample
    planted: Planted


class HistoryFiles(NamedTuple):
    """Where `write_histories` put its output."""

    histories: Path
    planted: Path


def generate_sample(
    scenario: Scenario, difficulty: Difficulty, *, seed: int, sample_id: str
) -> GeneratedSample:
    """One history for a scenario and difficulty; the same arguments give the same sample.

    Args:
        scenario: Which situation the history shows.
        difficulty: easy, medium or hard; drives length, channel mix and open threads.
        seed: Base seed of the whole set.
        sample_id: The sample's id; part of the per-sample seed, so samples are independent.
    """
    rng = random.Random(f"{seed}/{sample_id}/{scenario}/{difficulty}")
    level = DIFFICULTIES.index(difficulty)
    customer = make_customer(rng, non_ascii=scenario == "non_ascii" or rng.random() < 0.06)
    start = EPOCH + timedelta(days=rng.randint(0, 110), hours=rng.randint(8, 17))
    story = Story(rng, customer, start, level=level)
    account_number = str(rng.randint(10**9, 10**10 - 1))
    topic: str = scenario if scenario in TOPICS else rng.choice(sorted(TOPICS))
    traits: set[str] = set()
    if level == 2 and scenario in TOPICS and rng.random() < 0.5:
        # A second, earlier matter: hard histories interleave threads the summary must separate.
        second = Story(rng, customer, start, level=0)
        TOPICS[rng.choice(sorted(set(TOPICS) - {topic}))](second)
        story.events, story.cursor = second.events, second.cursor
        story.wait(24, 200)
        traits.add("second_thread")
    ivr_intent = TOPICS[topic](story)
    if rng.random() < 0.1:
        ivr_intent = "misc"  # the service default when the IVR could not classify the call
    options: dict[str, object] = {}
    pii: list[str] = []
    if scenario == "sparse_history":
        twists.sparse(story)
    elif scenario == "empty_history":
        story.events.clear()
        ivr_intent = rng.choice(EMPTY_INTENTS)
        traits.add("no_history")
    elif scenario == "over_max_interactions":
        limit = 5 if len(story.events) <= 5 and rng.random() < 0.5 else 10
        twists.routine_before(story, limit - len(story.events) + rng.randint(1, 6))
        options["max_interactions"] = limit
        traits.add("truncated")
    elif scenario == "filter_empty":
        unused = twists.unused_channels(story)
        if not unused:  # every channel used: drop one so the filter can miss everything
            dropped = rng.choice(CHANNELS)
            story.events = [e for e in story.events if e.interaction.channel != dropped]
            unused = [dropped]
        options["channel_filter"] = tuple(rng.sample(unused, k=min(len(unused), 2)))
        traits.update({"channel_filter", "no_history"})
    elif scenario == "non_ascii":
        twists.foreign_message(story, "bill" if topic in BILLING_TOPICS else "broken")
    elif scenario == "pii_in_notes":
        pii = twists.leak_pii(story, account_number, heavy=True)
    if scenario != "pii_in_notes" and story.events and rng.random() < 0.08:
        pii = twists.leak_pii(story, account_number, heavy=False)
    as_of = _as_of(story, rng)
    if scenario == "outside_window":
        span = (as_of - story.events[0].interaction.timestamp).days + 1
        days = rng.choice([d for d in (30, 60, 90) if d > span] or [90])
        twists.old_matter(story, as_of - timedelta(days=days), TOPICS[rng.choice(sorted(TOPICS))])
        options["max_history_days"] = days
        traits.add("out_of_window")
    elif scenario in TOPICS and len(story.events) >= 3 and rng.random() < 0.1:
        options["channel_filter"] = ("ivr", "agent")  # the seed's example request
        traits.add("channel_filter")
    if customer.speaker is not None and scenario != "non_ascii":
        twists.mention_name(story)
    if not all(event.interaction.notes.isascii() for event in story.events):
        traits.add("non_ascii")
    if pii:
        traits.add("pii")
    interactions = tuple(event.interaction for event in story.events)
    history = HistorySample.model_validate(
        {
            "id": sample_id,
            "account_number": account_number,
            "contact_id": f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}",
            "ivr_intent": ivr_intent,
            "options": {**options, "as_of": as_of},
            "interactions": interactions,
            "tags": {
                "scenario": scenario,
                "difficulty": difficulty,
                "channel_mix": sorted({i.channel for i in interactions}, key=CHANNELS.index),
                "topic": "none" if scenario == "empty_history" else topic,
                "traits": sorted(traits),
            },
        }
    )
    return GeneratedSample(history, _planted(story, history, pii))


def generate_samples(seed: int = GOLDEN_SEED) -> list[GeneratedSample]:
    """The golden histories: `SCENARIO_PLAN` in a seeded order, ids `gs-001` upwards.

    Scenarios are shuffled so each annotator's block of 50 gets a mix of them.
    """
    plan = [
        (scenario, difficulty)
        for scenario, counts in SCENARIO_PLAN.items()
        for difficulty, count in zip(DIFFICULTIES, counts, strict=True)
        for _ in range(count)
    ]
    random.Random(seed).shuffle(plan)
    return [
        generate_sample(scenario, difficulty, seed=seed, sample_id=f"gs-{index:03d}")
        for index, (scenario, difficulty) in enumerate(plan, start=1)
    ]


def write_histories(seed: int, path: Path) -> HistoryFiles:
    """Write the golden histories to `path` and their planted facts to `planted.jsonl` beside it.

    Args:
        seed: Generator seed (the committed v1 set uses `GOLDEN_SEED`).
        path: Destination, normally `datasets/golden/v1/histories.jsonl`.
    """
    samples = generate_samples(seed)
    write_jsonl(path, (sample.history for sample in samples))
    planted = write_jsonl(
        path.with_name("planted.jsonl"),
        ({"id": s.history.id, "planted": s.planted.model_dump(mode="json")} for s in samples),
    )
    return HistoryFiles(path, planted)


def generate_traffic(n_accounts: int, seed: int) -> Iterator[HistorySample]:
    """Synthetic accounts for load tests and the weekly report, never committed to git.

    Scenarios and difficulties are drawn with the golden set's proportions.

    Args:
        n_accounts: How many accounts to yield.
        seed: Seed; the same seed yields the same accounts.
    """
    rng = random.Random(seed)
    population = [(s, d) for s, counts in SCENARIO_PLAN.items() for d in DIFFICULTIES]
    weights = [SCENARIO_PLAN[s][DIFFICULTIES.index(d)] for s, d in population]
    for index in range(n_accounts):
        scenario, difficulty = rng.choices(population, weights)[0]
        sample_id = f"traffic-{index:07d}"
        yield generate_sample(scenario, difficulty, seed=seed, sample_id=sample_id).history


def _as_of(story: Story, rng: random.Random) -> datetime:
    """The moment of the call being summarised: shortly after the last contact."""
    if not story.events:
        return story.cursor
    last = story.events[-1].interaction.timestamp
    moment = last + timedelta(minutes=rng.randint(10, 48 * 60))
    if not 8 <= moment.hour < 20:  # the call being summarised reaches an agent in opening hours
        moment = moment.replace(hour=rng.randint(8, 19)) + timedelta(days=moment.hour >= 20)
    return moment.replace(microsecond=0)


def _planted(story: Story, history: HistorySample, pii: list[str]) -> Planted:
    kept = set(select_interactions(history.interactions, history.summary_options()))
    planted = Planted(pii=pii, in_scope=len(kept), out_of_scope=len(story.events) - len(kept))
    for event in story.events:
        if event.interaction not in kept:
            continue
        for kind, texts in event.facts.items():
            getattr(planted, kind).extend(texts)
        if event.interaction.sentiment is not None:
            planted.final_sentiment = event.interaction.sentiment
    return planted
