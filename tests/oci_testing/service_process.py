"""The service as a real uvicorn subprocess, for runs that kill it or read everything it wrote.

`ServiceProcess` starts `service.main:app_factory` with `OCI_*` settings, sends its stdout
and stderr to files in its state folder, and can be stopped politely or with SIGKILL and
started again on the same state. `write_emulated_prompt` points the committed template at
the Converse emulator; `seed_histories` puts the same PII-laden histories in either backend.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import yaml

from oci_testing.live import free_port
from service.auth import TokenAuthority
from service.backends.protocols import InteractionStore
from service.models import Interaction

ROOT = Path(__file__).resolve().parents[2]
SECRET = "fault-run-secret-fault-run-secret-0123456789"
PRIMARY = "bedrock/converse/us.amazon.nova-lite-v1:0"
FALLBACK = "bedrock/converse/us.anthropic.claude-3-5-haiku-20241022-v1:0"
PRIMARY_ID = PRIMARY.removeprefix("bedrock/converse/")
FALLBACK_ID = FALLBACK.removeprefix("bedrock/converse/")


def account_number(index: int) -> str:
    """A 10-digit account number; distinct per index."""
    return f"80{index:08d}"


def pii_of(index: int) -> dict[str, str]:
    """Known personal data for account `index`: what must never reach a log or a label."""
    return {
        "phone": f"555-{index % 1000:03d}-{4000 + index % 6000:04d}",
        "email": f"customer{index}.pii@example.com",
        "card": f"4111 1111 {1000 + index % 9000:04d} {2000 + index % 8000:04d}",
        "account": account_number(index),
    }


def history_of(index: int, now: datetime) -> list[Interaction]:
    """Two recent contacts whose notes carry the account's phone, e-mail and card number."""
    pii = pii_of(index)
    return [
        Interaction(
            channel="ivr",
            timestamp=now - timedelta(days=4),
            intent="BillingInquiry",
            notes=f"Caller asked about the bill. Callback number {pii['phone']}.",
            outcome="transferred",
        ),
        Interaction(
            channel="agent",
            timestamp=now - timedelta(days=2),
            intent="ChargeDispute",
            notes=f"Disputed a $26 overage; ticket BD-{index:05d} opened. Receipt to "
            f"{pii['email']}; customer read out card {pii['card']} and account {pii['account']}.",
            outcome="dispute_filed",
            sentiment="frustrated",
        ),
    ]


def seed_histories(store: InteractionStore, accounts: int) -> list[str]:
    """Write `history_of(i)` for `accounts` accounts; returns their numbers."""
    now = datetime.now(UTC)

    async def seed() -> None:
        for index in range(accounts):
            await store.put_many(account_number(index), history_of(index, now))

    asyncio.run(seed())
    store.close()
    return [account_number(index) for index in range(accounts)]


def write_emulated_prompt(
    prompts_dir: Path,
    emulator_url: str,
    *,
    timeout_s: float = 5.0,
    total_budget_s: float = 7.5,
    hedge_after_s: float | None = None,
) -> None:
    """The committed prompt on Bedrock model strings, pointed at the emulator."""
    source = yaml.safe_load((ROOT / "prompts/omni-summary/prompt.yaml").read_text())
    source["model_config"] = {
        "primary": PRIMARY,
        "fallbacks": [FALLBACK],
        "api_base": emulator_url,
        "aws_region_name": "us-east-1",
        "timeout_s": timeout_s,
        "total_budget_s": total_budget_s,
    }
    if hedge_after_s is not None:
        source["model_config"]["hedge_after_s"] = hedge_after_s
    folder = prompts_dir / "omni-summary"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "prompt.yaml").write_text(yaml.safe_dump(source))


class ServiceProcess:
    """One uvicorn process of the service; restartable on the same state folder."""

    def __init__(self, state_dir: Path, *, env: dict[str, str] | None = None) -> None:
        """Configure without starting.

        Args:
            state_dir: `OCI_STATE_DIR`; also holds `prompts/` and the captured logs.
            env: Extra environment (`OCI_BACKEND`, endpoints, ...).
        """
        self.state_dir = state_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = TokenAuthority(SECRET).issue("fault-client")
        self.headers = {"Authorization": f"Bearer {self.token}"}
        self._env = env or {}
        self._process: subprocess.Popen[bytes] | None = None
        self._starts = 0

    @property
    def log_files(self) -> list[Path]:
        """Every stdout/stderr file this service has written, across restarts."""
        return sorted(self.state_dir.glob("service-*.log"))

    def start(self, *, timeout_s: float = 60.0) -> None:
        """Start and wait for `/healthz` (not `/readyz`: a store may be down on purpose).

        The port is free when chosen, not reserved: another test's server may take it first.
        Up is when *this* process says it is listening (its own log) and answers; a start that
        lost the port to another process tries again on a new one."""
        for _ in range(3):
            if self._start_once(timeout_s):
                return
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
        raise RuntimeError("service could not bind a free port three times")

    def _start_once(self, timeout_s: float) -> bool:
        """One start; False when the port was taken before this process bound it."""
        self._starts += 1
        env = {
            **os.environ,
            "OCI_STATE_DIR": str(self.state_dir),
            "OCI_PROMPTS_DIR": str(self.state_dir / "prompts"),
            "OCI_PROMPT_SOURCE": "local",
            "OCI_AUTH_SECRET": SECRET,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            **self._env,
        }
        command = [sys.executable, "-m", "uvicorn", "--factory", "service.main:app_factory"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--log-level", "info"]
        log_path = self.state_dir / f"service-{self._starts}.log"
        log = log_path.open("wb")
        self._process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        listening = f"running on http://127.0.0.1:{self.port} "
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                tail = log_path.read_text(errors="replace")[-3000:]
                if "address already in use" in tail:
                    self._process = None
                    return False
                raise RuntimeError(f"service exited with {self._process.returncode}:\n{tail}")
            if listening in log_path.read_text(errors="replace"):
                with contextlib.suppress(httpx.HTTPError):
                    if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                        return True
            time.sleep(0.1)
        self.kill()
        raise TimeoutError(f"service not up at {self.url}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, nothing is flushed."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=10)
        self._process = None

    def stop(self) -> None:
        """SIGTERM and wait (the outbox makes its last bounded attempt)."""
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._process = None

    def ready(self) -> dict[str, Any]:
        """The `/readyz` body (whatever its status)."""
        body: dict[str, Any] = httpx.get(f"{self.url}/readyz", timeout=10).json()
        return body

    def outbox_pending(self) -> int:
        """Undelivered outbox items, as `/readyz` reports them."""
        return int(self.ready()["checks"]["outbox_pending"])

    def outbox_pending_under(self, prefix: str) -> int:
        """Undelivered outbox items whose key starts with `prefix`, read from the outbox file
        (`/readyz` gives only the total, which also counts request-log batches)."""
        uri = f"file:{self.state_dir / 'outbox.sqlite'}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            query = "SELECT count(*) FROM outbox WHERE substr(key, 1, ?) = ?"
            (count,) = conn.execute(query, (len(prefix), prefix)).fetchone()
        return int(count)

    def wait_drained(self, *, timeout_s: float = 120.0) -> float:
        """Wait until the outbox is empty; returns the seconds it took."""
        started = time.monotonic()
        while self.outbox_pending() > 0:
            if time.monotonic() - started > timeout_s:
                raise TimeoutError(f"outbox still holds {self.outbox_pending()} item(s)")
            time.sleep(0.25)
        return time.monotonic() - started

    def metrics_text(self) -> str:
        """The `/metrics` exposition."""
        return httpx.get(f"{self.url}/metrics", timeout=10).text
