"""Which registered version the gate anchors to."""

from __future__ import annotations

from eval.anchor import anchor_version
from eval.gate.config import AnchorConfig
from service.registry.protocol import AuditEntry


def entry(action: str, to: str, alias: str = "production", frm: str | None = None) -> AuditEntry:
    return AuditEntry("ci", "2026-11-01T00:00:00Z", action, alias, frm, to)


TRAIL = [
    entry("canary", "2", alias="canary"),
    entry("bootstrap", "1"),
    entry("promote", "3", frm="1"),
    entry("rollback", "1", frm="3"),
]


def test_anchor_is_the_first_version_that_held_production() -> None:
    assert anchor_version(AnchorConfig(), TRAIL) == "1"
    assert anchor_version(AnchorConfig(), TRAIL[2:]) == "3"


def test_anchor_explicit_disabled_or_absent() -> None:
    assert anchor_version(AnchorConfig(version="5"), TRAIL) == "5"
    assert anchor_version(AnchorConfig(enabled=False), TRAIL) is None
    assert anchor_version(AnchorConfig(), [entry("canary", "2", alias="canary")]) is None
