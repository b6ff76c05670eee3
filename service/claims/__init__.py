"""The claim checker: every claim of a summary against the records it was written from.

`check_summary` is the one entry point; the eval suite scores with it and the service runs
it on every summary before an agent sees it. `CLAIM_KINDS` is its vocabulary: the kinds of
wrong claim it finds, which the gate checks and the meta-evaluation name the same way.
"""

from service.claims.check import check_summary, read_history
from service.claims.types import ClaimReport, ClaimVerdict, Finding
from service.claims.vocabulary import CLAIM_KINDS, KINDS_BY_NAME, ClaimKind, kind_of

__all__ = [
    "CLAIM_KINDS",
    "KINDS_BY_NAME",
    "ClaimKind",
    "ClaimReport",
    "ClaimVerdict",
    "Finding",
    "check_summary",
    "kind_of",
    "read_history",
]
