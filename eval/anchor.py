"""The gate's fixed anchor pair: which registered version later candidates are also held to.

Non-inferiority against production alone lets quality drift: each promotion may lose up to
its margin. The anchor (by default the first version that ever held `production`) stays put,
so `eval.gate.decide` can repeat the non-inferiority checks against it.
"""

from __future__ import annotations

from collections.abc import Sequence

from eval.gate.config import AnchorConfig
from service.registry.protocol import PRODUCTION, AuditEntry

FIRST_PRODUCTION = "first_production"


def anchor_version(config: AnchorConfig, trail: Sequence[AuditEntry]) -> str | None:
    """The anchor's version: explicit in the config, or the first to hold production.

    Returns:
        The version, or None when the anchor is disabled or nothing has held production yet.
    """
    if not config.enabled:
        return None
    if config.version != FIRST_PRODUCTION:
        return config.version
    for entry in trail:
        if entry.alias == PRODUCTION and entry.to_version and entry.action != "rollback":
            return entry.to_version
    return None
