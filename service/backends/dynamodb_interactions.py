"""Interaction history in DynamoDB (`ucdp_interactions`): the production `InteractionStore`.

Key design (see docs/backends.md): partition key `account_number`, sort key
`<ts>#<channel>#<seq>` with `ts` a fixed-width ISO-8601 UTC string, so one Query with
`BETWEEN` on the sort key reads exactly the time window, newest first. A channel filter is a
`FilterExpression` evaluated after the read, with pagination until enough items matched.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from service.backends.dynamodb_tables import INTERACTIONS_PK, INTERACTIONS_SK, INTERACTIONS_TABLE
from service.backends.protocols import (
    InteractionQueryResult,
    format_ts,
    interaction_seq,
    mask_account_number,
    window_bounds,
)
from service.models import Interaction, SummaryOptions

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

_T = TypeVar("_T")
_BATCH = 25  # BatchWriteItem's hard limit.
# With a filter, DynamoDB's Limit counts items read, not matched. Reading a few times the
# wanted count per page keeps round trips to one or two for typical channel mixes without
# paying read capacity for the whole 90-day window.
_FILTER_PAGE_FACTOR = 4
# '~' sorts after '#', so every `<end>#...` sort key is inside the upper bound.
_UPPER_SUFFIX = "~"


class DynamoDBInteractionStore:
    """`InteractionStore` over a DynamoDB table, using a thread-safe low-level boto3 client."""

    def __init__(
        self,
        client: DynamoDBClient,
        *,
        table_name: str = INTERACTIONS_TABLE,
        executor: Executor | None = None,
    ) -> None:
        """Wire the store; no network I/O happens here.

        Args:
            client: boto3 DynamoDB client (its `max_pool_connections` should match `executor`).
            table_name: The interaction table.
            executor: Where blocking boto3 calls run; None uses the event loop's default.
        """
        self._client = client
        self._table = table_name
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def query(self, account_number: str, options: SummaryOptions) -> InteractionQueryResult:
        """See `InteractionStore.query`."""
        start, end = window_bounds(options)
        channels = sorted(set(options.channel_filter or ()))
        items, read, pages, page_limit = await self._run(
            partial(
                self._query_sync, account_number, start, end, channels, options.max_interactions
            )
        )
        masked = mask_account_number(account_number)
        description = (
            f"dynamodb Query {self._table}: {INTERACTIONS_PK} = '{masked}'"
            f" AND {INTERACTIONS_SK} BETWEEN '{start}' AND '{end}{_UPPER_SUFFIX}'"
            f", ScanIndexForward=false, Limit={page_limit}"
            + (f", FilterExpression channel IN ({', '.join(channels)})" if channels else "")
            + f"; pages={pages}, items_read={read}"
        )
        return InteractionQueryResult(tuple(map(_from_item, items)), description, items_read=read)

    def _query_sync(
        self, account: str, start: str, end: str, channels: Sequence[str], wanted: int
    ) -> tuple[list[dict[str, Any]], int, int, int]:
        page_limit = wanted * _FILTER_PAGE_FACTOR if channels else wanted
        params: dict[str, Any] = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            "ExpressionAttributeNames": {"#pk": INTERACTIONS_PK, "#sk": INTERACTIONS_SK},
            "ExpressionAttributeValues": {
                ":pk": {"S": account},
                ":lo": {"S": start},
                ":hi": {"S": end + _UPPER_SUFFIX},
            },
            "ScanIndexForward": False,
            "Limit": page_limit,
        }
        if channels:
            names = [f":c{i}" for i in range(len(channels))]
            params["FilterExpression"] = f"#ch IN ({', '.join(names)})"
            params["ExpressionAttributeNames"]["#ch"] = "channel"
            params["ExpressionAttributeValues"].update(
                {name: {"S": ch} for name, ch in zip(names, channels, strict=True)}
            )
        matched: list[dict[str, Any]] = []
        read = pages = 0
        while True:
            page = self._client.query(**params)
            pages += 1
            read += page.get("ScannedCount", 0)
            matched.extend(page.get("Items", []))
            cursor = page.get("LastEvaluatedKey")
            if len(matched) >= wanted or not cursor:
                return matched[:wanted], read, pages, page_limit
            params["ExclusiveStartKey"] = cursor

    async def put_many(self, account_number: str, interactions: Sequence[Interaction]) -> None:
        """See `InteractionStore.put_many`."""
        # Deduplicate by key: BatchWriteItem rejects a batch holding the same key twice.
        items = {
            item[INTERACTIONS_SK]["S"]: item
            for item in map(partial(_to_item, account_number), interactions)
        }
        await self._run(partial(self._write_sync, list(items.values())))

    def _write_sync(self, items: list[dict[str, Any]]) -> None:
        for offset in range(0, len(items), _BATCH):
            pending: Any = {
                self._table: [{"PutRequest": {"Item": i}} for i in items[offset : offset + _BATCH]]
            }
            for attempt in range(8):
                pending = self._client.batch_write_item(RequestItems=pending).get(
                    "UnprocessedItems"
                )
                if not pending:
                    break
                time.sleep(0.05 * 2**attempt)  # Throttled: back off before resubmitting the rest.
            else:
                raise RuntimeError(f"{self._table}: unprocessed items after retries")

    async def ping(self) -> None:
        """See `InteractionStore.ping`; DescribeTable consumes no read capacity."""
        await self._run(partial(self._client.describe_table, TableName=self._table))

    def close(self) -> None:
        """Nothing to release: the client and executor belong to the caller."""


def _to_item(account_number: str, item: Interaction) -> dict[str, Any]:
    ts = format_ts(item.timestamp)
    row: dict[str, Any] = {
        INTERACTIONS_PK: {"S": account_number},
        INTERACTIONS_SK: {"S": f"{ts}#{item.channel}#{interaction_seq(item)}"},
        "ts": {"S": ts},
        "channel": {"S": item.channel},
        "intent": {"S": item.intent},
        "notes": {"S": item.notes},
        "outcome": {"S": item.outcome},
    }
    if item.sentiment is not None:
        row["sentiment"] = {"S": item.sentiment}
    return row


def _from_item(row: dict[str, Any]) -> Interaction:
    return Interaction.model_validate(
        {
            "timestamp": row["ts"]["S"],
            "channel": row["channel"]["S"],
            "intent": row["intent"]["S"],
            "notes": row.get("notes", {}).get("S", ""),
            "outcome": row.get("outcome", {}).get("S", ""),
            "sentiment": row.get("sentiment", {}).get("S"),
        }
    )
