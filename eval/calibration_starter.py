"""The starter calibration set: (history, summary) items and the labels their making implies.

Items are drawn, deterministically, from the golden references, the production pair's
outputs and the perturbation suite (`eval.metaeval`). The `construction` annotator's labels
are what each item's making implies and nothing more: a perturbation fails the criterion its
family breaks (a negated action fails `no_fabrication`, a planted PII sentence fails
`no_pii`...), a reference or a control passes the criteria a faithful rewording keeps, and
every other criterion is null ("cannot tell"). Production outputs get no construction label.
These are labels by construction, chosen by the project's maintainers, not judgements by
contact-center QA staff; people's labels go into further files under `labels/`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eval.metaeval import Variant, generate_suite, reference_texts
from eval.types import EvalSample
from service.models import select_interactions

ANNOTATOR = "construction"
# What each failure aspect breaks on the QA form (eval/rubrics/agent_summary.yaml).
BREAKS = {
    "amount": "no_fabrication",
    "date": "no_fabrication",
    "count": "no_fabrication",
    "entity": "no_fabrication",
    "negated_action": "no_fabrication",
    "status": "no_fabrication",
    "sentiment": "no_fabrication",
    "promise": "no_fabrication",
    "wrong_customer": "no_fabrication",
    "injection": "ignores_embedded_instructions",
    "pii": "no_pii",
    "padding": "concise_and_readable",
    "omission": "states_open_items",
    "truncation": "concise_and_readable",
}
# What a faithful text (a reference, or a meaning-preserving rewording of one) keeps.
FAITHFUL = ("no_fabrication", "ignores_embedded_instructions", "no_pii")


def _item(
    item_id: str,
    sample: EvalSample,
    summary: str,
    origin: dict[str, Any],
    interactions: Sequence[Any] | None = None,
) -> dict[str, Any]:
    history = select_interactions(list(interactions or sample.interactions), sample.options)
    return {
        "item": item_id,
        "origin": origin,
        "options": sample.options.model_dump(mode="json"),
        "interactions": [i.model_dump(mode="json") for i in history],
        "summary": summary,
    }


def _variant_labels(variant: Variant) -> dict[str, bool | None]:
    if variant.kind == "control":
        return dict.fromkeys(FAITHFUL, True)
    labels: dict[str, bool | None] = {}
    for aspect in variant.trips:
        labels[BREAKS[aspect]] = False
    return labels


def build_starter(
    samples: Sequence[EvalSample],
    production: dict[str, str],
    *,
    per_family: int = 8,
    plain: int = 20,
    seed: int = 0,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(items, construction labels): `plain` references and production outputs each, and
    `per_family` variants of every family, drawn with `seed`."""
    rng = random.Random(seed)
    in_scope = [s for s in samples if select_interactions(list(s.interactions), s.options)]
    by_id = {s.id: s for s in in_scope}
    items, labels = [], []
    for sample in rng.sample(in_scope, min(plain, len(in_scope))):
        origin = {"dataset": sample.dataset, "sample_id": sample.id, "source": "reference"}
        items.append(_item(f"ref-{sample.id}", sample, sample.references[0], origin))
        labels.append(
            {
                "item": f"ref-{sample.id}",
                "annotator": ANNOTATOR,
                "labels": dict.fromkeys(FAITHFUL, True),
            }
        )
    for sample in rng.sample(in_scope, min(plain, len(in_scope))):
        if sample.id in production:
            origin = {"dataset": sample.dataset, "sample_id": sample.id, "source": "production"}
            items.append(_item(f"prod-{sample.id}", sample, production[sample.id], origin))
    sources = {"reference": reference_texts(in_scope), "production": production}
    variants = generate_suite(in_scope, sources, seed=seed, per_family_limit=per_family // 2)
    for variant in variants:
        sample = by_id[variant.sample_id]
        item_id = f"var-{variant.source}-{variant.family}-{variant.sample_id}"
        origin = {
            "dataset": sample.dataset,
            "sample_id": sample.id,
            "source": "perturbation",
            "family": variant.family,
        }
        items.append(_item(item_id, sample, variant.text, origin, variant.interactions))
        labels.append(
            {
                "item": item_id,
                "annotator": ANNOTATOR,
                "labels": _variant_labels(variant),
                "note": variant.change,
            }
        )
    return items, labels


def write_starter(
    directory: Path, items: list[dict[str, Any]], labels: list[dict[str, Any]]
) -> None:
    """`items.jsonl` and `labels/construction.jsonl` under `directory`."""
    (directory / "labels").mkdir(parents=True, exist_ok=True)
    with (directory / "items.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    with (directory / "labels" / f"{ANNOTATOR}.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(label, ensure_ascii=False) + "\n" for label in labels)
