"""Structured JSON logs (seed 000's events) and Prometheus metrics, both PII-free.

Every log line is one JSON object with `event`, `request_id` and fields; every string
value passes through `scrub()` so account numbers, phone numbers, e-mails and card
numbers never reach a log in clear, while ids stay whole. Metric labels are closed
vocabularies (outcome, model, cache hit, refusal reason), never request data.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

from service.backends.protocols import mask_account_number
from service.pii import redact

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 21)

# A token of letters and digits joined by '-', '_' or ':' (`req-48ba97a480de4d42`,
# `fb3a955d-1f66`, `acct-3f9a1c0b27de-6084`, a model id): a candidate identifier.
_JOINED_TOKEN = re.compile(r"(?<![\w.@+-])[A-Za-z0-9]+(?:[-_:][A-Za-z0-9]+)+(?![\w@+-])")
# The ids the service mints: hex that can hold a run of digits by chance.
_MINTED_PREFIXES = ("req-", "fb-", "auto-", "acct-")
_MIXED_SEGMENT = re.compile(r"(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{6,}")
# A run of 7 or more digits standing alone: an account number said without a cue.
# Not part of a decimal (`0.1234567`) or of a dashed id (`-20241022-`).
_BARE_DIGITS = re.compile(r"(?<![\w-])(?<!\d\.)\d{7,}(?![\w-]|\.\d)")


def _is_identifier(token: str) -> bool:
    """Machine-made ids: a minted prefix, or a segment of 6+ characters mixing letters and
    digits (hex). A phone, card or SSN written with dashes has no such segment."""
    if token.startswith(_MINTED_PREFIXES):
        return True
    return any(_MIXED_SEGMENT.fullmatch(part) for part in re.split(r"[-_:]", token))


def scrub(text: str) -> str:
    """Mask the shapes of personal data `service.pii` knows (e-mails, cards, phones, SSNs,
    addresses, dates of birth, account numbers after a cue, numbers spelled out) and any
    run of 7+ digits standing alone, and leave identifiers whole: a digit run inside a
    request, feedback or account-token id is part of the id, and masking it made logged ids
    match no stored record."""
    pieces, cursor = [], 0
    for token in _JOINED_TOKEN.finditer(text):
        if _is_identifier(token.group(0)):
            pieces += [_mask(text[cursor : token.start()]), token.group(0)]
            cursor = token.end()
    return "".join(pieces) + _mask(text[cursor:])


def _mask(text: str) -> str:
    return _BARE_DIGITS.sub("[number]", redact(text)) if text else text


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {key: _scrub_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(item) for item in value]
    return value


class EventLog:
    """Writes one JSON object per event to a logger; the only way the service logs."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger

    def event(self, event: str, request_id: str | None = None, **fields: Any) -> None:
        """Log `event` with PII-scrubbed fields; a raw `account_number` is masked to its last
        four, a stored account token (`acct-...`) is kept, so the line joins its records."""
        account = fields.get("account_number")
        if isinstance(account, str) and not account.startswith("acct-"):
            fields["account_number"] = mask_account_number(account)
        record = {"ts": round(time.time(), 3), "event": event, "request_id": request_id}
        record.update(_scrub_value(fields))
        self._logger.info(json.dumps(record, ensure_ascii=False, default=str))


def build_event_log(name: str = "omni_channel_insights", stream: TextIO | None = None) -> EventLog:
    """A logger that writes bare JSON lines (the structure is in the message)."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler(stream or sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    return EventLog(logger)


def prepare_multiprocess_dir(directory: Path) -> Path:
    """Create `directory` for the workers' metric files, emptied of a previous run's.

    Only prometheus-client's `*.db` files are removed: an operator's directory may hold
    other things. A stale file would otherwise add a dead run's counts to every scrape.
    """
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink(missing_ok=True)
    return directory


class ServiceMetrics:
    """The service's Prometheus metrics, in a registry owned by one app instance.

    With `multiprocess_dir` (Prometheus multiprocess mode: `PROMETHEUS_MULTIPROC_DIR` was in
    the environment when the process started, as `oci serve` arranges for its workers),
    every worker writes its values to files there and `exposition()` sums all workers'
    files, so consecutive scrapes that land on different workers see the same totals.
    Without it, `exposition()` is this process's registry (tests, one in-process app).

    Counters and histograms are summed across workers. There are no gauges; one added
    here must choose its `multiprocess_mode`: `livesum` for a per-worker quantity that
    adds up (requests in flight), `max` or `mostrecent` for one reading of shared state.
    """

    def __init__(self, *, multiprocess_dir: Path | None = None) -> None:
        self.multiprocess_dir = multiprocess_dir
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "oci_requests_total",
            "Summary requests by outcome, model and cache hit",
            ["outcome", "model", "cache_hit"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "oci_request_latency_seconds",
            "End-to-end summary request latency",
            ["outcome", "model", "cache_hit"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.model_latency = Histogram(
            "oci_model_latency_seconds",
            "Model gateway latency (all attempts) by answering model",
            ["model"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.fallbacks = Counter(
            "oci_fallback_total",
            "Summaries answered by a fallback model",
            ["model"],
            registry=self.registry,
        )
        self.hedges = Counter(
            "oci_model_hedges_total",
            "Summaries whose fallbacks were started beside a slow primary, by winning model",
            ["model"],
            registry=self.registry,
        )
        self.model_cost = Counter(
            "oci_model_cost_usd_total", "Model cost in USD", ["model"], registry=self.registry
        )
        self.summary_checks = Counter(
            "oci_summary_checks_total",
            "Generated summaries by what the claim check did (passed, regenerated, redacted, "
            "withheld)",
            ["outcome"],
            registry=self.registry,
        )
        self.instruction_repeats = Counter(
            "oci_instruction_repeats_total",
            "Drafts that repeated or obeyed a customer-written instruction, by what the agent "
            "was shown instead (regenerated, redacted, withheld)",
            ["outcome"],
            registry=self.registry,
        )
        self.verifier_answers = Counter(
            "oci_verifier_answers_total",
            "Claim findings put to the verifier model, by its answer (confirmed, "
            "not_confirmed; error and timeout keep the finding)",
            ["answer"],
            registry=self.registry,
        )
        self.feedback = Counter(
            "oci_feedback_total", "Agent feedback by value", ["feedback"], registry=self.registry
        )
        self.refusals = Counter(
            "oci_refused_requests_total",
            "Requests answered 4xx, by status and reason (the error code of the body)",
            ["status", "reason"],
            registry=self.registry,
        )
        self.records_pending = Counter(
            "oci_records_enqueued_total",
            "Records queued for durable delivery",
            ["kind"],
            registry=self.registry,
        )

    def exposition(self) -> bytes:
        """The Prometheus text exposition: every worker's metrics in multiprocess mode."""
        if self.multiprocess_dir is None:
            return generate_latest(self.registry)
        # A fresh registry per scrape, as prometheus-client's multiprocess mode requires:
        # the collector reads every worker's files, including workers that have exited.
        # (prometheus-client's multiprocess module has no annotations.)
        registry = CollectorRegistry()
        path = str(self.multiprocess_dir)
        multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
        return generate_latest(registry)

    def close(self) -> None:
        """On worker exit: drop this process's live-gauge files (its counts stay summed)."""
        if self.multiprocess_dir is not None:
            path = str(self.multiprocess_dir)
            multiprocess.mark_process_dead(os.getpid(), path=path)  # type: ignore[no-untyped-call]
