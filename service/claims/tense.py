"""Acts a clause names that have not happened, or that happened in a stated time.

"needs an affidavit before any credit is issued": the credit waits on something else;
"tier 2 called back within 48 hours": a time frame an act told done took, no promise.
"""

from __future__ import annotations

from service.claims.lexicon import PROMISE_CUES
from service.claims.tables import pattern

_WITHIN = pattern("within")
_TOLD_DONE = pattern("told_done")


def done_within(main: str) -> bool:
    """Whether the clause's only promise cue is a time frame an act told done took ("tier 2
    called back within 48 hours"), not one a promise sets ("will call back within 48 hours",
    "a callback promised within 48 hours")."""
    if not _WITHIN.search(main) or not _TOLD_DONE.search(main):
        return False
    return not PROMISE_CUES.search(_WITHIN.sub(" ", main))


def waiting_starts(tokens: tuple[str, ...]) -> int:
    """Where a "before ..." phrase of something yet to happen starts (the clause's end if
    there is none)."""
    for index in range(len(tokens)):
        if before_it_happens(tokens, index):
            return max(i for i in range(index) if tokens[i] == "before")
    return len(tokens)


def before_it_happens(tokens: tuple[str, ...], index: int) -> bool:
    """Whether the verb at `index` tells what must wait ("needs an affidavit before any credit
    is issued"): the act has not happened."""
    if index < 2 or tokens[index - 1] not in ("is", "are", "be", "been"):
        return False
    return "before" in tokens[max(0, index - 6) : index - 1]
