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
from dataclasses import dataclass
from itertools import takewhile

from service.claims.mentions import mentioned_dates
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


def quoting_message(item: Interaction) -> str | None:
    """The newest message of a thread plainly written newest first: one message, then
    only lines quoted with ">" below it (the messages it answers). None for any other
    record, where a later message may follow a quote ("> C" then "Thanks, confirmed"), or
    the order is not plain."""
    if item.channel not in THREAD_CHANNELS:
        return None
    lines = [line for line in item.notes.splitlines() if line.strip()]
    quoted = [line.lstrip().startswith(">") for line in lines]
    if True not in quoted:
        return None
    first = quoted.index(True)
    if not all(quoted[first:]):
        return None
    newest = newest_message(item)
    return None if newest == item.notes else newest


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


@dataclass(frozen=True)
class CustomerMails:
    """The e-mails a customer sent, read off the threads' sender lines."""

    count: int
    names: frozenset[str]  # the words of the customer's sender lines, in small letters


def customer_mails(interactions: Sequence[Interaction]) -> CustomerMails | None:
    """How many e-mails the customer sent: the threads' distinct messages (a sender and
    the day its header or its quote line gives; "From: Gordon Lafleche" with "Date: Mon,
    Apr 6" and a later quote's "On Mon, Apr 6, Gordon Lafleche wrote:" are one) whose
    sender the company's words do not name. None when no e-mail record is in scope, when
    the threads show fewer messages than their subjects' "RE:" marks count, or when the
    earliest message is the company's: a message not shown may be the customer's."""
    mails = [item for item in interactions if item.channel in THREAD_CHANNELS]
    if not mails:
        return None
    messages: set[tuple[str, frozenset[tuple[int, int]]]] = set()
    for record, item in enumerate(mails):
        messages |= _messages_shown(item.notes, record)
    if len(messages) <= max(_longest_reply_chain(item.notes) for item in mails):
        return None
    # A thread the company's message opens ("Thank you for contacting us, your ticket has
    # been created") answers a message of the customer's it does not show.
    dated = [(min(day), sender) for sender, day in messages if day and min(day)[0] > 0]
    if not dated or _COMPANY_SENDER.search(min(dated)[1]) is not None:
        return None
    theirs = [sender for sender, _ in messages if _COMPANY_SENDER.search(sender) is None]
    names = {word.lower() for sender in theirs for word in _NAME_WORD.findall(sender)}
    return CustomerMails(len(theirs), frozenset(names))


def _messages_shown(notes: str, record: int) -> set[tuple[str, frozenset[tuple[int, int]]]]:
    """(sender, day) of each message a thread shows: a sender line with the date line
    after it, or a quote's "On <day>, <sender> wrote:"; a message without a readable day is
    its own, keyed by its `record` and line (a month below one: no day of the calendar)."""
    lines = [line.lstrip(" \t>") for line in notes.splitlines()]
    shown = set()
    for index, line in enumerate(lines):
        sender = _SENDER.search(line)
        if sender is not None:
            header = " ".join(lines[index + 1 : index + _HEADER_LINES])
            dated = _DATE_LINE.search(header)
            day = _days(dated.group(0)) if dated else frozenset({(-record, index)})
            shown.add((_sender_key(line[sender.end() :]), day))
        quoted = _QUOTE_LINE.search(line)
        if quoted is not None:
            shown.add((_sender_key(quoted.group("sender")), _days(quoted.group("day"))))
    return shown


def _days(text: str) -> frozenset[tuple[int, int]]:
    return frozenset(day for _, readings in mentioned_dates(text) for day in readings)


def _sender_key(sender: str) -> str:
    # "Priya S. - MapleRx Patient Care Team <care@...>" and "Priya S. - MapleRx Patient Care
    # Team" are one sender: its name's words, the address left out.
    return " ".join(word.lower() for word in _NAME_WORD.findall(sender))


# A sender line's date follows within this many lines ("To:", "Date:", "Subject:").
_HEADER_LINES = 4
_DATE_LINE = pattern("message_date_line")
_QUOTE_LINE = pattern("message_quote_line")
_NAME_WORD = pattern("sender_name_word")
