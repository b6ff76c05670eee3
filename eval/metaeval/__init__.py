"""The perturbation suite: labelled variants of known-good summaries, for measuring what
each gate check detects (perturbations) and how often it cries wolf (controls).

    from eval.metaeval import generate_suite, reference_texts
    variants = generate_suite(samples, {"reference": reference_texts(samples)}, seed=0)

Each `Variant` records its family, whether it is a perturbation or a control, the failure
aspects it must trip (`trips`), the original and changed text, a human-readable `change`,
the edited history when the family also edits it (planted instructions), and the
phrase-bank half (`split`) its wording came from.

Adding a family:
1. Write `def my_family(ctx: FamilyContext) -> Variant | None` in the module it belongs to
   (or a new one): read `ctx.text`, `ctx.sample`, `ctx.interactions` (in scope), draw from
   `ctx.rng`, return `ctx.variant(new_text, "what changed")`, or None when the family does
   not apply to this summary. Wording that matters goes into `phrases.yaml` with a `dev`
   and a `heldout` half; pass `split=` to `ctx.variant`.
2. Add one line to `FAMILIES` in `families.py`:
   `Family("my_family", "perturbation", ("amount",), module.my_family)`.
3. Bump `SUITE_VERSION` in `suite.py`, and add a test in `tests/metaeval/`.
"""

from eval.gate.config import ASPECTS
from eval.metaeval.families import FAMILIES
from eval.metaeval.phrases import PhraseBook, Split, load_phrase_book
from eval.metaeval.production import production_outputs
from eval.metaeval.suite import (
    SUITE_VERSION,
    UnknownFamilyError,
    generate_suite,
    reference_texts,
    resolve_families,
    suite_digest,
)
from eval.metaeval.variant import Family, FamilyContext, Variant

__all__ = [
    "ASPECTS",
    "FAMILIES",
    "SUITE_VERSION",
    "Family",
    "FamilyContext",
    "PhraseBook",
    "Split",
    "UnknownFamilyError",
    "Variant",
    "generate_suite",
    "load_phrase_book",
    "production_outputs",
    "reference_texts",
    "resolve_families",
    "suite_digest",
]
