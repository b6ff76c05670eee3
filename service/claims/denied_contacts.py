"""A contact the customer made, said not to have happened: "On Aug 27 they never emailed"
while the Aug 27 record is the customer's e-mail.

The act is carried by the record's channel, not by its words (an e-mail's notes rarely say
"emailed"), so the act checker cannot see it; the channel and the day can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service.claims.contacts import CHANNEL_OF, days_named, within_a_day
from service.claims.types import Finding
from service.models import Interaction

_VERBS = "|".join(sorted(CHANNEL_OF, key=len, reverse=True))
# The customer's own contact, denied: "they never emailed", "the customer did not call".
# Not a passive ("was never emailed a label": the company's act) and not a call back.
_DENIED = re.compile(
    r"\b(?:they|the customer|customer|the caller|caller|cx|he|she)\s+"
    r"(?:never|did not|didn't|has not|hasn't|have not|haven't|had not|hadn't"
    r"|(?:failed|refused|declined) to)\s+"
    rf"(?P<verb>{_VERBS})\b(?!\s+(?:back|again))",
    re.I,
)
# Words that move the claim off the contact itself ("has not called since Sep 3").
_RELATIVE = re.compile(
    r"\b(?:since|after|before|until|again|yet|anymore|any more|earlier|later)\b", re.I
)
_OUTBOUND = re.compile(r"^\W*(?:outbound|\[out\b|reminder|automated|notification)", re.I)


def _customers(item: Interaction) -> bool:
    """Whether the record is a contact the customer made (not a message sent to them)."""
    return not _OUTBOUND.search(item.notes) or "[IN" in item.notes


def check_denied_contacts(
    sentences: Sequence[str], interactions: Sequence[Interaction]
) -> list[Finding]:
    """A contact the customer made on a channel (on the day the sentence names, if it
    names one), said not to have happened."""
    if not interactions:
        return []
    findings = []
    anchor = interactions[-1].timestamp.date()
    for sentence in sentences:
        match = _DENIED.search(sentence)
        # The next few words only: "never emailed, angry, saying it went back two weeks
        # earlier" still denies the e-mail.
        if match is None or _RELATIVE.search(" ".join(sentence[match.end() :].split()[:4])):
            continue
        channels = CHANNEL_OF[match.group("verb").lower()]
        days = days_named(sentence, anchor)
        made = [
            (position, item)
            for position, item in enumerate(interactions, 1)
            if item.channel in channels
            and _customers(item)
            and (not days or any(within_a_day(d, item.timestamp.date()) for d in days))
        ]
        if made:
            where = tuple(position for position, _ in made)
            said = match.group(0).strip()
            reason = f"'{said}': record {where[-1]} is that contact, made by the customer"
            findings.append(
                Finding("action_polarity", "contradicted", match.group(0), reason, where)
            )
    return findings
