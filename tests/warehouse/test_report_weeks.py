"""Which week `oci report` reports: the newest ended week with data when none is named; a named week
without any data, or an empty warehouse, is an error that says so (exit 1), never a report
of n/a throughout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.warehouse.synthetic import write_synthetic
from eval.warehouse_cli import SIMULATED_WEEKS, _week_to_report, report_command
from eval.weekly.available import weeks_with_data
from service.settings import Settings

OLDER, NEWER = "2026-W45", "2026-W47"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("weeks")
    blobs = root / "blobs"
    for monday, first in ((datetime(2026, 11, 2), 0), (datetime(2026, 11, 16), 1000)):
        write_synthetic(blobs, n_summaries=12, n_feedback=4, week_start=monday, first_index=first)
    paths = WarehousePaths.under(root / "warehouse")
    run_etl(paths, blob_root=blobs)
    return paths.database


def test_the_weeks_with_data_are_those_written(warehouse: Path, tmp_path: Path) -> None:
    with connect(warehouse, read_only=True) as conn:
        assert weeks_with_data(conn) == [OLDER, NEWER]
    with connect(tmp_path / "empty.duckdb") as conn:
        assert weeks_with_data(conn) == []  # nothing loaded yet: no tables at all


def test_no_week_named_reports_the_newest_that_has_ended(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path)
    assert _week_to_report(settings, "", [OLDER, NEWER], current="2026-W48") == NEWER
    # The week in progress waits until it ends, unless no other week has data.
    assert _week_to_report(settings, "", [OLDER, NEWER], current=NEWER) == OLDER
    assert _week_to_report(settings, "", [NEWER], current=NEWER) == NEWER
    assert _week_to_report(settings, NEWER, [OLDER, NEWER], current=NEWER) == NEWER


def test_a_week_without_data_is_refused_naming_the_weeks_with_some(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(state_dir=tmp_path)
    (tmp_path / SIMULATED_WEEKS).mkdir()
    (tmp_path / SIMULATED_WEEKS / NEWER).write_text("simulated\n")
    with pytest.raises(typer.Exit) as refused:
        _week_to_report(settings, "2026-W46", [OLDER, NEWER])
    assert refused.value.exit_code == 1
    said = " ".join(capsys.readouterr().err.split())
    assert "2026-W46 has no summaries, feedback or requests" in said
    assert f"{OLDER}, {NEWER} (simulated)" in said and f"make report WEEK={NEWER}" in said


def test_an_empty_warehouse_exits_non_zero_without_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "OCI_STATE_DIR": tmp_path / "var",
        "OCI_REPORTS_DIR": tmp_path / "reports",
        "OCI_DATASETS_DIR": tmp_path / "datasets",
    }.items():
        monkeypatch.setenv(name, str(value))
    app = typer.Typer()
    app.command()(report_command)
    result = CliRunner().invoke(app, ["--no-mlflow"])
    assert result.exit_code == 1, result.output
    assert "holds no week yet" in " ".join(result.output.split())
    assert not (tmp_path / "reports").exists()
