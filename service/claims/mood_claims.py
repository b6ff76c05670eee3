"""The customer's mood a summary states, read against what the records say.

A mood told of now ("still furious", "now satisfied", a "Mood:" field) is held to the
newest record's label, or, where no record carries one, to the customer's own words at the
end (`customer_mood`); a mood dated to a contact to that contact's record; a mood marked
as the one the customer started in ("initially angry") to none. Only a plain opposite is a
contradiction; an ending the customer's words do not settle is an abstention, counted.
"""

from __future__ import annotations

from functools import lru_cache

from service.claims.clause import Clause
from service.claims.customer_mood import (
    customer_mood,
    ending_moods,
    ends_in_a_shrug,
    ends_in_thanks,
    moods_in_records_word,
)
from service.claims.days import Days, dated_records
from service.claims.evidence import Evidence
from service.claims.lexicon import (
    NOT_ABOUT_CUSTOMER,
    NOW_CUES,
    SENTIMENT_CLASSES,
    SENTIMENT_WORDS,
)
from service.claims.tables import pattern
from service.claims.text import NEGATORS, normalize
from service.claims.types import Finding

CONFLICTING_MOODS = frozenset(
    {
        frozenset({"negative", "positive"}),
        frozenset({"negative", "neutral"}),
    }
)


_PRESENT_MOOD = pattern("present_mood")
_MOOD_LABEL = pattern("mood_label")
_APOLOGISED_FOR = pattern("mood_apologised_for")


def _now_beyond_label(clause: Clause) -> bool:
    """Whether the clause speaks of now in its own words: a "Mood:" field is about now,
    unless its value says otherwise ("Mood: worried at first")."""
    if not clause.now:
        return False
    norm = normalize(clause.text)
    label = _MOOD_LABEL.match(norm)
    return label is None or NOW_CUES.search(norm[label.end() :]) is not None


def current_mood(clause: Clause) -> bool:
    """Whether the clause states the customer's mood as it stands now."""
    return bool(moods(clause)) and (
        clause.now or bool(_PRESENT_MOOD.search(normalize(clause.text)))
    )


def moods(clause: Clause) -> list[str]:
    """Sentiment classes the clause states about the customer (negation applied)."""
    return list(read_moods(clause.text))


@lru_cache(maxsize=65536)
def read_moods(text: str) -> tuple[str, ...]:
    """`moods` of a clause's text, remembered: several checks ask each clause for them."""
    norm = normalize(text)
    if NOT_ABOUT_CUSTOMER.search(norm):
        return ()
    tokens = norm.split()
    found = []
    apologised = [m.end() for m in _APOLOGISED_FOR.finditer(norm)]
    for match in SENTIMENT_WORDS.finditer(norm):
        if match.start() in apologised:
            continue  # "apologising for being grumpy": a mood left behind
        word_index = len(norm[: match.start()].split())
        before = tokens[max(0, word_index - 3) : word_index]
        # A comma or a semicolon ends the negation's reach: "never emailed, angry".
        for index in range(len(before) - 1, -1, -1):
            if before[index][-1:] in ",;:":
                before = before[index + 1 :]
                break
        # A quoted negation negates too: "ended 'not thrilled but ok'".
        negated = any(t.strip(_QUOTE_MARKS) in NEGATORS for t in before)
        if match.group("neg"):
            found.append("neutral" if negated else "negative")
        elif match.group("pos"):
            found.append("negative" if negated else "positive")
        elif not negated:
            found.append("neutral")
    return tuple(found)


_QUOTE_MARKS = "'\"‘’“”«»"
_UNCHANGED = pattern("unchanged")
# Moods read from a customer's words that a stated mood plainly contradicts: pleased or
# calm ("Cx calm, polite") against upset.
_PLAIN_OPPOSITES = frozenset(
    {frozenset({"negative", "positive"}), frozenset({"negative", "neutral"})}
)
_ENDED = pattern("mood_at_the_end")
_AT_FIRST = pattern("mood_at_first")
_TOLD_AT_THE_END = pattern("mood_told_at_the_end")
_QUOTED = pattern("quoted_words")


def moods_it_ends_in(clause: Clause) -> list[str]:
    """The moods a clause states, unless it tells the mood the customer started in
    ("stressed at first"): what a sentence beside it may mix with its own."""
    norm = normalize(clause.text)
    if _AT_FIRST.search(norm) and not _TOLD_AT_THE_END.search(norm):
        return []
    return moods(clause)


_MILD = pattern("mild_mood")


def _denied_change(clause: Clause, evidence: Evidence) -> list[Finding]:
    # The records' own labels, not their classes: "from negative to frustrated" is a change
    # an agent notices although both are negative.
    changed = [
        r.interaction.sentiment.strip().lower()
        for r in evidence.records
        if r.interaction.sentiment and r.interaction.sentiment.strip()
    ]
    if len(changed) < 2 or changed[0] == changed[-1]:
        return []
    latest = evidence.sentiment()
    where = (latest[1],) if latest else ()
    reason = f"says the mood did not change; the records go from {changed[0]} to {changed[-1]}"
    return [Finding("sentiment", "contradicted", clause.text, reason, where)]


def _ending_of_unlabelled(clause: Clause, evidence: Evidence) -> bool:
    """A past-tense mood told as the one the customer ended in ("was still fuming at the end
    of the call"), where no record carries a label: the ending the customer's own words give
    is the one it speaks of."""
    return evidence.sentiment() is None and bool(_TOLD_AT_THE_END.search(normalize(clause.text)))


_MOOD_TURN = pattern("mood_turn")


def _moods_after_the_start(clause: Clause) -> list[str] | None:
    """The moods a clause tells after the one the customer started in ("angry at first, she
    was calmer by the end" -> those of "she was calmer by the end"); None for a clause that
    tells no mood the customer started in."""
    norm = normalize(clause.text)
    first = _AT_FIRST.search(norm)
    turn = None if first is None else _MOOD_TURN.search(norm, first.end())
    if turn is None:
        return None
    return list(read_moods(norm[turn.end() :]))


def _unread_ending(clause: Clause, mood: str) -> list[Finding]:
    """A mood told as the one the customer ended in, where no record carries a label and
    the customer's own words at the end are mixed or tell none: an abstention, counted."""
    norm = _QUOTED.sub(" ", normalize(clause.text))
    if not _ENDED.search(norm) or (_AT_FIRST.search(norm) and not _TOLD_AT_THE_END.search(norm)):
        return []
    said = f"says the customer is {mood}; no record carries a mood label"
    finding = Finding("sentiment", "unsupported", clause.text, said)
    return [finding.unsure("the customer's own words at the end are mixed or tell no mood")]


_SIDES = frozenset({"negative", "positive"})
_UPSET_ONLY = ("positive", frozenset({"negative"}))
_STRONG = pattern("strong_mood")


def _one_side_of_a_mixed_ending(
    clause: Clause, evidence: Evidence, stated: list[str], beside: frozenset[str]
) -> list[Finding]:
    """A mood told strongly as wholly one side ("still furious", "delighted with how it was
    handled") as the one the customer ends in, where the customer's words at the end tell
    both: the thanks or the anger the summary leaves out make its mood the wrong one."""
    moods_told = set(stated) | beside
    if len(moods_told) != 1 or not moods_told <= _SIDES:
        return []
    norm = _QUOTED.sub(" ", normalize(clause.text))
    if not _ENDED.search(norm) or _AT_FIRST.search(norm) or _MILD.search(norm):
        return []
    (mood,) = moods_told
    other = next(iter(_SIDES - moods_told))
    ended = ending_moods(evidence)
    # Delight against an ending upset and calm, with no warm word ("not impressed but
    # fine"): the upset is left out all the same.
    if _STRONG.search(norm) is None or not (ended == _SIDES or (mood, ended) == _UPSET_ONLY):
        return []
    also = " too" if ended == _SIDES else ""
    reason = f"says the customer is {mood}; the customer's own words at the end are {other}{also}"
    return [
        Finding("sentiment", "contradicted", clause.text, reason, (evidence.records[-1].position,))
    ]


_HOSTILE = pattern("hostile_ending")
# (the mood a clause tells, the words that tell it wholly, what the customer's own last
# words do against it, the reason): rage against closing thanks, delight against a shrug.
_AGAINST_THE_LAST_WORDS = (
    (
        "negative",
        _HOSTILE,
        ends_in_thanks,
        "says the customer ended hostile; the customer's own last words thank the company",
    ),
    (
        "positive",
        _STRONG,
        ends_in_a_shrug,
        "says the customer ended delighted; the customer's own last words shrug",
    ),
)


def _told_against_the_last_words(
    clause: Clause, evidence: Evidence, stated: list[str], beside: frozenset[str]
) -> list[Finding]:
    """A customer told as ending in rage ("furious", "hung up", "left the chat abruptly")
    whose own last words thank the company, with nothing upset at the end, or as ending
    delighted ("very pleased", "thrilled") whose own last words shrug ("ok whatever"):
    disappointment may end in thanks and acceptance in a shrug; rage and delight do not."""
    norm = _QUOTED.sub(" ", normalize(clause.text))
    if not _ENDED.search(norm) or _AT_FIRST.search(norm) or _MILD.search(norm):
        return []
    for side, wholly, last_words, reason in _AGAINST_THE_LAST_WORDS:
        if set(stated) | beside != {side} or wholly.search(norm) is None:
            continue
        position = last_words(evidence)
        if position is not None:
            return [Finding("sentiment", "contradicted", clause.text, reason, (position,))]
    return []


def _echoes_mixed(clause: Clause, evidence: Evidence, read: tuple[str, int]) -> bool:
    """A record read as neutral for mixed words ("stressed but polite") told in one of
    them ("Mood: stressed"): half of the record's own account, no opposite of it."""
    return read[0] == "neutral" and moods_in_records_word(clause.text, evidence, read[1])


def check_sentiment(
    clause: Clause,
    evidence: Evidence,
    *,
    historical: bool = False,
    told: Days = frozenset(),
    referred: Days = frozenset(),
    beside: frozenset[str] = frozenset(),
) -> list[Finding]:
    """A stated mood against the newest record's sentiment (or the dated record's).
    `beside`: the moods the rest of the clause's sentence states; a sentence that also
    states the mood the records show tells a mixed mood, no opposite."""
    unchanged = _UNCHANGED.search(normalize(clause.text))
    if unchanged is not None:
        return _denied_change(clause, evidence)
    stated = moods(clause)
    if not stated:
        return []
    dated = [r for r in dated_records(clause, evidence, referred) if r.interaction.sentiment]
    if not dated and told:
        # The mood of the day its sentence is about, as that day's records give it.
        on_day = [r for r in dated_records(clause, evidence, told) if r.interaction.sentiment]
        said = {SENTIMENT_CLASSES.get(r.interaction.sentiment or "", "") for r in on_day}
        if stated[-1] in said:
            return []
    if dated:
        actual = [SENTIMENT_CLASSES.get(r.interaction.sentiment or "", "") for r in dated]
        where = tuple(r.position for r in dated)
    elif historical or (
        clause.past
        and not _now_beyond_label(clause)
        and not _ending_of_unlabelled(clause, evidence)
    ):
        return []
    else:
        latest = evidence.sentiment()
        if latest is None:
            # No label anywhere: the customer's own words, and only a plain opposite.
            later = _moods_after_the_start(clause)
            if later is not None:
                if not later:
                    return []  # "angry at first, calmer by the end": no mood it reads
                stated = later
            read = customer_mood(evidence)
            if read is None:
                return (
                    _one_side_of_a_mixed_ending(clause, evidence, stated, beside)
                    or _told_against_the_last_words(clause, evidence, stated, beside)
                    or _unread_ending(clause, stated[-1])
                )
            if frozenset({stated[-1], read[0]}) not in _PLAIN_OPPOSITES:
                return []
            norm = normalize(clause.text)
            started = _AT_FIRST.search(norm) and not _TOLD_AT_THE_END.search(norm)
            # "a little worried" beside a calm ending, "a little annoyed by the delay"
            # beside warm thanks: a shade of the mood, not its opposite.
            mild = read[0] != "negative" and _MILD.search(norm) is not None
            if started or mild or read[0] in stated or _echoes_mixed(clause, evidence, read):
                # "Mood: started angry" is the mood they began in; "calm, slightly worried"
                # states the customer's own reading beside another.
                return []
            if read[0] != "negative" and not _ENDED.search(_QUOTED.sub(" ", norm)):
                # A customer who ends in warm thanks may well have started anxious: only
                # a mood told as the one they end in ("still", "remains", "ended") is
                # set beside the ending.
                return []
            latest = read
        actual, where = [latest[0]], (latest[1],)
    mood = stated[-1]
    if beside & set(actual):
        return []
    if all(frozenset({mood, a}) in CONFLICTING_MOODS for a in actual):
        reason = f"says the customer is {mood}; record {where[-1]} shows {actual[-1]}"
        return [Finding("sentiment", "contradicted", clause.text, reason, where)]
    return []
