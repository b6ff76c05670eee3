"""Sticky canary assignment and the rollout stages.

An account lands in one of 10,000 buckets by a hash of its number, so the same customer
always sees the same version, and raising the weight only adds accounts to the canary
(an account in the 10 % canary stays in it at 25 %, 50 % and 100 %).
"""

from __future__ import annotations

import hashlib

BUCKETS = 10_000
# Seed 000 rolls out 10 % -> 25 % -> 50 % -> 100 %; 0 means "no canary".
ROLLOUT_STAGES: tuple[int, ...] = (10, 25, 50, 100)
ALLOWED_WEIGHTS: frozenset[int] = frozenset((0, *ROLLOUT_STAGES))


class CanaryWeightError(ValueError):
    """A weight outside the rollout stages."""


def validate_weight(weight: int) -> int:
    """Return `weight` if it is 0 or a rollout stage, else raise `CanaryWeightError`."""
    if weight not in ALLOWED_WEIGHTS:
        raise CanaryWeightError(
            f"canary weight {weight} is not a rollout stage; use one of "
            f"{sorted(ALLOWED_WEIGHTS)} (0 clears the canary)"
        )
    return weight


def bucket(account_number: str, salt: str) -> int:
    """The account's bucket in [0, 10000), stable across processes and Python versions."""
    # sha256, not hash(): Python's str hash is randomized per process.
    digest = hashlib.sha256(f"{salt}\x00{account_number}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def in_canary(account_number: str, weight: int, salt: str) -> bool:
    """True when the account is served the canary at `weight` percent."""
    if weight <= 0:
        return False
    return bucket(account_number, salt) < weight * (BUCKETS // 100)
