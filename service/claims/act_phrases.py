"""Multi-word names of one act ("called the customer back", "money back", "truck roll"),
folded to one token before a clause is read, so every wording of an act compares as one."""

from __future__ import annotations

import re
from collections.abc import Callable


def _added_a_note(match: re.Match[str]) -> str:
    """ "left a note", "posting notes": the act of adding a case note, in its tense."""
    ending = next((g for g in match.groups() if g is not None), "")
    past = ending in ("ed", "left") or match.group(0).startswith(("left", "put "))
    return ("added" if past else "adding" if ending.endswith("ing") else "add") + " casenote"


# Multi-word names of one act, folded to one token before reading.
PHRASES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # "called the customer back" keeps its tense: "made callback" still reports an act.
    (
        re.compile(
            r"\b(?:called|rang|phoned)"
            r" (?:(?:the |them |him |her |me |us |you |the customer |cust )?)back\b"
        ),
        "made callback",
    ),
    (
        re.compile(
            r"\b(?:call(?:ing|s)?|ring(?:s|ing)?|phon(?:e|es|ing))"
            r" (?:(?:the |them |him |her |me |us |you |the customer |cust )?)back\b"
        ),
        "callback",
    ),
    (
        re.compile(r"\b(?:return(?:ed)?|follow[- ]?up) (?:phone |check |courtesy )?calls?\b"),
        "callback",
    ),
    # "nobody called", "no one got back to them": the call a customer waits for did not
    # come ("called" alone is too common a word to compare: every contact is a call).
    (
        re.compile(
            r"\b(?:nobody|no one|no-one) (?:has |had |ever |actually )*(?:called|rang|phoned"
            r"|got back|reached out|followed up)(?: (?:to |with )?(?:them|him|her|the customer"
            r"|cust))?(?: back)?\b"
        ),
        "no callback",
    ),
    (re.compile(r"\bcall-?backs?\b"), "callback"),
    # "a supervisor will contact you" promises what "a callback" names.
    (
        re.compile(
            r"\b(?:will|to|would|shall) (?:contact|call|ring|phone|get back to|reach out to)"
            r" (?:you|them|him|her|the customer|cust)\b"
        ),
        "will callback",
    ),
    # "got their money back" reports a refund received, as "received a refund" does.
    (
        re.compile(
            r"\bgot (?=(?:(?:their|the|his|her|a|an|its) )?(?:money back|refund|credit"
            r"|reimbursement)\b)"
        ),
        "received ",
    ),
    (re.compile(r"\bmoney back\b"), "refund"),
    # "the charge is off the bill": taken off what the customer owes.
    (
        re.compile(
            r"\b(?:is|was|are|were|now|been) off (?:the |their |your |his |her )?"
            r"(?:bill|account|statement|invoice)\b"
        ),
        "credited",
    ),
    # "Service back after the outage" is service restored, as a note writes it.
    (
        re.compile(
            # Not a condition: "an SMS when service is back" promises news, not a repair.
            r"(?<!when )(?<!once )(?<!until )(?<!till )(?<!if )(?<!before )"
            r"\b(service|power|connection|internet|line|signal|tv|wifi|broadband|phone)"
            r" (?:is |was |came |now |has come )?back(?: on| up| online)?\b(?! to\b)"
        ),
        r"\1 restored",
    ),
    # Money taken off what the customer owes is a credit ("a saved card removed" is not).
    (
        re.compile(
            r"\b(?:removed|taken|knocked|wiped|struck) (?:off |from )(?:the |their |your |his "
            r"|her )?(?:account|bill|balance|statement|invoice)\b"
        ),
        "credited",
    ),
    (re.compile(r"\bremoved(?= (?:the |a |an )?\$)"), "credited"),
    # "the charge would be removed", "the fee was dropped": the money taken off is a credit.
    (
        re.compile(
            r"\b((?:charges?|fees?)\s+(?:(?:would|will|to|has|have|had|was|were|is|are|be"
            r"|been|being|now|also)\s+){0,3})(?:removed|taken off|dropped|wiped off|wiped|gone)\b"
        ),
        r"\1credited",
    ),
    (re.compile(r"\bremove(?= (?:the |a |an )?\$)"), "credit"),
    # "the refund went through" reports it done, as "did not go through" reports a failure.
    (re.compile(r"\b(?:went|gone|come|came|gets?|got) through\b"), "processed"),
    # "no service due to a confirmed outage": a cause, where a negation's reach ends.
    (
        # Not "due to ring them back": a cause is a noun phrase, not a verb.
        re.compile(
            r"\b(?:due to|owing to|because of)"
            r"(?= (?:a|an|the|their|his|her|its|this|that|these|those|some|no|[\w-]{3,}ing)\b)"
        ),
        "because",
    ),
    # "called back as promised" reports what happened; the promise is not the news. Nor is
    # it in "nobody got back to me like you promised": the call did not come.
    (
        re.compile(
            r",?\s*\b(?:as|like) (?:(?:you|they|we|he|she|the agent) (?:had |have )?)?"
            r"(?:promised|agreed|planned|scheduled|arranged)\b"
        ),
        "",
    ),
    # A note left on the case is an act of its own ("note" alone is too common a word to
    # compare): "added a note for the team" against "no note was left".
    (
        re.compile(
            r"\b(?:add(ed|s|ing)?|(left)|leav(e|es|ing)|put(s|ting)?|post(ed|s|ing)?)"
            r"(?: (?:a|an|any|the|another|further|internal|case|account))* notes?\b"
        ),
        _added_a_note,
    ),
    (
        re.compile(
            r"\b(?:case |internal |account )?notes?((?: (?:has|have|had|was|were|is|are"
            r"|been|being|not|never|also|yet|ever))*) (?:added|left|put|posted)\b"
        ),
        r"casenote\1 added",
    ),
    # Going to tier 2 is being escalated: "the case has never been passed to tier 2" meets
    # "escalated to tier 2".
    (
        re.compile(
            r"\b(?:gone|went|go|going|pass(?:ed|ing)?|sen[dt](?:ing)?|mov(?:ed|ing)|bump(?:ed|ing)"
            r"|kick(?:ed|ing)|transferr(?:ed|ing)|referr(?:ed|ing)|hand(?:ed|ing))"
            r"(?: (?:it|them|this|the case|the ticket))?"
            r"(?: (?:up|on|over))? to (?:tier ?2|t2|second[- ]line|the escalations? team)\b"
        ),
        "escalated to tier2",
    ),
    # What was left as it was, was not changed: "left the original modem in place", "the
    # swap was left in place", "the saved card was left on the account".
    (
        re.compile(r"\bleft (?:the |their |its )?(?:original |old |existing )?([\w-]+) in place\b"),
        r"did not change the \1",
    ),
    (
        re.compile(r"\b(?:was|were|is|are|been) left (?:in place|on (?:the )?(?:account|file))\b"),
        "was not changed",
    ),
    # "The e-mail was never passed on to billing": forwarded.
    (re.compile(r"\bpass(?:ed|es)? (?:(?:it|this|that|them|the \w+) )?on to\b"), "forwarded to"),
    (
        re.compile(r"\b(?:was|were|is|are|been) left (?:unfixed|unrepaired|broken)\b"),
        "was not fixed",
    ),
    # Taking an offer is accepting it: "the customer took the offer" meets "Cust declined."
    (
        re.compile(
            r"\b(?:took|taken|takes) (?=(?:up )?(?:the|their|that|this|an?) (?:[\w$.-]+ ){0,3}?"
            r"(?:offer|deal|discount|credit|plan)\b)"
        ),
        "accepted ",
    ),
    # Told of the offer: "the $12 discount was taken up by the customer" accepted it.
    (re.compile(r"\b(?:was|were|been|is|are|got) taken up\b"), "was accepted"),
    # An offer declined in the same breath: "Courtesy credit $6.00 offered, declined",
    # "offered to keep the customer; declined", "offered Oct 10 - declined": a bare refusal
    # at the end of the clause refuses the offer, it does not deny it was made.
    (
        re.compile(
            r"\b(offered|proposed)([^,;]{0,60}?),? (?:but |and )?(?:declined|refused|rejected"
            r"|turned down)(?=\s*(?:[.;,)]|$))"
        ),
        r"\1\2, customer did not accept",
    ),
    # "The agent would not open a dispute": a refusal told of the past.
    (
        re.compile(
            r"\b((?:the )?(?:agent|rep|team|billing|support|bank|supervisor|tier ?2|store)"
            r"|they|he|she) (?:would not|wouldn't|would refuse to)\b"
        ),
        r"\1 refused to",
    ),
    # An offer turned down by the subject of an earlier verb: "threatened to cancel and
    # turned down the retention offer".
    (
        re.compile(
            r"\band (?:declined|refused|rejected|turned down)(?= (?:the|their|an?|this|that) "
            r"(?:[\w$./-]+ ){0,3}?(?:offer|deal|discount)\b)"
        ),
        "and did not accept",
    ),
    # Refusing is not accepting: "the customer turned the offer down" meets "Cust accepted."
    (
        re.compile(r"\bturned (it|them|this|that|(?:the|their|an?) [\w-]+(?: [\w-]+)?) down\b"),
        r"declined \1",
    ),
    (
        re.compile(
            r"\b(customer|cust|cx|caller|they|he|she)((?: [a-z]+ly| then| also)?)"
            r" (?:declined|refused|rejected|turned down)\b(?! to\b)"
        ),
        r"\1\2 did not accept",
    ),
    # "Complaint logged", "logged a formal complaint": filing a thing, not noting a fact
    # (read as "lodged a complaint" is).
    (
        re.compile(
            r"\b(complaints?|cases?|tickets?|disputes?|claims?|faults?)"
            r"((?: (?:was|were|has|have|had|been|is|are|not|never|also|now))*) logged\b"
        ),
        r"\1\2 filed",
    ),
    (
        re.compile(
            r"\blogged ((?:a |an |the |their |his |her )?(?:formal |new |second )?"
            r"(?:complaint|case|ticket|dispute|claim|fault))"
        ),
        r"filed \1",
    ),
    (re.compile(r"\btier (?:2|two|ii)\b"), "tier2"),
    # A department, not the technician "tech" stands for ("Chat + IVR (Tech support > Wi-Fi)").
    (re.compile(r"\btech(?:nical)?[ -]support\b"), "techsupport"),
    (re.compile(r"\bport[- ]out\b"), "portout"),
    (re.compile(r"\btruck roll\b"), "technician visit"),
    # "has yet to call back" is "has not called back"; "yet" alone is a conjunction.
    (re.compile(r"\b(?:(?:has|have|had|is|are|was|were)\s+)?yet to\b"), "not"),
    (re.compile(r"\bwi-?fi\b"), "wifi"),
    # A topic, not an act: "about password reset" says nothing was reset.
    (re.compile(r"\bpassword resets?\b"), "password-reset"),
    (re.compile(r"\bnot (?:yet )?due\b"), "upcoming"),
    # A plan to pay in parts is one thing however it is worded ("instalment plan",
    # "payment arrangement", "repayment schedule").
    (
        re.compile(r"\b(?:(?:re)?payment|instal+ment) (?:plan|arrangement|schedule|agreement)s?\b"),
        "arrangement",
    ),
    # "with a two-business-day callback target": when it is due, not that it was made.
    (
        re.compile(
            r"\b(callback|call-back|visit|refund|credit|reply|response) "
            r"(?:target|sla|window|deadline)s?\b"
        ),
        r"\1 due",
    ),
    # "the fee has since been taken off": reversed; "signed off on it": approved.
    (re.compile(r"\b(?:taken|knocked) off\b(?! (?:the|a|an|his|her|their)\b)"), "reversed"),
    (re.compile(r"\bsigned off on\b"), "approved"),
    # Asking to split what is owed is asking for that plan ("can we split it").
    (
        re.compile(
            r"\bsplit(?:ting)? (?:it|(?:the |my |her |his |their |this )?"
            r"(?:balance|bill|payment|amount|charge)s?)(?! (?:between|with)\b)"
        ),
        "arrangement",
    ),
    # Creating a case, a plan or an order is one act however it is worded.
    (re.compile(r"\bset(?:ting)? up\b"), "created"),
    (re.compile(r"\bno[- ]shows?\b"), "never showed"),
    # Opening a case is filing it ("opened" already folds to "filed"); "open" after a
    # negation or a modal is that verb too, not the state "still open".
    (
        re.compile(
            r"\b(not|never|to|did|will|would|could|can|cannot|should|must) open\b"
            r"(?= (?:an? |the )?(?:\w+ )?(?:case|ticket|dispute|claim|investigation"
            r"|complaint|order)\b)"
        ),
        r"\1 file",
    ),
    # "the customer rang on Mar 9": called in, not the callback "ring" names otherwise.
    (
        re.compile(r"\b(customer|cx|caller|client|they|he|she)((?: \w+ly)?) (?:rang|rings|rung)\b"),
        r"\1\2 called",
    ),
    # "passed on the offer", "passed on it": declined it ("passed on to billing" forwards).
    (
        re.compile(
            r"\bpass(?:ed|es)? on (?=(?:it|them|this|that|(?:the|their|an?) [\w$.-]+)\b(?! to\b))"
        ),
        "did not accept ",
    ),
    # "number lock was switched on": enabled; "switched off": disabled.
    (re.compile(r"\b(?:switch|turn)(?:ed|s|ing)? on\b"), "enabled"),
    (re.compile(r"\b(?:switch|turn)(?:ed|s|ing)? off\b"), "disabled"),
    # "gave out the PIN", "had given it out": shared it.
    (
        re.compile(r"\b(?:gave|given|give|gives) (?:(it|them|this|that|the \w+) )?(?:out|away)\b"),
        r"shared \1",
    ),
    # "no hold was put on the account", "put a hold on": placed.
    (
        re.compile(r"\b(was|were|been|be|is|are|not) put (?=on\b|in place\b)"),
        r"\1 placed ",
    ),
    (re.compile(r"\bput (an? |the )?((?:\w+ )?hold) on\b"), r"placed \1\2 on"),
    # "a reversal request was sent" is "a reversal was requested"; "a request could not be
    # sent" is one not requested.
    (
        re.compile(
            r"\brequests? (?:(?:was|were|has|have|had|is|are|could|can|would|will) )?"
            r"(not |never )?(?:be |been )?"
            r"(?:sent|submitted|raised|filed|placed|made|logged|lodged|put in)\b"
        ),
        r"\1requested",
    ),
)

# For each fold above, in order, words one of which a text must hold for it to apply: most
# clauses name no act in several words, and a substring test costs far less than a regex.
# (tests/claims/test_claim_properties.py checks that every fold with them equals every fold
# without them on the records and summaries of the golden sets.)
_NEEDLES: tuple[tuple[str, ...], ...] = (
    ("back",),
    ("back",),
    ("call",),
    ("nobody", "no one", "no-one"),
    ("call",),
    ("contact", "call", "ring", "phone", "get back", "reach out"),
    ("got ",),
    ("money back",),
    (" off ",),
    ("back",),
    ("removed", "taken", "knocked", "wiped", "struck"),
    ("removed",),
    ("charge", "fee"),
    ("remove",),
    ("through",),
    ("due to", "owing to", "because of"),
    ("promised", "agreed", "planned", "scheduled", "arranged"),
    ("note",),
    ("note",),
    ("tier", "t2", "second", "escalation"),
    ("in place",),
    ("left",),
    ("pass",),
    ("left",),
    ("took", "taken", "takes"),
    ("taken up",),
    ("offered", "proposed"),
    ("would",),
    ("and declined", "and refused", "and rejected", "and turned down"),
    ("turned",),
    ("declined", "refused", "rejected", "turned down"),
    ("logged",),
    ("logged",),
    ("tier",),
    ("support",),
    ("port",),
    ("truck roll",),
    ("yet to",),
    ("wi",),
    ("password reset",),
    ("due",),
    ("plan", "arrangement", "schedule", "agreement"),
    ("target", "sla", "window", "deadline"),
    ("off",),
    ("signed",),
    ("split",),
    ("set",),
    ("show",),
    ("open",),
    ("rang", "rings", "rung"),
    ("pass",),
    ("switch", "turn"),
    ("switch", "turn"),
    ("gave", "give"),
    ("put",),
    ("put",),
    ("request",),
)
FOLDS = tuple(
    (needles, pattern, replacement)
    for needles, (pattern, replacement) in zip(_NEEDLES, PHRASES, strict=True)
)
