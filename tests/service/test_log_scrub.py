"""The log scrubber: PII shapes are masked; ids the service mints and model ids stay whole,
so a logged id finds its stored record."""

from __future__ import annotations

import io
import json
import logging
import uuid

from hypothesis import given
from hypothesis import strategies as st

from service.feedback import feedback_id_for
from service.observability import EventLog, scrub
from service.pii import account_token, find_pii

MODEL_IDS = [
    "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "bedrock/converse/anthropic.claude-3-7-sonnet-20250219-v1:0",
    "bedrock/converse/us.amazon.nova-lite-v1:0",
]
HEX = "0123456789abcdef"


def test_bedrock_model_ids_pass_unchanged() -> None:
    for model in MODEL_IDS:
        assert scrub(model) == model
        assert scrub(f"{model}:timeout") == f"{model}:timeout"


def test_phones_cards_emails_and_bare_account_numbers_are_masked() -> None:
    assert scrub("call 555-010-4477 today") == "call [phone] today"
    assert scrub("card 5555 5555 5555 4444") == "card [card]"
    assert scrub("mail jane.doe@example.com") == "mail [email]"
    assert scrub("ssn 123-45-6789, acct 7700123") == "ssn [ssn], acct [account]"
    assert scrub("customer 77001234 called") == "customer [number] called"


def test_ids_with_digit_runs_inside_stay_whole() -> None:
    for identifier in (
        "fb-3f9a1234567c0b27de88a1c2d3e4f501",
        "req-48ba97a480de4d42",
        "req-1234567890123456",  # all digits by chance: still a minted id
        "acct-123456789012-1234",
        "auto-70442630573ed72fd5dce874d7b8c37f",
        "fb3a955d-1f66-4a5e-9f3b-123456789012",  # a UUID with an all-digit group
        "sim-2026-W47-r20261125163900123456-000123-0",
    ):
        assert scrub(identifier) == identifier
        assert scrub(f"stored {identifier}, card 4111 1111 1111 1111") == (
            f"stored {identifier}, card [card]"
        )


@given(st.text(alphabet=HEX, min_size=16, max_size=32), st.sampled_from(["req-", "fb-", "auto-"]))
def test_every_minted_id_survives_scrubbing(tail: str, prefix: str) -> None:
    assert scrub(prefix + tail) == prefix + tail


@given(
    prefix=st.sampled_from(["", "call ", "ref: ", "(", "tel "]),
    digits=st.text(alphabet="0123456789", min_size=7, max_size=19),
    suffix=st.sampled_from(["", " today", ".", ")", ", thanks"]),
)
def test_a_run_of_seven_or_more_digits_standing_alone_never_survives(
    prefix: str, digits: str, suffix: str
) -> None:
    assert digits not in scrub(f"{prefix}{digits}{suffix}")


@given(st.sampled_from(["phone", "card", "email", "ssn"]), st.integers(0, 10**6))
def test_what_service_pii_finds_in_free_text_is_gone_after_scrubbing(kind: str, n: int) -> None:
    value = {
        "phone": f"(555) {n % 1000:03d}-{n % 10000:04d}",
        "card": "4111 1111 1111 1111",
        "email": f"user{n}@example.org",
        "ssn": f"{100 + n % 800:03d}-{n % 90 + 10:02d}-{n % 9000 + 1000:04d}",
    }[kind]
    text = f"agent noted {value} on the call"
    assert [m.kind for m in find_pii(text)] == [kind]
    assert value not in scrub(text)


def test_a_logged_feedback_id_is_the_stored_one() -> None:
    stream = io.StringIO()
    logger = logging.getLogger(f"test-scrub-{uuid.uuid4().hex}")
    logger.addHandler(logging.StreamHandler(stream))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    ids = [feedback_id_for("desk", f"key-{n}") for n in range(300)]
    token = account_token("8006084209", b"key")
    for feedback_id in ids:
        EventLog(logger).event(
            "FEEDBACK_RECEIVED", "req-1", feedback_id=feedback_id, account_number=token
        )
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["feedback_id"] for line in lines] == ids
    assert {line["account_number"] for line in lines} == {token}
