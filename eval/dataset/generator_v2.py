"""Seeded generator of the v2 golden set and the dev set: long, messy histories with their
answer keys written by two independent reference writers (`eval.dataset.writers`).

Both sets come from the same code with different seeds, id prefixes and account ranges, so
prompt authors can tune on dev without ever seeing a golden account.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from eval.dataset import hazards
from eval.dataset.case import CaseBuilder
from eval.dataset.case_facts import Hazards, Record
from eval.dataset.jsonl import write_jsonl
from eval.dataset.people import make_customer
from eval.dataset.plans import SetSpec
from eval.dataset.records import ROUTINE
from eval.dataset.schema import DIFFICULTIES, Difficulty, HistorySample, Scenario
from eval.dataset.topics import TOPICS
from eval.dataset.validate import PART_SIZE
from eval.dataset.writers import Evidence, write_empty, write_references
from service.models import CHANNELS, Interaction, select_interactions

EPOCH = datetime(2026, 3, 2, 9, tzinfo=UTC)
SIZE_WEIGHTS = {  # short, medium, long, xl per difficulty
    "easy": (0.55, 0.35, 0.1, 0.0),
    "medium": (0.25, 0.45, 0.2, 0.1),
    "hard": (0.05, 0.3, 0.35, 0.3),
}


def generate_set(spec: SetSpec) -> list[tuple[HistorySample, dict[str, Any]]]:
    """Every history of a set with its annotation line (`id`, `references`, `key_facts`)."""
    plan = [
        (s, d)
        for s, counts in spec.plan.items()
        for d, count in zip(DIFFICULTIES, counts, strict=True)
        for _ in range(count)
    ]
    order = random.Random(spec.seed)
    order.shuffle(plan)
    injected = set(
        order.sample(
            [i for i, (s, _) in enumerate(plan) if s not in ("empty_history", "filter_empty")],
            spec.injections,
        )
    )
    styles = iter(hazards.INJECTION_STYLES * spec.injections)
    return [
        generate_sample(
            spec,
            scenario,
            difficulty,
            index=i + 1,
            injection=next(styles) if i in injected else None,
        )
        for i, (scenario, difficulty) in enumerate(plan)
    ]


def generate_sample(
    spec: SetSpec, scenario: Scenario, difficulty: Difficulty, *, index: int, injection: str | None
) -> tuple[HistorySample, dict[str, Any]]:
    """One history and its answer key; the same arguments give the same sample."""
    sample_id = f"{spec.prefix}-{index:03d}"
    rng = random.Random(f"{spec.seed}/{sample_id}/{scenario}/{difficulty}")
    level = DIFFICULTIES.index(difficulty)
    customer = make_customer(rng, non_ascii=scenario == "non_ascii" or rng.random() < 0.06)
    topic = TOPICS[scenario] if scenario in TOPICS else TOPICS[rng.choice(sorted(TOPICS))]
    size = rng.choices(("short", "medium", "long", "xl"), SIZE_WEIGHTS[difficulty])[0]
    pii_count = rng.randint(4, 7) if scenario == "pii_in_notes" else int(rng.random() < 0.3)
    hz = Hazards(
        injection=injection,
        pii=[kind for kind, _ in rng.sample(hazards.PII_FORMATS, pii_count)],
        foreign=scenario == "non_ascii" or rng.random() < 0.04,
        duplicate=rng.random() < 0.2,
        contradiction=level > 0 and rng.random() < 0.15,
    )
    start = EPOCH + timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 8))
    builder = CaseBuilder(
        rng,
        topic,
        level=0 if scenario == "sparse_history" else level,
        size=size,
        start=start,
        name=customer.name,
        email=customer.email,
        hz=hz,
        sparse=scenario == "sparse_history",
    )
    facts, main = builder.build()
    if level > 0 and rng.random() < 0.5:
        main = _with_routine(rng, main)
    as_of = _as_of(rng, main[-1].when)
    options: dict[str, Any] = {"max_interactions": 10 if len(main) <= 10 else 20}
    extra: list[Record] = []
    traits = {"injection"} if injection else set()
    if scenario == "over_max_interactions":
        extra = [
            _routine(rng, main[0].when - timedelta(days=d, hours=rng.randint(1, 9)))
            for d in range(8, 2, -1)
        ]
        options["max_interactions"] = len(main)
        traits.add("truncated")
    elif scenario == "outside_window":
        days = 30 if (as_of - main[0].when).days < 25 else 60
        old = CaseBuilder(
            rng,
            TOPICS[rng.choice(sorted(TOPICS))],
            level=0,
            size="short",
            start=as_of - timedelta(days=days + rng.randint(5, 40)),
            name=customer.name,
            email=customer.email,
            hz=Hazards(),
        )
        extra = [r for r in old.build()[1] if r.when < as_of - timedelta(days=days)]
        options["max_history_days"] = days
        traits.add("out_of_window")
    records = [] if scenario == "empty_history" else extra + main
    if scenario == "filter_empty":
        unused = [c for c in CHANNELS if c not in {r.channel for r in records}] or ["sms"]
        records = [r for r in records if r.channel not in unused]
        options["channel_filter"] = unused[:2]
        traits.update({"channel_filter", "no_history"})
    if scenario == "empty_history":
        traits.add("no_history")
    interactions = tuple(
        Interaction(
            channel=r.channel,
            timestamp=r.when,
            intent=r.intent,
            notes=r.notes,
            outcome=r.outcome,
            sentiment=r.sentiment,
        )
        for r in records
    )
    pii_kinds = sorted(set(builder.pii_used)) if records else []
    if pii_kinds:
        traits.add("pii")
    if any(not r.notes.isascii() for r in records):
        traits.add("non_ascii")
    history = HistorySample.model_validate(
        {
            "id": sample_id,
            "account_number": spec.account_digit + str(rng.randint(10**8, 10**9 - 1)),
            "contact_id": f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}",
            "ivr_intent": topic.ivr_intent if records else rng.choice(("billing_inquiry", "misc")),
            "options": {**options, "as_of": as_of},
            "interactions": interactions,
            "tags": {
                "scenario": scenario,
                "difficulty": difficulty,
                "channel_mix": sorted({i.channel for i in interactions}, key=CHANNELS.index),
                "topic": topic.name if records else "none",
                "traits": sorted(traits),
                "rules": "v2",
                "record_kinds": [r.kind for r in records],
                "injection": injection,
                "pii_kinds": pii_kinds,
                "languages": sorted({"English", *([facts.foreign[0]] if facts.foreign else [])})
                if records
                else [],
            },
        }
    )
    kept = set(select_interactions(history.interactions, history.summary_options()))
    if not kept:
        ref_a, ref_b, keys = write_empty(
            history.options.max_history_days, history.options.channel_filter, history.ivr_intent
        )
    else:
        by_mark: dict[str, list[int]] = {}
        for position, (record, item) in enumerate(zip(records, interactions, strict=True)):
            if item in kept and record in main:
                for mark in record.marks:
                    by_mark.setdefault(mark, []).append(position)
        evidence = Evidence({k: tuple(v) for k, v in by_mark.items()}, main[-1].when)
        ref_a, ref_b, keys = write_references(facts, evidence)
    return history, {"id": sample_id, "references": [ref_a, ref_b], "key_facts": keys}


def write_set(spec: SetSpec, root: Path) -> Path:
    """Write `histories.jsonl` and `annotations/part-N.jsonl` of a set under `root`."""
    folder = root / spec.name / spec.version
    rows = generate_set(spec)
    write_jsonl(folder / "histories.jsonl", (history for history, _ in rows))
    for part in range(0, len(rows), PART_SIZE):
        write_jsonl(
            folder / "annotations" / f"part-{part // PART_SIZE + 1}.jsonl",
            (annotation for _, annotation in rows[part : part + PART_SIZE]),
        )
    return folder


def _with_routine(rng: random.Random, main: list[Record]) -> list[Record]:
    # An unrelated contact in the middle of the case: in scope, but not part of the summary.
    at = rng.randrange(1, len(main))
    gap = main[at].when - main[at - 1].when
    if gap < timedelta(minutes=30):
        return main
    return [*main[:at], _routine(rng, main[at - 1].when + gap / 2), *main[at:]]


def _routine(rng: random.Random, when: datetime) -> Record:
    channel, intent, text = rng.choice(ROUTINE)
    return Record(
        channel,
        "routine",
        when.replace(microsecond=0),
        intent,
        text,
        "self_served",
        None,
    )


def _as_of(rng: random.Random, last: datetime) -> datetime:
    moment = last + timedelta(minutes=rng.randint(10, 48 * 60))
    if not 8 <= moment.hour < 20:  # the call being summarised reaches an agent in opening hours
        moment = moment.replace(hour=rng.randint(8, 19)) + timedelta(days=moment.hour >= 20)
    return moment.replace(microsecond=0)
