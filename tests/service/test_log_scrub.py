"""The log scrubber: numbers that could be PII are masked; model ids stay readable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from service.observability import scrub

MODEL_IDS = [
    "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0",
    "bedrock/converse/anthropic.claude-3-7-sonnet-20250219-v1:0",
    "bedrock/converse/us.amazon.nova-lite-v1:0",
]


def test_bedrock_model_ids_pass_unchanged() -> None:
    for model in MODEL_IDS:
        assert scrub(model) == model
        assert scrub(f"{model}:timeout") == f"{model}:timeout"


def test_phones_cards_and_account_numbers_are_masked() -> None:
    assert scrub("call 555-010-4477 today") == "call [number] today"
    assert scrub("card 5555 5555 5555 4444") == "card [number]"
    assert scrub("acct-12345678-x") == "acct-[number]-x"
    assert scrub("acct-12345678-v1") == "acct-[number]-v1"  # not a date: masked
    assert scrub("mail jane.doe@example.com") == "mail [email]"


@given(
    prefix=st.text(alphabet="abcxyz -:/.v", max_size=8),
    digits=st.text(alphabet="0123456789", min_size=7, max_size=19),
    suffix=st.text(alphabet="abcxyz -:/.v", max_size=8),
)
def test_a_run_of_seven_or_more_digits_never_survives_outside_a_model_id(
    prefix: str, digits: str, suffix: str
) -> None:
    """No digit follows the run, so it is never a model id's `-YYYYMMDD-v<digit>`."""
    assert digits not in scrub(f"{prefix}{digits}{suffix}")
