"""How many messages the records can hold: the most contacts a summary may count.

A chat, a call or a text is one contact. An e-mail record may be a whole thread (the
customer's message, the reply, the customer's answer), and a summary may count each message
as a contact ("four contacts" over three records, one of them a two-message thread). A
thread shows its messages the way mail programs write them: a sender line, a subject line,
a quoted reply or a subject's "Re:" for each. A record of a thread channel that shows none
of them may be a thread told in prose, so the count of its messages is unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile

from service.claims.tables import pattern, word_list
from service.models import Interaction

_SENDER = pattern("message_sender")
_SUBJECT = pattern("message_subject")
_REPLY = pattern("message_reply")
_REPLY_PREFIX = pattern("reply_prefix")
_COMPANY_SENDER = pattern("company_sender_name")
THREAD_CHANNELS = frozenset(word_list("thread_channels"))


def messages_in(item: Interaction) -> int | None:
    """The most messages one record holds: 1 for a single contact, a thread's message
    count read off its headers, None for a thread channel's record that shows none."""
    if item.channel not in THREAD_CHANNELS:
        return 1
    marked = (
        len(_SENDER.findall(item.notes)),
        len(_SUBJECT.findall(item.notes)),
        len(_REPLY.findall(item.notes)) + _longest_reply_chain(item.notes) + 1,
    )
    if marked == (0, 0, 1):
        return None  # no header at all: perhaps a thread told in prose
    return max(marked)


def newest_message(item: Interaction) -> str:
    """The newest message of a record: a thread written newest first (one message above
    the messages it quotes, "> From: ...", "On 3 May, Ana wrote:") ends on its oldest
    message, so its newest is what comes before the first quoted line. A thread written
    oldest first (several messages before a quote in a later one) or any other record is
    its whole text."""
    if item.channel not in THREAD_CHANNELS:
        return item.notes
    lines = item.notes.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith(">") or _REPLY.search(line):
            above = "\n".join(lines[:index])
            one_message = bool(above.strip()) and len(_SENDER.findall(above)) <= 1
            return above if one_message else item.notes
    return item.notes


def sent_by_the_company(message: str) -> bool:
    """Whether a thread's message (`newest_message`) names the company as its sender ("From:
    FixPoint Labs Service Desk"): its words are the company's, none the customer's."""
    senders = [
        line[match.end() :]
        for line in message.splitlines()
        if not line.lstrip().startswith(">") and (match := _SENDER.search(line))
    ]
    return bool(senders) and _COMPANY_SENDER.search(senders[-1]) is not None


def message_it_answers(item: Interaction) -> str | None:
    """The message a thread's newest one quotes right below it ("> From: Ana ..."), its
    quote marks taken off: in a reply that the company sent, the customer's last words.
    None when there is none, or it was the company's too."""
    lines = item.notes.splitlines()
    quoted = [line.lstrip()[1:] for line in lines if line.lstrip().startswith(">")]
    # Its own lines carry one quote mark; a deeper one starts the message it answered.
    own = list(takewhile(lambda line: not line.lstrip().startswith(">"), quoted))
    message = "\n".join(own)
    if not message.strip() or sent_by_the_company(message):
        return None
    return message


def _longest_reply_chain(notes: str) -> int:
    """ "RE: RE: AW:" on one subject: the replies before this message."""
    return max((len(_REPLY_PREFIX.findall(line)) for line in notes.splitlines()), default=0)


def most_messages(interactions: Sequence[Interaction]) -> int | None:
    """The most contacts the records can be counted as, every thread's messages apart;
    None when a thread's size cannot be read."""
    total = 0
    for item in interactions:
        held = messages_in(item)
        if held is None:
            return None
        total += held
    return total
