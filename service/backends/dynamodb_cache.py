"""SummaryCache in DynamoDB (`summary_cache`): the production twin of `SqliteSummaryCache`.

One item per `unique_process_id` holds the entry (`payload` as a JSON string, so floats never
meet boto3's Decimal-only numbers) and the single-flight lease (`lease_owner`, `lease_until`).
`expires_at` is the TTL attribute; readers also compare it with the clock because TTL deletes
lazily.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from collections.abc import Callable
from concurrent.futures import Executor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from service.backends.dynamodb_tables import (
    SUMMARY_CACHE_PK,
    SUMMARY_CACHE_TABLE,
    SUMMARY_CACHE_TTL_ATTRIBUTE,
)
from service.backends.protocols import DEFAULT_SUMMARY_TTL_S, CachedEntry

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

_T = TypeVar("_T")

# Mirrors the SQLite upsert: take the item if its entry is absent or expired and its lease is
# absent, expired or ours; drop an expired payload so it cannot resurface.
_LEASE_UPDATE = (
    "SET #exp = :exp, lease_owner = :owner, lease_until = :until REMOVE payload, created_at"
)
_LEASE_CONDITION = (
    "(attribute_not_exists(payload) OR #exp <= :now)"
    " AND (attribute_not_exists(lease_until) OR lease_until <= :now OR lease_owner = :owner)"
)


class DynamoDBSummaryCache:
    """`SummaryCache` over a DynamoDB table, with an injectable clock."""

    def __init__(
        self,
        client: DynamoDBClient,
        *,
        table_name: str = SUMMARY_CACHE_TABLE,
        clock: Callable[[], float] = time.time,
        executor: Executor | None = None,
    ) -> None:
        """Wire the cache; no network I/O happens here.

        Args:
            client: boto3 DynamoDB client (thread-safe, shared with other stores).
            table_name: The cache table.
            clock: Epoch seconds; replicas' clocks must agree to within the lease margin.
            executor: Where blocking boto3 calls run; None uses the event loop's default.
        """
        self._client = client
        self._table = table_name
        self._clock = clock
        self._executor = executor

    async def _run(self, fn: Callable[[], _T]) -> _T:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def _key(self, process_id: str) -> dict[str, Any]:
        return {SUMMARY_CACHE_PK: {"S": process_id}}

    async def get(self, process_id: str) -> CachedEntry | None:
        """See `SummaryCache.get`; reads are strongly consistent so a waiter sees a fresh put."""
        response = await self._run(
            partial(
                self._client.get_item,
                TableName=self._table,
                Key=self._key(process_id),
                ConsistentRead=True,
            )
        )
        item = response.get("Item")
        if not item or "payload" not in item:
            return None
        expires_at = int(item[SUMMARY_CACHE_TTL_ATTRIBUTE]["N"])
        if expires_at <= self._clock():
            return None
        return CachedEntry(
            process_id,
            json.loads(item["payload"]["S"]),
            float(item["created_at"]["N"]),
            expires_at,
        )

    async def put(
        self, process_id: str, payload: dict[str, Any], *, ttl_s: int = DEFAULT_SUMMARY_TTL_S
    ) -> None:
        """See `SummaryCache.put`; PutItem replaces the item, which also ends any lease."""
        now = self._clock()
        item = {
            **self._key(process_id),
            "payload": {"S": json.dumps(payload, separators=(",", ":"))},
            "created_at": {"N": repr(now)},
            SUMMARY_CACHE_TTL_ATTRIBUTE: {"N": str(math.ceil(now + ttl_s))},
        }
        await self._run(partial(self._client.put_item, TableName=self._table, Item=item))

    async def try_lease(self, process_id: str, owner: str, lease_s: float) -> bool:
        """See `SummaryCache.try_lease`; one conditional UpdateItem, so it is atomic."""
        now = self._clock()
        values = {
            ":owner": {"S": owner},
            ":now": {"N": repr(now)},
            ":until": {"N": repr(now + lease_s)},
            # A lease-only item expires with its lease, so TTL sweeps abandoned leases.
            ":exp": {"N": str(math.ceil(now + lease_s))},
        }
        return await self._conditional(
            UpdateExpression=_LEASE_UPDATE,
            ConditionExpression=_LEASE_CONDITION,
            ExpressionAttributeValues=values,
            ExpressionAttributeNames={"#exp": SUMMARY_CACHE_TTL_ATTRIBUTE},
            Key=self._key(process_id),
        )

    async def release(self, process_id: str, owner: str) -> None:
        """See `SummaryCache.release`."""
        await self._conditional(
            UpdateExpression="REMOVE lease_owner, lease_until",
            ConditionExpression="lease_owner = :owner",
            ExpressionAttributeValues={":owner": {"S": owner}},
            Key=self._key(process_id),
        )

    async def _conditional(self, **kwargs: Any) -> bool:
        def call() -> bool:
            try:
                self._client.update_item(TableName=self._table, **kwargs)
            except self._client.exceptions.ConditionalCheckFailedException:
                return False
            return True

        return await self._run(call)

    async def ping(self) -> None:
        """See `SummaryCache.ping`; DescribeTable consumes no read capacity."""
        await self._run(partial(self._client.describe_table, TableName=self._table))

    def close(self) -> None:
        """Nothing to release: the client and executor belong to the caller."""
