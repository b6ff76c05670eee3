"""The emulator's answer to a claim verification request (`service.verifier`).

A deterministic stand-in for a verifier model, named as one: it reads the sentence against
the records it was sent with the project's own claim checker and confirms the finding when
that reading finds a problem of the same kind in the sentence alone, with those records
alone; otherwise it does not confirm it, and says so. It makes the verifier stage testable
end to end (service, HTTP, meta-evaluation) with no model at hand; it is not evidence of
what a real model would answer.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from service.claims import check_summary, kind_of
from service.models import Interaction, SummaryOptions
from service.verifier import VERIFIER_SYSTEM

_MARK = VERIFIER_SYSTEM.split(".", 1)[0]


def is_verification(system: str) -> bool:
    """Whether a request is the verifier's question rather than a summary request."""
    return system.lstrip().startswith(_MARK)


def _answer(verdict: str, reason: str) -> str:
    return json.dumps({"verdict": verdict, "reason": reason})


def answer_verification(user: str) -> str:
    """`{"verdict": "confirmed" | "not_confirmed", "reason": ...}` for one question."""
    try:
        question: dict[str, Any] = json.loads(user)
        records = [
            Interaction(**{k: v for k, v in record.items() if k != "position"})
            for record in question["records"]
        ]
        category = str(question["finding"]["category"])
        sentence = str(question["sentence"])
    except (ValueError, KeyError, TypeError) as error:
        return _answer("not_confirmed", f"unreadable question ({type(error).__name__})")
    options = None
    if question.get("as_of"):
        options = SummaryOptions(
            as_of=datetime.fromisoformat(question["as_of"]),
            ivr_intent=question.get("ivr_intent") or "misc",
            max_history_days=3650,
            max_interactions=max(len(records), 1),
        )
    report = check_summary(sentence, records, options)
    wanted = kind_of(category).name
    same = [f for f in report.findings if kind_of(f.category).name == wanted]
    if same:
        return _answer("confirmed", f"the records bear it out: {same[0].reason}")
    return _answer("not_confirmed", f"read alone against the cited records, no {wanted} shows")
