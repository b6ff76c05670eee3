"""The act vocabulary the clause reader folds words into: synonyms, act nouns, completion
and promise verbs, and the words that set a clause's mode or status rather than its content."""

from __future__ import annotations

from service.claims.tables import mapping, tagged, word_list

SYNONYMS: dict[str, str] = mapping("synonyms")
# Nouns that carry a whole act on their own: one of them shared with a record is enough to
# compare polarity ("no refund" against "refund issued").
ACT_NOUN_WORDS = tagged("act_nouns", "act")
COMPLETION = tagged("settling", "completes")
PROMISE_VERBS = frozenset(word_list("promise_verbs"))
MODE_STEMS = frozenset(word_list("mode_stems"))
STATUS_STEMS = frozenset(word_list("status_stems"))
