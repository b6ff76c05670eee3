"""The digest of the code that decides a score.

Both the eval runner (whose score cache must not outlive the code that computed a score)
and the meta-evaluation (whose detection tables must not outlive the code they measured)
key their caches on it; it belongs to neither, so each imports it from here.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parents[1]
# Source folders whose code decides a score: a change to any of them makes a cached score
# or detection table stale. Data files (the claim checker's tables) count as code.
SCORING_CODE = ("eval/scorers", "eval/metrics", "eval/judge", "service/claims")


def scoring_code_digest(root: Path = _PACKAGE_ROOT, parts: tuple[str, ...] = SCORING_CODE) -> str:
    """sha256 over the source of every module that computes a score (or of `parts`: folders
    and files under `root`)."""
    digest = hashlib.sha256()
    for part in parts:
        base = root / part
        files = (
            [base]
            if base.is_file()
            else sorted(
                path
                for pattern in ("*.py", "*.yaml", "*.tsv", "*.json")
                for path in base.rglob(pattern)
            )
        )
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def scoring_digest() -> str:
    """The short digest the eval runner keys scores on."""
    return scoring_code_digest()[:16]
