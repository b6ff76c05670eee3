"""The staging layout shared by the stagers and the DuckDB loader.

Staging is scratch space: the changed partitions of one ETL run, each part deleted once
DuckDB has parsed it (the warehouse's `etl_partitions` table, not the staging folder, knows
what is loaded). A staged partition is a directory `<staging>/<source>/dt=YYYY-MM-DD/` of
NDJSON parts (`part-00000.ndjson`, ...), one line per document. Several parts per partition
let worker processes write their share of a partition directly (nothing is piped back to the
parent), and let DuckDB parse parts while others are still being read. Deleted within
seconds of being written, the parts do not reach the disk in practice (ext4 writes dirty
pages late).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

PREFIX = "omni-channel"
SOURCES = ("processed", "feedback", "requests")
PART_GLOB = "part-*.ndjson"


@dataclass(frozen=True)
class StagedPartition:
    """A source partition staged for loading (or some of its parts): signature and parts."""

    source: str
    partition: str
    signature: str
    parts: tuple[Path, ...]


@dataclass(frozen=True)
class StageReport:
    """What staging found and did for one source.

    `signatures` covers every partition present in the source (`documents` sums their
    document counts); `staged` only those staged in this pass.
    """

    source: str
    signatures: dict[str, str]
    staged: tuple[StagedPartition, ...]

    @property
    def documents(self) -> int:
        """Documents in the source, by the partition signatures (`<listing>:<count>`)."""
        return sum(document_count(sig) for sig in self.signatures.values())

    @property
    def restaged(self) -> int:
        """Partitions staged in this pass."""
        return len(self.staged)


def part_name(index: int) -> str:
    """The file name of a partition's `index`-th part (sorted names keep document order)."""
    return f"part-{index:05d}.ndjson"


def one_line(raw: bytes) -> bytes:
    """A document as one NDJSON line; pretty-printed JSON is re-encoded, compact is kept."""
    line = raw.strip()
    if b"\n" in line or b"\r" in line:
        line = json.dumps(json.loads(line), separators=(",", ":"), ensure_ascii=False).encode()
    return line


def ndjson(docs: list[bytes]) -> bytes:
    """The documents as NDJSON lines, newline-terminated.

    The service writes compact JSON (no newline inside a document), so the usual case is one
    `join` and one newline count, both in C; only a store holding pretty-printed or
    newline-terminated documents pays for re-encoding them one by one.
    """
    if not docs:
        return b""
    docs.append(b"")  # the last line's newline, without copying the joined buffer again
    try:
        body = b"\n".join(docs)
    finally:
        docs.pop()
    if body.count(b"\n") != len(docs):  # a bare CR is whitespace to a JSON parser
        body = b"\n".join([*(one_line(doc) for doc in docs), b""])
    return body


def staged_parts(folder: Path) -> tuple[Path, ...]:
    """The NDJSON parts of one staged partition, in order (none when it holds no documents)."""
    return tuple(sorted(folder.glob(PART_GLOB)))


def document_count(signature: str) -> int:
    """The document count a partition signature (`<listing>:<count>`) ends with."""
    return int(signature.rsplit(":", 1)[1])


def clear(staging: Path, source: str) -> Path:
    """`<staging>/<source>/`, emptied of whatever an earlier run left."""
    out = staging / source
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return out


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
