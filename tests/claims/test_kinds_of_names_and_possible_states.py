"""Names of two kinds, codes said aloud, denials of a described thing, and states told
only as possible:

- a person's given name is no rival for a town ("speaking to Tom" beside a summary's "to
  London"); an airport's own name ("Kempegowda") names its town ("Bengaluru airport");
- a code whose figures a call says one by one ("W O four four seven one") is unread, not
  unsupported;
- "the sheet she uploaded on 18 March was never picked up" denies the picking up, not the
  upload;
- a thread that tells its own older ask answered ("we have received the Bizfile") leaves
  no step of it still to come;
- "the case may be closed" tells no state, nor does "the pool was closed";
- "gracias igual" (thanks anyway) and a closing "👍" are no thanks that a customer ended
  calm; "Resigned." is a mood in the writer's words, not filler.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oci_testing.claim_histories import chat, findings_of, record
from oci_testing.wild_reports import wild_report

from service.claims import read_clause, read_status

TRAIN_CALL = (
    record(
        0,
        "agent",
        "AGENT: good afternoon customer relations you're speaking to Tom\n"
        "CUSTOMER: my delay repay claim for the 09:03 from Bristol Temple Meads got rejected\n"
        "AGENT: I can see the e ticket, I'll approve it at fifty percent\n"
        "CUSTOMER: no that's great thanks Tom",
    ),
)


def test_a_persons_name_is_no_rival_for_a_town() -> None:
    said = "Claim for the 09:03 Bristol Temple Meads to London Paddington approved at 50%."
    assert findings_of(said, TRAIN_CALL, "entity")[0] == []


def test_a_town_beside_the_same_word_is_still_a_rival() -> None:
    history = (
        record(
            0,
            "chat",
            "Customer: the parcel was sent to Mombasa by mistake\n"
            "Agent: sorry, we will re-send it to Nakuru today",
        ),
    )
    said = "The parcel was sent to Kisumu by mistake; a new one goes today."
    assert findings_of(said, history, "entity")[0] != []


CAB_MAIL = (
    record(
        0,
        "email",
        "Subject: Overcharged airport trip\n"
        "Took cab from Kempegowda airport T2 to HSR Layout on 19/04 night. App showed upfront "
        "fare ₹960. Final charge ₹1,842 !! Please refund difference asap.",
    ),
)


def test_an_airports_own_name_names_its_town() -> None:
    said = "Charged ₹1,842 for a ride from Bengaluru airport quoted at ₹960."
    assert findings_of(said, CAB_MAIL, "entity") == ([], [])


def test_another_town_for_the_airport_is_not_passed() -> None:
    said = "Charged ₹1,842 for a ride from Chennai airport quoted at ₹960."
    found, unsure = findings_of(said, CAB_MAIL, "entity")
    assert found + unsure != []


SPOKEN_ORDER = (
    record(
        0,
        "agent",
        "CUSTOMER: the air con is dead\n"
        "AGENT: I've raised an emergency job, ticket number is W O four four seven one\n"
        "CUSTOMER: thank you",
    ),
)


def test_a_code_said_letter_by_letter_is_unread_not_unsupported() -> None:
    found, unsure = findings_of("Emergency work order WO-4471 raised.", SPOKEN_ORDER, "ticket")
    assert found == [] and len(unsure) == 1


@given(figures=st.integers(min_value=1000, max_value=9999).filter(lambda n: n != 4471))
def test_other_figures_than_the_call_said_are_never_passed(figures: int) -> None:
    found, unsure = findings_of(f"Work order WO-{figures} raised.", SPOKEN_ORDER, "ticket")
    assert found + unsure != []


@pytest.mark.parametrize(
    ("clause", "denied", "kept"),
    [
        ("the expense sheet she uploaded on 18 March was never picked up", "pick", "upload"),
        ("the refund she requested was never issued", "credit", "request"),
        ("the form he sent was not received", "form", "send"),
    ],
)
def test_a_denial_is_said_of_the_thing_a_relative_clause_describes(
    clause: str, denied: str, kept: str
) -> None:
    negated = read_clause(clause).negated
    assert denied in negated and kept not in negated


def test_a_denied_upload_with_no_relative_clause_stays_denied() -> None:
    assert "upload" in read_clause("the expense sheet was never uploaded").negated


THREAD = (
    record(
        0,
        "email",
        "Ok 9:30 is fine, I'll tell Claire.\nFarhan\n\n"
        "> Thank you, we have received the new Bizfile.\n"
        "> I have booked the video verification for Thursday at 9:30am.\n"
        ">> Attached the new Bizfile.\n"
        ">>> To proceed, we need:\n"
        ">>> 1. Latest ACRA Bizfile (dated within 30 days) - the one uploaded is dated 12 Feb.",
    ),
)


def test_an_ask_the_thread_tells_answered_is_no_step_still_to_come() -> None:
    said = "He has now sent an up-to-date Bizfile; the video call is on Thursday at 9:30am."
    assert findings_of(said, THREAD, "status")[0] == []


@pytest.mark.parametrize(
    "text",
    [
        "or the case may be closed in the merchant's favour.",
        "the dispute could be closed without a refund",
        "it might get fixed by the next update",
    ],
)
def test_a_state_told_only_as_possible_is_no_state(text: str) -> None:
    assert read_status(text) is None


@pytest.mark.parametrize(
    ("text", "state"),
    [("the case has been closed", "resolved"), ("the dispute is still open", "open")],
)
def test_a_state_told_plainly_is_still_read(text: str, state: str) -> None:
    assert read_status(text) == state


@pytest.mark.parametrize(
    "text",
    ["the pool was closed", "Pool: closed for tile repairs, no reopening date"],
)
def test_a_place_shut_is_no_state_of_the_matter(text: str) -> None:
    assert read_status(text) is None


@pytest.mark.parametrize(
    ("text", "state"), [("the ticket was closed", "resolved"), ("the pool is fixed", "resolved")]
)
def test_a_matter_closed_or_a_place_fixed_still_tells_a_state(text: str, state: str) -> None:
    assert read_status(text) == state


GRUDGING = chat(
    "Customer: no water since 7am and a baby at home!!!",
    "Agent: a main pipe broke, we estimate 23:00. Tankers are at the plaza from 14:00.",
    "Customer: and do i pay for this day? i want a discount",
    "Agent: I can't approve a discount from here, you can file a claim on the website.",
    "Customer: ok so nobody approve nothing. typical",
    "Customer: my husband went to the plaza, there is a line but we got 2 bidones",
    "Agent: Glad you could get some water. We'll post updates on our profile.",
    "Customer: ok. gracias igual",
)


@pytest.mark.parametrize(
    ("conversation", "style", "category"),
    [
        # "ok. gracias igual" after "nobody approve nothing. typical": thanks anyway.
        ("wild-bt1-005", "human_dataset", "sentiment"),
        ("wild-bt1-005", "llm_bullets", "sentiment"),
        # "- Pool: closed for tile repairs, no reopening date" of a gym's complaint.
        ("wild-bt2-009", "llm_bullets", "status"),
    ],
)
def test_faithful_briefings_of_the_wild_set_raise_no_such_finding(
    conversation: str, style: str, category: str
) -> None:
    report = wild_report(conversation, "faithful", style)
    assert [f for f in report.findings if f.category == category] == []


THREAT = chat(
    "Customer: this offer is an insult, my garage says 19,800",
    "Agent: I can't change the amount but I have escalated it to the Claims Manager.",
    "Customer: I am not accepting it. If by end of month nothing I am going to the regulator",
    "Agent: Understood. You can complain to the regulator at any time.",
    "Customer: 👍",
)


def test_a_closing_thumbs_up_is_no_thanks_against_an_angry_ending() -> None:
    said = "Still angry, threatening the regulator if nothing by month end."
    assert findings_of(said, THREAT, "sentiment")[0] == []


def test_closing_thanks_still_tell_a_customer_did_not_end_in_rage() -> None:
    thanked = chat(*THREAT[0].notes.splitlines()[:-1], "Customer: ok thank you Selasi")
    said = "Still angry, threatening the regulator if nothing by month end."
    assert findings_of(said, thanked, "sentiment")[0] != []


def test_a_resigned_customer_is_a_mood_not_filler() -> None:
    assert findings_of('Resigned ("it is what it is").', GRUDGING, "filler")[0] == []
