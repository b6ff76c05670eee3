"""Phrase banks: the surface forms of the families whose wording matters most.

The forms live in `phrases.yaml`, each family split into a `dev` half (checkers may be
tuned on it) and a `heldout` half (reported apart, as the honest number). Both halves have
the same slots; a variant draws all its wording from one half and records which.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

Split = Literal["dev", "heldout"]
SPLITS: tuple[Split, ...] = ("dev", "heldout")
PHRASES_FILE = "phrases.yaml"


class PhraseBookError(ValueError):
    """The phrase file is malformed (names the family and slot)."""


@dataclass(frozen=True)
class PhraseBook:
    """Every family's two halves: `banks[family][split][slot]`."""

    banks: Mapping[str, Mapping[str, Mapping[str, Any]]]

    def slot(self, family: str, split: Split, slot: str) -> Any:
        """The raw entry (a list of strings or of mappings, or a mapping) for one slot."""
        return self.banks[family][split][slot]

    def strings(self, family: str, split: Split, slot: str) -> tuple[str, ...]:
        """A slot holding a list of strings."""
        return tuple(str(item) for item in self.slot(family, split, slot))

    def choice(self, rng: random.Random, family: str, split: Split, slot: str) -> str:
        """One string of a slot, chosen by `rng`."""
        return rng.choice(self.strings(family, split, slot))

    def flat(self, family: str, split: Split) -> set[str]:
        """Every string anywhere under one half (for the no-overlap check)."""
        return set(_strings(self.banks[family][split]))


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, Mapping):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return []


def load_phrase_book(path: Path | None = None) -> PhraseBook:
    """Read and check the phrase file (default: the one shipped with this package).

    Raises:
        PhraseBookError: A family lacks a half, the halves' slots differ, a slot is empty,
            or a phrase appears in both halves (the held-out number would be dev wording).
    """
    text = (
        path.read_text(encoding="utf-8")
        if path is not None
        else resources.files("eval.metaeval").joinpath(PHRASES_FILE).read_text(encoding="utf-8")
    )
    raw = yaml.safe_load(text)
    if not isinstance(raw, dict):
        raise PhraseBookError(f"{path or PHRASES_FILE}: expected a mapping of families")
    for family, halves in raw.items():
        if not isinstance(halves, dict) or set(halves) != set(SPLITS):
            raise PhraseBookError(f"{family}: needs exactly the halves {list(SPLITS)}")
        slots = [set(halves[split]) for split in SPLITS]
        if slots[0] != slots[1]:
            raise PhraseBookError(f"{family}: slots differ between halves: {slots[0] ^ slots[1]}")
        for split in SPLITS:
            for slot, entry in halves[split].items():
                if not entry:
                    raise PhraseBookError(f"{family}.{split}.{slot}: empty")
        shared = set(_strings(halves["dev"])) & set(_strings(halves["heldout"]))
        # Single words shared by both halves are grammar (an item noun), not wording.
        shared = {phrase for phrase in shared if " " in phrase}
        if shared:
            raise PhraseBookError(f"{family}: in both halves: {sorted(shared)[:5]}")
    return PhraseBook(raw)
