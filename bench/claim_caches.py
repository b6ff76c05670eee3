"""Forget the claim checker's remembered readings, as for histories it has never seen.

Clause-level readings (histories, clauses, statuses, normalised text, whole checks, and the
key-fact matcher's folded summaries) are cleared; word-level ones (stems, synonyms) stay, as
in a worker that has served requests before.
"""

from __future__ import annotations

from eval.metrics import key_facts
from service.claims import forget_readings


def forget_claim_readings() -> None:
    """Clear the claim checker's remembered readings and key-fact matching's."""
    forget_readings()
    # Key-fact recall reads summaries with the checker's clauses and remembers them.
    key_facts.fold.cache_clear()
    key_facts._folded_clauses.cache_clear()
