"""The weekly and eval HTML reports as a browser shows them: every plot renders, no table
text spills out of its cell, no table out of its container; a full-page screenshot is taken.

Images are checked by what Chromium decoded (`naturalWidth > 0`), so a broken relative path
or a malformed data URI fails alike.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from chromium_page import Page
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from oci_testing.warehouse_store import WEEK, write_two_weeks

from eval.warehouse.etl import WarehousePaths, connect, run_etl
from eval.weekly.report import build_weekly_report

REPO = Path(__file__).resolve().parents[2]
EVAL_SAMPLES = 4
EVAL_TIMEOUT_S = 900

# Every image with what the browser decoded of it; every cell whose text is wider than the
# cell; every table wider than its container (unless the container scrolls sideways).
LAYOUT = """(() => {
  const images = [...document.images].map(img => ({
    src: (img.getAttribute('src') || '').slice(0, 80), complete: img.complete,
    naturalWidth: img.naturalWidth}));
  const cells = [...document.querySelectorAll('td, th')]
    .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
    .map(cell => ({text: cell.textContent.trim().slice(0, 80),
                   scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth}));
  const tables = [...document.querySelectorAll('table')].filter(table => {
    const box = table.parentElement;
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
    return !scrolls && table.getBoundingClientRect().width > box.clientWidth + 1;
  }).map(table => ({first: table.textContent.trim().slice(0, 80),
                    width: table.getBoundingClientRect().width,
                    container: table.parentElement.clientWidth}));
  return {images, cells, tables};
})()"""


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return int(width), int(height)


def _check(page: Page, report: Path, shot: Path) -> dict[str, Any]:
    page.open(report)
    layout: dict[str, Any] = page.evaluate(LAYOUT)
    width, height = _png_size(page.screenshot(shot))
    assert width > 0 and height > 0
    assert layout["images"], f"{report} shows no image"
    broken = [img for img in layout["images"] if not img["complete"] or img["naturalWidth"] <= 0]
    assert not broken, f"images that did not render in {report}: {broken}"
    assert not layout["cells"], f"text overflowing its table cell in {report}: {layout['cells']}"
    assert not layout["tables"], f"tables wider than their container: {layout['tables']}"
    return layout


@pytest.fixture(scope="module")
def weekly_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("weekly")
    paths = WarehousePaths.under(root / "warehouse")
    run_etl(paths, blob_root=write_two_weeks(root / "blobs", "batches"))
    with connect(paths.database) as conn:
        outcome = build_weekly_report(
            conn,
            WEEK,
            out_root=root / "reports",
            datasets_dir=root / "datasets",
            kappa_sample=80,
            regression_cases=20,
        )
    return outcome.files["html"]


@pytest.fixture(scope="module")
def eval_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An eval report of the committed prompt on a few golden samples (`oci eval --limit`)."""
    root = tmp_path_factory.mktemp("eval")
    prompts = root / "prompts"
    shutil.copytree(REPO / "prompts", prompts)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "OCI_STATE_DIR": str(root / "var"),
        "OCI_REPORTS_DIR": str(root / "reports"),
        "OCI_PROMPTS_DIR": str(prompts),
        "OCI_DATASETS_DIR": str(REPO / "datasets"),
        "OCI_MLFLOW_ARTIFACTS_DIR": str(root / "artifacts"),
        "MLFLOW_TRACKING_URI": f"sqlite:///{root / 'mlflow.db'}",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "eval.cli",
            "eval",
            "--prompt-dir",
            str(prompts / "omni-summary"),
            "--limit",
            str(EVAL_SAMPLES),
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=EVAL_TIMEOUT_S,
    )
    reports = sorted((root / "reports" / "eval").glob("*/report.html"))
    assert reports, f"no eval report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    return reports[-1]


def test_weekly_report_renders_every_plot_and_fits_its_tables(
    page: Page, weekly_report: Path, tmp_path: Path
) -> None:
    layout = _check(page, weekly_report, tmp_path / "weekly.png")
    assert len(layout["images"]) == 4  # helpful, KPIs, version trend, judge agreement


def test_eval_report_renders_every_plot_and_fits_its_tables(
    page: Page, eval_report: Path, tmp_path: Path
) -> None:
    _check(page, eval_report, tmp_path / "eval.png")


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ('<img src="missing.png" alt="x">', "did not render"),
        ('<img src="data:image/png;base64,AAAA" alt="x">', "did not render"),
        (
            '<img src="ok.png"><table><tr><td style="white-space: nowrap; max-width: 5rem;'
            ' overflow: hidden">' + "long-unbroken-text " * 20 + "</td></tr></table>",
            "cell",
        ),
        (
            '<img src="ok.png"><div style="width: 300px"><table><tr><td>'
            + "x" * 200
            + "</td></tr></table></div>",
            "wider than their container",
        ),
    ],
)
def test_the_checks_catch_a_broken_image_and_overflowing_text(
    page: Page, tmp_path: Path, body: str, complaint: str
) -> None:
    (tmp_path / "ok.png").write_bytes(_tiny_png())
    html = tmp_path / "page.html"
    html.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    with pytest.raises(AssertionError, match=complaint):
        _check(page, html, tmp_path / "shot.png")


def _tiny_png() -> bytes:
    fig = Figure(figsize=(1, 1))
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
