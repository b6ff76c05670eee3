"""One clause read for the claim checker: its content words, negation, modality and status.

The same reading is applied to the summary and to the records, so "did not apply the
credit" in a summary and "credit never applied" in a note both come out as the stems
{apply, credit}, negated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from service.claims.act_phrases import FOLDS
from service.claims.act_vocabulary import (
    ACT_NOUN_WORDS,
    COMPLETION,
    MODE_STEMS,
    PROMISE_VERBS,
    STATUS_STEMS,
    SYNONYMS,
)
from service.claims.lexicon import (
    ADJECTIVAL,
    CONDITIONAL,
    DEADLINE,
    EPISTEMIC,
    HEDGES,
    IRREGULAR_PAST,
    NOW_CUES,
    OFFER_CUES,
    PAST_CUES,
    PROMISE_CUES,
    REQUEST_CUES,
    STOPWORDS,
    TOPIC_MARKERS,
)
from service.claims.negation import HAPPENING, negated_positions
from service.claims.status import Status, read_status
from service.claims.tables import mapping, pattern, word_list
from service.claims.tense import before_it_happens, done_within, waiting_starts
from service.claims.text import NEGATING_VERBS, NEGATORS, normalize, stem

Mode = Literal["done", "promise", "request", "offer"]

_AND = pattern("and")
_RELATIVE_FUTURE = pattern("relative_future")
_RELATIVE_PROMISE = pattern("relative_promise")
_RELATIVE_REQUEST = pattern("relative_request")
_REQUEST_AS_REASON = pattern("request_as_reason")
_LIMITED_WAY = pattern("limited_way")
_PROMISED_THING = pattern("promised_thing")


def _told_what_became(match: re.Match[str]) -> str:
    """ "promised" dropped when the clause goes on to say what became of the thing ("promised
    callback missed", "the promised update arrived"), kept otherwise ("waiting for the
    promised callback" still awaits a promise)."""
    after = _TOKEN.findall(match.string[match.end() :])
    became = any(t in COMPLETION or t in NEGATING_VERBS or t in NEGATORS for t in after)
    return match.group(1) if became else match.group(0)


_TOKEN = pattern("token")


IRREGULAR_LEMMAS = mapping("irregular_lemmas")


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """The comparison stem of a word (synonyms folded; "re-sent" compares as "sent").

    Pure and called for every word of every record, so remembered per word."""
    if word.startswith("re-") and len(word) > 5:
        word = word[3:]
    # A possessive names the same thing: "the company's service" is about the company.
    if word.endswith("'s") and len(word) > 4:
        word = word[:-2]
    word = IRREGULAR_LEMMAS.get(word, word)
    base = stem(word)
    return SYNONYMS.get(word, SYNONYMS.get(base, base))


ACT_NOUNS = frozenset(canonical(word) for word in ACT_NOUN_WORDS)


@dataclass(frozen=True)
class Clause:
    """What one clause says, as the checker compares it."""

    text: str
    tokens: tuple[str, ...]
    stems: frozenset[str]
    negated: frozenset[str]
    mode: Mode
    status: Status | None
    past: bool
    now: bool
    completes: frozenset[str]  # completion stems stated positively ("credit applied")
    conditional: bool = False  # "if", "unless", "whether": a rule or a question, not an event
    asserts: bool = False  # has a predicate (a verb or a negation), not only a noun phrase
    acts: frozenset[str] = frozenset()  # stems that name what was (not) done
    reports: frozenset[str] = frozenset()  # stems of verbs of finding or noting ("found")
    # Acts stated as carried out or not, in the past ("never escalated", "failed to apply"),
    # whatever else the clause promises ("... with a callback promised").
    past_acts: frozenset[str] = frozenset()
    # Acts told done, and denied only as the object of another denied verb ("added a note
    # ... without promising faster processing": "added" and "processing" read alike): told
    # neither way for certain.
    mixed: frozenset[str] = frozenset()

    @cached_property
    def key(self) -> frozenset[str]:
        """The clause's content stems, what it is about: its mode and status words left out.

        Remembered: every summary clause is compared with every record clause by it."""
        return self.stems - STATUS_STEMS - MODE_STEMS


def split_and(clause: str) -> list[str]:
    """Cut "X was done and Y was not" at an "and" that starts a new act."""
    return [part for part in _AND.split(clause) if part.strip()]


def _is_verb(token: str) -> bool:
    """A past form or a completion verb: enough to tell "credit applied" from "the credit"."""
    if token.startswith("re-"):
        token = token[3:]
    return (
        token in COMPLETION or token in IRREGULAR_PAST or (len(token) > 4 and token.endswith("ed"))
    )


_LETTER = pattern("letter")
# "label sent ($105 fee if not returned)": an aside in brackets.
_ASIDE = pattern("bracketed_aside")
# The words after which the next word is what was (not) done: "not be reset", "failed to".
_ACT_CUES = NEGATORS | NEGATING_VERBS | {"to"}
_VERIFYING = frozenset(word_list("verifying"))
_NOT_ACTS = (EPISTEMIC - _VERIFYING) | ADJECTIVAL
_CLAUSE_OPENERS = frozenset(word_list("clause_openers"))
_CLAUSE_VERBS = frozenset(word_list("clause_verbs"))


def _reports_a_clause(tokens: tuple[str, ...], index: int) -> bool:
    after = tokens[index + 1 : index + 5]
    return bool(after) and (after[0] in _CLAUSE_OPENERS or bool(_CLAUSE_VERBS & set(after)))


_FUTURE = frozenset(word_list("future"))
_PAST_DENIAL = frozenset(word_list("past_denial"))


_BETWEEN_CUE_AND_ACT = HEDGES | {"be", "been", "being"}


_LIGHT_VERBS = frozenset(canonical(word) for word in word_list("light_verbs"))


def topic_starts(tokens: tuple[str, ...]) -> int:
    """Where the clause starts naming what it was about (its length if it never does)."""
    return next((i for i, t in enumerate(tokens) if t in TOPIC_MARKERS), len(tokens))


def _is_content(token: str) -> bool:
    return (
        token not in STOPWORDS
        and token not in HEDGES
        and token not in NEGATING_VERBS
        and token not in NEGATORS
        and _LETTER.search(token) is not None
    )


def fold_phrases(norm: str) -> str:
    """Normalised text with multi-word act names folded ("called back" -> "callback")."""
    return FOLDS.apply(norm)


def _reported_past(tokens: tuple[str, ...], index: int, back: int, after_cue: bool) -> bool:
    """Whether the act at `index` is reported as done or not done in the past."""
    before = set(tokens[max(0, index - 4) : index])
    if _is_verb(tokens[index]):
        return not _FUTURE & set(tokens[max(0, back - 1) : back + 1])
    if after_cue and tokens[max(0, back - 1) : back + 1] == ("would", "not"):
        # "Callum would not refund the £20": a refusal told of the past, not a forecast.
        return True
    return after_cue and bool(_PAST_DENIAL & before) and not _FUTURE & before


_OBJECT_STARTS = frozenset(word_list("object_starts"))


def _relative_only(match: re.Match[str]) -> str:
    """ "the refund they were promised": dropped; "The customer was promised a callback"
    opens the clause, and is its main statement, as does one with an object of its own
    ("she said she had been promised a call back")."""
    before = match.string[: match.start()].split()
    after = match.string[match.end() :].split()
    # After a colon it opens what was said: "e-mailed on April 3: they had been promised".
    opens = not before or before == ["the"] or before[-1].endswith(":")
    has_object = bool(after) and (after[0] in _OBJECT_STARTS or after[0][:1] in "$0123456789")
    return match.group(0) if opens or has_object else ""


def _main_statement(norm: str) -> str:
    """The clause without a relative clause about the future or about a promise ("the
    refund they were promised"), when what is left still states something (a verb or a
    negation); otherwise the whole clause."""
    main = _RELATIVE_PROMISE.sub(_relative_only, _RELATIVE_FUTURE.sub("", norm))
    main = _REQUEST_AS_REASON.sub("", _RELATIVE_REQUEST.sub("", main))
    main = _PROMISED_THING.sub(_told_what_became, main)
    if main == norm:
        return norm
    said = _TOKEN.findall(main)
    states = any(_is_verb(t) for t in said) or any(t in NEGATORS for t in said)
    return main if states else norm


_AHEAD_OF = frozenset(word_list("ahead_of"))


def _still_to_come(tokens: tuple[str, ...], index: int) -> bool:
    return index >= 2 and tokens[index - 1] == "be" and tokens[index - 2] in _AHEAD_OF


_HAPPENED = frozenset(word_list("happened"))


def _never_happened(tokens: tuple[str, ...]) -> bool:
    """Whether the clause says, in the past, that something did not come or happen ("the
    callback due 4 March never came", "the update promised by Apr 8 did not arrive"): it
    reports, whatever promise it names on the way."""
    for index, token in enumerate(tokens):
        if token not in HAPPENING:
            continue
        before = set(tokens[max(0, index - 3) : index])
        past = token in _HAPPENED or bool(before & {"did", "had", "has", "have"})
        if past and before & NEGATORS and not before & _FUTURE:
            return True
    return False


@lru_cache(maxsize=65536)
def read_clause(text: str) -> Clause:
    """Read one clause of a summary or of a record (pure, so remembered: the records of a
    sample are read again for every summary checked against them)."""
    norm = fold_phrases(normalize(text))
    tokens = tuple(_TOKEN.findall(norm))
    stems: set[str] = set()
    negated: set[str] = set()
    completes: set[str] = set()
    governed = negated_positions(list(tokens), _is_content)
    acts: set[str] = set()
    past_acts: set[str] = set()
    # Acts the clause reports done outside any negation's reach ("added a note ... without
    # promising faster processing": "added" and "processing" are both read as 'apply').
    told_done: set[str] = set()
    # Words a denial reaches only after the word it denies first ("without promising
    # faster processing": "processing" is what was not promised).
    denied_objects: set[str] = set()
    denied_heads: set[str] = set()
    has_predicate = any(t in COMPLETION or t in PROMISE_VERBS for t in tokens) or bool(governed)
    for index, token in enumerate(tokens):
        if token == "made" and not any(t in NEGATORS or t in NEGATING_VERBS for t in tokens):
            completes.add("mak")  # "the callback has been made": a stop word that completes
        if not _is_content(token):
            continue
        base = canonical(token)
        if len(base) < 3:
            continue
        stems.add(base)
        # "not be reset", "failed to waive": the word after a cue is what was (not) done.
        back = index - 1
        # "not be reset", "never actually set up": the cue stands before these.
        while back > 0 and tokens[back] in _BETWEEN_CUE_AND_ACT:
            back -= 1
        after_cue = back >= 0 and index > 0 and tokens[back] in _ACT_CUES
        reports = token in _VERIFYING and _reports_a_clause(tokens, index)
        ahead = before_it_happens(tokens, index)
        done_here = False
        if (_is_verb(token) or after_cue) and token not in _NOT_ACTS and not reports and not ahead:
            acts.add(base)
            done_here = _reported_past(tokens, index, back, after_cue)
            if done_here:
                past_acts.add(base)
        if index in governed:
            negated.add(base)
            denied_before = any(earlier in governed for earlier in range(max(0, index - 4), index))
            (denied_objects if denied_before else denied_heads).add(base)
            continue
        if done_here:
            told_done.add(base)
        if token in COMPLETION and not _still_to_come(tokens, index) and not ahead:
            completes.add(base)
    # A thing such as a credit or a callback is itself an act when the clause says it was
    # carried out or not ("credit applied", "no callback"), not when it is only named.
    if has_predicate:
        # Not what waits on something else ("... before any credit is issued").
        end = min(topic_starts(tokens), waiting_starts(tokens))
        acts |= {canonical(t) for t in tokens[:end]} & stems & ACT_NOUNS
    # "No remote restart was attempted", "the restart never happened": a verb that only
    # says an act took place leaves the act to its noun, denied with it.
    if acts & _LIGHT_VERBS and negated:
        acts |= negated - _LIGHT_VERBS
    limited = _LIMITED_WAY.search(norm) is not None
    if limited:
        # "can't be cleared remotely": how the act may be done, not whether it was done
        # or not.
        for told in (negated, completes, acts, past_acts):
            told.clear()
    mode: Mode = "done"
    main = None if _never_happened(tokens) else _main_statement(norm)
    if main is None:
        pass  # "the callback promised for Mar 4 never came": a report of what happened
    elif REQUEST_CUES.search(main):
        mode = "request"
    elif OFFER_CUES.search(norm):
        mode = "offer"  # "offered a credit, declined": an offer is not the credit itself
    elif (PROMISE_CUES.search(main) and not done_within(main)) or (
        DEADLINE.search(norm) and not any(_is_verb(t) for t in tokens)
    ):
        mode = "promise"
    return Clause(
        text=text,
        tokens=tokens,
        stems=frozenset(stems),
        negated=frozenset(negated),
        mode=mode,
        status=None if CONDITIONAL.search(norm) or limited else read_status(norm),
        past=PAST_CUES.search(norm) is not None,
        now=NOW_CUES.search(norm) is not None,
        completes=frozenset(completes - negated),
        # A condition in brackets qualifies an aside ("label sent ($105 fee if not
        # returned)"), not the clause's own statement.
        conditional=CONDITIONAL.search(_ASIDE.sub(" ", norm)) is not None,
        asserts=bool(negated) or any(_is_verb(t) for t in tokens),
        acts=frozenset(acts),
        reports=frozenset(canonical(t) for t in tokens if t in EPISTEMIC),
        past_acts=frozenset(past_acts),
        mixed=frozenset((denied_objects - denied_heads) & told_done),
    )
