"""Generate the suite: every family over every (source, sample), deterministically."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources

from eval.metaeval.families import FAMILIES
from eval.metaeval.phrases import PHRASES_FILE, PhraseBook, Split, load_phrase_book
from eval.metaeval.variant import Family, FamilyContext, OtherSummary, Variant, seeded_rng
from eval.scorers.deps import in_scope
from eval.types import EvalSample

# Bump when a family is added, removed or changes what it produces.
SUITE_VERSION = "6"


class UnknownFamilyError(ValueError):
    """Family names that are not in `FAMILIES`."""

    def __init__(self, unknown: Sequence[str]) -> None:
        self.unknown = tuple(unknown)
        super().__init__(
            f"unknown famil{'y' if len(unknown) == 1 else 'ies'}: {', '.join(unknown)}; "
            f"known: {', '.join(FAMILIES)}"
        )


def resolve_families(names: Sequence[str] | None) -> list[Family]:
    """The named families in the given order (all of them for None).

    Raises:
        UnknownFamilyError: Some names are not families (all of them are listed).
    """
    if names is None:
        return list(FAMILIES.values())
    unknown = [name for name in names if name not in FAMILIES]
    if unknown:
        raise UnknownFamilyError(unknown)
    return [FAMILIES[name] for name in dict.fromkeys(names)]


def generate_suite(
    samples: Sequence[EvalSample],
    sources: Mapping[str, Mapping[str, str]],
    *,
    seed: int = 0,
    families: Sequence[str] | None = None,
    per_family_limit: int | None = None,
    split: Split | None = None,
    phrases: PhraseBook | None = None,
) -> list[Variant]:
    """Labelled variants of known-good summaries.

    Args:
        samples: The samples (their in-scope interactions are what the summaries describe).
        sources: Source label ("reference", "production", ...) -> {sample id: summary}.
            Samples without a text in a source are skipped for it.
        seed: Suite seed; with the same inputs the output is identical.
        families: Family names (default: all, in `FAMILIES` order).
        per_family_limit: At most this many variants per family and source.
        split: Keep only variants whose wording came from this phrase-bank half.
        phrases: Phrase banks (default: the shipped `phrases.yaml`).

    Returns:
        Variants in (source, sample, family) order.

    Raises:
        UnknownFamilyError: A name in `families` is not a family.
    """
    chosen = resolve_families(families)
    book = phrases or load_phrase_book()
    variants: list[Variant] = []
    for source, texts in sources.items():
        present = [sample for sample in samples if sample.id in texts]
        summaries = tuple(OtherSummary(s.id, topic(s), texts[s.id]) for s in present)
        made: Counter[str] = Counter()
        for sample in samples:
            if sample.id not in texts:
                continue
            scope = in_scope(sample)
            others = tuple(other for other in summaries if other.sample_id != sample.id)
            for family in chosen:
                if per_family_limit is not None and made[family.name] >= per_family_limit:
                    continue
                ctx = FamilyContext(
                    sample=sample,
                    interactions=scope,
                    text=texts[sample.id],
                    source=source,
                    rng=seeded_rng(seed, sample.id, source, family.name),
                    others=others,
                    phrases=book,
                    family=family,
                    seed=seed,
                )
                variant = family.make(ctx)
                if variant is None or (split is not None and variant.split != split):
                    continue
                variants.append(variant)
                made[family.name] += 1
    return variants


def suite_digest(
    *,
    seed: int = 0,
    families: Sequence[str] | None = None,
    split: Split | None = None,
    per_family_limit: int | None = None,
) -> str:
    """`sha256:<hex>` of what decides the suite besides its inputs: version, seed, family
    set, split, limit and the phrase banks' bytes (a cache key for detection tables)."""
    names = sorted(family.name for family in resolve_families(families))
    phrase_bytes = resources.files("eval.metaeval").joinpath(PHRASES_FILE).read_bytes()
    payload = {
        "version": SUITE_VERSION,
        "seed": seed,
        "families": names,
        "split": split,
        "per_family_limit": per_family_limit,
        "phrases": hashlib.sha256(phrase_bytes).hexdigest(),
    }
    return "sha256:" + hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def topic(sample: EvalSample) -> str:
    """The sample's topic tag (its scenario when it has none), for "same topic" choices."""
    return str(sample.tags.get("topic") or sample.tags.get("scenario") or "")


def reference_texts(samples: Sequence[EvalSample]) -> dict[str, str]:
    """The "reference" source: each sample's first reference (samples without one skipped)."""
    return {sample.id: sample.references[0] for sample in samples if sample.references}
