"""A submitted form → one `Label` and the finding `Review`s it implies, validated as a whole.

Nothing is made when any field is wrong: every problem is collected with the field it is
about, so the page can show them all and the API answers 422 naming each field.

Form fields (all strings):
- `label_id`: the submission's id, one per rendered form;
- `c.<criterion>`: `yes` (meets it), `no` (fails it) or `unsure` (cannot tell);
- `f.<finding id>`: `confirmed` or `false_alarm` — every finding of the item needs one;
- `fr.<finding id>`: why, for that finding (else `wrong` must say it);
- `verdict` (not-helpful summaries only): `confirmed` (not helpful) or `dismissed`;
- `wrong`: what was wrong, in the reviewer's words (required with `verdict=confirmed`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eval.findings import VERDICTS, Review
from eval.review.items import ReviewItem
from eval.review.labels import Label, NotHelpfulVerdict
from eval.rubric import Rubric

CRITERION_VALUES = {"yes": True, "no": False, "unsure": None}
NOT_HELPFUL_VERDICTS: tuple[NotHelpfulVerdict, ...] = ("confirmed", "dismissed")
MAX_TEXT = 2000
FORM_FIELDS = ("label_id", "csrf", "verdict", "wrong")


@dataclass(frozen=True)
class FieldProblem:
    """One thing wrong with a submission."""

    field: str
    message: str


class SubmissionError(ValueError):
    """A submission that cannot be stored; `problems` names every field at fault."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems


def _text(form: Mapping[str, str], name: str, problems: list[FieldProblem]) -> str:
    value = form.get(name, "").strip()
    if len(value) > MAX_TEXT:
        problems.append(FieldProblem(name, f"at most {MAX_TEXT} characters"))
    return value


def parse_submission(
    form: Mapping[str, str],
    item: ReviewItem,
    rubric: Rubric,
    *,
    reviewer: str,
    now: str,
) -> tuple[Label, list[Review]]:
    """The label and finding reviews a form submits for `item` by `reviewer`.

    Raises:
        SubmissionError: Any field unknown, missing or invalid (all of them listed).
    """
    problems: list[FieldProblem] = []
    known_findings = {f.id: f for f in item.findings}
    criteria: dict[str, bool | None] = {}
    verdicts: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for name, raw in form.items():
        value = raw.strip()
        prefix, _, rest = name.partition(".")
        if name in FORM_FIELDS:
            continue
        if prefix == "c" and rest:
            if rest not in rubric.ids:
                problems.append(FieldProblem(name, f"unknown criterion {rest!r}"))
            elif value not in CRITERION_VALUES:
                problems.append(FieldProblem(name, "must be yes, no or unsure"))
            else:
                criteria[rest] = CRITERION_VALUES[value]
        elif prefix in ("f", "fr") and rest:
            if rest not in known_findings:
                problems.append(FieldProblem(name, "not a finding of this item"))
            elif prefix == "f":
                if value not in VERDICTS:
                    problems.append(FieldProblem(name, "must be confirmed or false_alarm"))
                else:
                    verdicts[rest] = value
            elif value:
                reasons[rest] = _text(form, name, problems)
        else:
            problems.append(FieldProblem(name, "unknown field"))
    label_id = form.get("label_id", "").strip()
    if not 8 <= len(label_id) <= 64:
        problems.append(FieldProblem("label_id", "missing (reload the page)"))
    wrong = _text(form, "wrong", problems)
    verdict = form.get("verdict", "").strip() or None
    if item.queue == "not_helpful":
        if verdict not in NOT_HELPFUL_VERDICTS:
            problems.append(FieldProblem("verdict", "say whether the agent was right"))
        elif verdict == "confirmed" and not wrong:
            problems.append(FieldProblem("wrong", "say what was wrong with the summary"))
    elif verdict is not None:
        problems.append(FieldProblem("verdict", "only a not-helpful summary takes a verdict"))
    for ident in known_findings:
        if ident not in verdicts:
            problems.append(FieldProblem(f"f.{ident}", "confirmed or false_alarm is required"))
        elif not (reasons.get(ident) or wrong):
            problems.append(FieldProblem(f"fr.{ident}", "say why (here or under what was wrong)"))
    said = any(value is not None for value in criteria.values())
    if not said and not verdicts and verdict is None and not problems:
        problems.append(FieldProblem("c", "nothing was labelled"))
    if problems:
        raise SubmissionError(problems)
    ordered = {c: criteria[c] for c in rubric.ids if c in criteria}
    label = Label(
        label_id=label_id,
        item=item.key,
        queue=item.queue,
        reviewer=reviewer,
        submitted_at=now,
        rubric=f"{rubric.name}@{rubric.version}",
        criteria=ordered,
        verdict=verdict,  # type: ignore[arg-type]
        findings={ident: verdicts[ident] for ident in known_findings},  # type: ignore[misc]
        finding_reasons=reasons,
        wrong=wrong,
        snapshot=item.snapshot,
    )
    reviews = [
        Review(
            finding=known_findings[ident],
            verdict=label.findings[ident],
            reason=reasons.get(ident) or wrong,
            reviewer=reviewer,
            reviewed_at=now,
            pair=item.snapshot.context.get("pair", ""),
        )
        for ident in known_findings
    ]
    return label, reviews
