"""DynamoDB table definitions and idempotent creation helpers.

Production tables are provisioned by IaC (Terraform); these helpers create the same key schema
for local runs and for tests against a moto server, so the layout lives in exactly one place.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import AttributeDefinitionTypeDef, KeySchemaElementTypeDef

INTERACTIONS_TABLE = "ucdp_interactions"
INTERACTIONS_PK = "account_number"
INTERACTIONS_SK = "sk"
"""Sort key `<ts>#<channel>#<seq>`: fixed-width ISO-8601 UTC first, so key order is time order."""

SUMMARY_CACHE_TABLE = "summary_cache"
SUMMARY_CACHE_PK = "unique_process_id"
SUMMARY_CACHE_TTL_ATTRIBUTE = "expires_at"


def create_interactions_table(
    client: DynamoDBClient, *, table_name: str = INTERACTIONS_TABLE
) -> None:
    """Create the interaction-history table if it does not exist, and wait until it is active.

    Args:
        client: A boto3 DynamoDB client.
        table_name: Table name; tests pass unique names to stay isolated.
    """
    _create_if_missing(
        client,
        table_name=table_name,
        hash_key=INTERACTIONS_PK,
        range_key=INTERACTIONS_SK,
    )


def create_summary_cache_table(
    client: DynamoDBClient, *, table_name: str = SUMMARY_CACHE_TABLE
) -> None:
    """Create the SummaryCache table with TTL on `expires_at`, if it does not exist.

    DynamoDB TTL deletes lazily (typically within days), so readers still treat
    `expires_at <= now` as a miss; TTL only keeps storage bounded.

    Args:
        client: A boto3 DynamoDB client.
        table_name: Table name; tests pass unique names to stay isolated.
    """
    _create_if_missing(client, table_name=table_name, hash_key=SUMMARY_CACHE_PK)
    ttl = client.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=table_name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": SUMMARY_CACHE_TTL_ATTRIBUTE},
        )


def _create_if_missing(
    client: DynamoDBClient, *, table_name: str, hash_key: str, range_key: str | None = None
) -> None:
    key_schema: list[KeySchemaElementTypeDef] = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    attributes: list[AttributeDefinitionTypeDef] = [
        {"AttributeName": hash_key, "AttributeType": "S"}
    ]
    if range_key is not None:
        key_schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
        attributes.append({"AttributeName": range_key, "AttributeType": "S"})
    # Already there is fine: creation is idempotent by design.
    with contextlib.suppress(client.exceptions.ResourceInUseException):
        client.create_table(
            TableName=table_name,
            KeySchema=key_schema,
            AttributeDefinitions=attributes,
            # On-demand, as the seed plans to start; provisioned capacity is an IaC decision.
            BillingMode="PAY_PER_REQUEST",
        )
    client.get_waiter("table_exists").wait(
        TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 60}
    )
