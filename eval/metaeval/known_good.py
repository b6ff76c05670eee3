"""Known-good text written outside the project, and the slips its authors wrote.

Besides the references and the production pair's outputs, a dataset may come with blind
LLM-style briefings (`datasets/briefings/<name>-<version>.jsonl`): answers to the
production prompt written by authors who never saw the checker or the references, in the
styles chat models write. They are a source of known-good text like the others (perturbed
by every family, and flagged as they stand only by false alarms), and their slips
(`<name>-<version>-slips.jsonl`, errors written by an author, not made by a rule) become
labelled variants of split "blind", reported apart from the rule-made families.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from eval.metaeval.detect import VariantOutcome
from eval.metaeval.families import FAMILIES
from eval.metaeval.signals import Scores, Signal
from eval.metaeval.table import Rate
from eval.metaeval.variant import Variant
from eval.types import DatasetInfo, EvalSample

BRIEFINGS = "briefings"
BLIND: Final = "blind"


@dataclass(frozen=True)
class BlindSlip:
    """One author-written slip of a known-good text."""

    sample_id: str
    family: str
    text: str
    why: str


@dataclass(frozen=True)
class KnownGood:
    """Extra known-good sources of a dataset, and their authors' slips."""

    texts: Mapping[str, Mapping[str, str]]  # source -> sample id -> text
    slips: Mapping[str, tuple[BlindSlip, ...]]  # source -> slips
    # source -> the figures of the checker's first run on it, kept apart from today's
    # (`<name>-<version>-first-run.json`: the commit, faithful texts flagged, slips per family)
    first_run: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def digest_material(self) -> list[object]:
        """What a detection table depends on, as JSON-ready data."""
        return [
            {source: sorted(texts.items()) for source, texts in sorted(self.texts.items())},
            {
                source: [(s.sample_id, s.family, s.text) for s in slips]
                for source, slips in sorted(self.slips.items())
            },
        ]


NO_KNOWN_GOOD = KnownGood({}, {})


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load_known_good(datasets_dir: Path, dataset: DatasetInfo) -> KnownGood:
    """The blind briefings of `dataset` and their slips (empty when it has none)."""
    stem = datasets_dir / BRIEFINGS / f"{dataset.name}-{dataset.version}"
    briefings = stem.with_suffix(".jsonl")
    if not briefings.is_file():
        return NO_KNOWN_GOOD
    texts = {line["sample_id"]: line["text"] for line in _lines(briefings)}
    slips_path = stem.parent / f"{stem.name}-slips.jsonl"
    slips = tuple(
        BlindSlip(line["sample_id"], line["family"], line["text"], line.get("why", ""))
        for line in (_lines(slips_path) if slips_path.is_file() else [])
        if line["family"] in FAMILIES
    )
    first = stem.parent / f"{stem.name}-first-run.json"
    first_run = (
        {BRIEFINGS: json.loads(first.read_text(encoding="utf-8"))} if first.is_file() else {}
    )
    return KnownGood({BRIEFINGS: texts}, {BRIEFINGS: slips}, first_run)


def blind_variants(known: KnownGood, samples: Sequence[EvalSample]) -> list[Variant]:
    """Every author-written slip as a labelled variant of its source's known-good text."""
    by_id = {sample.id: sample for sample in samples}
    variants = []
    for source, slips in known.slips.items():
        texts = known.texts.get(source, {})
        for index, slip in enumerate(slips):
            sample = by_id.get(slip.sample_id)
            original = texts.get(slip.sample_id)
            if sample is None or original is None or original == slip.text:
                continue
            family = FAMILIES[slip.family]
            variants.append(
                Variant(
                    id=f"{source}:{slip.sample_id}:{slip.family}:{BLIND}{index}",
                    sample_id=slip.sample_id,
                    dataset=sample.dataset,
                    source=source,
                    family=slip.family,
                    kind=family.kind,
                    trips=family.trips,
                    original=original,
                    text=slip.text,
                    change=slip.why,
                    split=BLIND,
                )
            )
    return variants


def known_good_flags(
    original_scores: Mapping[tuple[str, str], Scores], signals: Sequence[Signal]
) -> dict[str, dict[str, Rate]]:
    """Per source, per gate signal: of the known-good texts, how many it flags as they stand
    (each one a false alarm: the text is known to be right)."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for (source, _), scores in original_scores.items():
        for signal in signals:
            if signal.flags is None:
                continue
            flagged = signal.flags(scores)
            if flagged is None:
                continue
            tally = counts[source][signal.name]
            tally[0] += int(flagged)
            tally[1] += 1
    return {
        source: {name: Rate(k, n) for name, (k, n) in sorted(per.items())}
        for source, per in sorted(counts.items())
    }


def blind_outcomes(outcomes: Sequence[VariantOutcome]) -> list[VariantOutcome]:
    """The outcomes of author-written slips."""
    return [o for o in outcomes if o.split == BLIND]


def rule_made_outcomes(outcomes: Sequence[VariantOutcome]) -> list[VariantOutcome]:
    """The outcomes of variants made by the families' rules."""
    return [o for o in outcomes if o.split != BLIND]
