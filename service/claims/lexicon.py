"""Word lists the claim checker reads meaning with: status, modality, sentiment, money kinds.

Outcome codes are read by their words, never matched against one generator's label set:
"RESOLVED_FCR", "Pending - Tier2", "cb_sched" and "closed/no action" are split into words
("resolved fcr", "pending tier2", "cb sched", "closed no action") and looked up here, so a
CRM vocabulary the project has never seen still reads as open or resolved when its words
say so.
"""

from __future__ import annotations

import re
from typing import Literal

from service.claims.tables import mapping, pattern, tagged, word_list
from service.claims.text import CAMEL_CASE_BREAK

RESOLVED_WORDS = pattern("resolved_words")
OPEN_WORDS = pattern("open_words")
OPEN_MENTION = pattern("open_mention")
NEUTRAL_OUTCOME_WORDS = frozenset(word_list("neutral_outcome_words"))
OPEN_OUTCOME_WORDS = frozenset(word_list("open_outcome_words"))
RESOLVED_OUTCOME_WORDS = tagged("settling", "settles_outcome")

PROMISE_CUES = pattern("promise_cues")

DEADLINE = pattern("deadline")
OFFER_CUES = pattern("offer_cues")
REQUEST_CUES = pattern("request_cues")
PAST_CUES = pattern("past_cues")
OTHER_MATTERS = pattern("other_matters")
CONDITIONAL = pattern("conditional")
NOW_CUES = pattern("now_cues")

SENTIMENT_CLASSES: dict[str, str] = mapping("sentiment_classes")


SENTIMENT_WORDS = pattern("sentiment_words")
SENTIMENT_TOPIC = pattern("sentiment_topic")
NOT_ABOUT_CUSTOMER = pattern("not_about_customer")

# Kinds of money and the words that make an amount one of them ("a credit of $7").
MONEY_KINDS: dict[str, re.Pattern[str]] = {
    kind: pattern(f"money_{kind}") for kind in ("credit", "charge", "payment")
}
INCOMPATIBLE_KINDS = frozenset({frozenset(word_list("incompatible_kinds"))})

STOPWORDS = frozenset(word_list("stopwords"))


_NOT_A_WORD = pattern("not_a_word")


def outcome_words(outcome: str) -> list[str]:
    """An outcome code as lower-case words: 'Pending - Tier2' -> ['pending', 'tier2']."""
    spaced = CAMEL_CASE_BREAK.sub(" ", outcome)
    return [w for w in _NOT_A_WORD.split(spaced.lower()) if w]


_NO_VALUES = frozenset(word_list("no_values"))


def outcome_status(outcome: str) -> Literal["open", "resolved"] | None:
    """Open / resolved from an outcome code's words; None when they say neither or both."""
    words = outcome_words(outcome)
    # A flag set to no ("FCR=N", "resolved: false") says the opposite of its name; "closed/no
    # action" is not a flag: there "no" qualifies the word after it.
    denied = {words[-2]} if len(words) >= 2 and words[-1] in _NO_VALUES else set()
    found = set(words) - denied
    opened = bool(found & OPEN_OUTCOME_WORDS) or bool(denied & RESOLVED_OUTCOME_WORDS)
    resolved = bool(found & RESOLVED_OUTCOME_WORDS)
    if opened == resolved:
        return None
    return "open" if opened else "resolved"


EPISTEMIC = frozenset(word_list("epistemic"))
ADJECTIVAL = frozenset(word_list("adjectival"))
IRREGULAR_PAST = frozenset(word_list("irregular_past"))
HEDGES = frozenset(word_list("hedges"))
TOPIC_MARKERS = frozenset(word_list("topic_markers"))
HANDOVER = pattern("handover")
