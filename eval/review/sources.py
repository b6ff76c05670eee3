"""Where each queue's items come from.

- `findings`: the claim findings of the newest eval (its `findings.jsonl`), one item per
  output with findings nobody has reviewed yet, the findings that decide a FAIL first;
- `flagged`: the week's production summaries the validation agent did not pass as written
  (regenerated, redacted or withheld), from the warehouse;
- `not_helpful`: the week's summaries whose standing agent vote is not helpful, the same
  ones the weekly report turns into regression cases;
- `calibration`: `datasets/calibration/items.jsonl`, in a fixed shuffled order so that a
  session mixes references, production outputs and perturbed variants. Where an item came
  from is not shown: a reviewer labels what they read, not what they were told it is.

Production text is redacted as regression cases are (`eval.weekly.cases.redact_pii`), since a
label stores the item it labels.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb

from eval.calibration import load_items
from eval.dataset.loader import DatasetError, load_golden, parse_dataset
from eval.findings import RunFinding
from eval.review.items import ItemSnapshot, ReviewItem, make_item
from eval.samples import REGRESSIONS_DIR, SIMULATED_MODEL_PREFIX, golden_samples, regression_sets
from eval.types import EvalSample
from eval.weekly.cases import redact_pii
from eval.weekly.judging import sample_of
from eval.weekly.rated import pick_rated
from eval.weekly.week import week_start
from service.models import Interaction, select_interactions

FLAGGED_OUTCOMES = ("regenerated", "redacted", "withheld")
# What the validation agent did, for the reviewer (service/checked_summary.py).
CHECK_OUTCOMES = {
    "regenerated": "the first draft failed the check; this is the model's second answer",
    "redacted": "sentences the check could not verify were removed; this is what the agent saw",
    "withheld": "nothing verifiable was left; the agent was shown no summary",
    "passed": "the check found nothing wrong",
}
PER_QUEUE = 100  # production items per queue and week, as many as the week's regression set


def _shuffled(key: str) -> str:
    return hashlib.md5(key.encode("utf-8")).hexdigest()


def calibration_items(directory: Path) -> list[ReviewItem]:
    """Every calibration item, in a fixed shuffled order."""
    items = sorted(load_items(directory / "items.jsonl"), key=lambda item: _shuffled(item.item))
    return [
        make_item(
            "calibration",
            _shuffled(item.item)[:10],  # an item's id says how it was made: not shown
            f"calibration item {number}",
            ItemSnapshot(
                dataset="calibration",
                sample_id=item.item,
                options=item.options,
                interactions=item.interactions,
                summary=item.summary,
            ),
        )
        for number, item in enumerate(items, start=1)
    ]


def eval_samples(datasets_dir: Path, names: Iterable[str]) -> dict[tuple[str, str], EvalSample]:
    """(dataset, sample id) -> sample, for the golden-style and regression sets named."""
    found: dict[tuple[str, str], EvalSample] = {}
    wanted = set(names)
    if any(name.startswith(f"{REGRESSIONS_DIR}/") for name in wanted):
        for samples, _ in regression_sets(datasets_dir):
            found.update({(s.dataset, s.id): s for s in samples})
    for name in sorted(n for n in wanted if not n.startswith(f"{REGRESSIONS_DIR}/")):
        dataset, version = parse_dataset(name)
        try:
            samples, _ = golden_samples(load_golden(version, root=datasets_dir, name=dataset))
        except DatasetError:
            continue  # a set this checkout does not have: its findings cannot be shown
        found.update({(s.dataset, s.id): s for s in samples})
    return found


def findings_items(
    findings: Iterable[tuple[RunFinding, bool]],
    samples: Mapping[tuple[str, str], EvalSample],
    *,
    reviewed: set[str],
    report: str,
) -> list[ReviewItem]:
    """One item per output with an unreviewed finding; those with decisive findings first."""
    grouped: dict[tuple[str, str, str], list[tuple[RunFinding, bool]]] = {}
    for finding, decisive in findings:
        grouped.setdefault((finding.dataset, finding.sample_id, finding.output), []).append(
            (finding, decisive)
        )
    made = []
    for (dataset, sample_id, output), pairs in grouped.items():
        sample = samples.get((dataset, sample_id))
        if sample is None or all(f.id in reviewed for f, _ in pairs):
            continue
        snapshot = ItemSnapshot(
            dataset=dataset,
            sample_id=sample_id,
            options=sample.options,
            interactions=select_interactions(sample.interactions, sample.options),
            summary=output,
            context={"eval report": report},
        )
        deciding = frozenset(f.id for f, flag in pairs if flag)
        ident = hashlib.sha256(f"{dataset}\n{sample_id}\n{output}".encode()).hexdigest()[:12]
        title = f"{sample_id} ({dataset}): {len(pairs)} finding(s)"
        found = tuple(f for f, _ in pairs)
        made.append(
            make_item("findings", ident, title, snapshot, findings=found, decisive=deciding)
        )
    return sorted(made, key=lambda item: (not item.decisive, item.key))


def _redacted(interactions: Iterable[Interaction], account: str) -> tuple[Interaction, ...]:
    return tuple(
        item.model_copy(
            update={
                "notes": redact_pii(item.notes, account),
                "intent": redact_pii(item.intent, account) or "redacted",
                "outcome": redact_pii(item.outcome, account),
            }
        )
        for item in interactions
    )


def production_item(row: Mapping[str, Any], queue: str, week: str) -> ReviewItem:
    """A flagged or not-helpful production summary as an item (redacted)."""
    sample = sample_of(dict(row))
    account = str(row["account_number"])
    request_id = str(row["request_id"])
    model = str(row["model_used"])
    context = {
        "request_id": request_id,
        "week": week,
        "pair": f"prompt version {row['prompt_version']} on {model}",
        "traffic": "simulated" if model.startswith(SIMULATED_MODEL_PREFIX) else "production",
    }
    if row.get("summary_check"):
        outcome = str(row["summary_check"])
        context["validation agent"] = f"{outcome}: {CHECK_OUTCOMES.get(outcome, '')}".strip(": ")
    if row.get("comment"):
        context["agent's comment"] = redact_pii(str(row["comment"]), account)
    snapshot = ItemSnapshot(
        dataset=f"production/{week}",
        sample_id=request_id,
        options=sample.options,
        interactions=_redacted(sample.interactions, account),
        summary=redact_pii(str(row["summary_text"]), account),
        context=context,
    )
    title = f"request {request_id}"
    return make_item(queue, request_id, title, snapshot)  # type: ignore[arg-type]


_FLAGGED_SQL = """
SELECT s.request_id, s.account_number, s.generation_timestamp, s.prompt_version,
       s.model_used, s.summary_text, s.ivr_intent, s.summary_check, c.max_history_days,
       c.max_interactions, c.channel_filter, c.interactions
FROM omni_summaries s JOIN omni_summary_context c ON c.request_id = s.request_id
WHERE s.summary_check IN (SELECT unnest(?::VARCHAR[]))
  AND s.generation_timestamp >= ? AND s.generation_timestamp < ?
ORDER BY md5(s.request_id) LIMIT ?
"""


def warehouse_items(
    conn: duckdb.DuckDBPyConnection, week: str, *, limit: int = PER_QUEUE
) -> tuple[list[ReviewItem], list[ReviewItem]]:
    """The week's flagged and not-helpful production summaries (a loaded warehouse)."""
    start = week_start(week)
    cursor = conn.execute(
        _FLAGGED_SQL, [list(FLAGGED_OUTCOMES), start, start + timedelta(days=7), limit]
    )
    names = [column[0] for column in cursor.description or ()]
    flagged_rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    picks = pick_rated(conn, start, kappa_sample=0, regression_cases=limit)
    flagged = [production_item(row, "flagged", week) for row in flagged_rows]
    not_helpful = [production_item(row, "not_helpful", week) for row in picks.unhelpful]
    return flagged, not_helpful


def findings_file_lines(path: Path) -> list[tuple[RunFinding, bool]]:
    """(finding, decides a FAIL) for every line of an eval's `findings.jsonl`."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            found.append((RunFinding.from_record(record), bool(record.get("decisive"))))
    return found
