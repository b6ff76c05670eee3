"""A limit on how or where an act can be done ("can't be cleared remotely", "can't be
refunded at the front line") says nothing of whether it was done or where the matter
stands; the act denied outright is still told the other way round."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

from service.claims.clause import read_clause
from service.models import Interaction

RESET = (
    record(
        0,
        "agent",
        "Meter in tamper lock after a surge. Technician inspected it and reset the lock; "
        "the customer's units were restored.",
        outcome="resolved",
        sentiment="positive",
    ),
)
REFUNDED = (
    record(
        0,
        "agent",
        "Customer missed the ferry. The missed-departure fee of EUR 40 was refunded by "
        "the claims team.",
        outcome="refund issued",
        sentiment="neutral",
    ),
)
DISPUTED = {"status", "negated_action"}


@pytest.mark.parametrize(
    ("summary", "history"),
    [
        ("Agent explained a tamper lock can't be cleared remotely; a technician reset it.", RESET),
        ("The fee can't be refunded at the front line; the claims team refunded it.", REFUNDED),
    ],
)
def test_a_limit_on_how_is_no_denial(summary: str, history: tuple[Interaction, ...]) -> None:
    assert not categories_of(summary, history) & DISPUTED


@pytest.mark.parametrize(
    ("summary", "history"),
    [
        ("The tamper lock was not reset.", RESET),
        ("The missed-departure fee was not refunded.", REFUNDED),
    ],
)
def test_the_act_denied_outright_is_still_found(
    summary: str, history: tuple[Interaction, ...]
) -> None:
    assert categories_of(summary, history) & DISPUTED


def test_the_limited_clause_tells_no_act_done_or_denied() -> None:
    clause = read_clause("I'm unable to cancel a pending payment from our side")
    assert (clause.negated, clause.completes, clause.acts, clause.status) == (
        frozenset(),
        frozenset(),
        frozenset(),
        None,
    )
