"""Names and words a transcript misheard are read as they were said."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import categories_of, record

# A call transcript as a speech recogniser wrote it.
TRANSCRIPT = (
    record(
        0,
        "agent",
        "[00:12] CX: my tv box freezes\n[01:40] REP: technician replaced the "
        "mode um today, eighty one dollars creditsed, pay-per-view charge removed",
        "resolved",
        "satisfied",
    ),
)


@pytest.mark.parametrize(
    ("summary", "wrong"),
    [
        ("The technician replaced the modem and $81 was credited.", False),
        ("The PPV charge was removed.", False),
        ("The technician replaced the router.", True),
        ("The HBO charge was removed.", True),
    ],
)
def test_words_a_transcript_misheard_are_read_as_said(summary: str, wrong: bool) -> None:
    found = categories_of(summary, TRANSCRIPT)
    assert bool(found & {"entity", "promise"}) is wrong, found
