"""The claim checker: every claim of a summary against the records it was written from.

`check_summary` is the one entry point; the eval suite scores with it and the service runs
it on every summary before an agent sees it.
"""

from service.claims.check import check_summary, read_history
from service.claims.types import ClaimReport, ClaimVerdict, Finding

__all__ = ["ClaimReport", "ClaimVerdict", "Finding", "check_summary", "read_history"]
