"""Where an issue stands, as one clause says it: "still open", "no longer an issue", "waiting
for it to be sorted out", "not yet resolved" — or nothing at all.

Acts are not states: "restored the SIM" or "a case was opened" say what someone did; "the
outage is restored" and "the case is still open" say where the issue stands.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from service.claims.lexicon import OPEN_WORDS, OTHER_MATTERS, RESOLVED_WORDS
from service.claims.text import normalize

Status = Literal["open", "resolved"]

NO_LONGER_OPEN = re.compile(
    r"\bno longer (?:open|pending|an? (?:issue|problem|concern)|outstanding|affected|down)\b"
    r"|\bno (?:open|pending|outstanding) (?:items?|issues?|actions?|cases?|matters?)\b"
    r"|\bnothing (?:else |more |further )?(?:(?:is|remains|appears|seems|currently|now|to|be"
    r"|left)\s+){0,3}(?:open|pending|outstanding)\b"
    r"|\bno (?:\w+ ){0,2}(?:pending|outstanding|open)\b(?! (?:case|ticket|dispute|issue|item))"
    # "No follow-ups or promises are pending", "no callbacks, credits or visits outstanding":
    # a list of things. A participle before a comma, or "yet", ends a statement of its own:
    # "no credit issued yet, follow-up pending" says the follow-up is pending.
    r"|\bno (?:(?!(?:is|are|was|were|has|have|had|the|a|an|recorded|logged|noted|yet|still)\b)"
    r"(?!(?:sent|made|given|done|taken|paid|put|set"
    r"|[\w-]+(?:ued|ied|ved|ted|sed|ded|ked|ged|ned|led|red|ped|zed|ced|hed|med))(?: yet)?,)"
    r"[\w-]+,? (?:or |and |nor )?){1,5}(?:is |are |remains? |left )?(?:pending|outstanding)\b"
    r"|\bnothing (?:further|more|else) (?:is |was )?(?:needed|required|to (?:do|be done))\b"
    r"|\bnothing (?:else |more |further )?(?:is |was )?(?:left|remaining|remains) "
    r"(?:to (?:chase|do|follow up|sort out|resolve|fix|handle|action)|open|outstanding)\b"
    r"|\bno (?:further|more) (?:action|follow-?up|steps?|work) (?:is |are |was )?"
    r"(?:needed|required)\b"
    # The trouble reported over: "no further drops have been reported".
    r"|\bno (?:further|more|new) (?:drops|outages|faults|errors|problems|issues|disconnections)"
    r"(?: (?:have been|were|has been|was))? reported\b"
)
# "A text wrongly said the case was fixed": a statement reported as false says nothing
# about where the issue stands.
REPORTED_IN_ERROR = re.compile(
    r"\b(?:wrongly|mistakenly|incorrectly|erroneously|falsely|in error|by mistake|by error"
    r"|not true|was wrong|were wrong)\b"
)
# "a message saying the case had been resolved": what a message said, not where the issue
# stands (the checks read the records' messages for that).
_A_MESSAGE_SAYS = re.compile(
    r"\b(?:message|text|sms|e-?mail|notification|letter|alert)s?\b(?:\W+\w+){0,4}?\W+"
    r"(?:saying|says|said|stating|stated|claiming|claimed|telling)\b"
)
# "..., but it was not", "; that was wrong": a clause that denies what the clause before
# it reported ("a text told the customer the case was fixed").
_DENIES_THE_REPORT = re.compile(
    r"^(?:but |and |yet |though |although )?(?:(?:it|this|that|which|they|he|she)\s+)?"
    r"(?:was|were|is|are|had|has|did)\s*(?:(?:not|n't|never)(?: (?:true|so|the case|correct"
    r"|right|accurate|done|fixed|resolved))?|wrong|untrue|incorrect|false|mistaken|a mistake"
    r"|an error|in error)\s*(?:[:;,.]|$)"
)


def denied_by_next(parts: list[str]) -> list[bool]:
    """For each clause of one sentence, whether a later clause of it denies what it says
    (its status is then a report the summary calls false, not a claim)."""
    denies = [bool(_DENIES_THE_REPORT.search(normalize(part))) for part in parts]
    return [any(denies[i + 1 :]) for i in range(len(parts))]


# A negation shortly before a resolved state turns it into an open one.
_NEGATED_STATE = re.compile(
    r"\b(?:not|no|never|yet to|without|nobody|nothing|none|neither|nor)\b"
    r"(?:[^\w,;:]+\w+){0,8}?[^\w,;:]+$"
)
# "waiting for it to be sorted out", "needs to be fixed": a resolution still to come.
_INFINITIVE = re.compile(r"\bto (?:\w+ly )?$")
# "she wants it sorted", "would like the fee waived and the case closed": what the customer
# wishes for says nothing about where the issue stands.
_WISHED = re.compile(
    r"\b(?:wants?|wanted|wanting|would like|'d like|hop(?:es|ed|ing) (?:to see|for)"
    r"|demand(?:s|ed|ing)?|insist(?:s|ed|ing)? on)"
    r"(?:[^\w,;:]+(?!(?:and|but|so|then|which)\b)\w+){0,6}?[^\w,;:]+$"
)


@lru_cache(maxsize=65536)
def read_status(text: str) -> Status | None:
    """'open', 'resolved' or None: what the clause says about whether the issue is over.

    Acts are not states: "restored the SIM" or "a case was opened" say what someone did;
    "the outage is restored" and "the case is still open" say where the issue stands.
    """
    norm = normalize(text)
    if OTHER_MATTERS.search(norm) or REPORTED_IN_ERROR.search(norm) or _A_MESSAGE_SAYS.search(norm):
        return None
    if NO_LONGER_OPEN.search(norm):
        return "resolved"
    said: list[tuple[int, Status]] = []
    for match in RESOLVED_WORDS.finditer(norm):
        if match.group(0).startswith(("be ", "get ")) and _INFINITIVE.search(norm[: match.start()]):
            continue
        if _WISHED.search(norm[: match.start()]):
            continue
        # From the start of the state's own words: "taken care of" is three words long.
        negated = _NEGATED_STATE.search(norm[: match.start()]) or _NEGATED_STATE.search(
            norm[: match.end() - len(match.group(0).split()[-1])]
        )
        said.append((match.start(), "open" if negated else "resolved"))
    for match in OPEN_WORDS.finditer(norm):
        before = norm[: match.start()]
        # Within the clause's own words: "not FCR, awaiting the team" still awaits.
        negated = re.search(r"\b(?:no longer|nothing|not)[^\w,;:]+(?:\w+[^\w,;:]+)?$", before)
        said.append((match.start(), "resolved" if negated else "open"))
    if not said:
        return None
    # "resolved ... but it is still dropping": the later statement is the newer state.
    return max(said)[1]
