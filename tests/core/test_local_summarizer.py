from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from service.claims import check_summary
from service.local_models.extractive import NO_DATA, lead_baseline, summarize_prompt
from service.models import Interaction, SummaryOptions
from service.prompts import PromptTemplate, render_prompt

SYSTEM = "Write at most 60 words. Never repeat phone numbers, e-mail addresses or card numbers."
TEMPLATE = PromptTemplate(system=SYSTEM, user="{{interactions}}", variables=("interactions",))
AS_OF = datetime(2025, 12, 8, tzinfo=UTC)
HISTORY = [
    Interaction(
        channel="ivr",
        timestamp=datetime(2025, 12, 1, 10, tzinfo=UTC),
        intent="ChargeDispute",
        outcome="transferred",
        sentiment="frustrated",
        notes="Caller disputed a $45 charge on the November bill.",
    ),
    Interaction(
        channel="agent",
        timestamp=datetime(2025, 12, 3, 14, tzinfo=UTC),
        intent="BillingInquiry",
        outcome="escalated to billing",
        sentiment="frustrated",
        notes="Agent promised a callback by Dec 10. Customer can be reached at 555-123-4567 "
        "or jane.doe@example.com. Card on file 4111 1111 1111 1111.",
    ),
]


def _user(items: list[Interaction]) -> str:
    return render_prompt(TEMPLATE, items, SummaryOptions(as_of=AS_OF)).user


def test_summary_states_amounts_dates_open_items_and_sentiment() -> None:
    text = summarize_prompt(SYSTEM, _user(HISTORY))
    assert "$45" in text
    assert "Dec 10" in text
    assert "escalated to billing" in text
    assert "frustrated" in text
    assert "2 times" in text


def test_summary_never_repeats_pii_when_the_prompt_forbids_it() -> None:
    text = summarize_prompt(SYSTEM, _user(HISTORY))
    for pii in ("555-123-4567", "jane.doe@example.com", "4111 1111 1111 1111"):
        assert pii not in text


def test_summary_without_records_says_there_is_no_data() -> None:
    assert summarize_prompt(SYSTEM, "The customer data was left out of this prompt.") == NO_DATA


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=10, max_value=120))
def test_summary_honours_the_word_limit_and_is_deterministic(limit: int) -> None:
    system = f"Write at most {limit} words."
    first = summarize_prompt(system, _user(HISTORY * 3))
    assert len(first.split()) <= limit
    assert first == summarize_prompt(system, _user(HISTORY * 3))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=25, max_value=120))
def test_lead_baseline_writes_whole_sentences_within_the_limit(limit: int) -> None:
    system = f"Write at most {limit} words."
    text = lead_baseline(system, _user(HISTORY * 2))
    assert len(text.split()) <= limit
    assert text.endswith((".", "!", "?")) and "…" not in text
    assert text == lead_baseline(system, _user(HISTORY * 2))


def test_lead_baseline_passes_the_claim_checks_on_its_own() -> None:
    options = SummaryOptions(as_of=AS_OF)
    text = lead_baseline(SYSTEM, _user(HISTORY))
    report = check_summary(text, HISTORY, options, system_prompt=SYSTEM)
    assert report.ok, report.findings
    assert "555-123-4567" not in text and "jane.doe" not in text
    assert lead_baseline(SYSTEM, _user([])) == NO_DATA
