"""Judge calibration: agreement statistics and the label files' validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.agreement import binary_agreement
from eval.calibration import CalibrationError, compare, consensus, load_items, load_labels
from eval.rubric import load_rubric

ITEM = {
    "item": "cal-001",
    "origin": {"dataset": "golden/v1", "sample_id": "gs-002", "source": "reference"},
    "options": {"as_of": "2025-11-08T14:31:34Z", "ivr_intent": "billing_inquiry"},
    "interactions": [
        {
            "channel": "agent",
            "timestamp": "2025-11-03T14:51:52Z",
            "intent": "ChargeDispute",
            "notes": "Charge $26 questioned.",
            "outcome": "dispute_filed",
            "sentiment": "frustrated",
        }
    ],
    "summary": "Customer disputes a $26 charge.",
}


def write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_agreement_perfect_and_chance() -> None:
    perfect = binary_agreement([True, False, True, False] * 5, [True, False, True, False] * 5)
    assert perfect.kappa == pytest.approx(1.0) and perfect.tpr == 1.0 and perfect.tnr == 1.0
    flipped = binary_agreement([True, False] * 10, [False, True] * 10)
    assert flipped.kappa == pytest.approx(-1.0) and flipped.tpr == 0.0
    assert flipped.kappa_ci is not None and flipped.kappa_ci[1] <= -0.5


def test_agreement_says_kappa_is_not_measurable_when_a_rater_is_constant() -> None:
    result = binary_agreement([True, False, True, True], [True, True, True, True])
    assert result.kappa is None
    assert result.not_measurable == "not measurable: the rater under test passed every item"
    assert result.tnr == 1.0 and result.tpr == 0.0


def test_items_and_labels_refuse_bad_lines_naming_file_line_and_field(tmp_path: Path) -> None:
    rubric = load_rubric()
    items_path = write(tmp_path / "items.jsonl", [ITEM, {**ITEM, "item": "cal-002"}])
    items = load_items(items_path)
    bad_item = write(
        tmp_path / "bad.jsonl", [ITEM, {k: v for k, v in ITEM.items() if k != "summary"}]
    )
    with pytest.raises(CalibrationError, match=r"bad\.jsonl:2: summary: Field required"):
        load_items(bad_item)
    labels = tmp_path / "labels"
    good = {"item": "cal-001", "annotator": "a", "labels": {"no_pii": True}}
    write(labels / "a.jsonl", [good, {**good, "labels": {"tone": True}}])
    with pytest.raises(CalibrationError, match=r"a\.jsonl:2: labels\.tone: unknown criterion"):
        load_labels(labels, items, rubric)
    write(labels / "a.jsonl", [{"item": "cal-009", "annotator": "a", "labels": {"no_pii": True}}])
    with pytest.raises(CalibrationError, match=r"a\.jsonl:1: item: unknown item 'cal-009'"):
        load_labels(labels, items, rubric)
    write(labels / "a.jsonl", [{"item": "cal-001", "labels": {"no_pii": True}}])
    with pytest.raises(CalibrationError, match=r"a\.jsonl:1: annotator: Field required"):
        load_labels(labels, items, rubric)


def test_consensus_leaves_ties_out_and_compare_scores_the_judge(tmp_path: Path) -> None:
    rubric = load_rubric()
    items = load_items(write(tmp_path / "items.jsonl", [ITEM, {**ITEM, "item": "cal-002"}]))
    labels_dir = tmp_path / "labels"
    write(
        labels_dir / "a.jsonl",
        [
            {"item": "cal-001", "annotator": "a", "labels": {"no_pii": True}},
            {"item": "cal-002", "annotator": "a", "labels": {"no_pii": False}},
        ],
    )
    write(
        labels_dir / "b.jsonl",
        [
            {"item": "cal-001", "annotator": "b", "labels": {"no_pii": True}},
            {"item": "cal-002", "annotator": "b", "labels": {"no_pii": True}},
        ],
    )
    labels = load_labels(labels_dir, items, rubric)
    agreed, ties = consensus(labels, "no_pii")
    assert agreed == {"cal-001": True} and ties == 1
    results = {r.criterion: r for r in compare(labels, {"cal-001": {"no_pii": True}}, rubric)}
    assert results["no_pii"].judge.n == 1 and results["no_pii"].ties == 1
    assert results["no_pii"].annotators is not None and results["no_pii"].annotators.n == 2


def test_the_starter_set_builder_writes_files_the_loader_accepts(
    tmp_path: Path, repo_root: Path
) -> None:
    from eval.calibration_starter import build_starter, write_starter
    from eval.dataset.loader import load_golden
    from eval.rubric import load_rubric
    from eval.samples import golden_samples

    samples, _ = golden_samples(load_golden("v1", root=repo_root / "datasets"))
    subset = samples[:12]
    outputs = {s.id: s.references[0] for s in subset}
    items, labels = build_starter(subset, outputs, per_family=2, plain=3)
    write_starter(tmp_path, items, labels)
    loaded = load_items(tmp_path / "items.jsonl")
    assert len(loaded) == len(items) and len({i.item for i in loaded}) == len(items)
    read = load_labels(tmp_path / "labels", loaded, load_rubric())
    assert read and all(label.annotator == "construction" for label in read)
    negated = [label for label in labels if "negated_action" in label["item"]]
    assert negated
    assert all(label["labels"] == {"no_fabrication": False} for label in negated)
