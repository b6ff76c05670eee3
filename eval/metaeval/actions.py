"""Negated actions: something the records say was done, stated as not done.

The family finds an affirmative action ("a credit was applied", "the agent booked a
technician", "Label sent by email") and negates it with a form from the phrase bank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eval.metaeval.text import capitalize, in_quote
from eval.metaeval.variant import FamilyContext, Variant


@dataclass(frozen=True)
class Verb:
    base: str
    past: str
    pp: str
    anti: str = ""  # an antonym past participle ("approved" -> "rejected"), if any
    anti_past: str = ""


VERBS = (
    Verb("apply", "applied", "applied", "withheld", "withheld"),
    Verb("approve", "approved", "approved", "rejected", "rejected"),
    Verb("accept", "accepted", "accepted", "rejected", "turned down"),
    Verb("book", "booked", "booked", "cancelled", "cancelled"),
    Verb("schedule", "scheduled", "scheduled", "cancelled", "cancelled"),
    Verb("issue", "issued", "issued", "withheld", "withheld"),
    Verb("grant", "granted", "granted", "denied", "denied"),
    Verb("place", "placed", "placed", "lifted", "lifted"),
    Verb("file", "filed", "filed"),
    Verb("submit", "submitted", "submitted"),
    Verb("open", "opened", "opened"),
    Verb("escalate", "escalated", "escalated"),
    Verb("email", "emailed", "emailed"),
    Verb("send", "sent", "sent"),
    Verb("re-send", "re-sent", "re-sent"),
    Verb("restart", "restarted", "restarted"),
    Verb("reset", "reset", "reset"),
    Verb("restore", "restored", "restored"),
    Verb("lock", "locked", "locked"),
    Verb("add", "added", "added"),
    Verb("offer", "offered", "offered"),
    Verb("create", "created", "created"),
    Verb("push", "pushed", "pushed"),
    Verb("change", "changed", "changed"),
    Verb("switch", "switched", "switched"),
    Verb("request", "requested", "requested"),
    Verb("promise", "promised", "promised"),
    Verb("process", "processed", "processed"),
    Verb("refund", "refunded", "refunded"),
    Verb("credit", "credited", "credited"),
    Verb("cancel", "cancelled", "cancelled"),
    Verb("reverse", "reversed", "reversed"),
    Verb("remove", "removed", "removed"),
    Verb("block", "blocked", "blocked"),
    Verb("enable", "enabled", "enabled"),
    Verb("ship", "shipped", "shipped"),
    Verb("waive", "waived", "waived"),
    Verb("set up", "set up", "set up"),
    Verb("turn on", "turned on", "turned on"),
    Verb("verify", "verified", "verified"),
    Verb("pay", "paid", "paid"),
    Verb("return", "returned", "returned"),
    Verb("deliver", "delivered", "delivered"),
    Verb("rebook", "rebooked", "rebooked"),
    Verb("move", "moved", "moved"),
    Verb("confirm", "confirmed", "confirmed"),
)
_BY_FORM = {form: verb for verb in VERBS for form in (verb.past, verb.pp)}
_FORMS = "|".join(sorted((re.escape(form) for form in _BY_FORM), key=len, reverse=True))
VERB_FORM = re.compile(rf"\b({_FORMS})\b", re.IGNORECASE)
AUX = re.compile(
    r"\b(was|were|is|are|has been|have been|had been)\s+"
    r"(?:(?:also|then|already|successfully|remotely|just|now|finally)\s+)?$",
    re.IGNORECASE,
)
SUBJECT = re.compile(
    r"\b(agent|agents|they|we|he|she|customer|cust|bot|desk|team|supervisor|billing|retention"
    r"|relations|lead|rep|representative|manager|who|which|and|then|it|someone|tier 2)"
    r"\s+(?:(?:also|then|remotely|immediately|quickly|later)\s+)?$",
    re.IGNORECASE,
)
NEGATOR = re.compile(
    r"\b(not|never|no|without|nobody|none|nothing|neither|nor|failed|unable|refused|declined"
    r"|yet to)\b|n't\b",
    re.IGNORECASE,
)
MOOD = re.compile(r"\b(?:sentiment|mood|tone|spirits)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[.;:!?]\s+|,\s+|\(\s*")
# A verb followed by its object is active even after an unknown subject ("Ana requested a
# move"); a clause holding a verb or pronoun is no bare noun phrase ("he says autopay paid").
OBJECT_NEXT = re.compile(r"\s+(?:a|an|the|their|his|her|its|our|my|this|these|those)\b", re.I)
NOT_A_NOUN_PHRASE = re.compile(
    r"\b(?:has|have|had|will|says?|said|he|she|they|we|it|i|you|that|who|which)\b|ing\b", re.I
)
# "a $6.00 outage credit " right before the auxiliary; no word ends a sentence ("day.").
_WORD = r"[^\s;:,]*[^\s.;:,]"
INDEFINITE_NP = re.compile(rf"\b(an?)\s+((?:{_WORD}\s+){{0,4}}?{_WORD})\s+$", re.I)
MODAL_BEFORE = re.compile(
    r"\b(?:to|will|would|can|could|must|should|may|might|shall)\s+$", re.IGNORECASE
)
SALIENT = re.compile(
    r"credit|refund|dispute|escalat|technician|label|case|reversal|arrangement|call ?back|waiver"
    r"|swap|lock|PIN|fee|order|install|visit|payment",
    re.IGNORECASE,
)
_NEGATED_AUX = {
    "was": "wasn't",
    "were": "weren't",
    "is": "isn't",
    "are": "aren't",
    "has been": "hasn't been",
    "have been": "haven't been",
    "had been": "hadn't been",
}
_HAS = {
    "was": "has",
    "is": "has",
    "has been": "has",
    "were": "have",
    "are": "have",
    "have been": "have",
    "had been": "had",
}


@dataclass(frozen=True)
class Action:
    """An affirmative action found in the text: which words to replace, and how."""

    start: int
    end: int
    verb: Verb
    construction: str  # "passive", "no_np" (a passive with "a/an ..."), "active", "participle"
    fields: dict[str, str]
    weight: int


def negated_action(ctx: FamilyContext) -> Variant | None:
    """One affirmative action negated, in a surface form from the phrase bank."""
    actions = find_actions(ctx.text)
    if not actions:
        return None
    action = ctx.rng.choices(actions, weights=[a.weight for a in actions])[0]
    split = ctx.split()
    templates = [
        template
        for template in ctx.phrases.strings("negated_action", split, action.construction)
        if ("{anti" not in template) or action.verb.anti
    ]
    fields = {
        **action.fields,
        "base": action.verb.base,
        "past": action.verb.past,
        "pp": action.verb.pp,
        "anti": action.verb.anti,
        "anti_past": action.verb.anti_past,
    }
    new = ctx.rng.choice(templates).format(**fields)
    old = ctx.text[action.start : action.end]
    if old[:1].isupper():
        new = capitalize(new)
    text = ctx.text[: action.start] + new + ctx.text[action.end :]
    return ctx.variant(text, f"{old!r} negated as {new!r}", split=split)


def find_actions(text: str) -> list[Action]:
    """Affirmative actions outside quotations, each with its grammatical construction."""
    found = []
    for match in VERB_FORM.finditer(text):
        verb = _BY_FORM[match.group(1).lower()]
        before = text[: match.start()]
        clause = before[max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0) :]
        after = re.split(r"[.;:,!?]", text[match.end() :], maxsplit=1)[0]
        if NEGATOR.search(clause[-60:]) or NEGATOR.search(after) or in_quote(text, match.start()):
            continue
        if MODAL_BEFORE.search(before):  # "call us to set up", "will reset": not a past action
            continue
        if MOOD.search(clause):  # "sentiment moved from ...": a change of mood, not an act
            continue  # (denying it is a sentiment flip, which `sentiment_flipped` covers)
        weight = 3 if SALIENT.search(_sentence_around(text, match.start())) else 1
        if aux := AUX.search(before):
            said = aux.group(1).lower()
            fields = {"aux": said, "aux_n": _NEGATED_AUX[said], "has": _HAS[said]}
            found.append(Action(aux.start(), match.end(), verb, "passive", fields, weight))
            if (np := INDEFINITE_NP.search(before[: aux.start()])) and said in ("was", "were"):
                # "a $6 credit was applied" -> "no $6 credit was applied"
                fields = {**fields, "np": np.group(2)}
                found.append(Action(np.start(), match.end(), verb, "no_np", fields, weight))
        elif SUBJECT.search(before) or (
            verb.past != verb.base  # "reset link sent": a bare "reset" may be no verb at all
            and (not clause.strip() or OBJECT_NEXT.match(text, match.end()))
        ):
            subject = SUBJECT.search(before)
            plural = subject is not None and subject.group(1).lower() in ("they", "we", "agents")
            fields = {"was": "were" if plural else "was"}
            found.append(Action(match.start(), match.end(), verb, "active", fields, weight))
        elif 1 <= len(clause.split()) <= 4 and not NOT_A_NOUN_PHRASE.search(clause):
            found.append(Action(match.start(), match.end(), verb, "participle", {}, weight))
    return found


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), 0)
    end = text.find(". ", position)
    return text[start : end if end >= 0 else len(text)]
