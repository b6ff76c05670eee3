"""The suite as a whole: deterministic, filtered by family, split and limit, labelled
consistently; phrase banks with two disjoint halves; a clear error for unknown families."""

from __future__ import annotations

from pathlib import Path

import pytest
from oci_testing.metaeval_cases import record, sample

from eval.metaeval import (
    ASPECTS,
    FAMILIES,
    UnknownFamilyError,
    generate_suite,
    load_phrase_book,
    suite_digest,
)
from eval.metaeval.phrases import SPLITS, PhraseBookError

SAMPLES = [
    sample(
        record("Late fee $14 questioned. Opened BD-33780.", day=3),
        record("Customer asked for status; dispute open, no decision.", channel="chat", day=6),
        sample_id="t-001",
    ),
    sample(
        record("Outage OUT-5512 message played; restore in 6h.", channel="ivr", day=4),
        record("Service back; $7 credit applied.", day=5, sentiment="neutral"),
        sample_id="t-002",
        status="outage resolved",
        topic="outage",
    ),
]
SOURCES = {
    "reference": {
        "t-001": "Customer disputes a $14 late fee; dispute BD-33780 opened Nov 3 and still "
        "pending on Nov 6. Customer sentiment: frustrated.",
        "t-002": "Area outage OUT-5512 on Nov 4; service was back Nov 5 and a $7 credit was "
        "applied. Outage resolved. Customer sentiment: neutral.",
    },
    "production": {
        "t-001": "Customer contacted us 2 times about a $14 late fee. Opened BD-33780. Still "
        "open: no decision. Customer sentiment: frustrated.",
    },
}


def test_generate_suite_is_deterministic_and_seeded() -> None:
    first = generate_suite(SAMPLES, SOURCES, seed=3)
    again = generate_suite(SAMPLES, SOURCES, seed=3)
    other = generate_suite(SAMPLES, SOURCES, seed=4)
    assert first == again
    assert [v.to_json() for v in first] == [v.to_json() for v in again]
    assert first != other  # a different seed draws other wording somewhere


def test_generate_suite_labels_every_variant_consistently() -> None:
    variants = generate_suite(SAMPLES, SOURCES)
    assert len({v.id for v in variants}) == len(variants)
    for variant in variants:
        family = FAMILIES[variant.family]
        assert variant.kind == family.kind
        assert variant.trips[: len(family.trips)] == family.trips
        assert set(variant.trips) <= set(ASPECTS)
        assert variant.original == SOURCES[variant.source][variant.sample_id]
        assert variant.split in SPLITS
        if variant.kind == "perturbation":
            assert variant.text != variant.original or variant.interactions is not None
    assert {v.source for v in variants} == {"reference", "production"}
    assert not [v for v in variants if v.source == "production" and v.sample_id == "t-002"]


def test_generate_suite_filters_by_family_split_and_limit() -> None:
    only = generate_suite(SAMPLES, SOURCES, families=["padding", "wrong_amount"])
    assert {v.family for v in only} == {"padding", "wrong_amount"}
    limited = generate_suite(SAMPLES, SOURCES, families=["padding"], per_family_limit=1)
    assert [(v.source, v.family) for v in limited] == [
        ("reference", "padding"),
        ("production", "padding"),
    ]
    for split in SPLITS:
        assert all(v.split == split for v in generate_suite(SAMPLES, SOURCES, split=split))
    halves = [len(generate_suite(SAMPLES, SOURCES, split=split)) for split in SPLITS]
    assert sum(halves) == len(generate_suite(SAMPLES, SOURCES))


def test_unknown_family_names_every_unknown_and_lists_the_known() -> None:
    with pytest.raises(UnknownFamilyError) as raised:
        generate_suite(SAMPLES, SOURCES, families=["padding", "typo_one", "typo_two"])
    message = str(raised.value)
    assert "typo_one, typo_two" in message and "known: wrong_amount" in message
    assert raised.value.unknown == ("typo_one", "typo_two")
    with pytest.raises(UnknownFamilyError):
        suite_digest(families=["typo_one"])


def test_suite_digest_changes_with_seed_family_set_and_split() -> None:
    base = suite_digest(seed=0)
    assert base == suite_digest(seed=0) and base.startswith("sha256:")
    assert (
        len(
            {
                base,
                suite_digest(seed=1),
                suite_digest(families=["padding"]),
                suite_digest(split="heldout"),
            }
        )
        == 4
    )
    assert suite_digest(families=["padding", "truncation"]) == suite_digest(
        families=["truncation", "padding"]
    )


def test_phrase_book_halves_have_the_same_slots_and_no_shared_phrase() -> None:
    book = load_phrase_book()
    for family, halves in book.banks.items():
        assert set(halves["dev"]) == set(halves["heldout"]), family
        shared = {p for p in book.flat(family, "dev") & book.flat(family, "heldout") if " " in p}
        assert not shared, family


def test_phrase_book_refuses_a_phrase_in_both_halves(tmp_path: Path) -> None:
    path = tmp_path / "phrases.yaml"
    path.write_text(
        "padding:\n  dev: {filler: ['Be nice to them.']}\n"
        "  heldout: {filler: ['Be nice to them.']}\n"
    )
    with pytest.raises(PhraseBookError, match="padding: in both halves"):
        load_phrase_book(path)
    path.write_text("padding:\n  dev: {filler: ['A b.']}\n")
    with pytest.raises(PhraseBookError, match="padding: needs exactly the halves"):
        load_phrase_book(path)


def test_families_declare_known_aspects_and_controls_trip_nothing() -> None:
    for name, family in FAMILIES.items():
        assert family.name == name
        assert set(family.trips) <= set(ASPECTS)
        assert (family.kind == "control") == (family.trips == ())
