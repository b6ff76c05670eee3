"""Forget the claim checker's remembered readings, as for histories it has never seen.

Clause-level readings (clauses, statuses, normalised text, evidence, fact sources, whole
checks, and the key-fact matcher's folded summaries) are cleared; word-level ones (stems,
synonyms) stay, as in a worker that has served requests before.
"""

from __future__ import annotations

from eval.metrics import key_facts
from service.claims import (
    check,
    clause,
    evidence,
    facts,
    judgements,
    mentions,
    person_contacts,
    repeats,
    status,
    text,
)


def forget_claim_readings() -> None:
    """Clear every clause-level cache of `service.claims` and of key-fact matching."""
    for cached in (
        check._check,
        evidence._build_evidence,
        evidence.read_records,
        clause.read_clause,
        status.read_status,
        judgements.read_moods,
        facts.read_source,
        mentions.read_dates,
        person_contacts.person_contacts,
        repeats.numbers_given,
        text.normalize,
        key_facts.fold,
        key_facts._folded_clauses,
    ):
        cached.cache_clear()
