"""The review queue's composition root: settings in, the app's context out.

Queues are read once, at start: the newest eval's findings, the week's flagged and
not-helpful production summaries from the warehouse (loaded first, as `oci report` does),
and the calibration items. Restart the server to pick up a newer eval or week.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eval.calibration import DEFAULT_DIR
from eval.findings import ReviewStore
from eval.review.access import ReviewAccess
from eval.review.app import ReviewContext
from eval.review.items import ReviewItem
from eval.review.labels import REVIEWS_DIR, LabelStore
from eval.review.mirror import MlflowMirror
from eval.review.queues import ReviewQueues
from eval.review.sources import (
    calibration_items,
    eval_samples,
    findings_file_lines,
    findings_items,
    warehouse_items,
)
from eval.rubric import load_rubric
from eval.warehouse.etl import WarehousePaths, connect
from service.auth import authority_for
from service.settings import Settings

FINDINGS_FILE = "findings.jsonl"


@dataclass(frozen=True)
class QueueSources:
    """Where the queues were read from (printed by `oci review serve`)."""

    findings: Path | None
    week: str
    warehouse: Path | None


def newest_findings(reports_dir: Path) -> Path | None:
    """The newest eval report's findings file, if any eval ran."""
    found = sorted((reports_dir / "eval").glob(f"*/{FINDINGS_FILE}"))
    return found[-1] if found else None


def load_items(
    settings: Settings,
    *,
    week: str,
    findings: Path | None,
    calibration_dir: Path | None = None,
) -> tuple[list[ReviewItem], QueueSources]:
    """Every queue's items; a missing source leaves its queue empty."""
    items: list[ReviewItem] = []
    if findings is not None and findings.is_file():
        lines = findings_file_lines(findings)
        samples = eval_samples(settings.datasets_dir, {f.dataset for f, _ in lines})
        reviewed = set(ReviewStore(settings.datasets_dir / "findings").latest())
        items += findings_items(lines, samples, reviewed=reviewed, report=findings.parent.name)
    database = WarehousePaths.from_settings(settings).database
    if database.is_file():
        with connect(database) as conn:
            flagged, not_helpful = warehouse_items(conn, week)
        items += flagged + not_helpful
    calibration = calibration_dir or settings.datasets_dir / DEFAULT_DIR.name
    if (calibration / "items.jsonl").is_file():
        items += calibration_items(calibration)
    found = findings if findings is not None and findings.is_file() else None
    return items, QueueSources(found, week, database if database.is_file() else None)


def build_context(
    settings: Settings,
    items: list[ReviewItem],
    *,
    mirror: bool = True,
) -> ReviewContext:
    """The app's context over `items`, with the project's stores and the service's tokens."""
    queues = ReviewQueues(
        items,
        labels=LabelStore(settings.datasets_dir / REVIEWS_DIR),
        findings=ReviewStore(settings.datasets_dir / "findings"),
        calibration_reviewers=settings.review_calibration_reviewers,
    )
    return ReviewContext(
        queues=queues,
        rubric=load_rubric(),
        access=ReviewAccess(authority_for(settings)),
        datasets_dir=settings.datasets_dir,
        mirror=MlflowMirror(
            settings.mlflow_tracking_uri, settings.prompt_name, settings.mlflow_artifacts_dir
        )
        if mirror
        else None,
        max_age_s=settings.auth_max_token_lifetime_s,
    )
