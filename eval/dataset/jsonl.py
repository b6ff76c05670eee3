"""The one way dataset files are written, so a file's sha256 identifies its content."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel


def canonical_json(value: BaseModel | dict[str, Any]) -> str:
    """One JSON line: model field order, UTF-8 text kept readable (no \\u escapes)."""
    data = value.model_dump(mode="json") if isinstance(value, BaseModel) else value
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": "))


def write_jsonl(path: Path, rows: Iterable[BaseModel | dict[str, Any]]) -> Path:
    """Write rows as LF-terminated canonical JSON lines and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "".join(canonical_json(row) + "\n" for row in rows)
    path.write_bytes(text.encode("utf-8"))
    return path


def file_digest(path: Path) -> str:
    """`sha256:<hex>` of the file's bytes."""
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
