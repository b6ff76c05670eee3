"""Answered requests in DynamoDB (`served_requests`): the production twin of `SqliteServedLog`.

One item per `request_id` (the partition key), written once per answered request. The GSI
`by_contact` is keyed on `contact_key` = `<contact_id>#<account_number>` and sorted by
`served_seq` (`served_at`, then the recording time in microseconds), so "latest request for
this contact and account" is one Query with `Limit=1`.
`expires_at` is the TTL attribute; readers also compare it with the clock, because TTL
deletes lazily.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from service.backends.dynamodb_tables import (
    SERVED_BY_CONTACT_INDEX,
    SERVED_BY_CONTACT_PK,
    SERVED_BY_CONTACT_SK,
    SERVED_REQUESTS_PK,
    SERVED_REQUESTS_TABLE,
    SERVED_REQUESTS_TTL_ATTRIBUTE,
)
from service.backends.protocols import DEFAULT_SERVED_TTL_S, ServedSummary, served_seq

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

_T = TypeVar("_T")

_STRINGS = (
    "request_id",
    "unique_process_id",
    "contact_id",
    "account_number",
    "prompt_name",
    "prompt_version",
    "model_used",
    "generated_at",
    "served_at",
)


def contact_key(contact_id: str, account_number: str) -> str:
    """The GSI partition of a (contact, account) pair; `#` never occurs in a contact id."""
    return f"{contact_id}#{account_number}"


class DynamoDBServedLog:
    """`ServedLog` over a DynamoDB table with a `by_contact` GSI and TTL."""

    def __init__(
        self,
        client: DynamoDBClient,
        *,
        table_name: str = SERVED_REQUESTS_TABLE,
        ttl_s: int = DEFAULT_SERVED_TTL_S,
        clock: Callable[[], float] = time.time,
        executor: Executor | None = None,
    ) -> None:
        """Wire the log; no network I/O happens here.

        Args:
            client: boto3 DynamoDB client (thread-safe, shared with other stores).
            table_name: The answered-requests table.
            ttl_s: How long an answered request stays resolvable for feedback.
            clock: Epoch seconds; tests inject a fake to cross expiry without sleeping.
            executor: Where blocking boto3 calls run; None uses the event loop's default.
        """
        self._client = client
        self._table = table_name
        self._ttl_s = ttl_s
        self._clock = clock
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    async def record(self, served: ServedSummary) -> None:
        """See `ServedLog.record`; PutItem on `request_id`, so a repeat overwrites."""
        item: dict[str, Any] = {name: {"S": getattr(served, name)} for name in _STRINGS}
        item["cache_hit"] = {"BOOL": served.cache_hit}
        item["latency_ms"] = {"N": str(served.latency_ms)}
        now = self._clock()
        item[SERVED_BY_CONTACT_PK] = {"S": contact_key(served.contact_id, served.account_number)}
        item[SERVED_BY_CONTACT_SK] = {"S": served_seq(served.served_at, now)}
        item[SERVED_REQUESTS_TTL_ATTRIBUTE] = {"N": str(math.ceil(now + self._ttl_s))}
        await self._run(partial(self._client.put_item, TableName=self._table, Item=item))

    async def by_request_id(self, request_id: str) -> ServedSummary | None:
        """See `ServedLog.by_request_id`; strongly consistent, so feedback right after works."""
        response = await self._run(
            partial(
                self._client.get_item,
                TableName=self._table,
                Key={SERVED_REQUESTS_PK: {"S": request_id}},
                ConsistentRead=True,
            )
        )
        return self._live(response.get("Item"))

    async def latest_for_contact(
        self, contact_id: str, account_number: str
    ) -> ServedSummary | None:
        """See `ServedLog.latest_for_contact`.

        GSI reads are eventually consistent (typically well under a second behind), which
        is far shorter than the time an agent takes to read a summary and press a button.
        """
        response = await self._run(
            partial(
                self._client.query,
                TableName=self._table,
                IndexName=SERVED_BY_CONTACT_INDEX,
                KeyConditionExpression="#k = :k",
                ExpressionAttributeNames={"#k": SERVED_BY_CONTACT_PK},
                ExpressionAttributeValues={":k": {"S": contact_key(contact_id, account_number)}},
                ScanIndexForward=False,
                # The TTL is the same for every item, so if the newest one has expired the
                # older ones have too: one item is enough.
                Limit=1,
            )
        )
        items = response.get("Items", [])
        return self._live(items[0]) if items else None

    def _live(self, item: dict[str, Any] | None) -> ServedSummary | None:
        if not item or int(item[SERVED_REQUESTS_TTL_ATTRIBUTE]["N"]) <= self._clock():
            return None
        fields: dict[str, Any] = {name: item[name]["S"] for name in _STRINGS}
        return ServedSummary(
            **fields,
            cache_hit=item["cache_hit"]["BOOL"],
            latency_ms=int(item["latency_ms"]["N"]),
        )

    async def ping(self) -> None:
        """Raise if the table is unreachable; DescribeTable consumes no read capacity."""
        await self._run(partial(self._client.describe_table, TableName=self._table))

    def close(self) -> None:
        """Nothing to release: the client and executor belong to the caller."""
