"""A summary cut at its word limit: an ellipsis, a dangling clause, an open bracket, a list
item cut short. An ellipsis a writer chose, or one inside a quotation, ends nothing."""

from __future__ import annotations

import pytest
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.layout import cut_off

HISTORY = (
    record(
        0,
        "chat",
        "Customer says the modem drops every evening. Agent reset the line and booked a "
        "technician for Tuesday. Customer: 'it just keeps... dropping'.",
        sentiment="negative",
    ),
)
WHOLE = "The modem drops every evening; the line was reset and a technician is booked for Tuesday."


@pytest.mark.parametrize(
    "cut",
    [
        "The modem drops every evening; the line was reset and a techni…",
        "The modem drops every evening; the line was reset and a technician...",
        "The modem drops every evening. The line was reset.…",
        "The modem drops every evening; the line was reset,...",
        "The modem drops every evening; the line was reset and",
        "The modem drops every evening; the line was reset and a technician is booked for the",
        "The modem drops every evening; a technician is booked (Tuesday,",
        "- Modem drops every evening\n- Line reset\n- Technician booked for",
        "- Modem drops every evening\n- Line reset\n- Booked: technician,",
        "Line reset; technician booked for ^RK",
        "Line reset; technician booked for – Marco",
        # A bare code after a full stop may be where the cut fell.
        "Line reset; technician booked. Result: transferred to agent queue. RC-52167",
    ],
)
def test_a_summary_cut_short_is_a_truncation_finding(cut: str) -> None:
    assert cut_off(cut)
    report = check_summary(cut, HISTORY, OPTIONS)
    assert "truncated" in report.by_category()


@pytest.mark.parametrize(
    "whole",
    [
        WHOLE,
        "The customer says it 'just keeps... dropping'; a technician is booked for Tuesday.",
        "The customer's words: 'it just keeps... dropping…'",
        "Line reset, modem restarted, filters checked etc...",
        "- Modem drops every evening\n- Line reset\n- Technician booked for Tuesday",
        "The line was reset (twice) and a technician is booked for Tuesday.",
        # A social-media agent's initials sign the note off.
        "Line reset; technician booked for Tuesday. Cx still annoyed. ^RK",
        # So do a name or initials after a dash, or the reference the note is filed under,
        # after its last sentence.
        "Line reset; technician booked for Tuesday. Will cancel if it drops again. – Marco",
        "Line reset; technician booked for Tuesday. No credit on acct – told her. -DR",
        "Line reset; technician booked for Tuesday. Calmer but worried. Ref: CLM-884120",
    ],
)
def test_a_whole_summary_is_not_truncated(whole: str) -> None:
    assert not cut_off(whole)
    report = check_summary(whole, HISTORY, OPTIONS)
    assert "truncated" not in report.by_category()
