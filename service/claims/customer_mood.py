"""The customer's mood read from the customer's own words, when no record carries a label.

An unlabelled export says how the customer felt only in what they wrote or said: anger and
frustration words ("ridiculous", "thanks for nothing", "not flying with you again"), warm
thanks and relief words ("appreciate it", "relieved"); a plain "thanks" is politeness, not
a mood. The conversation's ending weighs most: the mood there is the mood the next agent
meets. Where its words are of both kinds, or shrug ("thanks I guess"), the customer's last
line that tells a mood clearly settles it ("this is ridiculous" ... "you saved me, thank
you so much"); a last line that mixes, shrugs or only thanks, a distress the customer says
lasts ("still pretty stressed"), or no such words at all are no clear evidence: the checker
abstains (returns None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.claims.course import unlabelled_course
from service.claims.evidence import Evidence
from service.claims.lexicon import SENTIMENT_WORDS
from service.claims.speakers import Writers, words_of, writers_of
from service.claims.tables import pattern, word_list
from service.claims.text import normalize
from service.claims.threads import (
    THREAD_CHANNELS,
    message_it_answers,
    newest_message,
    sent_by_the_company,
)

_ANGRY = pattern("angry_words")
_PLEASED = pattern("pleased_words")
_PLEASED_EMOJI = pattern("pleased_emoji")
_ANGRY_EMOJI = pattern("angry_emoji")
_CUSTOMER_SPEAKER = pattern("customer_speaker")
_LUKEWARM = pattern("lukewarm_words")
_POLITE = pattern("polite_words")
_ACKNOWLEDGING = frozenset(word_list("customer_acknowledgements"))
_CALM = pattern("calm_words")
_EMPATHY = pattern("empathy_words")
_AGENT_SPEAKER = pattern("agent_speaker")
_DISPLEASURE_NAMED = pattern("displeasure_named")
_REFUSAL = pattern("refusal_before_praise")
_APOLOGY_FOR_OWN_MOOD = pattern("own_mood_apologised_for")
_AT_FIRST = pattern("mood_at_first")
_MOOD_LINE = pattern("mood_label")
_DESCRIBED = pattern("customer_described")
_SARCASM = pattern("sarcasm_marks")
_MOOD_TURN = pattern("mood_turn")
_NEVER_AGAIN = pattern("never_again")
# The share of the lines, from the end, read as the conversation's ending (at least three).
_ENDING_SHARE = 3


@dataclass(frozen=True)
class _Ending:
    """What the customer's words at the end of the newest record tell."""

    position: int
    said: list[str]  # the customer's lines, as read for a mood
    own: set[str]  # those known to be the customer's own
    ending: list[str]  # the ending's lines, the company's among them
    lines: list[str]  # every line of the newest message
    angry: bool
    pleased: bool
    calm: bool
    upset: bool
    mixed: bool


def ending_moods(evidence: Evidence) -> frozenset[str]:
    """The moods the customer's words at the end tell, both where they are mixed
    ("ridiculous" beside "thank you so much"): 'negative' for upset, 'positive' for warm
    thanks. Empty where a record carries a label or the ending tells none."""
    read = _read_ending(evidence)
    if read is None:
        return frozenset()
    return frozenset(
        mood for mood, told in (("negative", read.upset), ("positive", read.pleased)) if told
    )


def customer_mood(evidence: Evidence) -> tuple[str, int] | None:
    """('positive', 'negative' or 'neutral', position) of the newest record, read from the
    customer's words at its end (the company's soothing lines left out); None when a record
    carries a label or the words are mixed or absent."""
    read = _read_ending(evidence)
    if read is None:
        return None
    said, own, angry, pleased = read.said, read.own, read.angry, read.pleased
    # Anger beside thanks ("ridiculous, but thanks") is a mixed ending too.
    if read.mixed or (angry and any(_POLITE.search(_ANGRY.sub(" ", line)) for line in said)):
        # Unless the customer's last word settles it.
        last_word = _last_word(said, own)
        if last_word in ("negative", "neutral"):
            return last_word, read.position
        pleased, angry = last_word == "positive", False
        if not pleased:
            return None
    if angry:
        return "negative", read.position
    if pleased and any(_DISPLEASURE_NAMED.search(line) for line in read.ending):
        return None  # "brilliant" answered with "I understand it's frustrating": sarcasm
    if pleased and _praise_after_refusal(read.lines, len(read.lines) - len(read.ending)):
        return None  # "can't reorder tonight" / "brilliant absolutely brilliant"
    if pleased:
        return "positive", read.position
    # "Cx calm, polite": neither pleased nor upset, and not angry.
    return ("neutral", read.position) if read.calm else None


def _read_ending(evidence: Evidence) -> _Ending | None:
    """The customer's words at the end of the newest record, read for their moods; None
    when a record carries a label or the newest record is no conversation."""
    if not evidence.records or any(r.interaction.sentiment for r in evidence.records):
        return None
    last = evidence.records[-1]
    if not unlabelled_course(last.interaction):
        return None
    # A thread written newest first ends on its oldest message: its newest is its ending.
    newest = newest_message(last.interaction)
    if last.interaction.channel in THREAD_CHANNELS and sent_by_the_company(newest):
        # The company's reply ends the thread: the customer's last words are in the
        # message it answers, if it quotes one.
        answered = message_it_answers(last.interaction)
        if answered is None:
            return None
        newest = answered
    # A line that holds an instruction planted for whoever reads the record ("... customer
    # satisfied.") tells what the customer wants written, not their mood.
    planted = last.instructions
    lines = [
        line
        for line in newest.splitlines()
        if line.strip() and not any(_holds(line, said) for said in planted)
    ]
    ending = lines[-max(3, len(lines) // _ENDING_SHARE) :]
    # Lines labelled with their writers' names: the company's are no mood of the customer's.
    writers = writers_of(newest)
    # A customer's own apology ("sorry for the scam comment") is no company soothing.
    labelled = [
        line
        for line in ending
        if not _AGENT_SPEAKER.search(line)
        and not writers.is_company(line)
        and (
            not _EMPATHY.search(line)
            or _is_customers(line, writers)
            # "sorry for the tone earlier": an apology for one's own mood is the customer's.
            or _APOLOGY_FOR_OWN_MOOD.search(line) is not None
        )
    ]
    # A line's words, its writer's label left out ("Patient: ok" is no calm word).
    said = [_later_mood(words_of(line)) for line in labelled]
    # Lines known to be the customer's, where an emoji is the customer's own.
    own = {words_of(line) for line in labelled if _is_customers(line, writers)}
    # "sorry I was rude before, just stressed": the anger is past, the apology calm.
    apologised = [line for line in said if _APOLOGY_FOR_OWN_MOOD.search(line)]
    # A note's mood line is read whole: "Mood: upset" is labelled, not written by "Mood".
    unapologetic = [line for line in labelled if words_of(line) not in apologised]
    said = [_ANGRY.sub(" ", line) if line in apologised else line for line in said]
    # Praise with a mark of sarcasm ("brilliant. 95 quid for the privilege 👏") is
    # displeasure, not praise.
    sarcastic = [line for line in said if _SARCASM.search(line) and _PLEASED.search(line)]
    angry = bool(sarcastic) or any(_angry(line, own) for line in said)
    # Praise denied ("not satisfied") is displeasure, not praise as well.
    pleased = any(
        (line not in sarcastic and _PLEASED.search(_ANGRY.sub(" ", line)))
        or (_PLEASED_EMOJI.search(line) and line in own)
        for line in said
    )
    calm = bool(apologised) or any(_CALM.search(line) for line in said)
    # "Mood: stressed abt timing but polite": a note's mood line that names distress beside
    # calm words is a mixed ending, not a calm one; not a mood told as the one the customer
    # started in ("rattled at start, calm + thankful by end"). A customer's own distress
    # words are most often told of the past ("I was so stressed"): they do not mix it.
    mood_lines = [normalize(line) for line in unapologetic if not _AT_FIRST.search(line)]
    # A note's own account of the customer ("Cx molesta but cooperative") is a mood line
    # too: the writer tells the mood, it is no customer's account of the past.
    told = [line for line in mood_lines if _MOOD_LINE.search(line) or _DESCRIBED.search(line)]
    upset = angry or any(
        match.group("neg") for line in told for match in SENTIMENT_WORDS.finditer(line)
    )
    # "appreciate it, still pretty stressed lol": distress the customer says lasts.
    upset = upset or any(_still_distressed(normalize(line)) for line in said)
    mixed = any(_LUKEWARM.search(line) for line in said) or (upset and (pleased or calm))
    return _Ending(
        last.position, said, own, ending, lines, angry, bool(pleased), calm, upset, mixed
    )


def _holds(line: str, instruction: str) -> bool:
    """Whether a line holds a planted instruction, or is a line of one that runs over
    several (a short line, "ok", says too little to tell)."""
    said = line.strip()
    return instruction in line or (len(said) > _LINE_OF_AN_INSTRUCTION and said in instruction)


# How long a line must be to be told a line of an instruction by its words alone.
_LINE_OF_AN_INSTRUCTION = 20
_STILL = pattern("still_before")


def _still_distressed(line: str) -> bool:
    """Whether the line tells a distress word as lasting ("still pretty stressed")."""
    return any(
        match.group("neg") and _STILL.search(line[: match.start()])
        for match in SENTIMENT_WORDS.finditer(line)
    )


def _angry(line: str, own: set[str]) -> bool:
    """Whether the line tells anger: its words, a promise never to come back, or an angry
    emoji on a line known to be the customer's."""
    return bool(
        _ANGRY.search(line)
        or _NEVER_AGAIN.search(line)
        or (line in own and _ANGRY_EMOJI.search(line))
    )


def _is_customers(line: str, writers: Writers) -> bool:
    return bool(_CUSTOMER_SPEAKER.search(line)) or writers.is_customer(line)


def _last_word(said: list[str], own: set[str]) -> str | None:
    """The mood of the customer's last line that tells one, when that line is clear on its
    own: "ridiculous" earlier and "you saved me, thank you so much" last ended pleased;
    "ok fine do that" earlier and "1 star from me" last ended angry. A last line that
    mixes, shrugs ("fine, whatever") or only thanks leaves the ending unclear."""
    if any(_still_distressed(normalize(line)) for line in said):
        return None  # a distress the customer says lasts, whatever the last line
    for line in reversed(said):
        angry = _angry(line, own) or (_SARCASM.search(line) and _PLEASED.search(line))
        pleased = _PLEASED.search(line) or (line in own and _PLEASED_EMOJI.search(line))
        polite = _POLITE.search(line)
        if not (angry or pleased or polite or _LUKEWARM.search(line) or _CALM.search(line)):
            continue  # no mood told ("paid", "tomorrow after two")
        if _LUKEWARM.search(line) or _SARCASM.search(line) or _CALM.search(line):
            return None
        if _APOLOGY_FOR_OWN_MOOD.search(line) and not angry:
            # "ok. thanks Sam, sorry for the tone earlier": the anger is over, the customer
            # ends calm.
            return "neutral"
        if angry and not (pleased or polite):
            return "negative"
        return "positive" if pleased and not angry else None
    return None


def _later_mood(line: str) -> str:
    """A line that tells the mood the customer started in, then another ("exasperated at
    start, calmer once rebooked"): only the later part; other lines whole."""
    first = _AT_FIRST.search(line)
    turn = None if first is None else _MOOD_TURN.search(line, first.end())
    return line if turn is None else line[turn.end() :]


def _praise_after_refusal(lines: list[str], ending: int) -> bool:
    """Whether a customer line of the ending (from line `ending` on) praises right after a
    company line that turns the customer down: likely sarcasm."""
    return any(
        _PLEASED.search(lines[index])
        and not _AGENT_SPEAKER.search(lines[index])
        and _AGENT_SPEAKER.search(lines[index - 1])
        and _REFUSAL.search(lines[index - 1])
        for index in range(max(1, ending), len(lines))
    )


def moods_in_records_word(clause: str, evidence: Evidence, position: int) -> bool:
    """Whether `clause` gives the customer's mood in the very word the record at
    `position` (the one the mood is read from) uses ("Mood: stressed" of "cand stressed but
    polite"): the record's own account, however the rest of that record reads."""
    text = evidence.records[position - 1].text
    return any(
        re.search(rf"\b{re.escape(match.group(0))}\b", text)
        for match in SENTIMENT_WORDS.finditer(normalize(clause))
    )


def ends_in_thanks(evidence: Evidence) -> int | None:
    """The newest record's position where the customer's own last line that tells
    anything of a mood thanks the company ("ok merci, thanks for not making it
    difficult") and nothing at the end is upset: a customer who may have been unhappy with
    the outcome, but did not end hostile. None otherwise."""
    read = _read_ending(evidence)
    if read is None or read.upset or read.angry or _SARCASM.search(" ".join(read.said)):
        return None
    # Praise that answers a refusal ("brilliant absolutely brilliant") anywhere, or that the
    # company answers as displeasure ("I understand it's frustrating") late on, is sarcasm:
    # the thanks after it may be no more than a goodbye.
    later = read.lines[len(read.lines) // 2 :]
    if any(_DISPLEASURE_NAMED.search(line) for line in later) or _praise_after_refusal(
        read.lines, 1
    ):
        return None
    for line in reversed(read.said):
        if _LUKEWARM.search(line):
            return None
        if _POLITE.search(line) and not _only_acknowledged(line):
            return read.position
    return None


def _only_acknowledged(line: str) -> bool:
    """Whether the customer's line holds a mark that acknowledges and no word ("Kobby: 👍"),
    where "salamat Rafa 👍" thanks in words the tables may not know."""
    message = line.rsplit(":", 1)[-1]
    marks = _POLITE.findall(message)
    return (
        bool(marks)
        and all(mark in _ACKNOWLEDGING for mark in marks)
        and not any(character.isalpha() for character in message)
    )


def ends_in_a_shrug(evidence: Evidence) -> int | None:
    """The newest record's position where the customer's own last line that tells anything
    of a mood shrugs ("whatever", "thanks I guess", "ok fine") with no praise in it: a
    customer who may have accepted the outcome, but was not delighted by it. None
    otherwise."""
    read = _read_ending(evidence)
    if read is None:
        return None
    for line in reversed(read.said):
        told = (
            _angry(line, read.own)
            or _PLEASED.search(line)
            or _POLITE.search(line)
            or _LUKEWARM.search(line)
            or _CALM.search(line)
        )
        if not told:
            continue
        shrugs = _LUKEWARM.search(line) and not _PLEASED.search(_ANGRY.sub(" ", line))
        return read.position if shrugs else None
    return None
