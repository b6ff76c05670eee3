import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.judge.json_repair import UnparseableOutputError, repair_json, repair_json_object

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(json_values)
def test_repair_json_roundtrips_valid_json(value: object) -> None:
    assert repair_json(json.dumps(value)) == value


@given(st.dictionaries(st.text(max_size=8), st.integers() | st.text(), min_size=1, max_size=5))
def test_repair_json_strips_code_fences_and_prose(value: dict[str, object]) -> None:
    wrapped = f"Here is the verdict:\n```json\n{json.dumps(value, indent=2)}\n```\nThanks!"
    assert repair_json(wrapped) == value


def test_repair_json_removes_trailing_commas_outside_strings() -> None:
    text = '{"reason": "a, }", "scores": [1, 2, 3,], "ok": true,}'
    assert repair_json(text) == {"reason": "a, }", "scores": [1, 2, 3], "ok": True}


@pytest.mark.parametrize(
    ("truncated", "expected"),
    [
        ('{"score": 0.8, "reason": "clear and compl', {"score": 0.8, "reason": "clear and compl"}),
        (
            '{"criteria": [{"id": "a", "pass": true}, {"id": "b"',
            {"criteria": [{"id": "a", "pass": True}, {"id": "b"}]},
        ),
        ('{"score": 1, "reason"', {"score": 1}),
        ('["x", "y', ["x", "y"]),
        ('{"a": 1,', {"a": 1}),
    ],
)
def test_repair_json_closes_truncated_output(truncated: str, expected: object) -> None:
    assert repair_json(truncated) == expected


@pytest.mark.parametrize("text", ["", "   ", "I cannot answer that.", "score: high", "{{{{"])
def test_repair_json_refuses_unparseable_output(text: str) -> None:
    with pytest.raises(UnparseableOutputError):
        repair_json(text)


def test_repair_json_object_refuses_non_objects() -> None:
    with pytest.raises(UnparseableOutputError, match="expected an object"):
        repair_json_object("[1, 2]")
