"""A small review queue for tests: a calibration folder, one gate-findings item, one
not-helpful production summary with its week's regression set, and reviewer tokens."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.findings import ReviewStore
from eval.review.access import ReviewAccess
from eval.review.app import ReviewContext
from eval.review.items import ItemSnapshot, ReviewItem, checked_findings, make_item
from eval.review.labels import REVIEWS_DIR, LabelStore
from eval.review.mirror import MlflowMirror
from eval.review.queues import ReviewQueues
from eval.review.sources import calibration_items, production_item
from eval.rubric import load_rubric
from eval.samples import SIMULATED_REGRESSIONS_DIR, RegressionCase
from service.auth import TokenAuthority
from service.models import Interaction, SummaryOptions

SECRET = "review-test-secret-that-is-long-enough-for-hs256"
WEEK = "2026-W47"
REQUEST_ID = "sim-2026-W47-r1-000007-0"
RECORDS = [
    {
        "channel": "agent",
        "timestamp": "2026-11-17T14:51:52Z",
        "intent": "ChargeDispute",
        "notes": "Customer disputes a $26 data overage charge; dispute BD-11601 opened, "
        "review takes 5-7 business days.",
        "outcome": "dispute_filed",
        "sentiment": "frustrated",
    },
    {
        "channel": "email",
        "timestamp": "2026-11-19T10:00:00Z",
        "intent": "DisputeUpdate",
        "notes": "Outbound: dispute BD-11601 still under review.",
        "outcome": "pending",
        "sentiment": None,
    },
]
AS_OF = "2026-11-20T14:31:34Z"
# Four findings: a wrong amount, an invented refund, a flipped status.
WRONG = (
    "Customer disputes a $62 data overage charge; dispute BD-11601 was resolved and a refund "
    "issued."
)
RIGHT = (
    "Customer disputes a $26 data overage charge; dispute BD-11601 is under review (5-7 "
    "business days). Customer sentiment: frustrated."
)


def write_calibration(folder: Path) -> Path:
    """`items.jsonl` with three items (one with findings) and an empty `labels/`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "labels").mkdir(exist_ok=True)
    rows = [
        {
            "item": name,
            "origin": {"dataset": "golden/v2", "sample_id": "gs-001", "source": "reference"},
            "options": {"as_of": AS_OF},
            "interactions": RECORDS,
            "summary": summary,
        }
        for name, summary in (("cal-wrong", WRONG), ("cal-right", RIGHT), ("cal-third", RIGHT))
    ]
    (folder / "items.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def findings_item() -> ReviewItem:
    """An eval output with claim findings, the first deciding a FAIL."""
    snapshot = ItemSnapshot(
        dataset="golden/v2",
        sample_id="gs-042",
        options=SummaryOptions(as_of=AS_OF),
        interactions=tuple(Interaction.model_validate(r) for r in RECORDS),
        summary=WRONG,
        context={"eval report": "20261125T000000Z-omni-summary-2"},
    )
    found = checked_findings(snapshot)
    return make_item(
        "findings", "gs-042", "gs-042 (golden/v2)", snapshot, decisive=frozenset({found[0].id})
    )


def not_helpful_row() -> dict[str, Any]:
    """A warehouse row of a summary an agent voted not helpful."""
    return {
        "request_id": REQUEST_ID,
        "account_number": "acct-7f3a",
        "generation_timestamp": AS_OF,
        "prompt_version": "1",
        "model_used": "sim/primary",
        "summary_text": WRONG,
        "ivr_intent": "billing_inquiry",
        "max_history_days": 90,
        "max_interactions": 10,
        "channel_filter": None,
        "interactions": json.dumps(RECORDS),
        "comment": "says the refund was issued",
    }


def write_regression_set(datasets_dir: Path) -> Path:
    """The week's simulated regression set, holding the not-helpful summary's case."""
    case = RegressionCase(
        id="reg-2026-W47-0001",
        account_number="acct-7f3a",
        options={"as_of": AS_OF},  # type: ignore[arg-type]
        interactions=[Interaction.model_validate(r) for r in RECORDS],
        rejected_summary=WRONG,
        source={"week": WEEK, "request_id": REQUEST_ID, "traffic": "simulated"},
    )
    path = datasets_dir / SIMULATED_REGRESSIONS_DIR / f"{WEEK}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(case.model_dump(mode="json")) + "\n")
    return path


@dataclass
class ReviewSetup:
    """A review context over the test items, and tokens to call it with."""

    context: ReviewContext
    datasets: Path
    authority: TokenAuthority

    def token(self, reviewer: str, *roles: str) -> str:
        return self.authority.issue(reviewer, roles=roles)

    def labels_text(self) -> str:
        path = self.datasets / REVIEWS_DIR / "labels.jsonl"
        return path.read_text() if path.is_file() else ""

    def reviews_text(self) -> str:
        path = self.datasets / "findings" / "reviews.jsonl"
        return path.read_text() if path.is_file() else ""


def review_setup(
    root: Path,
    *,
    mirror: MlflowMirror | None = None,
    calibration_reviewers: int = 1,
    extra: tuple[ReviewItem, ...] = (),
) -> ReviewSetup:
    """Every queue's test items (and `extra` ones) over a fresh `datasets/` under `root`."""
    datasets = root / "datasets"
    items = [
        findings_item(),
        production_item(not_helpful_row(), "not_helpful", WEEK),
        *calibration_items(write_calibration(datasets / "calibration")),
        *extra,
    ]
    write_regression_set(datasets)
    authority = TokenAuthority(SECRET)
    queues = ReviewQueues(
        items,
        labels=LabelStore(datasets / REVIEWS_DIR),
        findings=ReviewStore(datasets / "findings"),
        calibration_reviewers=calibration_reviewers,
    )
    context = ReviewContext(
        queues=queues,
        rubric=load_rubric(),
        access=ReviewAccess(authority),
        datasets_dir=datasets,
        mirror=mirror,
    )
    return ReviewSetup(context, datasets, authority)


def form_of(html: str) -> dict[str, str]:
    """The hidden fields of an item page's form (submission id and CSRF token)."""
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return {name: fields[name] for name in ("label_id", "csrf")}


def finding_fields(html: str) -> list[str]:
    """The finding ids an item page asks a verdict for, in page order."""
    return list(dict.fromkeys(re.findall(r'name="f\.(\w+)"', html)))
