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

# --- status ------------------------------------------------------------------------------
# A state that ends an issue, and the ways a clause says the issue is in it.
RESOLVED_STATE = (
    # "a request addressed to the assistant" was sent to it, not dealt with.
    r"(?:resolved|fixed|closed|sorted(?: out)?|settled|completed|restored|cleared"
    r"|addressed(?! to\b)"
    r"|handled|taken care of|working (?:again|fine|now|properly|normally)|cured"
    r"|works? (?:again|fine|properly|normally|now)|up and running|back (?:up|online|to normal)"
    r"|upheld|went away|gone away"
    r"|(?:decided|ruled|found|settled) in (?:the )?(?:customer's |their |his |her )?favou?r"
    r"|solved|finali[sz]ed|reinstated|rectified|remedied|dealt with|approved|granted"
    r"|concluded|complete|finished|wrapped up|closed out|squared away|ironed out)"
)
RESOLVED_WORDS = re.compile(
    r"\b(?:is|was|are|were|been|be|being|got|gets|get|now|fully|already|since|finally"
    r"|successfully|all|has|have|had|then|later|quickly|eventually|confirmed|marked|as)"
    r"\s+(?:\w+ly\s+|been\s+|now\s+|as\s+)?"
    + RESOLVED_STATE
    + r"\b|\b(?:issue|problem|dispute|case|ticket|matter|complaint|request|outage|fault|error"
    r"|it|everything|service|connection|account|query|concern|claim|review|investigation"
    r"|inquiry|enquiry|process)s?\s+(?:\w+\s+)?"
    + RESOLVED_STATE
    + r"\b|^\W*"
    + RESOLVED_STATE
    + r"\b(?=\s*(?:$|[:.,;]|on |after |within |by |in |at ))"
    + r"|\b(?:is|are|was|were) (?:now |finally |all )?over(?=\s*(?:$|[.,;]))"
    # "the wifi works now", "internet working again": the service itself back.
    + r"|\b(?:wifi|wi-fi|internet|broadband|line|tv|phone|signal|landline|app|modem|router)"
    r"\s+(?:is\s+|now\s+)?(?:works?|working)\s+(?:again|now)\b"
    # "after which the dial tone came back": the service itself back.
     + r"|\b(?:wifi|wi-fi|internet|broadband|line|tv|phone|signal|landline|service|connection"
    r"|dial tone|power)\s+(?:has |had )?(?:came|come) back\b"
    # A status label, as a briefing or a CRM field writes it ("Case status: closed").
    + r"|\b(?:status|outcome|resolution|state)\s*:\s*(?:now\s+)?"
    + RESOLVED_STATE
    + r"\b"
    # A case id and its state, as wrap-up notes write it ("RT-85517 closed").
    + r"|\b[a-z]{2,5}-\d{3,} (?:now )?"
    + RESOLVED_STATE
    + r"\b"
    + r"|\b(?:closed|resolved|fixed|settled|solved|closed out|upheld|approved|granted|cleared"
    r"|rectified|repaired|sorted out|answered|replied to|responded to)"
    r" (?:the|this|that|their|his|her|my"
    r"|our) (?:\w+ )?(?:issue|problem|dispute|case|ticket|escalation|complaint|matter|request"
    r"|fault|claim|drop|dropout|outage|disconnection|interruption)s?\b"
    # "Their Sep 28 email asking where to return the modem has been answered": what was
    # asked is settled (a call "answered" by an agent is not).
    r"|\b(?:e-?mail|message|letter|query|question|request|complaint|inquiry|enquiry)s?\b"
    r"(?:\W+\w+){0,12}?\W+(?:has|have|had|was|were) (?:now |since |already )?(?:been )?"
    r"(?:answered|replied to|responded to)\b"
    # "billing came back and approved it": the matter named by "it".
    r"|\b(?:approved|upheld|granted|resolved|settled|fixed|solved) it\b(?! (?:to|for|with)\b)"
    + r"|\b(?:no further action|all set|resolution (?:was|has been) reached"
    r"|finished (?:reviewing|investigating|processing|looking into|handling|working on)"
    r"|(?:first|same)[- ](?:call|contact) resolution|fcr(?!\W+(?:n|no|false|0)\b))\b"
)
OPEN_WORDS = re.compile(
    r"\b(?:unresolved|pending|outstanding|awaiting|ongoing|in progress"
    r"|under (?:review|investigation)|on hold|yet to be|no decision|persists?|persisting"
    r"|back again|recurr\w*|reopened|undecided|(?:still |is )?(?:thinking|considering) (?:it )?over"
    r"|keeps? (?:dropping|failing|happening|going down)"
    r"|(?:drops?|dropping|dropped|fails?|failing|cuts? out|cutting out|freez\w*|froze) again"
    r"|still (?:open|pending|unresolved|outstanding|waiting|awaiting|broken|down|failing|not|no"
    r"|sitting|stuck|parked|being|chasing"
    r"|ongoing|under|in progress|has not|have not|with|happening|an issue|a problem)"
    r"|(?:issue|problem|fault|error|noise|it|drops?|dropping) (?:is |was |are |were )?still there"
    r"|remains? (?:open|pending|unresolved|outstanding|broken|down|under|in|with|unpaid|active)"
    r"|(?:is|are|was|stays?) (?:still )?open|open (?:case|ticket|dispute|issue|item|complaint)s?"
    r"|\b(?:dispute|case|ticket|complaint|claim|matter|request)s? (?:still |now )?open\b"
    r"|status\s*:\s*(?:still )?(?:open|active|new|assigned|in review|escalated|reopened)"
    r"|not (?:yet )?(?:been )?(?:resolved|fixed|closed|restored|sorted|settled|completed)"
    # A remedy still to come: "the reversal has not gone through yet", "hasn't been paid".
    r"|(?:has|have)(?: not|n't)(?: yet)?(?: been)? (?:processed|applied|issued|paid|received"
    r"|refunded|credited|reversed|arrived|gone through|come through|cleared)"
    r"|not (?:been )?(?:processed|applied|issued|paid|received|refunded|credited|reversed"
    r"|arrived) yet"
    r"|no (?:reply|response|answer|update|decision|callback)(?: yet)?)\b"
)
# Anything in a summary that tells the agent something is still to come or unresolved.
OPEN_MENTION = re.compile(
    r"pending|unresolved|still|open|outstanding|awaiting|waiting|not yet|no decision|"
    r"under investigation|escalat|in progress|not fixed|no fix|not resolved|ongoing|persist|"
    r"missed|upcoming|booked|scheduled|no update|no reply|no return|no receipt|unpaid|past due|due",
    re.IGNORECASE,
)
# Outcome-code words that say nothing about whether the issue is open.
NEUTRAL_OUTCOME_WORDS = frozenset(
    (
        "info provided sent transferred transfer to agent self served notice message reminder "
        "confirmed received receipt outage accepted declined updated created retention offer "
        "thinking abandoned customer no action status inquiry call contact handled answered "
        "ivr menu billing general other misc "
    ).split()
)
OPEN_OUTCOME_WORDS = frozenset(
    (
        "unresolved pending open opened escalated escalation esc tier2 tier awaiting waiting "
        "wait hold troubleshooting investigating investigation filed dispute complaint logged "
        "dispatched dispatch scheduled sched cb callback followup follow rescheduled reopen "
        "reopened inprogress progress wip backlog queued queue new assigned case fraud "
        "reversal approval nocallback thinking undecided considering "
    ).split()
)
RESOLVED_OUTCOME_WORDS = frozenset(
    (
        "resolved closed fixed complete completed done fcr solved restored applied paid "
        "satisfied success successful cleared refunded credited waived cancelled canceled "
        "finished "
    ).split()
)

# --- modality ------------------------------------------------------------------------------
PROMISE_CUES = re.compile(
    r"\b(will|would|shall|going to|promis\w*|schedul\w*|booked|book(?:ing)?|arranged"
    r"|rebook\w*|reschedul\w*|upcoming"
    r"|(?:agent|we|team|supervisor|tech|technician|billing|lead|manager) to (?!be\b)\w+"
    r"|set (?:up )?for|(?<!past[ -])due|expect\w*|pending"
    r"|should (?:arrive|receive|see|get|appear|hear)"
    r"|to be (?:applied|issued|sent|refunded|credited|reversed|waived|replaced|repaired"
    r"|made|done|processed|posted|scheduled|dispatched|reviewed|called)|agreed to|commit\w*"
    r"|guarantee\w*|upcoming|dispatch\w*|within \d+|by (?:mon|tues|wednes|thurs|fri|satur|sun)day"
    # An entitlement is a promise too: "is owed $500", "gets a free month of service".
    r"|(?:is|are) owed|entitled to|eligible for|gets? (?:an? )?(?:free|complimentary)"
    r"|by (?:the )?end of|in \d+(?:-\d+)? (?:business |working )?(?:days?|hours?|weeks?))\b"
)
# "sup CB by 05/09", "a refund by Jun 3": an act with a deadline and no verb is a commitment.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DEADLINE = re.compile(
    r"\bby (?:\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    rf"|{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH})(?!\w)"
)
OFFER_CUES = re.compile(r"\b(offer(?:s|ed|ing)?|propos\w*|suggest\w*|recommend\w*)\b")
REQUEST_CUES = re.compile(
    r"\b(ask(?:s|ed|ing)? (?:\w+ )?(?:for|about|when|whether|if|to)|request\w*|wants?|wanted"
    r"|demand\w*|tr(?:y|ies|ied|ying) to|attempt\w* to"
    # "another chase on Jun 30", "after a chase": the noun dates a contact, it asks nothing.
    r"|seek\w*|sought|(?<!another )(?<!a )(?<!the )(?<!one )(?<!each )chas(?:e|es|ed|ing)"
    r"|inquir\w*|enquir\w*|complain\w*"
    r"|would like|hoping|hopes|insist\w*|threaten\w*|considering|thinking about"
    # A question that asks for something ("can we split it"), not one that states it.
    r"|(?<![a-z] )can (?:we|i|you) (?=[a-z]))\b"
)
PAST_CUES = re.compile(
    r"\b(earlier|previous(?:ly)?|prior|before|initially|at first|originally|first contact"
    r"|was still|were still|had still"
    r"|last (?:week|month)|had been|used to|at the time|back then|on the first call"
    r"|separate(?:ly)?|another|unrelated|older|routine|also (?:had|called|contacted)"
    r"|(?:on|in|during|after) (?:that|this|the same) (?:call|contact|chat|visit|day)"
    r"|at that point|start(?:ed|s|ing)? (?:out|off)|began|to begin with"
    r"|at the (?:start|outset|beginning))\b"
)
# "Nothing else is open", "no other issue": about the other matters, not the main one.
OTHER_MATTERS = re.compile(r"\b(else|other|otherwise|apart from|besides|aside from|separate)\b")
CONDITIONAL = re.compile(
    r"\b(if|unless|in case|whether|otherwise|should (?:the|they|a)"
    # "once the refund posts" sets a condition; "once the refund was processed, the case
    # closed" tells what happened, in order.
    r"|(?:once|until) (?:a|an|the|it|they|this|that|we|he|she|their|his|her)\b"
    r"(?!(?:\s+[\w'-]+){0,3}?\s+(?:was|were|had|did)\b)"
    r"|(?:once|until) [\w-]+ (?:is|are|has|have|gets|comes)\b"
    # "when the fraud was reported" tells when something happened; "when the refund
    # posts" sets a condition.
    r"|when (?:a|an|the|it|they|this|that|we|he|she|their|his|her)\b"
    # ("when they checked in", "when the customer called": a past verb, an event)
    r"(?!(?:\s+[\w'-]+){0,3}?\s+(?:was|were|had|did)\b|(?:\s+[\w'-]+)?\s+\w+ed\b)"
    # A condition inside a promise, told in the past: "told to expect a text once service
    # was restored".
    r"|\b(?:expect(?:ed)?|promised|told|would)\b[^.;]*\b(?:once|when|as soon as) [\w-]+"
    r" (?:was|were|had been) (?:restored|fixed|resolved|back|done|complete|completed"
    r"|processed|sorted)\b)"
)
NOW_CUES = re.compile(
    # "still", but not "was still with the team": a state told of the past, then.
    r"\b(now|currently|(?<!was )(?<!were )(?<!had been )still|remains?|as of|at this point"
    r"|today|latest|most recent(?:ly)?"
    r"|so far|to date|by now|at present|no longer"
    # "their mood at the last contact was frustrated": the newest record is now.
    r"|(?:at|on|in|during|by|after) (?:the |their |his |her )?(?:last|final) (?:contact|call"
    r"|chat|interaction|e-?mail|message|conversation|touchpoint))\b"
    # A mood label ("Customer sentiment: frustrated.") reports the mood as it stands.
    r"|^\W*(?:(?:the )?customer(?:'s)? |overall |current |latest )?(?:sentiment|mood|tone)\s*:"
)

# --- sentiment -----------------------------------------------------------------------------
SENTIMENT_CLASSES: dict[str, str] = {
    "frustrated": "negative",
    "angry": "negative",
    "negative": "negative",
    "neutral": "neutral",
    "positive": "positive",
    "satisfied": "positive",
}
# How a mood is worded: single words, idioms ("at their wits' end", "in good spirits", "no
# complaints") and a mood noun with an evaluative word ("the tone was hostile", "a foul
# mood"). Words with an everyday sense besides the mood ("a friendly reminder", "would
# appreciate a callback") are left out: a mood misread there would be a false alarm.
_MOOD_NOUN = r"(?:mood|spirits|humou?r|temper|tone|demeanou?r|disposition|frame of mind|morale"
_MOOD_NOUN += r"|sentiment|attitude)"
_GOOD = r"(?:good|great|fine|high|better|positive|bright|buoyant|upbeat|cheerful|sunny|light"
_GOOD += r"|friendly|warm|cordial|pleasant|cooperative|patient|understanding)"
_BAD = r"(?:bad|foul|sour|low|poor|dark|black|terrible|awful|worse|grim|heated|tense|sharp|curt"
_BAD += r"|cold|frosty|testy|combative|confrontational)"
# "the tone was hostile", "Tone: friendly": a mood noun and what it was.
_LINK = r"(?:\s+(?:is|was|were|are|seemed|seems|sounded|remains?|remained|stayed|turned)\s+"
_LINK += r"|\s*:\s*)"
SENTIMENT_WORDS = re.compile(
    r"\b(?P<neg>frustrat\w*|angry|angrily|anger|furious|irate|upset|annoyed|irritat\w*|unhappy"
    r"|dissatisf\w*|disappoint\w*|exasperat\w*|fed up|livid|outraged|displeased|impatient"
    r"|agitated|aggravated|negative|hostile|fuming|cross|distress\w*|worried|anxious|unsatisf\w*"
    r"|seething|incensed|enraged|infuriat\w*|indignant|unimpressed|grump\w*|rattled|stressed"
    r"|distraught|disgruntled|aggrieved|resentful|bitter|miffed|peeved|dismayed"
    r"|sick of|tired of|had enough|short[- ]tempered|bad[- ]tempered|at (?:\w+ )?wits'? end"
    r"|(?:lost|losing|out of|run out of|running out of) (?:all |their |his |her )?patience"
    r"|patience (?:is )?(?:wearing|running|worn) thin"
    rf"|(?:an? )?{_BAD}\s+{_MOOD_NOUN}|{_MOOD_NOUN}{_LINK}(?:\w+\s+)?{_BAD})"
    r"\b|\b(?P<pos>satisf(?:ied|action)|happy|happier|pleased|content|contented|relieved"
    r"|grateful|thankful|delighted|positive|glad|appreciative|thrilled|cheerful|upbeat|cheery"
    r"|chirpy|jovial|reassured|placated|mollified|optimistic|hopeful|at ease|over the moon"
    r"|all smiles|no (?:more )?(?:complaints|grievances)|good[- ]humou?red|good[- ]natured"
    rf"|(?:in )?(?:an? )?{_GOOD}\s+{_MOOD_NOUN}|{_MOOD_NOUN}{_LINK}(?:\w+\s+)?{_GOOD})"
    r"\b|\b(?P<neu>neutral|calm|composed|matter[- ]of[- ]fact|even[- ]tempered|unbothered"
    r"|indifferent|level[- ]headed|businesslike|unemotional|relaxed|unfazed|unruffled|placid"
    r"|serene|easy-?going|laid[- ]back"
    # "the customer was patient" ("be patient", "remaining empathetic and patient" advise)
    r"|(?:(?<=was )|(?<=is )|(?<=were )|(?<=are )|(?<=seems )|(?<=seemed )|(?<=remained )"
    r"|(?<=stayed ))patient)\b"
)
SENTIMENT_TOPIC = re.compile(r"\b(sentiment|mood|tone|feel\w*|sound\w*|seem\w*|attitude)\b")
# Words after which a sentiment word describes something else ("a frustrating wait").
NOT_ABOUT_CUSTOMER = re.compile(
    r"\b(agent|rep|representative|technician|staff) (?:was|is|seemed)\b"
    # "Customer satisfaction is a priority" names a business goal, not this customer's mood.
    r"|\b(?:customer|client) satisfaction\b"
)

# --- money ----------------------------------------------------------------------------------
MONEY_KINDS: dict[str, re.Pattern[str]] = {
    "credit": re.compile(
        r"\b(credit\w*|refund\w*|reimburs\w*|revers\w*|rebate|goodwill|money back|waiv\w*"
        r"|discount\w*|off|compensat\w*)\b"
    ),
    "charge": re.compile(
        r"\b(charge[sd]?|fees?|overage|bill(?:ed|s)?|invoice\w*|balance|owe[sd]?|owing|past due"
        r"|overdue|debt|cost\w*|price[sd]?|priced|amount due|surcharge)\b"
    ),
    "payment": re.compile(
        r"\b(pa(?:y|id|ying|yment|yments)|instal+ments?|arrangement|deposit\w*|autopay)\b"
    ),
}
# Kinds that cannot describe the same money: a charge the customer owes is not a credit.
INCOMPATIBLE_KINDS = frozenset({frozenset({"credit", "charge"})})

# --- words too general to tie a claim to a record --------------------------------------------
STOPWORDS = frozenset(
    (
        "a an the and or but if then so of to in on at by for with from into onto about as is are "
        "was were be been being am has have had having do does did doing this that these those it "
        "its it's they them their there here he she him her his hers we us our you your i me my "
        "who whom which what when where why how all any both each few more most other some such "
        "only own same than too very can will just should would could may might must shall also "
        "again further once up down out off over under between through during before after above "
        "below while because until yet not no nor never none still now already ever customer "
        "customers caller client account agent agents rep representative call calls called "
        "calling contact contacted contacts contacting interaction interactions record records "
        "note notes time times day days week weeks today yesterday tomorrow said says say told "
        "tell asked ask via using per around regarding re issue issues problem problems thing "
        "things matter case cases item items since last first second third one two three four "
        "five six seven eight nine ten twice several many much lot lots get got gets getting go "
        "going went make made makes making take took taken "
        # A note's label ("Outcome: customer declined"), not what the clause is about.
        "outcome outcomes "
    ).split()
)


def outcome_words(outcome: str) -> list[str]:
    """An outcome code as lower-case words: 'Pending - Tier2' -> ['pending', 'tier2']."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", outcome)
    return [w for w in re.split(r"[^a-z0-9]+", spaced.lower()) if w]


_NO_VALUES = frozenset({"n", "no", "false", "f", "0", "not"})


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


# Verbs about knowing or saying: "found no outage" and "no outage found" agree, so these
# carry no polarity of their own; what they report does.
EPISTEMIC = frozenset(
    (
        "found find finds see seen saw detected detect noted note recorded record logged log "
        "shown showed show reported report confirmed confirm said says stated state told tell "
        "explained explain advised advise mentioned mention indicated indicate checked check "
        "verified verify read heard hear knew know"
    ).split()
)
# Participles that describe rather than report an act ("repeated drops").
ADJECTIVAL = frozenset(
    (
        "repeated continued related unrelated estimated automated limited unlimited dedicated "
        "detailed registered advanced expected required needed unexpected upgraded used"
    ).split()
)
IRREGULAR_PAST = frozenset(
    (
        "came went sent paid made gave took got showed shown left brought told said spoke "
        "kept held found put set ran bought sold won lost hung rang wrote written done upheld"
    ).split()
)
# Words that stand between a negation and the act it denies and say nothing themselves
# ("never actually set up", "was not properly applied").
HEDGES = frozenset(
    "actually really properly fully successfully formally officially correctly even ever".split()
)
# Words after which a clause names what a message or a call was about, not what was done:
# "a text was sent confirming the engineer visit" reports the text, not the visit.
TOPIC_MARKERS = frozenset(
    "about regarding concerning confirming saying stating reminding announcing re".split()
)
# "Next agent: check the case notes first", "The next agent should confirm the visit",
# "Recommended next step: review the notes before committing to anything": a handover line
# to the reader, part of the briefing (under a label of its own too). It advises; it does
# not report what was promised, so the promise checks leave it alone, and only courtesy
# advice in it is filler. "Next steps: a technician visit on May 25" advises nothing: it
# tells of a step, which the checks read as any other claim.
HANDOVER = re.compile(
    r"^\W*(?:[a-z][\w ]{0,24}:\s*)?(?:the |for the |note for the )?next agent\b"
    r"|^\W*(?:(?:recommended|suggested|proposed)\s+)?(?:next )?(?:steps?|actions?)"
    r"(?: for the (?:next )?agent)?\s*:\s*(?:please\s+)?(?:review|check|read|look|go through"
    r"|confirm|verify|make sure|ensure|avoid|do not|don't|follow up|chase|update|ask|explain"
    r"|reassure|apologi[sz]e|monitor|keep|note|consider|see|offer)\b"
    # An instruction to the reader opening its sentence ("Confirm how they will pay on 20
    # Sep", "Check whether the supervisor called"): what it names is to be looked into.
    r"|^\W*(?:please\s+)?(?:confirm|check|verify|find out|make sure|ensure)"
    r"\s+(?:whether|if|how|when|that|what|the status)\b",
    re.I,
)
