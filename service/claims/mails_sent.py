"""A count of the e-mails a customer sent, against the threads' sender lines.

An e-mail record may be a thread, so "emailed three times" over two records is no finding
by itself: the threads may hold three messages. But a thread shows who sent each message
("From: Gordon Lafleche", "From: Priya - MapleRx Patient Care Team"): a summary that says
the customer e-mailed more often than the customer's sender lines number them ("Gordon
emailed MapleRx three times" where two of the three messages are his) miscounts. Only a
count told of the customer (by a pronoun, a customer's word or a name of the customer's
sender lines) is read; one told of the company, of nobody named, or where a record tells of
e-mails before its own is left to the contact counts.
"""

from __future__ import annotations

from service.claims.sources import SourceFacts
from service.claims.tables import pattern, word_list

_MAILED_BEFORE = pattern("mailed_before_a_count")
_CUSTOMER_WORDS = frozenset(word_list("customer_subject_words"))


def mails_past_the_customers(
    summary: str, start: int, count: int, source: SourceFacts
) -> str | None:
    """Why a count of times the customer e-mailed (at `start` in `summary`) runs past the
    customer's sender lines, or None when it does not or is not such a count."""
    sent = source.customer_mails
    if sent is None or source.earlier_told or count in source.counts or count <= sent.count:
        return None
    told = _MAILED_BEFORE.search(summary[max(0, start - 48) : start])
    if told is None:
        return None
    subject = told.group("subject").lower()
    if subject not in _CUSTOMER_WORDS and subject not in sent.names:
        return None  # the company's mails, or someone the senders do not name
    return f"the records hold {sent.count} e-mails from the customer"
