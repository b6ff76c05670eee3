"""Cutting a local partition into parts, and writing one part (what a staging worker runs).

A part holds the documents of its objects, batches unnested (`eval.warehouse.staged`).
Objects are read relative to the folder's fd (no path resolution). When the stager knows
their sizes, each is read with one `os.read` of exactly that size; otherwise with reads of
`_READ_SIZE` until a short one (no `fstat` per file: a million single documents make three
syscalls a file the floor). The part is written with `os.writev` straight from the objects'
buffers, batches sliced without a copy (`staged.part_pieces`): a 24 MB part of 40 batch
objects costs far less CPU this way (exact reads, no joined copy).
"""

from __future__ import annotations

import os
from collections import deque
from pathlib import Path

from eval.warehouse.staged import Piece, part_pieces

_READ_SIZE = 1 << 16  # larger than a single document: one read() per file
_CHUNK = 20_000  # most objects per part (and per worker task)
_PART_BYTES = 24 << 20  # bytes per part when the objects' sizes are known
_SIZED = 50_000  # a partition of at most this many objects is cut by bytes (one stat each)
_IOV_MAX = 1024  # buffers per writev (Linux's IOV_MAX)


def _read(fd: int, size: int | None) -> bytes:
    """The whole file: one read when `size` is right, more when it is unknown or grew."""
    want = _READ_SIZE if size is None else size + 1
    data = os.read(fd, want)
    if len(data) < want:  # a short read is the end of a regular file
        return data
    rest = [data]
    while True:
        rest.append(os.read(fd, _READ_SIZE))
        if len(rest[-1]) < _READ_SIZE:
            return b"".join(rest)


def write_pieces(fd: int, pieces: list[Piece]) -> None:
    """Write `pieces` in order with `os.writev`, resuming after a short write."""
    queue = deque(memoryview(piece).cast("B") for piece in pieces if len(piece))
    while queue:
        written = os.writev(fd, [queue[i] for i in range(min(len(queue), _IOV_MAX))])
        while written and queue:
            head = queue[0]
            if written >= len(head):
                written -= len(head)
                queue.popleft()
            else:
                queue[0], written = head[written:], 0


def read_part(folder: str, names: list[str], target: str, sizes: list[int] | None = None) -> int:
    """Read the named objects of one folder and write their documents as one part.

    Runs in a worker process. `sizes` (from the stager's `stat`) lets each object be read in
    one call. Returns the number of objects.
    """
    docs = []
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        for index, name in enumerate(names):
            fd = os.open(name, os.O_RDONLY, dir_fd=dir_fd)
            try:
                docs.append(_read(fd, None if sizes is None else sizes[index]))
            finally:
                os.close(fd)
    finally:
        os.close(dir_fd)
    out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        write_pieces(out, part_pieces(docs))
    finally:
        os.close(out)
    return len(docs)


def cut(folder: Path, names: list[str]) -> tuple[list[tuple[list[str], list[int] | None]], int]:
    """The names cut into parts (with their sizes when known), and the partition's bytes.

    Batch objects of a few hundred documents are ~500 times the size of a single one, so
    counting objects would make parts of wildly different sizes; a stat per object measures
    them (~1 µs each, nothing next to reading them). A partition of more than `_SIZED` objects
    holds single documents, where counting is as good and a stat each is not free; its size is
    not measured (returned as -1).
    """
    if len(names) > _SIZED:
        return [(names[i : i + _CHUNK], None) for i in range(0, len(names), _CHUNK)], -1
    chunks: list[tuple[list[str], list[int] | None]] = []
    chunk: list[str] = []
    lengths: list[int] = []
    size = total = 0
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        for name in names:
            if chunk and (size >= _PART_BYTES or len(chunk) >= _CHUNK):
                chunks.append((chunk, lengths))
                chunk, lengths, size = [], [], 0
            chunk.append(name)
            lengths.append(os.stat(name, dir_fd=dir_fd).st_size)
            size += lengths[-1]
            total += lengths[-1]
    finally:
        os.close(dir_fd)
    if chunk:
        chunks.append((chunk, lengths))
    return chunks, total
