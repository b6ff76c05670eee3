"""Not-helpful cases reach datasets/regressions/<week>.jsonl, redacted; the eval loads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from oci_testing.warehouse_store import WEEK

from eval.inputs import load_eval_samples
from eval.samples import RegressionCase, regression_sets
from eval.warehouse.etl import WarehousePaths, connect
from eval.weekly.cases import redact_pii
from eval.weekly.report import ReportOutcome, build_weekly_report
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
PII = re.compile(
    r"555-010-4477|jo\.doe@example\.com|4111 1111 1111 1111|1234567890|\b1000000\d{3}\b"
)


@pytest.fixture(scope="module")
def written(
    warehouse: WarehousePaths, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ReportOutcome, Path]:
    datasets = tmp_path_factory.mktemp("datasets")
    (datasets / "golden").symlink_to(REPO / "datasets" / "golden")
    with connect(warehouse.database) as conn:
        outcome = build_weekly_report(
            conn,
            WEEK,
            out_root=datasets.parent / "reports",
            datasets_dir=datasets,
            regression_cases=40,
        )
    return outcome, datasets


def test_a_not_helpful_case_appears_in_the_weeks_regression_set(
    written: tuple[ReportOutcome, Path], warehouse: WarehousePaths
) -> None:
    outcome, datasets = written
    assert outcome.regression_path == datasets / "regressions" / f"{WEEK}.jsonl"
    lines = outcome.regression_path.read_text().splitlines()
    cases = [RegressionCase.model_validate_json(line) for line in lines]
    assert 0 < len(cases) <= 40 and len({c.id for c in cases}) == len(cases)
    with connect(warehouse.database, read_only=True) as conn:
        unhelpful = {
            r[0]
            for r in conn.execute(
                "SELECT request_id FROM v_rated_summaries WHERE NOT helpful"
            ).fetchall()
        }
    assert {c.source["request_id"] for c in cases} <= unhelpful
    assert all(c.rejected_summary and c.interactions for c in cases)


def test_the_eval_suite_includes_the_regression_set(written: tuple[ReportOutcome, Path]) -> None:
    _, datasets = written
    [(samples, info)] = regression_sets(datasets)
    assert info.version == WEEK and samples and samples[0].rejected_summary
    everything, infos = load_eval_samples(Settings(datasets_dir=datasets), "golden/v1")
    assert any(i.name == "regressions" and i.version == WEEK for i in infos)
    assert any(s.dataset == f"regressions/{WEEK}" for s in everything)


def test_regression_cases_and_worst_cases_carry_no_pii(written: tuple[ReportOutcome, Path]) -> None:
    outcome, _ = written
    assert outcome.regression_path is not None
    text = outcome.regression_path.read_text()
    assert "[phone]" in text or "[email]" in text or "[card]" in text
    assert PII.search(text) is None
    for name in ("html", "markdown", "metrics"):
        assert PII.search(outcome.files[name].read_text()) is None, name
    assert outcome.report.worst and all("summary" in case for case in outcome.report.worst)


def test_redact_pii_covers_phones_emails_cards_and_account_numbers() -> None:
    text = (
        "Call 555-010-4477 or (555) 010-4477, mail jo.doe@example.com, card 4111 1111 1111 1111,"
        " acct 987654321, account number 5550001234, raw 12345678901"
    )
    redacted = redact_pii(text, "5550001234")
    assert not re.search(r"\d{4}", redacted.replace("[", "").replace("]", "")), redacted
    assert "example.com" not in redacted


def test_a_simulated_week_never_reaches_the_eval(warehouse: WarehousePaths, tmp_path: Path) -> None:
    datasets = tmp_path / "datasets"
    with connect(warehouse.database) as conn:
        outcome = build_weekly_report(
            conn,
            WEEK,
            out_root=tmp_path / "reports",
            datasets_dir=datasets,
            regression_cases=10,
            simulated=True,
        )
    assert outcome.regression_path is None
    assert outcome.simulated_regression_path == (
        datasets / "synthetic" / "regressions" / f"{WEEK}.jsonl"
    )
    cases = outcome.simulated_regression_path.read_text().splitlines()
    assert cases and all(
        RegressionCase.model_validate_json(c).source["traffic"] == "simulated" for c in cases
    )
    assert regression_sets(datasets) == []
    # Copied into regressions/ by hand, the cases are still skipped.
    (datasets / "regressions").mkdir()
    (datasets / "regressions" / f"{WEEK}.jsonl").write_text("\n".join(cases) + "\n")
    [(samples, _)] = regression_sets(datasets)
    assert samples == []
