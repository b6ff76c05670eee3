"""Key-fact recall: how many of a sample's annotated facts a summary states.

Matching is `eval.dataset.schema.KeyFact.is_stated_in` itself (lowercase, collapsed
whitespace, substring of any alternative), so the annotators' validator and this metric
can never disagree about what "stated" means.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from eval.dataset.schema import KeyFact


class FactLike(Protocol):
    """A key fact: `eval.types.KeyFactSpec` or `eval.dataset.schema.KeyFact`."""

    @property
    def fact(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def match(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class KeyFactResult:
    """Recall over the facts (None when there are none) and which were stated or missed."""

    recall: float | None
    stated: tuple[str, ...]
    missing: tuple[str, ...]


def is_stated(text: str, fact: FactLike) -> bool:
    """Whether `text` states `fact`, by the golden schema's own rule."""
    # model_construct skips validation: a KeyFactSpec's `kind` is a free string.
    as_schema = KeyFact.model_construct(fact=fact.fact, kind=fact.kind, match=tuple(fact.match))
    return as_schema.is_stated_in(text)


def key_fact_recall(text: str, facts: Sequence[FactLike]) -> KeyFactResult:
    """Share of `facts` stated in `text`.

    Args:
        text: The summary.
        facts: The sample's key facts.

    Returns:
        `recall` in [0, 1], or None when `facts` is empty (nothing to recall).
    """
    flags = [(fact.fact, is_stated(text, fact)) for fact in facts]
    stated = tuple(name for name, ok in flags if ok)
    missing = tuple(name for name, ok in flags if not ok)
    recall = len(stated) / len(facts) if facts else None
    return KeyFactResult(recall=recall, stated=stated, missing=missing)
