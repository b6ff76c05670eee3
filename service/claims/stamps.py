"""The clock times that stamp messages and calls, told apart from times of events.

An export stamps its lines ("[15:37] Tomás:", "11:13 Tom (Greyline):") and its headers
("Datum: 18.02.2026 14:14", "25/04/2026 10:48:05 IST"): when a message was written or a
call began. A summary's time of an event ("flushing 10:00-14:00", "pickup 9-11am") that no
record gives is a misstated time only beside a time the records give for an event; a
stamp a few minutes or hours away is no such rival. A stamp still supports a summary that
states it ("called at 10:52").
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import pattern

_STAMPED = pattern("stamped_clock_time")


@lru_cache(maxsize=256)
def without_stamps(text: str) -> str:
    """`text` with the clock times that stamp its messages and calls blanked out."""

    def blank(match: re.Match[str]) -> str:
        start, end = match.span("time")
        return match.group(0)[: start - match.start()] + " " * (end - start)

    return _STAMPED.sub(blank, text)
