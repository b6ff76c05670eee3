"""No personal data at rest, on both backends: every kind `service.pii` knows, sent through
every endpoint and field that takes free text or an account, is found in none of the stores
the service writes (SummaryCache, served log, feedback store, outbox, blob archive: every file
under the state directory, every DynamoDB item and S3 object on the moto server) nor in the
warehouse loaded from them.

Left out, and why: the interaction store, the source system's table, which the test seeds
with the same personal data the way the source holds it and the service only reads; and
the ids (process, contact, request), which the API restricts to key characters and uses as
lookup keys.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import duckdb
import httpx

from eval.warehouse.etl import WarehousePaths, run_etl
from service.backends.row_batches import stored_objects
from service.composition import build_backends
from service.models import Interaction

Live = Any  # the `live` fixture of tests/feedback/conftest.py (only fixtures come from there)
PII = {
    "email": "jordan.lee@example.org",
    "card": "4111 1111 1111 1111",
    "card, dashed": "5555-5555-5555-4444",
    "phone": "(555) 019-5262",
    "phone, dashed": "555-019-5262",
    "phone, UK": "+44 20 7946 0958",
    "ssn": "123-45-6789",
    "dob": "03/14/1985",
    "address": "42 Maple Avenue",
    "spelled": "five five five zero one nine five two six two",
}
# Written as people write them, each after its cue where `service.pii` needs one.
TEXT = (
    "Reach me on {phone} or {phone, UK}, e-mail {email}. Paid with {card} and then "
    "{card, dashed}. SSN {ssn}, DOB {dob}, I live at {address}. Callback number read out as "
    "{spelled}."
).format(**PII)
# Shapes a store could hold them in besides the one they were written in.
DIGITS = {"card digits": "4111111111111111", "phone digits": "5550195262"}
INTENT = f"callback {PII['phone, dashed']} ssn {PII['ssn']}"  # within the intent's pattern


def _post(client: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    answer: dict[str, Any] = response.json()
    return answer


def _seed(live: Live, account: str) -> None:
    """The source system's history of the account, with personal data in its notes."""
    now = datetime.now(UTC)
    records = [
        Interaction(
            channel=channel,
            timestamp=now - timedelta(hours=hours),
            intent="Billing",
            notes=f"Customer disputes a $45 late fee. {TEXT}",
            outcome="pending",
            sentiment="negative",
        )
        for channel, hours in (("agent", 30), ("email", 5))
    ]
    backends = build_backends(live.settings)
    try:
        asyncio.run(backends.interactions.put_many(account, records))
    finally:
        backends.close()


def _delivered(live: Live, request_ids: set[str]) -> None:
    """Wait until the outbox has delivered the summary and feedback records of the test."""
    deadline = time.monotonic() + 120
    while True:
        found = set()
        for prefix in ("omni-channel/processed/", "omni-channel/feedback/"):
            objects = asyncio.run(stored_objects(live.blobs, prefix))
            found |= {str(row.get("request_id")) for rows in objects.values() for row in rows}
        if request_ids <= found or time.monotonic() > deadline:
            assert request_ids <= found, "records were not delivered to the blob store"
            return
        time.sleep(0.1)


def _warehouse(live: Live, root: Path) -> dict[str, bytes]:
    """Every table of the warehouse loaded from the blob store, as text, and its file."""
    paths = WarehousePaths.under(root)
    if live.settings.backend == "embedded":
        run_etl(paths, blob_root=live.settings.state_dir / "blobs")
    else:
        run_etl(paths, blob_store=live.blobs)
    dumped: dict[str, bytes] = {}
    with duckdb.connect(str(paths.database), read_only=True) as conn:
        tables = [row[0] for row in conn.execute("SHOW TABLES").fetchall()]
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            dumped[f"warehouse {table}"] = json.dumps(rows, default=str).encode()
    files = [path for path in root.rglob("*") if path.is_file()]
    dumped.update({f"warehouse file {path.name}": path.read_bytes() for path in files})
    assert any(rows != b"[]" for rows in dumped.values())
    return dumped


def _state_files(live: Live) -> dict[str, bytes]:
    state = live.settings.state_dir
    source = "interactions.sqlite"  # the source system's table, read only
    return {
        f"file {path.relative_to(state)}": path.read_bytes()
        for path in state.rglob("*")
        if path.is_file() and not path.name.startswith(source)
    }


def _aws_contents(live: Live) -> dict[str, bytes]:
    settings = live.settings
    endpoint = settings.aws_endpoint_url
    dynamodb = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=endpoint)
    s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=endpoint)
    written = (
        settings.summary_cache_table,
        settings.served_requests_table,
        settings.feedback_table,
    )
    contents = {}
    for table in written:
        pages = dynamodb.get_paginator("scan").paginate(TableName=table)
        items = [item for page in pages for item in page["Items"]]
        assert items, f"nothing written to {table}"
        contents[f"dynamodb {table}"] = json.dumps(items).encode()
    listing = s3.list_objects_v2(Bucket=settings.s3_bucket)
    for entry in listing.get("Contents", []):
        body = s3.get_object(Bucket=settings.s3_bucket, Key=entry["Key"])["Body"].read()
        contents[f"s3 {entry['Key']}"] = body
    return contents


def test_no_personal_data_in_any_store_or_the_warehouse(
    live: Live, client: httpx.Client, tmp_path: Path
) -> None:
    account = f"77{uuid.uuid4().int % 10**8:08d}"
    _seed(live, account)
    process, contact = f"p-pii-{uuid.uuid4().hex[:8]}", f"c-pii-{uuid.uuid4().hex[:8]}"
    body = {
        "unique_process_id": process,
        "account_number": account,
        "contact_id": contact,
        "ivr_intent": INTENT,
    }
    first = _post(client, "/omni-channel-insights", body)
    assert first["interaction_count"] == 2 and first["account_number"] == account
    transfer = _post(client, "/omni-channel-insights", body)  # served from the SummaryCache
    assert transfer["cache_hit"] is True and transfer["account_number"] == account
    by_request = {"request_id": first["request_id"], "feedback": "not_helpful", "comment": TEXT}
    _post(client, "/feedback", by_request)
    by_contact = {
        "contact_id": contact,
        "customer_account": account,
        "feedback": "not_helpful",
        "comment": f"still wrong, {TEXT}",
    }
    rated = _post(client, "/feedback", by_contact)
    assert rated["request_id"] == transfer["request_id"]  # found by the stored account
    _delivered(live, {first["request_id"], transfer["request_id"]})

    stored = _state_files(live) | _warehouse(live, tmp_path / "warehouse")
    if live.settings.backend == "aws":
        stored |= _aws_contents(live)
    everything = b"".join(stored.values())
    # Both records were written, masked rather than dropped.
    assert first["request_id"].encode() in everything and process.encode() in everything
    assert b"acct-" in everything and b"[phone]" in everything and b"[email]" in everything
    for kind, value in {**PII, **DIGITS, "account": account}.items():
        found = [place for place, data in stored.items() if value.encode() in data]
        assert not found, f"{kind} {value!r} stored in clear in {found}"
