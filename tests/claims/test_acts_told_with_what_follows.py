"""An act a record tells done in a clause that also tells what follows ("Applied £30
credit, will show on next stmt") is done, not only promised; a past form told by a day
or on a condition ("supply restored by Saturday", "will show as paid once it lands") is
not. A step told "to be removed once approved" is to come. A denial in a leading
circumstance ("With no refunds in the past year, ...") is history, and an account of what
someone says is set beside the records only as an abstention."""

from __future__ import annotations

from oci_testing.claim_histories import chat, findings_of, record

from service.claims.clause import read_clause

NOTE = (
    record(
        0,
        "agent",
        "Eng no-show 28/01. Apologised. Applied £30 missed appt credit (GS) to acct, adv will "
        "show on next stmt. Rebooked 06/02 PM.",
    ),
)


def test_a_past_form_before_what_follows_tells_the_act_done() -> None:
    found, unsure = findings_of("Applied a £30 missed-appointment credit.", NOTE, "status")
    assert not [f for f in found + unsure if "only promise or request" in f.reason]
    promised = (record(0, "agent", "Adv £30 missed appt credit will show on next stmt."),)
    found, unsure = findings_of("Applied a £30 missed-appointment credit.", promised, "status")
    assert [f for f in found + unsure if "only promise or request" in f.reason]


def test_a_past_form_by_a_day_or_on_a_condition_is_not_done() -> None:
    by_a_day = chat(
        "Agent: There's a burst main. Current estimate is supply restored by Saturday 21 March."
    )
    found, unsure = findings_of("Supply has now been restored.", by_a_day, "status")
    assert found or unsure
    once = chat("Agent: Your invoice will show as paid once their payment lands.")
    found, unsure = findings_of("The invoice has now been paid in full.", once, "status")
    assert found or unsure


def test_a_step_to_be_done_once_approved_is_to_come() -> None:
    assert read_clause("Pass benefits to be removed once approved").mode == "promise"
    assert read_clause("the fault seems to be fixed").mode == "done"


WRAP = (
    record(
        0,
        "agent",
        "Called re 2 OD fees $35 ea. Acct hist clean, no OD refunds in past 12 mo. Refunded "
        "both fees as one-time courtesy - credits posted real time.",
    ),
)


def test_a_denial_in_a_leading_circumstance_is_history() -> None:
    summary = "With no overdraft refunds in the past year, the agent refunded both fees."
    assert not findings_of(summary, WRAP, "negated_action")[0]
    # An act left undone instead is still a denial of it.
    assert read_clause("Instead of applying a credit, the agent closed the call").negated


def test_an_account_set_beside_an_unlabelled_account_is_an_abstention() -> None:
    note = "Unhappy re fence decline - says nobody told him at sale fences excluded."
    summary = "He disputed the decision, saying he was never told fences were excluded."
    found, unsure = findings_of(summary, (record(0, "agent", note),), "negated_action")
    assert not found and unsure


def test_an_act_a_record_tells_only_as_the_customers_claim_is_no_contradiction() -> None:
    note = (
        "Pass auto-renewed 05/03 tho cx says he cancelled 04/03 in web store. "
        "Log shows cancel attempt 04/03 21:14 failed - known web store bug."
    )
    summary = "His cancellation failed because of a known web store bug."
    found, _ = findings_of(summary, (record(0, "agent", note),), "negated_action")
    assert not found
    beside = "Escalated to retention manager, terms the customer says were misrepresented."
    found, _ = findings_of(
        "Failed to escalate to a retention manager.",
        (record(0, "agent", beside),),
        "negated_action",
    )
    assert found
