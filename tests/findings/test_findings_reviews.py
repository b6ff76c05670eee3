"""Reviews of claim findings: stored whole or not at all, once, with errors that name the
file, line and field; `oci findings list/review` as a reviewer uses them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eval.cli import app
from eval.findings import ReviewError, ReviewStore, RunFinding, finding_id, make_reviews
from eval.findings.precision import precision_by


def _finding(n: int, kind: str = "unsupported_fact", category: str = "amount") -> RunFinding:
    output = f"Customer paid ${n}0.00 and was promised a call."
    claim, reason = f"paid ${n}0.00", "no record gives this amount"
    return RunFinding(
        id=finding_id("golden/v2", f"gs2-{n:03d}", output, category, claim, reason),
        dataset="golden/v2",
        sample_id=f"gs2-{n:03d}",
        kind=kind,
        category=category,
        verdict="unsupported",
        claim=claim,
        reason=reason,
        evidence=(1,),
        output=output,
    )


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    report = tmp_path / "reports" / "eval" / "20261125T000000Z-omni-summary-2"
    report.mkdir(parents=True)
    findings = [_finding(n) for n in range(1, 4)]
    lines = [{**f.as_record(), "decisive": n < 2, "review": ""} for n, f in enumerate(findings)]
    (report / "findings.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    datasets = tmp_path / "datasets"
    datasets.mkdir()
    monkeypatch.setenv("OCI_REPORTS_DIR", str(tmp_path / "reports"))
    monkeypatch.setenv("OCI_DATASETS_DIR", str(datasets))
    return {"findings": findings, "store": ReviewStore(datasets / "findings"), "tmp": tmp_path}


def test_list_shows_every_finding_and_which_decide_the_fail(env: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["findings", "list"])
    assert result.exit_code == 0, result.output
    assert "3 findings" in result.output and "2 decide a FAIL" in result.output
    for finding in env["findings"]:
        assert finding.id in result.output
    decisive = CliRunner().invoke(app, ["findings", "list", "--decisive"])
    assert decisive.output.count("decides FAIL") == 2


def test_review_stores_each_verdict_once_with_who_and_why(env: dict[str, Any]) -> None:
    first, second = env["findings"][0].id, env["findings"][1].id
    args = ["findings", "review", first, second, "--verdict", "false_alarm"]
    args += ["--reason", "the amount is in record 1", "--reviewer", "ana"]
    assert CliRunner().invoke(app, args).exit_code == 0
    again = CliRunner().invoke(app, args)  # a double submission
    assert again.exit_code == 0 and "already stood as given" in again.output
    reviews = env["store"].all()
    assert [r.finding_id for r in reviews] == [first, second]
    assert {(r.verdict, r.reviewer, r.reason) for r in reviews} == {
        ("false_alarm", "ana", "the amount is in record 1")
    }
    assert env["store"].verdicts() == {first: "false_alarm", second: "false_alarm"}
    listed = CliRunner().invoke(app, ["findings", "list", "--reviewed"])
    assert "false_alarm by ana" in listed.output


def test_a_later_review_replaces_the_standing_one(env: dict[str, Any]) -> None:
    key = env["findings"][0].id
    for verdict in ("false_alarm", "confirmed"):
        args = ["findings", "review", key, "--verdict", verdict, "--reason", "second look"]
        assert CliRunner().invoke(app, args).exit_code == 0
    assert env["store"].verdicts() == {key: "confirmed"}
    assert len(env["store"].all()) == 2  # the history is kept


def test_an_unknown_id_is_an_error_naming_it_and_nothing_is_written(env: dict[str, Any]) -> None:
    known = env["findings"][0].id
    args = ["findings", "review", known, "deadbeef0000", "--verdict", "confirmed"]
    result = CliRunner().invoke(app, [*args, "--reason", "real slip"])
    assert result.exit_code == 2
    assert "unknown finding id 'deadbeef0000'" in result.output
    assert env["store"].all() == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"verdict": "confirmed", "reason": "x"}, "field 'finding_id' is missing"),
        ({"finding_id": "ID", "reason": "x"}, "field 'verdict' must be one of"),
        ({"finding_id": "ID", "verdict": "confirmed"}, "field 'reason' is missing"),
    ],
)
def test_a_review_file_with_a_missing_field_names_file_line_and_field(
    env: dict[str, Any], line: dict[str, str], message: str
) -> None:
    good = {"finding_id": env["findings"][0].id, "verdict": "confirmed", "reason": "real"}
    bad = {k: (env["findings"][1].id if v == "ID" else v) for k, v in line.items()}
    path = env["tmp"] / "reviews-in.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
    result = CliRunner().invoke(app, ["findings", "review", "--file", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2: {message}" in " ".join(result.output.split())
    assert env["store"].all() == []  # the good first line was not stored either


def test_a_corrupt_store_line_is_an_error_naming_its_line(env: dict[str, Any]) -> None:
    env["store"].add(
        make_reviews(
            {f.id: f for f in env["findings"]},
            [("t", env["findings"][0].id, "confirmed", "ok")],
            reviewer="b",
        )
    )
    with env["store"].path.open("a") as handle:
        handle.write('{"finding_id": "x", "verdict": "confirmed"}\n')
    with pytest.raises(ReviewError, match=r"reviews\.jsonl:2: field 'finding' is missing"):
        env["store"].verdicts()


def test_precision_counts_standing_reviews_per_kind(env: dict[str, Any]) -> None:
    findings = {f.id: f for f in env["findings"]}
    requests = [
        ("t", env["findings"][0].id, "confirmed", "real"),
        ("t", env["findings"][1].id, "false_alarm", "in record 2"),
        ("t", env["findings"][2].id, "confirmed", "real"),
    ]
    env["store"].add(make_reviews(findings, requests, reviewer="c"))
    (row,) = precision_by(env["store"].latest().values())
    assert (row.name, row.confirmed, row.false_alarms) == ("unsupported_fact", 2, 1)
    assert row.precision == pytest.approx(2 / 3) and "of 3 reviewed" in row.text()
