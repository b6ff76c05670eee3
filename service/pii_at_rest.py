"""What is written to durable storage has its personal data masked (seed 004).

Every store the service writes holds masked data: the SummaryCache, the served log, the
feedback store, the outbox, and the processed records and feedback archives that feed the
warehouse, the weekly report and the regression sets. None of them needs a phone number, a
card or a raw account number: free text (notes, intents, outcomes, summaries, agents'
comments) is stored with `service.pii.redact`, and account numbers as a keyed token
(`service.pii.account_token`) that still joins a customer's records together and is what
the stores are looked up by. The key is `OCI_PII_KEY`, else derived from the auth secret,
so the same deployment always maps an account to the same token. Identifiers (process,
contact and request ids) are keys, not free text, and are stored as sent. The interaction
store is the source system's table: the service reads it and never writes it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from service.pii import account_token, redact

_TEXT_FIELDS = ("notes", "intent", "outcome")


@dataclass(frozen=True)
class AtRest:
    """How records are masked before they are stored; `enabled=False` stores them as is."""

    key: bytes
    enabled: bool = True

    @classmethod
    def from_secret(cls, secret: str, *, enabled: bool = True) -> AtRest:
        """A masker keyed by a hash of `secret` (never the secret itself)."""
        return cls(hashlib.sha256(b"oci-pii-at-rest\n" + secret.encode()).digest(), enabled)

    def account(self, value: str | None) -> str | None:
        """The account number as stored."""
        if not self.enabled or not value or value.startswith("acct-"):
            return value
        return account_token(value, self.key)

    def text(self, value: str | None) -> str | None:
        """Free text as stored."""
        return redact(value) if self.enabled and value else value

    def processed(self, record: dict[str, Any]) -> dict[str, Any]:
        """A processed-summary record as stored."""
        if not self.enabled:
            return record
        masked = {
            **record,
            "account_number": self.account(record.get("account_number")),
            "summary": self.text(record.get("summary")),
            # Free text within the request's pattern: a phone or an SSN fits it.
            "ivr_intent": self.text(record.get("ivr_intent")),
        }
        masked["interactions"] = [
            {**item, **{f: self.text(item.get(f)) for f in _TEXT_FIELDS if f in item}}
            for item in record.get("interactions", [])
        ]
        return masked

    def feedback(self, document: dict[str, Any]) -> dict[str, Any]:
        """A feedback archive document as stored."""
        if not self.enabled:
            return document
        return {
            **document,
            "account_number": self.account(document.get("account_number")),
            "comment": self.text(document.get("comment")),
        }
