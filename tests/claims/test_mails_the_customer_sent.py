"""A count of the e-mails a customer sent, against the threads' sender lines: "emailed three
times" where two of the three messages are the customer's is a miscount; a message the
company's opens, one without a shown sender, and a count told of the company are left
alone."""

from __future__ import annotations

from oci_testing.claim_histories import findings_of, record

from service.claims.threads import customer_mails
from service.models import Interaction

ORDER = (
    record(
        0,
        "email",
        "From: Gordon Lafleche\nTo: care@maplerx.example\nDate: Mon, Mar 2, 2026 9:12 AM\n"
        "Subject: URGENT - insulin order MRX-55120 not delivered\n\n"
        "Hello, my refill has not arrived and I am nearly out.",
    ),
    record(
        1,
        "email",
        "From: Priya S. - MapleRx Patient Care Team\nTo: Gordon Lafleche\n"
        "Date: Tue, Mar 3, 2026 11:30 AM\nSubject: RE: URGENT - insulin order MRX-55120\n\n"
        "A replacement is on its way by overnight courier at no charge.\n\n"
        "> On Mon, Mar 2, 2026, Gordon Lafleche wrote:\n> Hello, my refill has not arrived.",
    ),
    record(
        3,
        "email",
        "From: Gordon Lafleche\nTo: care@maplerx.example\nDate: Thu, Mar 5, 2026 1:05 PM\n"
        "Subject: RE: RE: URGENT - insulin order MRX-55120\n\nIt arrived, thank you.\n\n"
        "> On Tue, Mar 3, 2026, Priya S. - MapleRx Patient Care Team wrote:\n"
        "> A replacement is on its way.",
    ),
)


def _counts(summary: str, records: tuple[Interaction, ...] = ORDER) -> list[str]:
    found, _ = findings_of(summary, records, "count")
    return [f.reason for f in found]


def test_the_customers_mails_are_counted_once_each_quoted_or_not() -> None:
    sent = customer_mails(ORDER)
    assert sent is not None and sent.count == 2 and "gordon" in sent.names


def test_more_mails_than_the_customer_sent_is_a_miscount() -> None:
    reasons = _counts("Gordon emailed MapleRx three times about order MRX-55120.")
    assert reasons == ["'three times': the records hold 2 e-mails from the customer"]
    assert _counts("He emailed three times; the replacement arrived.") == reasons


def test_as_many_as_the_customer_sent_is_no_finding() -> None:
    assert _counts("Gordon emailed MapleRx twice about order MRX-55120.") == []


def test_a_count_told_of_the_company_is_left_alone() -> None:
    assert _counts("MapleRx emailed him three times about order MRX-55120.") == []


def test_a_thread_the_company_opens_answers_an_unseen_message() -> None:
    acknowledged = (
        record(
            0,
            "email",
            "From: Chinedu Okafor\nDate: Fri, 6 Mar 2026 10:02\n"
            "Subject: RE: [Ticket #448] Parcel not delivered\n\nStill nothing, please help.\n\n"
            "> From: SwiftDrop Customer Care (no-reply)\n> Date: Wed, 4 Mar 2026 15:40\n"
            "> Thank you for contacting SwiftDrop. Your ticket has been created.",
        ),
    )
    assert customer_mails(acknowledged) is None
    assert _counts("Chinedu emailed twice about the parcel.", acknowledged) == []


def test_a_thread_without_sender_lines_is_unread() -> None:
    told = (record(0, "email", "Customer wrote in about a refund; we replied the same day."),)
    assert customer_mails(told) is None


def test_undated_messages_of_two_threads_are_two() -> None:
    first = "From: Ana Ruiz\nDate: Mon, 2 Mar 2026 09:00\nSubject: refund\n\nWhere is it?"
    undated = "From: Ana Ruiz\nTo: help@example.com\nSubject: refund\n\nStill no refund."
    threads = (record(0, "email", first), record(1, "email", undated), record(2, "email", undated))
    sent = customer_mails(threads)
    assert sent is not None and sent.count == 3
