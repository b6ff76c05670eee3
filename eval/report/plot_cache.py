"""PNG plots remembered by what they draw, so an unchanged evaluation's report reuses them.

Drawing a plot (matplotlib's import plus rendering) is most of a report's time, and an eval
re-run on cached outputs draws exactly the same numbers again. A plot is keyed by the data
it draws, the source of the module that draws it and matplotlib's version: any change to
either misses. Files are written atomically (a reader never sees half a PNG, and two evals
writing the same plot both write the same bytes) and only the newest `keep` are kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from eval.report import plots

DEFAULT_KEEP = 256


def _drawing_code() -> str:
    source = Path(plots.__file__).read_bytes()
    return hashlib.sha256(source).hexdigest() + metadata.version("matplotlib")


class PlotCache:
    """PNG files under `directory`, named by the digest of their drawing's inputs."""

    def __init__(self, directory: Path, *, keep: int = DEFAULT_KEEP) -> None:
        self._directory = directory
        self._keep = keep
        self._code = _drawing_code()

    def png(self, kind: str, data: object, draw: Callable[[], bytes]) -> bytes:
        """The PNG of `kind` for `data` (JSON-serialisable): remembered, or `draw()`n now."""
        text = json.dumps([self._code, kind, data], sort_keys=True, ensure_ascii=False)
        path = self._directory / f"{hashlib.sha256(text.encode()).hexdigest()}.png"
        try:
            png = path.read_bytes()
            os.utime(path)  # recently used: kept by the pruning below
            return png
        except FileNotFoundError:
            pass
        png = draw()
        self._directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self._directory, suffix=".tmp", delete=False) as f:
            f.write(png)
        Path(f.name).replace(path)
        self._prune()
        return png

    def _prune(self) -> None:
        files = sorted(self._directory.glob("*.png"), key=_mtime, reverse=True)
        for stale in files[self._keep :]:
            stale.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:  # pruned by another eval meanwhile
        return 0.0
