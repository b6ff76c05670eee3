"""Contract tests of `InteractionStore`: SQLite and DynamoDB (moto server) pass the same ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.backends.protocols import InteractionStore
from service.models import Channel, Interaction, SummaryOptions

AS_OF = datetime(2025, 12, 8, 14, 32, 15, tzinfo=UTC)
ACCOUNT = "1234567890"


def make(offset: timedelta, channel: Channel = "ivr", intent: str = "Billing") -> Interaction:
    return Interaction(channel=channel, timestamp=AS_OF - offset, intent=intent)


def options(**overrides: object) -> SummaryOptions:
    return SummaryOptions.model_validate({"as_of": AS_OF, **overrides})


async def test_interactions_window_bounds_are_inclusive(
    interaction_store: InteractionStore,
) -> None:
    edge = timedelta(days=30)
    history = [
        make(timedelta(seconds=-1), intent="future"),
        make(timedelta(0), intent="at-as-of"),
        make(edge, intent="at-window-start"),
        make(edge + timedelta(microseconds=1), intent="just-outside"),
        make(timedelta(days=365), intent="old"),
    ]
    await interaction_store.put_many(ACCOUNT, history)
    result = await interaction_store.query(ACCOUNT, options(max_history_days=30))
    assert [i.intent for i in result.interactions] == ["at-as-of", "at-window-start"]


async def test_interactions_limit_keeps_newest_first(interaction_store: InteractionStore) -> None:
    history = [make(timedelta(hours=h), intent=f"h{h}") for h in range(15)]
    await interaction_store.put_many(ACCOUNT, history)
    result = await interaction_store.query(ACCOUNT, options(max_interactions=4))
    assert [i.intent for i in result.interactions] == ["h0", "h1", "h2", "h3"]
    stamps = [i.timestamp for i in result.interactions]
    assert stamps == sorted(stamps, reverse=True)


async def test_interactions_channel_filter_reads_past_non_matching(
    interaction_store: InteractionStore,
) -> None:
    # Many newer non-matching items force DynamoDB to paginate: Limit counts items read.
    noise = [make(timedelta(minutes=m), channel="ivr", intent=f"ivr{m}") for m in range(40)]
    wanted = [make(timedelta(days=d), channel="email", intent=f"email{d}") for d in (2, 3, 4, 5)]
    sms = [make(timedelta(days=1), channel="sms", intent="sms")]
    await interaction_store.put_many(ACCOUNT, noise + wanted + sms)
    result = await interaction_store.query(
        ACCOUNT, options(max_interactions=3, channel_filter=["email", "sms"])
    )
    assert [i.intent for i in result.interactions] == ["sms", "email2", "email3"]
    assert result.items_read >= 3


async def test_interactions_same_instant_order_is_backend_independent(
    interaction_store: InteractionStore,
) -> None:
    same = [make(timedelta(hours=1), channel=ch) for ch in ("agent", "sms", "email")]
    await interaction_store.put_many(ACCOUNT, same)
    result = await interaction_store.query(ACCOUNT, options())
    assert [i.channel for i in result.interactions] == ["sms", "email", "agent"]


async def test_interactions_empty_window_and_unknown_account(
    interaction_store: InteractionStore,
) -> None:
    await interaction_store.put_many(ACCOUNT, [make(timedelta(days=200))])
    assert (await interaction_store.query(ACCOUNT, options())).interactions == ()
    assert (await interaction_store.query("999", options())).interactions == ()
    assert (await interaction_store.query(ACCOUNT, options(max_history_days=365))).interactions


async def test_interactions_accounts_are_isolated(interaction_store: InteractionStore) -> None:
    await interaction_store.put_many(ACCOUNT, [make(timedelta(hours=1), intent="mine")])
    await interaction_store.put_many("1234567891", [make(timedelta(hours=2), intent="theirs")])
    result = await interaction_store.query(ACCOUNT, options())
    assert [i.intent for i in result.interactions] == ["mine"]


async def test_interactions_put_many_is_idempotent_and_round_trips(
    interaction_store: InteractionStore,
) -> None:
    full = Interaction(
        channel="chat",
        timestamp=AS_OF - timedelta(hours=3, microseconds=17),
        intent="ChargeDispute",
        notes="Disputed a $45 charge; escalated.",
        outcome="escalated",
        sentiment="frustrated",
    )
    await interaction_store.put_many(ACCOUNT, [full, full])
    await interaction_store.put_many(ACCOUNT, [full])
    result = await interaction_store.query(ACCOUNT, options())
    assert result.interactions == (full,)


async def test_interactions_description_masks_account(interaction_store: InteractionStore) -> None:
    result = await interaction_store.query(
        ACCOUNT, options(max_interactions=5, channel_filter=["ivr"])
    )
    assert ACCOUNT not in result.query_description
    assert "****7890" in result.query_description
    assert "ivr" in result.query_description
    assert "2025-12-08T14:32:15.000000Z" in result.query_description


async def test_interactions_ping(interaction_store: InteractionStore) -> None:
    await interaction_store.ping()
