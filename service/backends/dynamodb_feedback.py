"""Feedback history in DynamoDB (`feedback`): the production twin of `SqliteFeedbackStore`.

History items: partition `request_id`, sort key `sk` = `<received_ts>#<feedback_id>`, so a
Query returns one request's feedback in time order and `Limit=1` backwards is the latest.

A retry of the same submission has the same `feedback_id` but a later `received_ts`, i.e.
another sort key, so a condition on the history item alone cannot catch it. Each put is
therefore one transaction of two conditional puts: a guard item
(`request_id` = `feedback_id#<feedback_id>`, `sk` = `guard`) that exists once per
feedback_id, and the history item. If the guard is already there, nothing is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from service.backends.dynamodb_tables import FEEDBACK_PK, FEEDBACK_SK, FEEDBACK_TABLE
from service.backends.protocols import FeedbackPut, FeedbackRecord

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

_T = TypeVar("_T")

GUARD_PREFIX = "feedback_id#"
"""Guard partitions cannot collide with request ids, which the service mints as `req-...`."""
GUARD_SK = "guard"

_STRINGS = (
    "feedback_id",
    "idempotency_key",
    "request_id",
    "unique_process_id",
    "contact_id",
    "account_number",
    "feedback",
    "received_at",
    "prompt_name",
    "prompt_version",
    "model_used",
    "generation_timestamp",
    "received_ts",
)
_NOT_THERE = "attribute_not_exists(#pk)"


def _encode(record: FeedbackRecord) -> dict[str, Any]:
    item: dict[str, Any] = {name: {"S": getattr(record, name)} for name in _STRINGS}
    item[FEEDBACK_SK] = {"S": record.history_key}
    item["cache_hit"] = {"BOOL": record.cache_hit}
    if record.comment is not None:  # An absent attribute reads back as None.
        item["comment"] = {"S": record.comment}
    return item


def _decode(item: dict[str, Any]) -> FeedbackRecord:
    fields: dict[str, Any] = {name: item[name]["S"] for name in _STRINGS}
    comment = item.get("comment")
    return FeedbackRecord(
        **fields, comment=comment["S"] if comment else None, cache_hit=item["cache_hit"]["BOOL"]
    )


class DynamoDBFeedbackStore:
    """`FeedbackStore` over a DynamoDB table; `put` is a two-item transaction."""

    def __init__(
        self,
        client: DynamoDBClient,
        *,
        table_name: str = FEEDBACK_TABLE,
        executor: Executor | None = None,
    ) -> None:
        """Wire the store; no network I/O happens here.

        Args:
            client: boto3 DynamoDB client (thread-safe, shared with other stores).
            table_name: The feedback table.
            executor: Where blocking boto3 calls run; None uses the event loop's default.
        """
        self._client = client
        self._table = table_name
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def put(self, record: FeedbackRecord) -> FeedbackPut:
        """See `FeedbackStore.put`."""
        return await self._run(partial(self._put_sync, record))

    def _put_sync(self, record: FeedbackRecord) -> FeedbackPut:
        guard = {
            FEEDBACK_PK: {"S": GUARD_PREFIX + record.feedback_id},
            FEEDBACK_SK: {"S": GUARD_SK},
            "target_request_id": {"S": record.request_id},
            "target_sk": {"S": record.history_key},
        }
        names = {"#pk": FEEDBACK_PK}
        try:
            self._client.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": guard,
                            "ConditionExpression": _NOT_THERE,
                            "ExpressionAttributeNames": names,
                        }
                    },
                    {
                        "Put": {
                            "TableName": self._table,
                            "Item": _encode(record),
                            "ConditionExpression": _NOT_THERE,
                            "ExpressionAttributeNames": names,
                        }
                    },
                ]
            )
        except self._client.exceptions.TransactionCanceledException:
            # Usually the guard's condition; a conflicting concurrent transaction also
            # cancels. Either way the guard says whether the feedback_id is stored.
            original = self._original(record.feedback_id)
            if original is None:
                raise
            return FeedbackPut("duplicate", original)
        return FeedbackPut("stored", record)

    def _original(self, feedback_id: str) -> FeedbackRecord | None:
        guard = self._get(GUARD_PREFIX + feedback_id, GUARD_SK)
        if guard is None:
            return None
        item = self._get(guard["target_request_id"]["S"], guard["target_sk"]["S"])
        # The transaction wrote both items or neither, so the target exists.
        return None if item is None else _decode(item)

    def _get(self, partition: str, sort: str) -> dict[str, Any] | None:
        response = self._client.get_item(
            TableName=self._table,
            Key={FEEDBACK_PK: {"S": partition}, FEEDBACK_SK: {"S": sort}},
            ConsistentRead=True,
        )
        item: dict[str, Any] | None = response.get("Item")
        return item

    async def history(self, request_id: str) -> list[FeedbackRecord]:
        """See `FeedbackStore.history`; pages through the partition in sort-key order."""

        def collect() -> list[FeedbackRecord]:
            pages = self._client.get_paginator("query").paginate(
                TableName=self._table,
                KeyConditionExpression="#pk = :r",
                ExpressionAttributeNames={"#pk": FEEDBACK_PK},
                ExpressionAttributeValues={":r": {"S": request_id}},
                ConsistentRead=True,
            )
            return [_decode(item) for page in pages for item in page.get("Items", [])]

        return await self._run(collect)

    async def latest(self, request_id: str) -> FeedbackRecord | None:
        """See `FeedbackStore.latest`; strongly consistent, so it sees a put just made."""
        response = await self._run(
            partial(
                self._client.query,
                TableName=self._table,
                KeyConditionExpression="#pk = :r",
                ExpressionAttributeNames={"#pk": FEEDBACK_PK},
                ExpressionAttributeValues={":r": {"S": request_id}},
                ScanIndexForward=False,
                Limit=1,
                ConsistentRead=True,
            )
        )
        items = response.get("Items", [])
        return _decode(items[0]) if items else None

    async def ping(self) -> None:
        """See `FeedbackStore.ping`; DescribeTable consumes no capacity."""
        await self._run(partial(self._client.describe_table, TableName=self._table))

    def close(self) -> None:
        """Nothing to release: the client and executor belong to the caller."""
