"""Summaries laid out as models lay them out (bullets, numbered lists, markdown headings)
are read as the same sentences: a faithful one passes in every layout, a wrong claim is
named in every layout, and list style is not mistaken for a cut-off summary."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary
from service.claims.layout import read_layout

# A refund promised after a double charge; still open at the last contact.
REFUND = (
    record(
        0,
        "agent",
        "Customer charged twice for the May bill ($54.20). Refund of $54.20 promised within "
        "5 business days; case BL-3310 opened.",
        "refund_pending",
        "negative",
        intent="billing",
    ),
    record(
        8,
        "chat",
        "Customer: the refund still hasn't arrived. Agent: chased billing, BL-3310 still open.",
        "open",
        "frustrated",
        intent="billing",
    ),
)
SENTENCES = [
    "Charged twice for the May bill ($54.20); case BL-3310 opened on Mar 2",
    "A refund of $54.20 was promised within 5 business days",
    "On Mar 10 the refund still had not arrived and BL-3310 is still open",
    "The customer is frustrated",
]
NO_DATA = "No interactions found in the last 90 days. The customer is calling about billing."


def layouts(items: list[str], stop: str = ".") -> dict[str, str]:
    return {
        "prose": " ".join(f"{item}." for item in items),
        "bullets": "\n".join(f"- {item}{stop}" for item in items),
        "numbered": "\n".join(f"{i}. {item}{stop}" for i, item in enumerate(items, 1)),
        "markdown": "**Summary**\n\n"
        + " ".join(f"{item}." for item in items[:-1])
        + f"\n\n**Sentiment:** {items[-1]}.",
        "headings": "## Interaction summary\n" + "\n".join(f"* {item}" for item in items),
    }


@pytest.mark.parametrize("stop", [".", ""])
@pytest.mark.parametrize("layout", ["prose", "bullets", "numbered", "markdown", "headings"])
def test_a_faithful_summary_passes_in_every_layout(layout: str, stop: str) -> None:
    report = check_summary(layouts(SENTENCES, stop)[layout], REFUND, OPTIONS)
    assert report.ok, [(f.category, f.claim, f.reason) for f in report.findings]


@pytest.mark.parametrize("layout", ["prose", "bullets", "numbered", "markdown", "headings"])
def test_a_wrong_claim_is_named_in_every_layout(layout: str) -> None:
    wrong = [*SENTENCES[:2], "On Mar 10 the refund was paid and BL-3310 closed", SENTENCES[3]]
    report = check_summary(layouts(wrong)[layout], REFUND, OPTIONS)
    assert "status" in {f.category for f in report.findings}


@pytest.mark.parametrize(
    "lead_in",
    [
        "Here is a summary of the customer's recent interactions: ",
        "Sure, here's the briefing for the next agent:\n",
        "**Summary**\nHere's a brief overview of the account:\n",
    ],
)
def test_a_lead_in_is_layout_not_a_claim(lead_in: str) -> None:
    summary = lead_in + " ".join(f"{item}." for item in SENTENCES)
    report = check_summary(summary, REFUND, OPTIONS)
    assert report.ok, [(f.category, f.claim, f.reason) for f in report.findings]


def test_talk_about_the_models_instructions_is_still_named() -> None:
    summary = " ".join(f"{item}." for item in SENTENCES) + " As an AI, my instructions say so."
    assert "injection" in {f.category for f in check_summary(summary, REFUND, OPTIONS).findings}


def test_a_promise_not_received_is_not_a_promise_denied() -> None:
    summary = (
        "A refund of $54.20 was promised within 5 business days; on Mar 10 the customer had "
        "not received the refund they were promised and BL-3310 is still open."
    )
    report = check_summary(summary, REFUND, OPTIONS)
    assert report.ok, [(f.category, f.claim, f.reason) for f in report.findings]


@pytest.mark.parametrize(
    "summary", [f"Summary:\n{NO_DATA}", f"**Summary**\n\n{NO_DATA}", f"- {NO_DATA}"]
)
def test_no_data_under_a_heading_is_still_no_data(summary: str) -> None:
    assert check_summary(summary, (), OPTIONS).ok


@pytest.mark.parametrize(
    ("ending", "cut"),
    [
        ("**Customer mood:** frustrated", False),
        ("Current status: open", False),
        ("Customer mood: frus", True),
        ("Promised: a refund of", True),
    ],
)
def test_a_closing_label_and_value_is_an_ending(ending: str, cut: bool) -> None:
    summary = " ".join(f"{item}." for item in SENTENCES[:3]) + f" {ending}"
    found = {f.category for f in check_summary(summary, REFUND, OPTIONS).findings}
    assert ("truncated" in found) == cut, found


def test_lines_under_labels_without_full_stops_are_not_cut_off() -> None:
    summary = (
        "**Issue:** charged twice for the May bill ($54.20), case BL-3310\n"
        "**Actions so far:** a refund of $54.20 was promised within 5 business days\n"
        "**Status:** BL-3310 is still open; the refund has not arrived\n"
        "**Customer mood:** Frustrated"
    )
    report = check_summary(summary, REFUND, OPTIONS)
    assert report.ok, [(f.category, f.claim, f.reason) for f in report.findings]


@pytest.mark.parametrize(
    "summary",
    [
        "There are no interactions on record for this customer.",
        "No interactions were found for this customer in the last 90 days.",
    ],
)
def test_no_data_in_other_words_is_still_no_data(summary: str) -> None:
    assert check_summary(summary, (), OPTIONS).ok


def test_a_list_cut_off_mid_item_is_truncated() -> None:
    cut = "- Charged twice for the May bill ($54.20).\n- A refund of $54.20 was promised within"
    assert "truncated" in {f.category for f in check_summary(cut, REFUND, OPTIONS).findings}


@given(st.lists(st.text(st.characters(codec="ascii"), max_size=40), max_size=6))
@example(["0*__"])  # dropping "__" left "*" at a word's edge for the second reading
def test_reading_the_layout_twice_changes_nothing(lines: list[str]) -> None:
    once = read_layout("\n".join(lines))
    assert read_layout(once) == once


@given(st.text(st.characters(codec="ascii", exclude_characters="\n\r*_"), max_size=80))
def test_one_plain_line_is_read_as_written(line: str) -> None:
    assume(not re.match(r"\s*(?:#|[-+]\s|\(?\d{1,2}[.)]\s)", line))  # a list item or heading
    assert read_layout(line) == line
