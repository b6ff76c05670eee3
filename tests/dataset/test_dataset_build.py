"""Build merges histories and annotations, refuses gaps, and the loader reads the result."""

from __future__ import annotations

import io
import json

import pytest
from conftest import TinySet
from rich.console import Console

from eval.dataset.build import build_samples
from eval.dataset.jsonl import file_digest
from eval.dataset.loader import DatasetError, load_golden
from eval.dataset.summary_table import print_summary_table


def test_build_samples_writes_samples_and_manifest(tiny: TinySet) -> None:
    tiny.samples.unlink()
    path = build_samples("v1", tiny.root)
    assert path == tiny.samples
    manifest = json.loads((tiny.folder / "manifest.json").read_text())
    assert manifest["samples"] == 3 and manifest["digest"] == file_digest(path)
    golden = load_golden("v1", root=tiny.root)
    assert [s.id for s in golden.samples] == ["gs-001", "gs-002", "gs-003"]
    assert golden.run_tags() == {
        "dataset.name": "golden",
        "dataset.version": "v1",
        "dataset.digest": file_digest(path),
        "dataset.samples": "3",
    }


def test_build_samples_is_reproducible(tiny: TinySet) -> None:
    first = build_samples("v1", tiny.root).read_bytes()
    assert build_samples("v1", tiny.root).read_bytes() == first


def test_build_samples_fails_on_missing_annotation(tiny: TinySet) -> None:
    tiny.samples.unlink()
    part = tiny.folder / "annotations" / "part-1.jsonl"
    part.write_text("\n".join(part.read_text("utf-8").splitlines()[:2]) + "\n", "utf-8")
    with pytest.raises(DatasetError) as caught:
        build_samples("v1", tiny.root)
    assert [str(e) for e in caught.value.errors] == [f"{part}:0: id: 'gs-003' has no annotation"]
    assert not tiny.samples.exists()


def test_build_samples_fails_on_missing_part_and_extra_part(tiny: TinySet) -> None:
    annotations = tiny.folder / "annotations"
    (annotations / "part-1.jsonl").rename(annotations / "part-2.jsonl")
    with pytest.raises(DatasetError) as caught:
        build_samples("v1", tiny.root)
    fields = [(e.file.name, e.field) for e in caught.value.errors]
    assert ("part-2.jsonl", "file") in fields and ("part-1.jsonl", "file") in fields


def test_load_golden_refuses_edited_samples(tiny: TinySet) -> None:
    build_samples("v1", tiny.root)
    tiny.samples.write_text(tiny.samples.read_text("utf-8").replace("$45", "$46"), "utf-8")
    with pytest.raises(DatasetError, match="digest"):
        load_golden("v1", root=tiny.root)


def test_load_golden_explains_missing_build(tiny: TinySet) -> None:
    tiny.samples.unlink()
    with pytest.raises(DatasetError, match="build it"):
        load_golden("v1", root=tiny.root)


def test_print_summary_table_lists_scenarios_channels_and_lengths(tiny: TinySet) -> None:
    build_samples("v1", tiny.root)
    buffer = io.StringIO()
    print_summary_table(load_golden("v1", root=tiny.root), console=Console(file=buffer, width=120))
    text = buffer.getvalue()
    for expected in ("billing_dispute", "empty_history", "Channels", "History lengths", "80-120"):
        assert expected in text
