"""Storage backends: protocols in `protocols`, one implementation per module.

Only the composition root chooses an implementation; everything else depends on the
protocols re-exported here.
"""

from service.backends.outbox import DrainReport, Outbox
from service.backends.protocols import (
    DEFAULT_SUMMARY_TTL_S,
    BlobStore,
    CachedEntry,
    InteractionQueryResult,
    InteractionStore,
    SummaryCache,
)

__all__ = [
    "DEFAULT_SUMMARY_TTL_S",
    "BlobStore",
    "CachedEntry",
    "DrainReport",
    "InteractionQueryResult",
    "InteractionStore",
    "Outbox",
    "SummaryCache",
]
