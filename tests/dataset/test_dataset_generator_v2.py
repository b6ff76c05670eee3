"""The v2 generator is deterministic, the committed v2 and dev files are its output, and the
set has the make-up the issue asks for (long histories, injections, two references)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from eval.dataset.generator_v2 import write_set
from eval.dataset.loader import load_golden
from eval.dataset.measure import copied_sentences, ngram_overlap
from eval.dataset.plans import DEV, GOLDEN_V2, SetSpec
from eval.dataset.summary_table import render_summary_text

DATASETS = Path(__file__).resolve().parents[2] / "datasets"


@pytest.mark.parametrize("spec", [GOLDEN_V2, DEV], ids=["golden", "dev"])
def test_committed_v2_files_match_the_generator(tmp_path: Path, spec: SetSpec) -> None:
    folder = write_set(spec, tmp_path)
    committed = DATASETS / spec.name / spec.version
    names = [
        "histories.jsonl",
        *(f"annotations/{p.name}" for p in (folder / "annotations").iterdir()),
    ]
    for name in names:
        assert (folder / name).read_bytes() == (committed / name).read_bytes(), name


def test_golden_v2_has_long_histories_injections_and_two_references() -> None:
    golden = load_golden("v2", root=DATASETS)
    words = sorted(sum(len(i.notes.split()) for i in s.in_scope()) for s in golden.samples)
    assert len(golden.samples) == 200
    assert statistics.median(words) >= 250
    assert words[int(0.9 * len(words))] >= 900
    assert sum(w >= 2000 for w in words) >= 3
    assert sum(1 for s in golden.samples if s.tags.injection) >= 20
    assert {s.tags.injection for s in golden.samples} >= {
        "direct",
        "role_play",
        "fence_break",
        "print_instructions",
        "include_pii",
    }
    assert all(len(s.references) == 2 for s in golden.samples)
    dev = load_golden("v2", root=DATASETS, name="dev")
    assert len(dev.samples) >= 60
    assert not {s.account_number for s in golden.samples} & {s.account_number for s in dev.samples}


def test_ngram_overlap_and_copied_sentences() -> None:
    source = "Customer disputed the late fee of $45. Agent opened a ticket today."
    assert ngram_overlap("customer disputed the late fee", source) == 1.0
    assert ngram_overlap("a reference in other words entirely", source) == 0.0
    assert ngram_overlap("too short", source) is None
    assert copied_sentences("Agent opened a ticket today. Fee in dispute, still open.", source) == (
        1,
        2,
    )


def test_readme_summary_block_matches_the_summary_command() -> None:
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- summary-table:start -->\n```text\n")[1].split("```")[0]
    expected = render_summary_text(load_golden("v2", root=DATASETS).samples)
    assert block.rstrip("\n") == expected.rstrip("\n")
