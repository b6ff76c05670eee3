"""The published request schema and the validator agree: a body the OpenAPI schema accepts is
accepted, one it refuses is a 422 (JSON Schema's `integer` includes `553.0`)."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from service.api.schemas import InsightsRequest

BASE = {"unique_process_id": "p-1", "account_number": "2133493686", "contact_id": "c-1"}
NUMBERS = ("max_history_days", "max_interactions")
SCHEMA = InsightsRequest.model_json_schema()


def _schema_accepts(body: dict[str, Any]) -> bool:
    try:
        jsonschema.validate(body, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def _api_accepts(body: dict[str, Any]) -> bool:
    try:
        InsightsRequest.model_validate_json(json.dumps(body))
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("field", NUMBERS)
@pytest.mark.parametrize("value", [553.0, 5.0, 1.0], ids=["553.0", "5.0", "1.0"])
def test_a_whole_number_written_as_a_float_is_accepted(field: str, value: float) -> None:
    body = {**BASE, field: value}
    if not _schema_accepts(body):  # out of this field's range: refused by both
        assert not _api_accepts(body)
        return
    parsed = InsightsRequest.model_validate_json(json.dumps(body))
    assert getattr(parsed, field) == int(value)
    assert isinstance(getattr(parsed, field), int)


@pytest.mark.parametrize("field", NUMBERS)
@pytest.mark.parametrize("value", [True, "5", 5.5, None], ids=["bool", "string", "5.5", "null"])
def test_what_the_schema_refuses_is_refused(field: str, value: object) -> None:
    body = {**BASE, field: value}
    assert not _schema_accepts(body)
    with pytest.raises(ValidationError) as raised:
        InsightsRequest.model_validate_json(json.dumps(body))
    assert {error["loc"][0] for error in raised.value.errors()} == {field}


@given(
    field=st.sampled_from(NUMBERS),
    value=st.one_of(
        st.integers(-10, 1000),
        st.floats(-10, 1000, allow_nan=False),
        st.integers(-10, 1000).map(float),
        st.booleans(),
        st.text(max_size=4),
    ),
)
def test_schema_and_validator_agree_on_every_number(field: str, value: object) -> None:
    body = {**BASE, field: value}
    assert _schema_accepts(body) == _api_accepts(body)
