"""What the service serves: production and canary pairs held in memory, refreshed behind.

`pick()` reads one immutable `Snapshot` (a single attribute read) and hashes the account
number; it never calls the registry. A background task reloads the aliases every
`interval_s`; only a completely loaded and verified set replaces the snapshot, in one
assignment, so a request never sees a half-loaded pair. Each good load is persisted as the
last-known-good (LKG) file, which a cold start uses when the registry is unreachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.prompts import PromptPair
from service.registry.canary import in_canary
from service.registry.protocol import (
    PromptRegistry,
    RegistryError,
    RegistryUnavailableError,
    ServingSet,
    verified_pair,
)

LKG_FORMAT = 1


@dataclass(frozen=True)
class Snapshot:
    """One consistent serving state; replaced whole, never mutated."""

    production: PromptPair
    canary: PromptPair | None
    canary_weight: int
    origin: str  # "registry" or "last-known-good"
    loaded_at: float


@dataclass(frozen=True)
class RefreshStatus:
    """Health of the refresh loop, for a health endpoint or metrics."""

    last_success_at: float | None
    last_error: str | None
    consecutive_failures: int


class ServedPairs:
    """Holds the served pairs of one prompt and keeps them fresh.

    Args:
        registry: Where aliases and versions come from.
        name: The prompt name to serve.
        lkg_path: JSON file for the last-known-good set (written atomically).
        load_timeout_s: Give up on one registry load after this long (the call keeps
            running in its worker thread; no second load starts until it returns).
        clock: Epoch seconds, injectable for tests.
    """

    def __init__(
        self,
        registry: PromptRegistry,
        *,
        name: str,
        lkg_path: Path,
        load_timeout_s: float = 10.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._registry = registry
        self.name = name
        self._lkg_path = lkg_path
        self._load_timeout_s = load_timeout_s
        self._clock = clock
        self._snapshot: Snapshot | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"registry-{name}")
        self._inflight: Future[ServingSet] | None = None
        self._status = RefreshStatus(None, None, 0)

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot; raises until `start()` succeeded."""
        current = self._snapshot
        if current is None:
            raise RuntimeError(f"ServedPairs({self.name}) has not been started")
        return current

    @property
    def status(self) -> RefreshStatus:
        """Outcome of the most recent refreshes."""
        return self._status

    def pick(self, account_number: str) -> PromptPair:
        """The pair for this account: a canary bucket check on the in-memory snapshot."""
        current = self._snapshot
        if current is None:
            raise RuntimeError(f"ServedPairs({self.name}) has not been started")
        if current.canary is not None and in_canary(
            account_number, current.canary_weight, self.name
        ):
            return current.canary
        return current.production

    async def start(self) -> Snapshot:
        """Load from the registry, or from the LKG file when the registry is unreachable.

        Raises:
            RegistryUnavailableError: Neither the registry (unreachable, no production alias,
                or a version that fails verification) nor a valid LKG file could be used.
        """
        if await self.refresh_once():
            return self.snapshot
        error = self._status.last_error
        lkg = self._read_lkg()
        if lkg is None:
            raise RegistryUnavailableError(f"{self.name}: registry failed ({error}) and no LKG")
        self._snapshot = Snapshot(
            lkg.production, lkg.canary, lkg.canary_weight, "last-known-good", self._clock()
        )
        return self._snapshot

    async def refresh_once(self) -> bool:
        """Reload once; True when the snapshot now reflects the registry.

        Any failure (unreachable, timeout, missing alias, hash mismatch) keeps the current
        snapshot and is recorded in `status`.
        """
        if self._inflight is None or self._inflight.done():
            self._inflight = self._pool.submit(self._registry.load_serving, self.name)
        try:
            loaded = await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(self._inflight)), self._load_timeout_s
            )
        except Exception as exc:  # noqa: BLE001
            # The refresher must outlive any registry failure: whatever went wrong, the
            # current snapshot stays and the error is reported through `status`.
            self._fail(f"{type(exc).__name__}: {exc}")
            return False
        previous = self._snapshot
        now = self._clock()
        self._snapshot = Snapshot(
            loaded.production, loaded.canary, loaded.canary_weight, "registry", now
        )
        self._status = RefreshStatus(now, None, 0)
        if (
            previous is None
            or _key(previous) != _key(self._snapshot)
            or previous.origin != "registry"
        ):
            self._write_lkg(loaded)
        return True

    async def run(self, stop_event: asyncio.Event, interval_s: float = 30.0) -> None:
        """Refresh every `interval_s` until `stop_event` is set."""
        while not stop_event.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop_event.wait(), interval_s)
                return
            await self.refresh_once()

    def close(self) -> None:
        """Release the worker thread (does not wait for a hung registry call)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _fail(self, error: str) -> None:
        self._status = RefreshStatus(
            self._status.last_success_at, error, self._status.consecutive_failures + 1
        )

    def _write_lkg(self, loaded: ServingSet) -> None:
        data = {
            "format": LKG_FORMAT,
            "name": self.name,
            "saved_at": self._clock(),
            "production": _pair_to_dict(loaded.production),
            "canary": None if loaded.canary is None else _pair_to_dict(loaded.canary),
            "canary_weight": loaded.canary_weight,
        }
        self._lkg_path.parent.mkdir(parents=True, exist_ok=True)
        # Write-then-rename in the same directory: a crash leaves the old file or the new
        # one, never a torn file that a cold start would have to refuse.
        fd, tmp = tempfile.mkstemp(dir=self._lkg_path.parent, prefix=".lkg-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(self._lkg_path)

    def _read_lkg(self) -> ServingSet | None:
        try:
            data = json.loads(self._lkg_path.read_text(encoding="utf-8"))
            if data.get("format") != LKG_FORMAT or data.get("name") != self.name:
                return None
            canary = None if data["canary"] is None else _pair_from_dict(data["canary"])
            return ServingSet(
                _pair_from_dict(data["production"]), canary, int(data["canary_weight"])
            )
        except (OSError, ValueError, KeyError, TypeError, RegistryError) as exc:
            self._fail(f"last-known-good {self._lkg_path}: {exc}")
            return None


def _key(pairs: Snapshot | ServingSet) -> tuple[str, str | None, int]:
    canary = pairs.canary.version if pairs.canary else None
    return pairs.production.version, canary, pairs.canary_weight


def _pair_to_dict(pair: PromptPair) -> dict[str, Any]:
    return {
        "name": pair.name,
        "version": pair.version,
        "content_hash": pair.content_hash,
        "system": pair.template.system,
        "user": pair.template.user,
        "variables": list(pair.template.variables),
        "model_config": pair.model.canonical(),
        "source": pair.source,
    }


def _pair_from_dict(data: dict[str, Any]) -> PromptPair:
    return verified_pair(
        name=str(data["name"]),
        version=str(data["version"]),
        system=str(data["system"]),
        user=str(data["user"]),
        variables=list(data["variables"]),
        model_config=dict(data["model_config"]),
        expected_hash=str(data["content_hash"]),
        source=str(data["source"]),
    )
