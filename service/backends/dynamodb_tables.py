"""DynamoDB table definitions and idempotent creation helpers.

Production tables are provisioned by service/deploy/cloudformation/storage.yaml; these helpers
create the same key schemas for local runs and for tests against a moto server, and
tests/deploy/test_stack_deploy.py checks that the two layouts agree.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeDefinitionTypeDef,
        CreateTableInputTypeDef,
        GlobalSecondaryIndexTypeDef,
        KeySchemaElementTypeDef,
    )

INTERACTIONS_TABLE = "ucdp_interactions"
INTERACTIONS_PK = "account_number"
INTERACTIONS_SK = "sk"
"""Sort key `<ts>#<channel>#<seq>`: fixed-width ISO-8601 UTC first, so key order is time order."""

SUMMARY_CACHE_TABLE = "summary_cache"
SUMMARY_CACHE_PK = "unique_process_id"
SUMMARY_CACHE_TTL_ATTRIBUTE = "expires_at"

SERVED_REQUESTS_TABLE = "served_requests"
SERVED_REQUESTS_PK = "request_id"
SERVED_REQUESTS_TTL_ATTRIBUTE = "expires_at"
SERVED_BY_CONTACT_INDEX = "by_contact"
SERVED_BY_CONTACT_PK = "contact_key"
"""`<contact_id>#<account_number>`: one GSI partition per (contact, account) pair."""
SERVED_BY_CONTACT_SK = "served_seq"
"""`<served_at>#<recorded at, microseconds>`: `served_at` has whole seconds, so two answers
for one contact within a second need the finer recording time to say which is the latest."""

FEEDBACK_TABLE = "feedback"
FEEDBACK_PK = "request_id"
FEEDBACK_SK = "sk"
"""History items: `<received_ts>#<feedback_id>`; idempotency guards: see `dynamodb_feedback`."""


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
    _enable_ttl(client, table_name, SUMMARY_CACHE_TTL_ATTRIBUTE)


def create_served_requests_table(
    client: DynamoDBClient, *, table_name: str = SERVED_REQUESTS_TABLE
) -> None:
    """Create the answered-requests table, its `by_contact` GSI and TTL, if missing.

    The GSI (`contact_key` = `<contact_id>#<account_number>`, sorted by `served_seq`) answers
    "latest request for this contact and account" with one Query of `Limit=1`.

    Args:
        client: A boto3 DynamoDB client.
        table_name: Table name; tests pass unique names to stay isolated.
    """
    index: GlobalSecondaryIndexTypeDef = {
        "IndexName": SERVED_BY_CONTACT_INDEX,
        "KeySchema": [
            {"AttributeName": SERVED_BY_CONTACT_PK, "KeyType": "HASH"},
            {"AttributeName": SERVED_BY_CONTACT_SK, "KeyType": "RANGE"},
        ],
        # Items are a few hundred bytes: projecting all saves a GetItem per lookup.
        "Projection": {"ProjectionType": "ALL"},
    }
    _create_if_missing(
        client,
        table_name=table_name,
        hash_key=SERVED_REQUESTS_PK,
        extra_attributes=(SERVED_BY_CONTACT_PK, SERVED_BY_CONTACT_SK),
        indexes=[index],
    )
    _enable_ttl(client, table_name, SERVED_REQUESTS_TTL_ATTRIBUTE)


def create_feedback_table(client: DynamoDBClient, *, table_name: str = FEEDBACK_TABLE) -> None:
    """Create the feedback-history table if it does not exist (no TTL: feedback is kept).

    Args:
        client: A boto3 DynamoDB client.
        table_name: Table name; tests pass unique names to stay isolated.
    """
    _create_if_missing(client, table_name=table_name, hash_key=FEEDBACK_PK, range_key=FEEDBACK_SK)


def _enable_ttl(client: DynamoDBClient, table_name: str, attribute: str) -> None:
    ttl = client.describe_time_to_live(TableName=table_name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in ("ENABLED", "ENABLING"):
        client.update_time_to_live(
            TableName=table_name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute},
        )


def _create_if_missing(
    client: DynamoDBClient,
    *,
    table_name: str,
    hash_key: str,
    range_key: str | None = None,
    extra_attributes: tuple[str, ...] = (),
    indexes: list[GlobalSecondaryIndexTypeDef] | None = None,
) -> None:
    key_schema: list[KeySchemaElementTypeDef] = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    attributes: list[AttributeDefinitionTypeDef] = [
        {"AttributeName": hash_key, "AttributeType": "S"}
    ]
    if range_key is not None:
        key_schema.append({"AttributeName": range_key, "KeyType": "RANGE"})
        attributes.append({"AttributeName": range_key, "AttributeType": "S"})
    attributes.extend({"AttributeName": name, "AttributeType": "S"} for name in extra_attributes)
    request: CreateTableInputTypeDef = {
        "TableName": table_name,
        "KeySchema": key_schema,
        "AttributeDefinitions": attributes,
        # On-demand, as the seed plans to start; provisioned capacity is an IaC decision.
        "BillingMode": "PAY_PER_REQUEST",
    }
    if indexes:  # DynamoDB refuses an empty index list, so the key is added only when needed.
        request["GlobalSecondaryIndexes"] = indexes
    # Already there is fine: creation is idempotent by design.
    with contextlib.suppress(client.exceptions.ResourceInUseException):
        client.create_table(**request)
    client.get_waiter("table_exists").wait(
        TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 60}
    )
