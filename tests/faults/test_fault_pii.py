"""No personal data in anything the service writes to its logs or its metrics.

Histories are seeded with known phones, e-mails, card numbers and account numbers, the
feedback comments carry more, and the primary model is throttled so the error paths log
too. Everything the service process wrote to stdout/stderr and the `/metrics` text are
grepped for every one of those strings.

Excluded by design: the processed records and the feedback archives (the local blob
folder) hold the account number, the interactions and the agent's comment, because the
warehouse and the weekly report need them; so do the SQLite stores. They are storage, not
logs, and this test does not read them.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from oci_testing.fault_load import run_load
from oci_testing.fault_scenarios import embedded_service
from oci_testing.service_process import PRIMARY_ID, pii_of

from eval.emulator.faults import FaultPlan, ModelFaults
from eval.emulator.server import EmulatorServer

ACCOUNTS = 8
COMMENT_PII = {
    "phone": "call me back on +1 (555) 867-5309",
    "email": "agent.note.pii@example.org",
    "card": "5555 5555 5555 4444",
}


def test_fault_pii_never_reaches_logs_or_metrics(tmp_path: Path, emulator: EmulatorServer) -> None:
    emulator.reset()
    emulator.set_plan(FaultPlan(models={PRIMARY_ID: ModelFaults(throttle_rate=0.5)}))
    service, numbers = embedded_service(
        tmp_path, emulator.base_url, accounts=ACCOUNTS, timeout_s=1.0, budget_s=3.0
    )
    comment = "Customer wants " + ", ".join(COMMENT_PII.values())
    service.start()
    try:
        # Plus an account with no history: the "No interactions found" path logs too.
        outcomes = asyncio.run(
            run_load(
                service.url,
                service.headers,
                [*numbers, "8099999999"],
                requests=24,
                concurrency=4,
                run_id="pii",
                comment=comment,
            )
        )
        service.wait_drained()
        metrics = service.metrics_text()
    finally:
        service.stop()
    assert sum(o.status in (200, 201) for o in outcomes) >= 40  # the run really served
    written = "\n".join(path.read_text(errors="replace") for path in service.log_files)
    assert "REQUEST_RECEIVED" in written and "FEEDBACK_RECEIVED" in written  # logs captured
    secrets = [value for i in range(ACCOUNTS) for value in pii_of(i).values()]
    secrets += ["8099999999", *COMMENT_PII.values(), "867-5309"]
    # Digits-only forms too, in case something strips the separators.
    secrets += [s.replace(" ", "").replace("-", "") for s in secrets if any(c.isdigit() for c in s)]
    for where, text in (("logs", written), ("metrics", metrics)):
        leaked = sorted({s for s in secrets if _appears(s, text)})
        assert not leaked, f"PII in {where}: {leaked}"


def _appears(secret: str, text: str) -> bool:
    """Whether `secret` is in `text`; a digits-only one not as part of a longer number.

    Float sums in the metrics (`..._sum 3.8099999999999996`) hold long digit runs by chance;
    an account number in clear stands alone.
    """
    if not secret.isdigit():
        return secret in text
    return re.search(rf"(?<![\d.]){secret}(?!\d)", text) is not None
