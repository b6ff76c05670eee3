"""A whole-run check that fails the known-good run compared with itself is not measurable on
that source: it is left out of that source's verdicts and of the check's rates, and the
check's detail says so, instead of counting as a false alarm on every control."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS

from eval.gate.config import load_gate_config
from eval.metaeval.runs import family_verdicts
from eval.metaeval.signals import gate_signals
from eval.metaeval.table import FamilyRow, Rate, validate_checks
from eval.metaeval.variant import Variant
from eval.types import DatasetInfo, EvalSample, Score

N = 40
DATASET = DatasetInfo("golden", "v1", "sha256:" + "0" * 64, N)
SAMPLES = [EvalSample(f"s{i}", "golden/v1", (), OPTIONS, ("ref",)) for i in range(N)]


def _scores(bleu: float | None) -> dict[str, Score]:
    return {"bleu": Score("bleu", bleu), "judge": Score("judge", 0.9, True)}


def _variant(source: str, family: str, kind: str, sample_id: str) -> Variant:
    return Variant(
        id=f"{source}:{sample_id}:{family}",
        sample_id=sample_id,
        dataset="golden/v1",
        source=source,
        family=family,
        kind="control" if kind == "control" else "perturbation",
        trips=() if kind == "control" else ("omission",),
        original="text",
        text="changed text",
        change="",
    )


def _verdicts() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[str, tuple[str, ...]]]:
    # Reference-made texts have no BLEU (no other reference); production outputs do.
    originals = {("reference", s.id): ("text", _scores(None)) for s in SAMPLES}
    originals |= {("production", s.id): ("text", _scores(40.0)) for s in SAMPLES}
    variants, scores = [], []
    for source, bleu in (("reference", None), ("production", 40.0)):
        for sample in SAMPLES:
            variants.append(_variant(source, "synonyms", "control", sample.id))
            scores.append(_scores(bleu))
    # A production run whose BLEU drops by 20 points: a real loss, still caught.
    for sample in SAMPLES:
        variants.append(_variant("production", "open_item_omitted", "perturbation", sample.id))
        scores.append(_scores(20.0))
    return family_verdicts(
        SAMPLES, DATASET, originals, variants, scores, load_gate_config(), ("local", True)
    )


def test_a_check_failing_the_originals_against_themselves_is_not_measurable_there() -> None:
    verdicts, unmeasured = _verdicts()
    assert "bleu_non_inferior" in unmeasured["reference"]
    assert "bleu_non_inferior" not in unmeasured.get("production", ())
    assert "bleu_non_inferior" not in verdicts[("reference", "synonyms")]
    assert "bleu_non_inferior" not in verdicts[("production", "synonyms")]
    assert "bleu_non_inferior" in verdicts[("production", "open_item_omitted")]


def test_the_unmeasurable_source_is_left_out_of_the_checks_rates() -> None:
    verdicts, unmeasured = _verdicts()
    config = load_gate_config()
    signals = [s for s in gate_signals(config) if s.name == "bleu_non_inferior"]
    rows = [FamilyRow("synonyms", "control", (), Rate(0, N), {"bleu_non_inferior": Rate(0, N)}, ())]
    (check,) = validate_checks(rows, config, signals, verdicts, None, unmeasured)
    assert (check.false_alarm.k, check.false_alarm.n) == (0, 1)  # production only
    assert "not measurable on the reference source" in check.detail
    (counted,) = validate_checks(rows, config, signals, verdicts, None, {})
    assert counted.false_alarm.n == 2
