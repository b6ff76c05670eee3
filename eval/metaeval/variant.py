"""The suite's vocabulary: a labelled `Variant`, the `Family` that makes it, and the
`FamilyContext` a family's `make` function receives."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from eval.gate.config import ASPECTS
from eval.metaeval.phrases import PhraseBook, Split
from eval.types import EvalSample
from service.models import Interaction

Kind = Literal["perturbation", "control"]
# The phrase-bank half a rule-made variant's wording came from, or "blind": a slip written
# by an author (eval.metaeval.known_good).
VariantSplit = Literal["dev", "heldout", "blind"]


@dataclass(frozen=True)
class Variant:
    """A known-good summary with one labelled change (or a meaning-preserving rewrite).

    Attributes:
        id: `<source>:<sample id>:<family>`, unique within a suite.
        source: Where the known-good text came from ("reference", "production", ...).
        kind: "perturbation" (a careful agent would call it wrong) or "control" (still right).
        trips: Failure aspects a good check must raise; () for controls.
        original: The known-good text the variant was made from.
        text: The variant.
        change: What was changed, for humans reading a detection table.
        interactions: The sample's whole history with the family's edit, when the family
            also edits the history (an instruction planted in a customer's e-mail); None
            when the history is the sample's own.
        split: The phrase-bank half the wording came from ("dev" or "heldout"); checkers are
            tuned on "dev" only, so "heldout" measures wording they never saw.
    """

    id: str
    sample_id: str
    dataset: str
    source: str
    family: str
    kind: Kind
    trips: tuple[str, ...]
    original: str
    text: str
    change: str
    interactions: tuple[Interaction, ...] | None = None
    split: VariantSplit = "dev"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (interactions as the service's wire form)."""
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data["trips"] = list(self.trips)
        if self.interactions is not None:
            data["interactions"] = [item.model_dump(mode="json") for item in self.interactions]
        return data


@dataclass(frozen=True)
class OtherSummary:
    """Another sample's summary from the same source (for "another customer's summary")."""

    sample_id: str
    topic: str
    text: str


@dataclass(frozen=True)
class FamilyContext:
    """What a family's `make` sees for one (sample, source, family).

    Attributes:
        sample: The golden (or regression) sample.
        interactions: The sample's in-scope interactions, as the summarizer saw them.
        text: The known-good summary to change.
        source: Its source label.
        rng: Seeded from (suite seed, sample id, source, family): same inputs, same variant.
        others: Other samples' summaries from the same source, in sample order.
        phrases: The phrase banks (dev and heldout halves).
        family: The family being made, so `variant()` can label its result.
        seed: The suite seed (for `rng_for`).
    """

    sample: EvalSample
    interactions: tuple[Interaction, ...]
    text: str
    source: str
    rng: random.Random
    others: tuple[OtherSummary, ...]
    phrases: PhraseBook
    family: Family
    seed: int

    def rng_for(self, label: str) -> random.Random:
        """A generator shared by families that must agree (the same planted instruction)."""
        return seeded_rng(self.seed, self.sample.id, self.source, label)

    def split(self) -> Split:
        """Which phrase-bank half this variant draws its wording from (about half each)."""
        return "dev" if self.rng.random() < 0.5 else "heldout"

    def variant(
        self,
        text: str,
        change: str,
        *,
        split: Split = "dev",
        interactions: tuple[Interaction, ...] | None = None,
        extra_trips: tuple[str, ...] = (),
    ) -> Variant:
        """The family's result, labelled with this context's sample, source and family."""
        trips = self.family.trips + tuple(a for a in extra_trips if a not in self.family.trips)
        return Variant(
            id=f"{self.source}:{self.sample.id}:{self.family.name}",
            sample_id=self.sample.id,
            dataset=self.sample.dataset,
            source=self.source,
            family=self.family.name,
            kind=self.family.kind,
            trips=trips,
            original=self.text,
            text=text,
            change=change,
            interactions=interactions,
            split=split,
        )


Make = Callable[[FamilyContext], "Variant | None"]


@dataclass(frozen=True)
class Family:
    """A named way of changing a summary.

    Attributes:
        name: The family's name (the key in `FAMILIES`).
        kind: "perturbation" or "control".
        trips: Aspects every variant of this family trips (a variant may add more).
        make: Builds the variant, or returns None when the family does not apply.
    """

    name: str
    kind: Kind
    trips: tuple[str, ...]
    make: Make

    def __post_init__(self) -> None:
        unknown = [aspect for aspect in self.trips if aspect not in ASPECTS]
        if unknown:
            raise ValueError(f"family {self.name}: unknown aspect(s) {unknown}")
        if (self.kind == "control") == bool(self.trips):
            raise ValueError(f"family {self.name}: controls trip nothing, perturbations do")


def seeded_rng(seed: int, *parts: str) -> random.Random:
    """A `random.Random` from a stable digest (never Python's salted `hash`)."""
    key = "\x1f".join((str(seed), *parts)).encode()
    return random.Random(int.from_bytes(hashlib.sha256(key).digest()[:8], "big"))
