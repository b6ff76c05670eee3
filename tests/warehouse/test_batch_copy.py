"""Canonical batch objects are staged by the kernel, byte for byte as the general path would."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from eval.warehouse import batch_copy, parts
from eval.warehouse.staged import json_array
from service.backends.local_blobs import encode_json
from service.backends.row_batches import batch_object


def _write(folder: Path, docs: dict[str, bytes]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in docs.items():
        (folder / name).write_bytes(data)
    return list(docs)


def _batches() -> dict[str, bytes]:
    rows = [{"n": i, "text": "a ]} b },{ c \u00e9"} for i in range(5)]
    return {
        "a.json": encode_json(batch_object(rows[:2])),
        "empty.json": encode_json(batch_object([])),
        "b.json": encode_json(batch_object(rows[2:])),
    }


def test_canonical_batches_are_copied_as_the_general_path_writes_them(tmp_path: Path) -> None:
    docs = _batches()
    names = _write(tmp_path / "dt=2026-11-17", docs)
    target = tmp_path / "part.json"
    assert batch_copy.copy_batches(str(tmp_path / "dt=2026-11-17"), names, str(target))
    assert target.read_bytes() == json_array(list(docs.values()))
    assert [row["n"] for row in json.loads(target.read_bytes())] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "other",
    [
        b'{"n":9}',  # a single document
        json.dumps(batch_object([{"n": 9}]), indent=2).encode(),  # a batch written otherwise
        encode_json(batch_object([{"n": 9}])) + b"\n",  # whitespace around it
    ],
)
def test_a_chunk_with_anything_else_goes_the_general_way(tmp_path: Path, other: bytes) -> None:
    docs = {**_batches(), "z.json": other}
    folder = tmp_path / "dt=2026-11-17"
    names = _write(folder, docs)
    target = tmp_path / "part.json"
    assert not batch_copy.copy_batches(str(folder), names, str(target))
    sizes = [len(data) for data in docs.values()]
    assert parts.read_part(str(folder), names, str(target), sizes) == len(names)
    assert target.read_bytes() == json_array(list(docs.values()))


def test_without_a_kernel_copy_the_bytes_go_through_a_buffer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> int:
        raise OSError(errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    docs = _batches()
    names = _write(tmp_path / "dt=2026-11-17", docs)
    target = tmp_path / "part.json"
    assert batch_copy.copy_batches(str(tmp_path / "dt=2026-11-17"), names, str(target))
    assert target.read_bytes() == json_array(list(docs.values()))
