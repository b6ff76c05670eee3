"""Which of an instruction's words no other record uses: the words by which a summary
clause that carries them can only have taken them from the instruction.

A word counts as used where the records write it in full, cut short ("Tue" for
"Tuesday"), spaced otherwise ("KS-40 318" for "KS-40318") or as its adverb ("fully
refund" for "full refund").
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import word_list
from service.claims.text import stem

# Calendar words are cut short in records and written out in summaries ("Tue 17 Feb"):
# each month's and weekday's stem, and the short forms of it.
_SHORT_FORMS: dict[str, frozenset[str]] = {
    stem(name): frozenset(
        form
        for form in word_list("month_short_forms") + word_list("weekday_short_forms")
        if name.startswith(form)
    )
    for name in word_list("month_names") + word_list("weekdays")
}


def words_no_record_uses(stems: frozenset[str], known: frozenset[str], text: str) -> frozenset[str]:
    """The stems no record but the instruction uses, in full or cut short: the records'
    "move Tuesday ... from Tue 17 Feb" uses "February" too, and their "KS-40 318" is the
    instruction's "KS-40318"."""
    return frozenset(
        word
        for word in stems - known
        if not _SHORT_FORMS.get(word, frozenset()) & known
        and not _spaced_id(word, text)
        and not _adverbs_of(word) & _words_in(text)
    )


def _adverbs_of(word: str) -> frozenset[str]:
    """The adverbs made from an adjective's stem: the records' "we can fully refund" says
    the "full refund" of a summary."""
    forms = {word + "ly"}
    if word.endswith("ll"):
        forms.add(word + "y")  # full -> fully
    if word.endswith("le"):
        forms.add(word[:-1] + "y")  # simple -> simply
    if word.endswith("y"):
        forms.add(word[:-1] + "ily")  # easy -> easily
    return frozenset(forms)


@lru_cache(maxsize=64)
def _words_in(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", text))


# The shortest reference read in the records whatever its spacing ("KS-40 318").
_SHORTEST_ID = 5


def _spaced_id(word: str, text: str) -> bool:
    """Whether `word` is a reference with a figure in it that the records write with other
    spacing or dashes."""
    compact = re.sub(r"[\W_]", "", word)
    return (
        len(compact) >= _SHORTEST_ID
        and any(c.isdigit() for c in compact)
        and compact in _compacted(text)
    )


@lru_cache(maxsize=64)
def _compacted(text: str) -> str:
    return re.sub(r"[\W_]", "", text)
