"""Reviewers' labels as data: the store, what calibration and the meta-eval report read from
it, and how an item page marks the findings in its summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from oci_testing.review_fixtures import WRONG, findings_item, review_setup

from eval.calibration import (
    CONSTRUCTION,
    between_annotators,
    compare,
    load_items,
    load_labels,
    review_labels,
)
from eval.findings import Review, precision_by
from eval.metaeval.report_sources import precision_markdown
from eval.review.items import records_view, summary_segments
from eval.review.labels import DuplicateSubmissionError, Label, LabelError, LabelStore
from eval.review.submission import SubmissionError, parse_submission
from eval.rubric import load_rubric
from eval.weekly.reviewed import DISMISSED, NOT_ON_THE_FORM, reason_groups


def _label(item_key: str, reviewer: str, criteria: dict[str, bool | None], **more: object) -> Label:
    item = findings_item()
    return Label(
        label_id=str(more.pop("label_id", f"label-{reviewer}-{item_key}-{len(criteria)}")),
        item=item_key,
        queue=more.pop("queue", "calibration"),  # type: ignore[arg-type]
        reviewer=reviewer,
        submitted_at="2026-11-24T10:00:00+00:00",
        rubric="agent_summary@2",
        criteria=criteria,
        snapshot=more.pop("snapshot", item.snapshot),  # type: ignore[arg-type]
        **more,  # type: ignore[arg-type]
    )


def test_label_store_keeps_one_standing_label_per_item_and_reviewer(tmp_path: Path) -> None:
    store = LabelStore(tmp_path)
    first = _label("calibration:a", "alice", {"no_pii": True}, label_id="submission-1")
    assert store.add(first) is True
    with pytest.raises(DuplicateSubmissionError):
        store.add(first)
    assert store.add(first.model_copy(update={"label_id": "submission-2"})) is False
    changed = first.model_copy(update={"label_id": "submission-3", "criteria": {"no_pii": False}})
    assert store.add(changed) is True
    assert len(store.all()) == 2
    assert store.standing()[("calibration:a", "alice")].criteria == {"no_pii": False}
    store.path.write_text(store.path.read_text() + '{"label_id": "x"}\n')
    with pytest.raises(LabelError, match=r"labels\.jsonl:3: label_id: String should have"):
        store.all()


def test_submission_is_refused_whole_naming_each_field() -> None:
    item = findings_item()
    rubric = load_rubric()
    ids = [f.id for f in item.findings]
    form = {"label_id": "f" * 32, "c.no_pii": "perhaps", "c.tone": "yes", f"f.{ids[0]}": "yes"}
    with pytest.raises(SubmissionError) as refused:
        parse_submission(form, item, rubric, reviewer="alice", now="t")
    fields = {p.field for p in refused.value.problems}
    assert {"c.no_pii", "c.tone", f"f.{ids[0]}", f"f.{ids[1]}"} <= fields
    empty = {"label_id": "f" * 32}
    with pytest.raises(SubmissionError, match="f\\."):
        parse_submission(empty, item, rubric, reviewer="alice", now="t")
    good = {
        **empty,
        **{f"f.{i}": "confirmed" for i in ids},
        "wrong": "the $62",
        "c.no_pii": "unsure",
    }
    label, reviews = parse_submission(good, item, rubric, reviewer="alice", now="t")
    assert label.criteria == {"no_pii": None} and len(reviews) == len(ids)
    assert all(r.reason == "the $62" and r.verdict == "confirmed" for r in reviews)


def test_calibration_reads_review_labels_and_measures_people_against_each_other(
    tmp_path: Path,
) -> None:
    setup = review_setup(tmp_path)
    items = load_items(setup.datasets / "calibration" / "items.jsonl")
    wrong_item = next(i for i in setup.context.queues.items("calibration") if i.summary == WRONG)
    by = {
        "alice": {"no_fabrication": False, "no_pii": True},
        "bob": {"no_fabrication": False, "no_pii": False},
        CONSTRUCTION: {"no_fabrication": False},
    }
    reviewed = [
        _label(wrong_item.key, name, verdicts, snapshot=wrong_item.snapshot)
        for name, verdicts in by.items()
        if name != CONSTRUCTION
    ]
    production = _label(
        "not_helpful:r-1", "alice", {"states_open_items": False}, queue="not_helpful"
    )
    only_findings = _label("calibration:x", "carol", {"no_pii": None}, snapshot=wrong_item.snapshot)
    extra, labels = review_labels([*reviewed, production, only_findings], items)
    assert [i.item for i in extra] == ["not_helpful:r-1"] and extra[
        0
    ].origin.source == "not_helpful"
    assert {(lb.item, lb.annotator) for lb in labels} == {
        ("cal-wrong", "alice"),
        ("cal-wrong", "bob"),
        ("not_helpful:r-1", "alice"),
    }
    (setup.datasets / "calibration" / "labels" / "construction.jsonl").write_text(
        json.dumps({"item": "cal-wrong", "annotator": CONSTRUCTION, "labels": by[CONSTRUCTION]})
        + "\n"
    )
    built = load_labels(setup.datasets / "calibration" / "labels", items, load_rubric())
    everything = [*built, *labels]
    people = between_annotators(everything, "no_pii")
    assert people is not None and people.n == 1 and people.observed == 0.0
    fabrication = between_annotators(everything, "no_fabrication")
    assert fabrication is not None and fabrication.n == 1  # alice-bob only, not construction
    results = {
        r.criterion: r for r in compare(everything, {"cal-wrong": {"no_pii": True}}, load_rubric())
    }
    assert results["no_pii"].ties == 1  # alice and bob disagree: no consensus to judge against


def test_reason_groups_and_the_meta_eval_precision_section() -> None:
    item = findings_item()
    confirmed = _label("n:1", "a", {"states_open_items": False}, verdict="confirmed", wrong="open")
    both = _label(
        "n:2", "a", {"states_open_items": False, "no_fabrication": False}, verdict="confirmed"
    )
    other = _label("n:3", "a", {"no_pii": True}, verdict="confirmed", wrong="too long")
    dismissed = _label("n:4", "a", {}, verdict="dismissed")
    groups = {
        g.reason: (g.count, g.words) for g in reason_groups([confirmed, both, other, dismissed])
    }
    assert groups == {
        "states_open_items": (2, ["open", ""]),
        "no_fabrication": (1, [""]),
        NOT_ON_THE_FORM: (1, ["too long"]),
        DISMISSED: (1, []),
    }
    reviews = [
        Review(f, "confirmed" if n else "false_alarm", "r", "alice", "t")
        for n, f in enumerate(item.findings)
    ]
    rows = precision_by(reviews, by="category")
    text = "\n".join(precision_markdown(rows))
    assert "| amount | unsupported_fact | 0 | 1 | 0% [" in text
    assert "No finding has been reviewed yet." in "\n".join(precision_markdown([]))


def test_item_page_marks_each_claim_and_the_records_it_cites() -> None:
    item = findings_item()
    segments = summary_segments(item)
    assert "".join(text for text, _ in segments) == item.summary
    marked = {text: numbers for text, numbers in segments if numbers}
    assert marked["Customer disputes a $62 data overage charge"] == (1,)
    assert any(len(numbers) > 1 for numbers in marked.values())  # two findings, one claim
    cited = {r["position"]: r["cited_by"] for r in records_view(item) if r["cited_by"]}
    status = next(n for n, f in enumerate(item.findings, 1) if f.category == "status")
    assert cited == {2: [status]}
