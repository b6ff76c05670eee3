"""An act a summary tells done already, or since, that the last record sets still to come:
"the refund has already landed" against "it takes 5-10 working days to show", in a
conversation of any language; but not an act the records write done, one told with a day
of its own, one told before the story ("she had already paid"), nor the customer's own
payment."""

from __future__ import annotations

from oci_testing.claim_histories import chat, findings_of, record

# The company sets the refund going; the money is still on its way at the last contact.
REFUND_ON_ITS_WAY = chat(
    "Customer: order KT-4471 came 80 min late and cold, I want my R312 back",
    "Agent: I'm sorry Thandi. I've asked our payments team to refund R312 to your Visa card.",
    "Agent: it can take 5-10 working days to show on the card, depending on your bank.",
    "Customer: ok thanks",
)


def test_money_told_already_back_while_still_on_its_way_is_a_status_finding() -> None:
    found, _ = findings_of(
        "Order KT-4471 was late and cold. The R312 has already been credited to her card.",
        REFUND_ON_ITS_WAY,
        "status",
    )
    assert [f.claim for f in found] == ["The R312 has already been credited to her card"]
    assert found[0].verdict == "contradicted"


def test_money_told_on_its_way_is_no_finding() -> None:
    found, _ = findings_of(
        "Order KT-4471 was late and cold; R312 refunded to her card, 5-10 working days.",
        REFUND_ON_ITS_WAY,
        "status",
    )
    assert found == []


# A replacement sent in a conversation the checker cannot read word for word: the day it
# is expected and the router's code are all it reads.
SENT_IN_DANISH = (
    record(
        0,
        "chat",
        "Kunde: min router RT-5521 virker ikke\n"
        "Agent: Vi sender en ny router RT-5521 til dig, forventet levering 14/03.\n"
        "Kunde: tak",
    ),
)


def test_a_step_read_by_its_span_and_figure_in_another_language() -> None:
    found, _ = findings_of(
        "Router broken; new router RT-5521 has already been delivered.", SENT_IN_DANISH, "status"
    )
    assert [f.claim for f in found] == ["new router RT-5521 has already been delivered"]


def test_a_step_the_records_write_done_is_no_finding() -> None:
    arrived = (
        *REFUND_ON_ITS_WAY,
        record(9, "chat", "Customer: the R312 refund has credited now, thanks. Agent: great"),
    )
    found, _ = findings_of("The R312 has already been credited to her card.", arrived, "status")
    assert found == []


def test_an_act_with_a_day_of_its_own_is_left_to_the_date_checks() -> None:
    found, _ = findings_of(
        "The R312 was already credited on 3 March, per the agent.", REFUND_ON_ITS_WAY, "status"
    )
    assert found == []


PAID_AHEAD = chat(
    "Customer: I already paid the R950 deposit for the booking. Why is there a new invoice?",
    "Agent: the invoice INV-2207 is for the balance, due within 7 days. I'll email it now.",
)


def test_the_customers_own_earlier_payment_is_no_finding() -> None:
    for summary in (
        "She had already paid the R950 deposit; balance invoice INV-2207 due in 7 days.",
        "R950 deposit already paid; balance invoice INV-2207 due within 7 days.",
    ):
        found, _ = findings_of(summary, PAID_AHEAD, "status")
        assert found == [], summary


def test_money_told_already_paid_out_to_the_customer_is_a_finding() -> None:
    payout = chat(
        "Customer: where is my R640 compensation",
        "Agent: approved, the R640 will be paid to your bank account within 14 days.",
    )
    found, _ = findings_of(
        "Compensation approved; R640 already paid out to her bank account.", payout, "status"
    )
    assert [f.claim for f in found] == ["R640 already paid out to her bank account"]


# Compensation set going in Danish, to be paid within 14 days.
PAYOUT_IN_DANISH = (
    record(
        0,
        "chat",
        "Kunde: jeg vil have kompensation for forsinkelserne\n"
        "Agent: Kompensationen på kr 281,25 udbetales til din NemKonto inden for 14 dage.\n"
        "Kunde: fint",
    ),
)


def test_a_span_written_in_another_language_sets_the_step_to_come() -> None:
    found, _ = findings_of(
        "He gets 25% back: DKK 281.25, already paid to his NemKonto.", PAYOUT_IN_DANISH, "status"
    )
    assert len(found) == 1 and found[0].certain


def test_an_aside_on_a_thing_is_no_act_told_done() -> None:
    found, _ = findings_of(
        "The DKK 281.25 (already paid to his NemKonto last year) is a separate matter.",
        PAYOUT_IN_DANISH,
        "status",
    )
    assert found == []


def test_money_told_already_reaching_the_card_by_its_small_sum_is_a_finding() -> None:
    history = chat(
        "Agent: I've raised the refund of the $95 annual fee for you.",
        "Agent: The $95 refund will post as a credit within 1-2 statement cycles.",
    )
    found, _ = findings_of("The $95 has already reached her account.", history, "status")
    assert [f.claim for f in found] == ["The $95 has already reached her account"]
    on_its_way = "The $95 refund will post within 1-2 statement cycles."
    assert findings_of(on_its_way, history, "status")[0] == []


def test_money_told_already_arrived_of_the_refund_on_its_way_is_a_finding() -> None:
    history = chat(
        "Agent: Done, AED 86.00 refund to your card ending 4417.",
        "Agent: card refunds take 3-5 working days",
    )
    found, _ = findings_of(
        "She was refunded, and it has already reached her card.", history, "status"
    )
    assert [f.claim for f in found] == ["it has already reached her card"]
    # Money told arrived where the last record sets no refund on its way says nothing.
    delivered = chat("Agent: your parcel is with the courier, 3-5 working days")
    assert findings_of("It has already reached her.", delivered, "status")[0] == []
