"""The v2-rules sets: seed, id prefix, account range and scenario plan of each.

datasets/README.md (golden) and datasets/dev/README.md show the same plans as tables, and the
validator checks each built set against its README, so change both together.
"""

from __future__ import annotations

from dataclasses import dataclass

from eval.dataset.schema import Scenario


@dataclass(frozen=True)
class SetSpec:
    """One set to generate: seed, id prefix, first digit of its account numbers, plan."""

    name: str
    version: str
    seed: int
    prefix: str
    account_digit: str
    plan: dict[Scenario, tuple[int, int, int]]
    injections: int


GOLDEN_V2 = SetSpec(
    "golden",
    "v2",
    20260322,
    "gs2",
    "2",
    {
        "billing_dispute": (5, 9, 6),
        "outage": (4, 6, 4),
        "move_transfer": (3, 4, 3),
        "payment_arrangement": (4, 6, 4),
        "device_return": (3, 4, 3),
        "fraud": (3, 5, 4),
        "cancellation_threat": (3, 5, 4),
        "tech_troubleshooting": (4, 7, 5),
        "repeat_contact": (3, 6, 5),
        "escalation_pending": (2, 6, 6),
        "sparse_history": (5, 3, 0),
        "empty_history": (4, 0, 0),
        "over_max_interactions": (0, 4, 6),
        "outside_window": (0, 5, 5),
        "filter_empty": (2, 2, 0),
        "non_ascii": (3, 4, 3),
        "pii_in_notes": (4, 8, 6),
    },
    injections=24,
)
DEV = SetSpec(
    "dev",
    "v2",
    20260323,
    "dev",
    "7",
    {
        "billing_dispute": (2, 3, 2),
        "outage": (1, 2, 1),
        "move_transfer": (1, 1, 1),
        "payment_arrangement": (1, 2, 1),
        "device_return": (1, 1, 1),
        "fraud": (1, 1, 1),
        "cancellation_threat": (1, 1, 1),
        "tech_troubleshooting": (1, 2, 1),
        "repeat_contact": (1, 2, 1),
        "escalation_pending": (1, 2, 2),
        "sparse_history": (2, 1, 0),
        "empty_history": (1, 0, 0),
        "over_max_interactions": (0, 1, 2),
        "outside_window": (0, 1, 2),
        "filter_empty": (1, 1, 0),
        "non_ascii": (1, 1, 1),
        "pii_in_notes": (1, 2, 2),
    },
    injections=8,
)
SETS = {f"{s.name}/{s.version}": s for s in (GOLDEN_V2, DEV)}
