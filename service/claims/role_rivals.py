"""A person's name swapped for another in the same role.

"a supervisor, Kavya, approved" where the records' supervisor is Deepa; "Derek in sales"
where the records' salesman is Marcus; "KAM Suresh" for "KAM Rakesh". A name beside a
staff role in the summary, where the records name someone else beside a staff role and
the clause names nobody the records do, is a swap, not a rewording the checker cannot
read: records name their staff as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from service.claims.tables import word_list

_ROLES = frozenset(word_list("staff_roles"))
# How many words from a name its role may stand ("the branch mgr, Owain", "Tanya
# (billing)"); articles, "in" and "from" do not count.
_REACH = 2
_FILLER = frozenset(word_list("role_fillers"))
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
# Names that open on the same four letters may be one name written two ways.
_SAME_START = 4


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _beside_a_role(words: list[str], index: int) -> bool:
    """Whether a staff role stands within reach of `words[index]`, fillers skipped."""
    for step in (-1, 1):
        seen, at = 0, index + step
        while 0 <= at < len(words) and seen < _REACH:
            word = words[at].lower()
            if word in _ROLES:
                return True
            if word not in _FILLER:
                seen += 1
            at += step
    return False


_OPENING = re.compile(r"(?:^|[.!?:;\n*•>-])\W*$")


@lru_cache(maxsize=256)
def staff_named(records: str) -> frozenset[str]:
    """The capitalised names the records write beside a staff role; not a word that opens a
    line or a sentence ("Booked engineer visit Wed"), which is capitalised for that."""
    tokens = _tokens(records)
    words = [word for word, _, _ in tokens]
    return frozenset(
        word
        for index, (word, start, _) in enumerate(tokens)
        if word[0].isupper()
        # "DM your PNR", "the IVR": an abbreviation in capitals names no one.
        and not (len(word) > 1 and word.isupper())
        and word.lower() not in _ROLES
        and (
            not _OPENING.search(records[max(0, start - 4) : start])
            or _labelled_by_a_role(records, tokens, index)
        )
        and _beside_a_role(words, index)
    )


_LABEL_COLON = re.compile(r"^[ \t]*:[ \t]*$")


def _labelled_by_a_role(records: str, tokens: list[tuple[str, int, int]], index: int) -> bool:
    """Whether the word is a field's value after a staff role as its label ("Agent:
    Destiny R."): capitalised as a name, not for opening anything."""
    if index == 0:
        return False
    label, _, end = tokens[index - 1]
    between = records[end : tokens[index][1]]
    if label.lower() not in _ROLES or _LABEL_COLON.match(between) is None:
        return False
    # A field holds a name and ends ("Agent: Destiny R.  Dur: 22 min"); a speaker's turn
    # goes on ("Agent: Thanks for waiting").
    return _FIELD_ENDS.match(records, tokens[index][2]) is not None


_FIELD_ENDS = re.compile(r"(?:[ \t]+[A-Z][\w'’-]*\.?)?[ \t]*(?:$|\n|\||[ \t]{2,}|[,;(/])", re.M)


def role_rival(name: str, clause: str, records: str, known: frozenset[str]) -> str | None:
    """Someone the records name in a staff role whom the clause does not name, when the
    clause puts `name` beside a staff role; None otherwise. `known`: words that are no
    person's name (months, weekdays, openers)."""
    words = [word for word, _, _ in _tokens(clause)]
    places = [i for i, word in enumerate(words) if word == name]
    if not places or not any(_beside_a_role(words, i) for i in places):
        return None
    said = {word.lower() for word in words}
    for other in sorted(staff_named(records)):
        lowered = other.lower()
        if lowered in said or lowered in known or len(lowered) < 3:
            continue
        if lowered[:_SAME_START] == name.lower()[:_SAME_START]:
            continue  # "Jon" for "Jonathan": one name written two ways
        return other
    return None
