"""A sentence the checker finds nothing of in the records is padding only when any summary
could hold it. In a conversation no label sums up, one with words of its own may say in
other words what the conversation says: an abstention, not a finding."""

from __future__ import annotations

from oci_testing.claim_histories import OPTIONS, record

from service.claims import check_summary

CHAT = (
    record(
        0,
        "chat",
        "Customer: my parcel never came. Agent: I have reissued order 4471, it ships today.",
    ),
)
LABELLED = (
    record(
        0,
        "chat",
        "Customer reported a missing parcel. Agent reissued order 4471, shipping today.",
        outcome="resolved",
        sentiment="neutral",
    ),
)
FACTS = "Order 4471 reissued, ships today."
OWN_WORDS = "He mentioned the neighbour's dog barking at the door."
PADDING = "Overall the customer has had a number of interactions with the team."


def test_words_of_its_own_in_an_unlabelled_conversation_are_an_abstention() -> None:
    report = check_summary(f"{FACTS} {OWN_WORDS}", CHAT, OPTIONS)
    assert "filler" not in report.by_category()
    assert [f.category for f in report.abstentions if f.claim == OWN_WORDS] == ["filler"]


def test_padding_any_summary_could_hold_is_still_filler_there() -> None:
    report = check_summary(f"{FACTS} {PADDING}", CHAT, OPTIONS)
    assert "filler" in report.by_category()


def test_labelled_records_sum_the_matter_up_so_words_of_its_own_are_filler() -> None:
    report = check_summary(f"{FACTS} {OWN_WORDS}", LABELLED, OPTIONS)
    assert "filler" in report.by_category()
