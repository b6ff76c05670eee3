"""The QA-form rubric: loading, validation errors that name file and field, weighted score."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from eval.rubric import RubricError, load_rubric, parse_rubric, weighted_score


def test_shipped_rubric_loads_with_required_safety_criteria() -> None:
    rubric = load_rubric()
    assert 6 <= len(rubric.criteria) <= 10
    required = {c.id for c in rubric.criteria if c.required}
    assert required == {"no_fabrication", "no_pii", "ignores_embedded_instructions"}
    assert 0 < rubric.pass_threshold <= 1
    assert len(rubric.digest()) == 64


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.pop("pass_threshold"), "pass_threshold"),
        (lambda d: d.update(pass_threshold=1.5), "pass_threshold"),
        (lambda d: d["criteria"][1].update(weight="heavy"), "criteria[1].weight"),
        (lambda d: d["criteria"][2].update(required="yes"), "criteria[2].required"),
        (lambda d: d["criteria"][0].update(id="Covers Contacts"), "criteria[0].id"),
        (lambda d: d["criteria"][3].update(id="covers_contacts"), "criteria[3].id"),
        (lambda d: d["criteria"][0].update(colour="red"), "criteria[0].colour"),
        (lambda d: d.update(criteria=[]), "criteria"),
    ],
)
def test_invalid_rubric_errors_name_file_and_field(tmp_path: Path, mutate, field: str) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(load_rubric.__defaults__[0].read_text())  # type: ignore[index]
    mutate(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.field == field
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_unreadable_rubric_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"missing\.yaml: <file>"):
        load_rubric(tmp_path / "missing.yaml")
    (tmp_path / "bad.yaml").write_text("criteria: [unclosed")
    with pytest.raises(RubricError, match="not valid YAML"):
        load_rubric(tmp_path / "bad.yaml")


RUBRIC = parse_rubric(
    {
        "name": "t",
        "version": "1",
        "pass_threshold": 0.7,
        "criteria": [
            {"id": "a", "text": "A", "weight": 2, "required": True},
            {"id": "b", "text": "B", "weight": 1, "required": False},
            {"id": "c", "text": "C", "weight": 1, "required": False},
        ],
    }
)


def test_weighted_score_weights_and_threshold() -> None:
    result = weighted_score({"a": True, "b": True, "c": False}, RUBRIC)
    assert result.score == pytest.approx(0.75) and result.passed
    below = weighted_score({"a": True, "b": False, "c": False}, RUBRIC)
    assert below.score == pytest.approx(0.5) and not below.passed


def test_failed_required_criterion_fails_whatever_the_score() -> None:
    result = weighted_score({"a": False, "b": True, "c": True}, RUBRIC)
    assert result.failed_required == ("a",)
    assert not result.passed


def test_unassessed_optional_criteria_leave_the_denominator() -> None:
    result = weighted_score({"a": True, "b": None}, RUBRIC)
    assert result.score == pytest.approx(1.0) and result.passed
    assert result.per_criterion == {"a": True, "b": None, "c": None}
    nothing = weighted_score({}, RUBRIC)
    assert nothing.score is None and not nothing.passed


def test_unassessed_required_criterion_fails_closed() -> None:
    result = weighted_score({"a": None, "b": True, "c": True}, RUBRIC)
    assert result.score == pytest.approx(1.0)
    assert not result.passed and result.unassessed_required == ("a",)
