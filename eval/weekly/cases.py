"""Not-helpful production summaries as PII-redacted regression cases and report examples.

Redaction runs on every text that leaves the warehouse: notes, intents, outcomes, the
rejected summary and agents' comments. Emails, card numbers and phone numbers use the
service's own patterns; account numbers are the row's own number wherever it appears, any
number after "acct"/"account", and any other run of eight or more digits.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import Any

from eval.dataset.schema import SampleOptions
from eval.samples import (
    REGRESSIONS_DIR,
    SIMULATED,
    SIMULATED_MODEL_PREFIX,
    SIMULATED_REGRESSIONS_DIR,
    RegressionCase,
)
from eval.weekly.judging import Judged, sample_of
from service.backends.protocols import mask_account_number
from service.models import Interaction
from service.pii import redact

_ACCOUNT_CUE = re.compile(
    r"\b((?:acct|account)(?:\s*(?:no\.?|number|#|num))?\s*[:#]?\s*)\d{6,20}\b", re.IGNORECASE
)
_LONG_NUMBER = re.compile(r"\d(?:[ -]?\d){7,}")


def redact_pii(text: str, account_number: str = "") -> str:
    """`text` with every kind of PII `service.pii` knows, and any long number, masked."""
    if account_number and len(account_number) >= 4:
        text = text.replace(account_number, "[account]")
    text = redact(text)
    text = _ACCOUNT_CUE.sub(lambda m: f"{m[1]}[account]", text)
    return _LONG_NUMBER.sub("[number]", text)


def _interaction(item: Interaction, account: str) -> Interaction:
    return item.model_copy(
        update={
            "notes": redact_pii(item.notes, account),
            "intent": redact_pii(item.intent, account) or "redacted",
            "outcome": redact_pii(item.outcome, account),
        }
    )


def case_id(week: str, request_id: str) -> str:
    """Stable id: rewriting a week's set gives identical lines."""
    return f"reg-{week}-{hashlib.sha256(request_id.encode()).hexdigest()[:12]}"


def regression_case(week: str, judged: Judged, *, simulated: bool = False) -> RegressionCase:
    """A `RegressionCase` from one not-helpful rated summary, redacted.

    `simulated` marks the whole week as simulated traffic; a summary written by the
    simulator's models is marked so whatever the week.
    """
    row = judged.row
    account = str(row["account_number"])
    sample = sample_of(row)
    options = sample.options
    as_of = options.as_of.astimezone(UTC)
    return RegressionCase(
        id=case_id(week, str(row["request_id"])),
        account_number=mask_account_number(account),
        ivr_intent=redact_pii(options.ivr_intent, account) or "misc",
        options=SampleOptions(
            max_history_days=options.max_history_days,
            max_interactions=options.max_interactions,
            channel_filter=options.channel_filter,
            as_of=as_of,
        ),
        interactions=[_interaction(item, account) for item in sample.interactions],
        rejected_summary=redact_pii(str(row["summary_text"]), account),
        feedback_comment=redact_pii(row["comment"], account) if row.get("comment") else None,
        source={
            "week": week,
            "request_id": str(row["request_id"]),
            "prompt_version": str(row["prompt_version"]),
            "model_used": str(row["model_used"]),
            "traffic": SIMULATED
            if simulated or str(row["model_used"]).startswith(SIMULATED_MODEL_PREFIX)
            else "production",
            "generation_timestamp": as_of.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "judge_verdict": {True: "pass", False: "fail", None: "undecided"}[judged.passed],
        },
    )


def is_simulated(case: RegressionCase) -> bool:
    """Whether a case comes from simulated traffic (`oci simulate`'s models answered it)."""
    return case.source.get("traffic") == SIMULATED or case.source.get("model_used", "").startswith(
        SIMULATED_MODEL_PREFIX
    )


def write_regression_set(
    datasets_dir: Path, week: str, cases: Sequence[RegressionCase], *, simulated: bool = False
) -> Path | None:
    """Write `datasets/regressions/<week>.jsonl` (replacing it); None when there is no case.

    Cases from simulated traffic go to `datasets/synthetic/regressions/<week>.jsonl` instead:
    that folder is git-ignored and the eval never reads it, so a simulated week can never
    enter the gate by accident.
    """
    folder = SIMULATED_REGRESSIONS_DIR if simulated else REGRESSIONS_DIR
    path = datasets_dir / folder / f"{week}.jsonl"
    if not cases:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(cases, key=lambda case: case.id)
    lines = [json.dumps(c.model_dump(mode="json"), ensure_ascii=False) for c in ordered]
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


HISTORY_EXCERPT = 3  # latest records shown beside a worst case
_EXCERPT_CHARS = 240


def history_excerpt(row: dict[str, Any], limit: int = HISTORY_EXCERPT) -> list[str]:
    """The latest `limit` records the summary was made from, newest first, PII-redacted.

    The latest records are the ones that matter to an agent: they decide whether each issue
    is still open and what was last promised, which is what a not-helpful summary most often
    gets wrong. One line each: `2026-11-03 14:05 chat · billing · refund_pending: notes`.
    """
    account = str(row["account_number"])
    items = [Interaction.model_validate(item) for item in json.loads(row["interactions"])]
    latest = sorted(items, key=lambda item: item.timestamp, reverse=True)[:limit]
    lines = []
    for item in latest:
        notes = redact_pii(item.notes, account)
        if len(notes) > _EXCERPT_CHARS:
            notes = notes[: _EXCERPT_CHARS - 1] + "…"
        head = " · ".join(
            part
            for part in (
                f"{item.timestamp.astimezone(UTC):%Y-%m-%d %H:%M} {item.channel}",
                redact_pii(item.intent, account),
                redact_pii(item.outcome, account),
                item.sentiment or "",
            )
            if part
        )
        lines.append(f"{head}: {notes}" if notes else head)
    return lines


def worst_cases(judged: Sequence[Judged], limit: int = 10) -> list[dict[str, Any]]:
    """The not-helpful summaries the judge scored lowest, redacted, for the report."""
    unhelpful = [item for item in judged if not item.row["helpful"]]
    ranked = sorted(
        unhelpful,
        key=lambda j: (j.score if j.score is not None else 2.0, str(j.row["request_id"])),
    )
    shown = []
    for item in ranked[:limit]:
        account = str(item.row["account_number"])
        shown.append(
            {
                "request_id": str(item.row["request_id"]),
                "prompt_version": str(item.row["prompt_version"]),
                "model_used": str(item.row["model_used"]),
                "judge_score": item.score,
                "judge_reason": redact_pii(item.reason, account),
                "summary": redact_pii(str(item.row["summary_text"]), account),
                "comment": redact_pii(item.row["comment"], account) if item.row["comment"] else "",
                "history": history_excerpt(item.row),
            }
        )
    return shown
