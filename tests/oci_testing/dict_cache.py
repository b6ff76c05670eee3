"""An in-memory stand-in for `EvalCache`'s get/put, for tests of what caches judge answers."""

from __future__ import annotations

from typing import Any


class DictCache:
    """Keeps every put in a dict; `items` shows what was written."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        return self.items.get(key)

    def put(self, key: str, value: dict[str, Any]) -> None:
        self.items[key] = value
