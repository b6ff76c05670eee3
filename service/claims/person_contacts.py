"""How many of the in-scope contacts reached a person: "4 agent contacts so far".

Such a count is a total, so it can be wrong in both directions. The records do not label a
contact as handled by a person, but what they hold says so or rules it out: a call logged on
the agent channel was answered by an agent; a chat was with a person when a named agent
writes in it and with a bot when only the virtual assistant and the customer do; an e-mail
is a person's unless its newest message is an automatic one. A chat whose speakers cannot be
told apart may be either, so the count is a range: (fewest, most).

The same record logged twice (same channel, same notes) is one contact, and IVR menus and
SMS notifications never reach a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.claims.tables import pattern
from service.models import Interaction

_PERSON_IN_CHAT = pattern("person_in_chat")
_BOT_IN_CHAT = pattern("bot_in_chat")
_QUOTED = pattern("quoted")
_AUTOMATED_SENDER = pattern("automated_sender")
_AUTOMATED_TEXT = pattern("automated_text")


@dataclass(frozen=True)
class PersonContacts:
    """Ranges (fewest, most) of contacts that reached a person: all, calls, chats."""

    total: tuple[int, int] = (0, 0)
    calls: tuple[int, int] = (0, 0)
    chats: tuple[int, int] = (0, 0)


def _reached(item: Interaction) -> bool | None:
    """True: a person handled it; False: nobody did; None: the record cannot tell."""
    if item.channel == "agent":
        return True
    if item.channel == "chat":
        if _PERSON_IN_CHAT.search(item.notes):
            return True
        return False if _BOT_IN_CHAT.search(item.notes) else None
    if item.channel == "email":
        newest = _QUOTED.split(item.notes, maxsplit=1)[0]
        automated = _AUTOMATED_SENDER.search(newest) or _AUTOMATED_TEXT.search(newest)
        return not automated
    return False


def person_contacts(interactions: Sequence[Interaction]) -> PersonContacts:
    """The ranges of contacts that reached a person, a record logged twice counted once.

    Read from the records as they are: the checker's cleaned copy leaves out instruction-
    like sentences, which can take a chat's speaker labels ("Bot: how can I help?") away.
    """
    seen: set[tuple[str, str]] = set()
    counts = {"total": [0, 0], "calls": [0, 0], "chats": [0, 0]}
    for item in interactions:
        key = (item.channel, item.notes.strip())
        if key in seen:
            continue
        seen.add(key)
        reached = _reached(item)
        if reached is False:
            continue
        kinds = ["total"] + (["calls"] if item.channel == "agent" else [])
        kinds += ["chats"] if item.channel == "chat" else []
        for kind in kinds:
            counts[kind][1] += 1
            counts[kind][0] += reached is True
    return PersonContacts(
        total=(counts["total"][0], counts["total"][1]),
        calls=(counts["calls"][0], counts["calls"][1]),
        chats=(counts["chats"][0], counts["chats"][1]),
    )
