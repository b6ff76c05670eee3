"""No personal data at rest: what the service writes to the blob store, the outbox and the
warehouse holds none of the PII it was given, in any format `service.pii` knows."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from oci_testing.service_env import RunningService

from eval.warehouse.etl import WarehousePaths, run_etl
from service.backends.sqlite_interactions import SqliteInteractionStore
from service.composition import build_backends
from service.models import Interaction
from service.pii import account_token

ACCOUNT = "7700123456"
PII = {
    "email": "jordan.lee@example.org",
    "card": "4111 1111 1111 1111",
    "card, dashed": "5555-5555-5555-4444",
    "phone": "(555) 019-5262",
    "phone, UK": "+44 20 7946 0958",
    "ssn": "123-45-6789",
    "dob": "DOB 03/14/1985",
    "address": "42 Maple Avenue, Apt 3B",
    "spelled": "five five five zero one nine five two six two",
}
NOTES = (
    "Customer disputes a $45 late fee. Reach them on {phone} or {phone, UK}, e-mail {email}. "
    "Paid with {card} and then {card, dashed}. Verified SSN {ssn}, {dob}, lives at {address}. "
    "Callback number read out as {spelled}."
).format(**PII)


def test_records_feedback_and_warehouse_hold_no_pii(service: RunningService) -> None:
    store = SqliteInteractionStore(service.settings.state_dir / "interactions.sqlite")
    when = datetime.now(UTC) - timedelta(hours=2)
    asyncio.run(
        store.put_many(
            ACCOUNT,
            [
                Interaction(
                    channel="agent",
                    timestamp=when,
                    intent="Billing",
                    notes=NOTES,
                    outcome="pending",
                    sentiment="negative",
                ),
            ],
        )
    )
    store.close()
    with service.client() as client:
        answer = client.post(
            "/omni-channel-insights",
            json={"unique_process_id": "p-pii", "account_number": ACCOUNT, "contact_id": "c-pii"},
        )
        assert answer.status_code == 200, answer.text
        feedback = client.post(
            "/feedback",
            json={
                "request_id": answer.json()["request_id"],
                "feedback": "not_helpful",
                "comment": f"wrong, my number is {PII['phone']}",
            },
        )
        assert feedback.status_code in (200, 201), feedback.text
    backends = build_backends(service.settings)
    try:
        asyncio.run(backends.outbox.drain(backends.blobs))
    finally:
        backends.close()
    paths = WarehousePaths.from_settings(service.settings)
    run_etl(paths, blob_root=service.settings.state_dir / "blobs")
    state = service.settings.state_dir
    # What leaves the request path for storage: the blob store, the outbox, the warehouse.
    places = [state / "blobs", paths.database.parent, *state.glob("outbox*")]
    files = [
        path
        for place in places
        for path in ([place] if place.is_file() else place.rglob("*"))
        if path.is_file()
    ]
    written = b"".join(path.read_bytes() for path in files)
    assert b"p-pii" in written and b"not_helpful" in written  # both records were written
    for kind, value in {**PII, "account": ACCOUNT}.items():
        where = [path.name for path in files if value.encode() in path.read_bytes()]
        assert not where, f"{kind} found at rest in {where}"
    assert account_token(ACCOUNT, b"k").endswith("3456")
    assert b"acct-" in written and b"[phone]" in written  # masked, not dropped
