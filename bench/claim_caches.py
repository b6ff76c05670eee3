"""Forget the claim checker's remembered readings, as for histories it has never seen.

Clause-level readings (clauses, statuses, normalised text, evidence, fact sources, whole
checks) are cleared; word-level ones (stems, synonyms) stay, as in a worker that has served
requests before.
"""

from __future__ import annotations

from service.claims import (
    check,
    clause,
    evidence,
    facts,
    mentions,
    person_contacts,
    repeats,
    status,
    text,
)


def forget_claim_readings() -> None:
    """Clear every clause-level cache of `service.claims`."""
    for cached in (
        check._check,
        evidence._build_evidence,
        evidence.read_records,
        clause.read_clause,
        status.read_status,
        facts.read_source,
        mentions.read_dates,
        person_contacts.person_contacts,
        repeats.numbers_given,
        text.normalize,
    ):
        cached.cache_clear()
