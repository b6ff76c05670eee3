"""Acts a conversation states outright, told the other way round in a summary.

In a chat, a transcript or a note with no outcome code, most turns are no clear evidence
of what was done: they ask, offer, hope and report. Some say it in so many words: "I've
cancelled the preorder", "the refund has been issued", a note's "Restored both saves from
backup"; or "I can't approve payments over the phone", "we won't cover loss of earnings". A
summary that tells such an act the other way round ("could not cancel it", "approved the
payment") is reported beside the findings as an abstention: on conversations nobody here
wrote, too many of these readings were wrong to count them as findings (a turn's act is
read by its words alone, not by who did what to which thing).

Only the same verb counts, stated one way in the records and never the other way, and the
record's turn must share a thing with the summary's clause (the order, the £54, the
saves): "cancel" alone is no evidence about which cancellation a summary means.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from service.claims.clause import Clause, canonical
from service.claims.course import TURNS
from service.claims.evidence import Evidence
from service.claims.lexicon import STOPWORDS
from service.claims.stamps import without_stamps
from service.claims.tables import mapping, pattern, word_list
from service.claims.text import normalize
from service.claims.types import Finding

_DONE_IN_TURN = pattern("done_in_turn")
_REFUSED_IN_TURN = pattern("refused_in_turn")
_PROMISED_IN_TURN = pattern("promised_in_turn")
_TOLD_UNDONE = pattern("summary_tells_undone")
_TOLD_DONE = pattern("summary_tells_done")
_NOT_A_STATEMENT = pattern("not_a_statement")
# "can only be removed by the security team": who alone may do it, not whether it was done.
_LIMITED_WAY = pattern("limited_way")
_UNDONE_BEFORE = pattern("undone_before")
_TURN_BREAK = pattern("turn_break")
_DENIED_BEFORE = pattern("denied_before_act")
_WORD = pattern("stated_act_word")
_NO_CENTS = pattern("no_cents")
_OWN_REFUSAL = pattern("own_refusal")
_OWN_PAYMENT = pattern("own_payment")
_REFUSED_UNTIL = pattern("refused_until")
_VAGUE_VERBS = frozenset(word_list("vague_verbs"))
_TURN_RULES: tuple[tuple[re.Pattern[str], Mode], ...] = (
    (_DONE_IN_TURN, "done"),
    (_REFUSED_IN_TURN, "refused"),
    (_PROMISED_IN_TURN, "promised"),
)
_OPPOSITE_VERDICTS: dict[str, tuple[str, ...]] = mapping("opposite_verdicts")


Mode = Literal["done", "refused", "promised"]


@dataclass(frozen=True)
class Stated:
    """One act a record's turn states: its verb, done, refused or promised, and the turn's
    things."""

    verb: str
    mode: Mode
    things: frozenset[str]
    position: int
    # Its turn, or the next, gives the span it still takes to arrive ("refunded today ... it
    # can take 7-14 banking days to appear"): done, and still to show.
    still_to_show: bool = False
    # A refusal the speaker states as their own that names a sum ("I can't refund the
    # 1,200 TL install fee"): the figures of its own stretch of the turn. Empty for any
    # other turn, and for a refusal only until something else happens ("can't mark it $0
    # until ...").
    own_refusal_figures: frozenset[str] = frozenset()
    # The speaker's own payment ("I paid the dentist $190"): money the customer paid out,
    # no payment the company made to them.
    own_payment: bool = False


def things_of(text: str) -> frozenset[str]:
    """The content words of a text, compared as the checker compares words, and its
    figures ("£54", "89.99"): what an act is done to."""
    words = _WORD.findall(text.lower())
    # "€54.00" and "€54" are one figure.
    return frozenset(
        _NO_CENTS.sub("", w) if w[0].isdigit() else canonical(w)
        for w in words
        if w not in STOPWORDS and (len(w) > 2 or w.isdigit())
    )


_SUM = pattern("sum_among_things")


def sums_apart(own: frozenset[str], turn: frozenset[str]) -> bool:
    """Whether two sets of things name sums and no sum in common ("R$358,90 will be paid"
    and "I paid R$38,90 freight"): two payments, not one act told two ways."""
    ours = {thing for thing in own if _SUM.fullmatch(thing)}
    theirs = {thing for thing in turn if _SUM.fullmatch(thing)}
    return bool(ours) and bool(theirs) and not ours & theirs


def _group(match: re.Match[str]) -> str:
    """The verb a rule with several alternatives found (`verb`, `verb2`, ...)."""
    return _groups(match)[0]


def _groups(match: re.Match[str]) -> list[str]:
    """Every act a rule's match names: its verbs ("cancelled and refunded"), or the noun a
    light verb carries ("processed a refund")."""
    return [v for k, v in match.groupdict().items() if k.startswith(("verb", "noun")) and v]


def verb_of(word: str) -> str | None:
    lemma = canonical(word.lower())
    return None if lemma in _VAGUE_VERBS or len(lemma) < 3 else lemma


_STILL_TO_SHOW = pattern("still_to_show")


@lru_cache(maxsize=1024)
def _stated_in(notes: str, position: int) -> tuple[Stated, ...]:
    """Every act a record's turns state outright, done or refused."""
    found = []
    turns = [part for line in notes.splitlines() for part in _TURN_BREAK.split(normalize(line))]
    for index, turn in enumerate(turns):
        if not turn.strip() or _NOT_A_STATEMENT.search(turn):
            continue
        # "7:53 PM Raj: I'm not able to add one": the time stamps the turn; its figures
        # are not what the act is done to.
        things = things_of(without_stamps(turn))
        showing = any(_STILL_TO_SHOW.search(said) for said in turns[index : index + 2])
        for rule, mode in _TURN_RULES:
            for match in rule.finditer(turn):
                if mode == "done" and _UNDONE_BEFORE.search(turn[: match.start()]):
                    continue  # "I haven't cancelled", "if we had refunded"
                own = (
                    _refusal_figures(turn, match)
                    if mode == "refused"
                    and _OWN_REFUSAL.match(match.group(0))
                    and not _REFUSED_UNTIL.match(turn[match.end() :])
                    else frozenset()
                )
                paid = mode == "done" and _OWN_PAYMENT.match(match.group(0)) is not None
                for word in _groups(match):
                    verb = verb_of(word)
                    if verb is not None:
                        found.append(
                            Stated(verb, mode, things - {verb}, position, showing, own, paid)
                        )
    return tuple(found)


_TURNED_TO_DONE = pattern("turned_to_done")


def _refusal_figures(turn: str, match: re.Match[str]) -> frozenset[str]:
    """The figures a refusal's turn names, up to where it turns to what was done instead."""
    turned = _TURNED_TO_DONE.search(turn, match.end())
    stretch = turn[: turned.start()] if turned else turn
    return _figures(things_of(without_stamps(stretch)))


def forget_turns() -> None:
    """Forget the acts read from the records' turns so far."""
    _stated_in.cache_clear()


def stated_turns(evidence: Evidence) -> list[Stated]:
    """Every act the unlabelled records' turns state outright."""
    return [
        stated
        for record in evidence.records
        if not record.interaction.outcome.strip()
        for stated in _stated_in(record.interaction.notes, record.position)
    ]


_QUOTED_SPAN = pattern("quoted_span")


def _told(text: str) -> Iterable[tuple[str, bool]]:
    """(verb, done) of each act the summary's clause tells done or undone."""
    # "shows 'Unable to add cellular plan'": words in quotation marks are what a screen, a
    # letter or a person said, quoted; not the summary telling an act.
    quoted = [span.span() for span in _QUOTED_SPAN.finditer(text)]

    def told(match: re.Match[str]) -> bool:
        return not any(start <= match.start() < end for start, end in quoted)

    undone = set()
    for match in filter(told, _TOLD_UNDONE.finditer(text)):
        verb = verb_of(_group(match))
        # "wasn't linked till today", "won't refund without the receipt": when the act
        # comes, or what it waits for, not an act undone.
        if verb is not None and not _REFUSED_UNTIL.match(text[match.end() :]):
            undone.add(verb)
            yield verb, False
    for match in filter(told, _TOLD_DONE.finditer(text)):
        verb = verb_of(_group(match))
        if verb is None or verb in undone or _DENIED_BEFORE.search(text[: match.start()]):
            continue  # "nothing like that promised", "no further review offered"
        yield verb, True


def clause_and_turns(
    clause: Clause, evidence: Evidence
) -> tuple[str, frozenset[str], list[Stated]] | None:
    """The clause's text (normalised) and things, and the acts the turns state; None when
    the clause asks or supposes, or no turn states an act outright."""
    text = normalize(clause.text)
    if _NOT_A_STATEMENT.search(text) or _LIMITED_WAY.search(text):
        return None
    stated = stated_turns(evidence)
    return (text, things_of(text), stated) if stated else None


def told_the_other_way(clause: Clause, evidence: Evidence) -> list[Finding]:
    """An act the summary tells done (or undone) that a record's turn states outright the
    other way round, and no turn states the summary's way."""
    read = clause_and_turns(clause, evidence)
    if read is None:
        return []
    text, things, stated = read
    findings = []
    for verb, done in _told(text):
        told, other = ("done", "refused") if done else ("refused", "done")
        same = [s for s in stated if s.verb == verb]
        if any(s.mode == told for s in same):
            continue
        against = [s for s in same if s.mode == other and s.things & (things - {verb})]
        if done:
            # "her request was accepted" against a turn that declined it.
            opposite = _OPPOSITE_VERDICTS.get(verb, ())
            against += [
                s for s in stated if s.mode == "done" and s.verb in opposite and s.things & things
            ]
        if not against:
            continue
        where = tuple(sorted({s.position for s in against}))
        said, actual = ("done", "refused or not done") if done else ("not done", "done")
        reason = f"says '{verb}' was {said}; record {where[0]} states it {actual}"
        found = Finding("negated_action", "contradicted", clause.text, reason, where)
        # The speaker's own refusal of the very sum the clause tells paid ("I can't refund
        # the 1,200 TL fee" / "refunded the 1,200 TL fee") is clear even in a turn.
        own = done and all(s.own_refusal_figures & things for s in against)
        # A turn that tells the very sum done ("the K350 call-out fee is waived") against
        # a summary that tells it refused ("would not waive the K350 fee").
        sums = not done and all(_figures(s.things & things) for s in against)
        findings.append(found if own or sums else found.unsure(TURNS))
    return findings


def _figures(things: frozenset[str]) -> frozenset[str]:
    """The figures among `things` ("k350", "29.90"): what names one sum, not any sum."""
    return frozenset(thing for thing in things if any(c.isdigit() for c in thing))
