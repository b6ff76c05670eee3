"""The validator accepts the tiny set and rejects broken copies, naming file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import TinySet

from eval.dataset.jsonl import file_digest
from eval.dataset.validate import validate_annotations, validate_file

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN = REPO_ROOT / "datasets" / "golden" / "v1"


def _messages(errors: list[object]) -> list[str]:
    return [str(error) for error in errors]


def test_validate_file_accepts_tiny_set(tiny: TinySet) -> None:
    assert validate_file(tiny.samples) == []
    assert validate_file(tiny.histories) == []


def test_validate_file_reports_duplicate_id(tiny: TinySet) -> None:
    records = tiny.lines()
    records[2]["id"] = records[0]["id"]
    tiny.rewrite(records)
    messages = _messages(validate_file(tiny.samples, check_distribution=False))
    assert messages == [f"{tiny.samples}:3: id: 'gs-001' repeats line 1"]


def test_validate_file_reports_bad_timestamp(tiny: TinySet) -> None:
    records = tiny.lines()
    records[1]["interactions"][0]["timestamp"] = "2025-13-45T10:00:00Z"  # type: ignore[index]
    tiny.rewrite(records)
    errors = validate_file(tiny.samples, check_distribution=False)
    assert [(e.line, e.field) for e in errors] == [(2, "interactions.0.timestamp")]


def test_validate_file_reports_naive_timestamp(tiny: TinySet) -> None:
    records = tiny.lines()
    records[0]["options"]["as_of"] = "2025-12-08T14:32:15"  # type: ignore[index]
    tiny.rewrite(records)
    errors = validate_file(tiny.samples, check_distribution=False)
    assert [(e.line, e.field) for e in errors] == [(1, "options.as_of")]
    assert "timezone" in errors[0].message


def test_validate_file_reports_short_reference(tiny: TinySet) -> None:
    records = tiny.lines()
    records[0]["references"] = ["Customer disputed $45, unresolved, frustrated."]
    tiny.rewrite(records)
    errors = validate_file(tiny.samples, check_distribution=False)
    assert [(e.line, e.field) for e in errors] == [(1, "references.0")]
    assert "below 30" in errors[0].message


def test_validate_file_reports_key_fact_missing_from_references(tiny: TinySet) -> None:
    records = tiny.lines()
    records[1]["key_facts"][0]["match"] = ["$99"]  # type: ignore[index]
    tiny.rewrite(records)
    errors = validate_file(tiny.samples, check_distribution=False)
    assert _messages(errors) == [
        f"{tiny.samples}:2: key_facts.0.match: none of ['$99'] appears in any reference"
    ]


def test_validate_file_reports_malformed_json_and_keeps_going(tiny: TinySet) -> None:
    lines = tiny.samples.read_text("utf-8").splitlines()
    lines[1] = lines[1][:-5]
    record = json.loads(lines[2])
    record["references"] = ["too short"]
    lines[2] = json.dumps(record, ensure_ascii=False)
    tiny.samples.write_text("\n".join(lines) + "\n", "utf-8")
    errors = validate_file(tiny.samples, check_distribution=False)
    assert [(e.line, e.field) for e in errors] == [(2, "json"), (3, "references.0")]
    assert errors[0].message.startswith("malformed JSON")


def test_validate_file_reports_distribution_off_at_readme_line(tiny: TinySet) -> None:
    text = tiny.readme.read_text("utf-8")
    text = text.replace("| outage | 1 | 0 | 1 | 0 |", "| outage | 2 | 0 | 2 | 0 |")
    tiny.readme.write_text(text.replace("| 3 | 2 | 1 | 0 |", "| 4 | 2 | 2 | 0 |"), "utf-8")
    errors = validate_file(tiny.samples)
    assert [(e.file, e.line, e.field) for e in errors] == [(tiny.readme, 7, "tags.scenario")]
    assert "outage: table says 2" in errors[0].message and "the set has 1" in errors[0].message


def test_validate_file_reports_wrong_scenario_tag(tiny: TinySet) -> None:
    records = tiny.lines()
    records[0]["tags"]["scenario"] = "fraud"  # type: ignore[index]
    tiny.rewrite(records)
    messages = _messages(validate_file(tiny.samples))
    assert any("billing_dispute: table says 1" in m for m in messages)
    assert any("fraud: 1 samples but no row in the table" in m for m in messages)


def test_validate_file_rejects_pii_and_account_number_in_reference(tiny: TinySet) -> None:
    records = tiny.lines()
    reference = str(records[0]["references"][0])  # type: ignore[index]
    records[0]["references"] = [
        f"{reference} Call back on (555) 014-2231 or mail a@example.com, acct "
        f"{records[0]['account_number']}."
    ]
    tiny.rewrite(records)
    messages = [e.message for e in validate_file(tiny.samples, check_distribution=False)]
    assert "repeats the account number" in messages
    assert "contains a phone number" in messages
    assert "contains an email address" in messages


def test_validate_file_requires_no_history_phrase_when_nothing_in_scope(tiny: TinySet) -> None:
    records = tiny.lines()
    records[2]["references"] = ["There is nothing on file in 90 days about billing."]
    records[2]["key_facts"][0]["match"] = ["nothing on file"]  # type: ignore[index]
    tiny.rewrite(records)
    errors = validate_file(tiny.samples, check_distribution=False)
    assert [(e.line, e.field) for e in errors] == [(3, "references.0")]


def test_validate_file_checks_manifest_digest(tiny: TinySet) -> None:
    manifest = tiny.folder / "manifest.json"
    manifest.write_text(json.dumps({"digest": file_digest(tiny.samples)}, indent=2))
    assert validate_file(tiny.samples) == []
    manifest.write_text(json.dumps({"digest": "sha256:00"}, indent=2))
    errors = validate_file(tiny.samples)
    assert [(e.file, e.line, e.field) for e in errors] == [(manifest, 2, "digest")]


def test_validate_annotations_reports_missing_and_foreign_ids(tiny: TinySet) -> None:
    part = tiny.folder / "annotations" / "part-1.jsonl"
    lines = part.read_text("utf-8").splitlines()
    extra = json.loads(lines[0])
    extra["id"] = "gs-999"
    part.write_text("\n".join([*lines[:2], json.dumps(extra)]) + "\n", "utf-8")
    messages = _messages(validate_annotations(part, histories=tiny.histories))
    assert messages == [
        f"{part}:3: id: 'gs-999' is not in histories.jsonl",
        f"{part}:0: id: 'gs-003' has no annotation",
    ]


def test_committed_histories_are_valid() -> None:
    # `make test` runs this: the committed v1 files must always pass the validator.
    assert _messages(validate_file(GOLDEN / "histories.jsonl")) == []
    samples = GOLDEN / "samples.jsonl"
    if samples.exists():  # present once the annotations are in and the set is built
        assert _messages(validate_file(samples)) == []
