"""A name swapped for another beside the same word, with a comma or a bracket between.

"a supervisor, Kavya, approved" where the chat says "a supervisor, Deepa, approved", or
"Tanya (billing) approved" where it says "Nadia (billing) approved": the records name
someone else in that place, so the name is a swap, not a rewording the checker cannot read.
"""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary, kind_of

_CHAT = (
    "Customer: the installer never turned up on Monday\n"
    "Agent: sorry about that, I spoke to a supervisor, Deepa, and she approved a $40 credit\n"
    "Agent: Nadia (billing) will apply it to your next bill\n"
    "Customer: ok thanks"
)


def _raised(summary: str) -> set[str]:
    """The gate signals the summary raises."""
    report = check_summary(summary, [record(0, "chat", _CHAT)], OPTIONS)
    return {kind_of(f.category).name for f in report.findings}


@pytest.mark.parametrize(
    "summary",
    [
        "Installer no-show Monday; a supervisor, Kavya, approved a $40 credit.",
        "Installer no-show Monday; $40 credit approved, Tanya (billing) to apply it.",
    ],
)
def test_another_name_where_the_records_name_someone_is_a_swap(summary: str) -> None:
    assert "unsupported_fact" in _raised(summary)


@pytest.mark.parametrize(
    "summary",
    [
        "Installer no-show Monday; a supervisor, Deepa, approved a $40 credit.",
        "Installer no-show Monday; $40 credit approved, Nadia (billing) to apply it.",
    ],
)
def test_the_records_own_names_there_are_no_finding(summary: str) -> None:
    assert _raised(summary) == set()


_NOTE = (
    "Call wrap - mobility scooter repair\n"
    "Caller Mrs Hughes, scooter not charging. Booked engineer visit Wed.\n"
    "Escalated to branch mgr Owain re courtesy scooter - approved, delivered tomorrow.\n"
    "Cx happy, thanked."
)


@pytest.mark.parametrize(
    ("summary", "swapped"),
    [
        ("Scooter not charging; engineer Wed. Branch mgr Gareth approved a courtesy one.", True),
        ("Scooter not charging; engineer Wed. Courtesy one approved by Gareth in sales.", True),
        ("Scooter not charging; engineer Wed. Branch mgr Owain approved a courtesy one.", False),
        # A name beside no role may be the customer's, written another way.
        ("Scooter not charging; engineer Wed for Glenys. Courtesy one approved.", False),
    ],
)
def test_a_name_beside_a_staff_role_where_the_records_staff_another(
    summary: str, swapped: bool
) -> None:
    report = check_summary(summary, [record(0, "agent", _NOTE)], OPTIONS)
    raised = {kind_of(f.category).name for f in report.findings}
    assert ("unsupported_fact" in raised) == swapped


_BROKER = (
    "Customer: my broker (Tallis Mortgage Partners) said I could switch with no fee\n"
    "Agent: that product carries a £999 fee, I'm afraid\n"
    "Customer: ok thanks"
)


@pytest.mark.parametrize(
    ("summary", "swapped"),
    [
        # A name the brackets hold alone opens no sentence: it is read as a name.
        ("Fix ends 31/7, broker (Harcourt) said no fee, actually £999.", True),
        ("Fix ends 31/7, broker (Tallis) said no fee, actually £999.", False),
        # Brackets that open a sentence still open one.
        ("Fix ends 31/7 (Customer unhappy about the £999 fee).", False),
    ],
)
def test_a_name_alone_in_brackets_beside_a_role(summary: str, swapped: bool) -> None:
    report = check_summary(summary, [record(0, "chat", _BROKER)], OPTIONS)
    raised = {kind_of(f.category).name for f in report.findings}
    assert ("unsupported_fact" in raised) == swapped
