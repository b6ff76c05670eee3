"""Participles that describe a noun rather than tell an act: "a returned extender", "asked
$200 for lost wages". The clause does not tell that act: a done-claim does not claim it, and
a refusal in the clause ("..., declined per policy") does not deny it.
"""

from __future__ import annotations

from service.claims.clause import Clause, canonical
from service.claims.lexicon import IRREGULAR_PAST
from service.claims.tables import word_list

_ARTICLES = frozenset(word_list("articles"))
_BEFORE_AN_ATTRIBUTE = frozenset(word_list("words_before_an_attribute"))


def described(clause: Clause) -> frozenset[str]:
    """Negated acts whose only word is a participle describing the noun after it ("for
    lost wages", "of missed deliveries"): what a refusal in the clause denies is the ask,
    not that act."""
    tokens = clause.tokens
    describing = set()
    told = set()
    for index, token in enumerate(tokens):
        stem = canonical(token)
        if stem not in clause.negated:
            continue
        follows_a_word = index + 1 < len(tokens) and tokens[index + 1].isalpha()
        participle = token.endswith("ed") or token in IRREGULAR_PAST
        if index and tokens[index - 1] in _BEFORE_AN_ATTRIBUTE and follows_a_word and participle:
            describing.add(stem)
        else:
            told.add(stem)
    return frozenset(describing - told)


def attributive(clause: Clause) -> frozenset[str]:
    """Completion words used as adjectives right after an article ("a returned extender")."""
    tokens = clause.tokens
    return frozenset(
        canonical(token)
        for index, token in enumerate(tokens)
        if index and tokens[index - 1] in _ARTICLES and canonical(token) in clause.completes
    )
