"""Claim findings a person can review, and what the reviews tell about the checker.

`model` gives every finding of an eval run a stable id; `reviews` stores people's verdicts
(`confirmed` or `false_alarm`) in `datasets/findings/`; `precision` measures the checker on
them. The gate counts confirmed and unreviewed findings (`eval.gate.claims`), and
`oci findings list` / `oci findings review` are the commands.
"""

from eval.findings.model import RunFinding, finding_id, result_findings, run_findings
from eval.findings.precision import CategoryPrecision, precision_by
from eval.findings.reviews import (
    VERDICTS,
    Review,
    ReviewError,
    ReviewStore,
    ReviewVerdict,
    make_reviews,
    review_requests,
)

__all__ = [
    "VERDICTS",
    "CategoryPrecision",
    "Review",
    "ReviewError",
    "ReviewStore",
    "ReviewVerdict",
    "RunFinding",
    "finding_id",
    "make_reviews",
    "precision_by",
    "result_findings",
    "review_requests",
    "run_findings",
]
