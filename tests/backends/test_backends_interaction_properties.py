"""Property test: both interaction stores agree with `select_interactions`, the oracle."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.backends.dynamodb_interactions import DynamoDBInteractionStore
from service.backends.dynamodb_tables import create_interactions_table
from service.backends.protocols import InteractionStore
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.models import CHANNELS, Channel, Interaction, SummaryOptions, select_interactions

AS_OF = datetime(2025, 12, 8, 14, 32, 15, tzinfo=UTC)
DAY = 86_400

option_sets = st.builds(
    SummaryOptions,
    max_history_days=st.integers(min_value=1, max_value=120),
    max_interactions=st.integers(min_value=1, max_value=15),
    channel_filter=st.none() | st.lists(st.sampled_from(CHANNELS), min_size=1).map(tuple),
    as_of=st.just(AS_OF),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[SummaryOptions, list[tuple[int, Channel]]]:
    """Options, then a history biased towards that window's edges, where off-by-ones live.

    Offsets are whole seconds before `as_of` and unique: two rows at one instant may
    tie-break differently in the oracle (which keeps input order) and in the stores.
    """
    options = draw(option_sets)
    window = options.max_history_days * DAY
    edges = [0, -1, 1, window, window - 1, window + 1]
    offsets = st.sampled_from(edges) | st.integers(min_value=-2 * DAY, max_value=130 * DAY)
    history = draw(
        st.lists(
            st.tuples(offsets, st.sampled_from(CHANNELS)), max_size=40, unique_by=lambda t: t[0]
        )
    )
    return options, history


@pytest.fixture(scope="module", params=["sqlite", "dynamodb", "stack"])
def store(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    dynamodb_client: Any,
    deploy_storage: Any,
) -> Iterator[InteractionStore]:
    built: InteractionStore
    if request.param == "sqlite":
        built = SqliteInteractionStore(tmp_path_factory.mktemp("props") / "interactions.sqlite")
    elif request.param == "stack":
        table = deploy_storage().interactions_table
        built = DynamoDBInteractionStore(dynamodb_client, table_name=table)
    else:
        table = f"props-{uuid.uuid4().hex[:10]}"
        create_interactions_table(dynamodb_client, table_name=table)
        built = DynamoDBInteractionStore(dynamodb_client, table_name=table)
    yield built
    built.close()


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_interaction_query_matches_select_interactions(
    store: InteractionStore, case: tuple[SummaryOptions, list[tuple[int, Channel]]]
) -> None:
    options, history = case
    account = uuid.uuid4().hex  # A fresh account per example: the store is shared.
    interactions = [
        Interaction.model_validate(
            {"channel": ch, "timestamp": AS_OF - timedelta(seconds=off), "intent": f"i{off}"}
        )
        for off, ch in history
    ]

    async def scenario() -> tuple[Interaction, ...]:
        await store.put_many(account, interactions)
        return (await store.query(account, options)).interactions

    got = asyncio.run(scenario())
    assert tuple(reversed(got)) == select_interactions(interactions, options)
