"""Multi-word names of one act ("called the customer back", "money back", "truck roll"),
folded to one token before a clause is read, so every wording of an act compares as one."""

from __future__ import annotations

import re

from service.claims.tables import rewrites
from service.claims.text import NeedledRewrites


def _added_a_note(match: re.Match[str]) -> str:
    """ "left a note", "posting notes": the act of adding a case note, in its tense."""
    ending = next((g for g in match.groups() if g is not None), "")
    past = ending in ("ed", "left") or match.group(0).startswith(("left", "put "))
    return ("added" if past else "adding" if ending.endswith("ing") else "add") + " casenote"


# The act phrases (`data/rules/act_phrases.yaml`), each tried only on a clause that holds
# one of its needle words.
CALLS = {"added_a_note": _added_a_note}
FOLDS = NeedledRewrites(rewrites("act_phrases"), CALLS)
