"""A promise of something no record speaks of: "A courier will also collect the equipment
from the customer's home."

The act checker asks whether a record promises the same *thing* when the thing is one it
knows as promisable (a callback, a credit, a visit); the commitment checks ask for the
figures and dates a promise binds. A promise of anything else, told with no figure of its
own, passes both. Read here instead: a sentence that says what someone will do, in two or
more words no record (nor the request) uses in any form, and about nothing the records
promise, promises something new. One new word is a paraphrase ("a supervisor will phone
them"); so is any wording of a promise a record made ("an engineer will come out to look
at the line" when a technician visit was booked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.claims.clause import Clause, canonical
from service.claims.commitments import conditional_only
from service.claims.lexicon import STOPWORDS
from service.claims.tables import pattern, word_list
from service.claims.text import UNREADABLE, normalize
from service.claims.types import Finding

if TYPE_CHECKING:
    from service.claims.evidence import Evidence

_WILL = pattern("will")
_MOOD_FIELD = pattern("mood_label")
_BRIEFING = frozenset(word_list("briefing") + word_list("weekdays") + word_list("month_names"))

_BRIEFING_STEMS = frozenset(canonical(word) for word in _BRIEFING) | frozenset(
    word_list("month_short_forms")
)


def unheard_of_commitment(clause: Clause, evidence: Evidence) -> Finding | None:
    """A promise told in words no record uses (see the module docstring)."""
    if conditional_only(clause) or clause.negated or clause.mode != "promise":
        return None  # "a credit that will appear on the next bill" reports the credit
    if not _WILL.search(normalize(clause.text)) or _MOOD_FIELD.match(normalize(clause.text)):
        return None  # "Mood: doubtful it will actually happen" is a mood, not a promise
    if (clause.key - _BRIEFING_STEMS) & evidence.promised_stems:
        return None  # about a promise the records made, in other words
    known = evidence.known_words
    new = sorted(
        {
            token
            for token in clause.tokens
            if len(token) > 3
            and token.isalpha()
            and not token.endswith("ly")
            and token not in STOPWORDS
            and token not in _BRIEFING
            and token not in known
            and canonical(token) not in known
        }
    )
    if len(new) < 2:
        return None
    reason = f"promises something no record speaks of ({', '.join(new[:3])})"
    finding = Finding("promise", "unsupported", clause.text, reason)
    if not evidence.unlabelled:
        return finding
    # A conversation no label sums up words its promises its own way ("we'll let you know
    # on Tuesday" for "the decision will be announced"): new words are no clear evidence.
    return finding.unsure(UNREADABLE if evidence.unreadable else _OWN_WORDS)


_OWN_WORDS = "a conversation no label sums up may word the promise otherwise"
