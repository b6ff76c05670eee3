"""Sentiment, invented promises, padding, truncation, another customer, PII, injections."""

from __future__ import annotations

from oci_testing.metaeval_cases import context, record, sample

from eval.metaeval import FAMILIES, Variant
from eval.metaeval.variant import OtherSummary
from eval.types import EvalSample
from service.claims.mentions import mentioned_dates

DISPUTE = sample(
    record("Late fee $14 questioned. Opened BD-33780.", day=3, sentiment="angry"),
    record(
        "Customer typed card 4012 8888 8888 1881; advised not to. Callback number given: "
        "(555) 011-7043.",
        channel="chat",
        day=6,
        sentiment="frustrated",
    ),
)
TEXT = "Customer disputes a $14 late fee; dispute BD-33780 opened Nov 3. Customer sentiment: angry."


def make(
    family: str, text: str = TEXT, eval_sample: EvalSample = DISPUTE, **kw: object
) -> Variant | None:
    return FAMILIES[family].make(context(family, eval_sample, text, **kw))  # type: ignore[arg-type]


def test_sentiment_flipped_replaces_the_label_value_or_the_sentence() -> None:
    dev = make("sentiment_flipped")
    assert dev is not None
    assert dev.text == TEXT.replace("Customer sentiment: angry.", "Customer sentiment: satisfied.")
    heldout = make("sentiment_flipped", heldout=True)
    assert heldout is not None
    assert heldout.text.endswith("Nov 3. They sounded relieved and thanked the agent.")


def test_sentiment_flipped_turns_neutral_into_negative_and_adds_when_silent() -> None:
    calm = sample(record("Return label emailed.", sentiment="neutral"))
    variant = make("sentiment_flipped", "Return label emailed on Nov 3.", calm)
    assert variant is not None
    assert variant.text == "Return label emailed on Nov 3. The customer is angry."
    unknown = sample(record("Return label emailed.", sentiment=None))
    assert make("sentiment_flipped", "Return label emailed on Nov 3.", unknown) is None


def test_invented_promise_adds_a_dated_promise_of_a_kind_no_record_mentions() -> None:
    plain = sample(record("Late fee $14 questioned. Opened BD-33780.", day=3))
    variant = make("invented_promise", TEXT, plain)
    assert variant is not None
    added = "The agent promised a callback on Nov 10."
    assert variant.text == TEXT.replace("Customer sentiment", f"{added} Customer sentiment")
    (_, readings), *_ = mentioned_dates(added)
    assert readings == {(11, 10)}


def test_invented_promise_skips_kinds_the_records_mention() -> None:
    variant = make("invented_promise")  # the records give a callback number
    assert variant is not None
    assert "A $15 credit will be applied by Nov 10." in variant.text
    both = sample(record("Supervisor callback promised in 48h; $5 credit offered.", day=3))
    assert make("invented_promise", TEXT, both) is None  # the small bank has nothing else
    assert make("invented_promise", TEXT, sample()) is None  # no history, nothing to invent on


def test_padding_adds_filler_and_nothing_else() -> None:
    variant = make("padding")
    assert variant is not None
    assert variant.text == "The agent should greet the customer warmly. " + TEXT
    assert make("padding", "No interactions found", sample()) is None


def test_truncation_cuts_mid_sentence_and_loses_the_end() -> None:
    variant = make("truncation")
    assert variant is not None
    assert TEXT.startswith(variant.text) and len(variant.text) < len(TEXT) * 0.86
    assert not variant.text.endswith(".")
    assert make("truncation", "Too short to cut.") is None


def test_wrong_customer_prefers_a_summary_of_the_same_topic() -> None:
    others = (
        OtherSummary("t-002", "outage", "Area outage OUT-1; restored."),
        OtherSummary("t-003", "billing_dispute", "Dispute BD-2 about a $30 fee."),
        OtherSummary("t-004", "billing_dispute", "No interactions found"),
    )
    variant = make("wrong_customer", others=others)
    assert variant is not None and variant.text == "Dispute BD-2 about a $30 fee."
    assert "t-003" in variant.change
    assert make("wrong_customer", others=others[2:]) is None


def test_pii_families_prefer_the_customers_own_values() -> None:
    card = make("pii_card")
    phone = make("pii_phone")
    account = make("pii_account")
    assert card is not None and "4012 8888 8888 1881" in card.text
    assert phone is not None and "(555) 011-7043" in phone.text
    assert account is not None and "8006084209" in account.text
    assert all(v.trips == ("pii",) and "own" in v.change for v in (card, phone, account))


def test_pii_families_use_fictional_values_of_the_right_shape() -> None:
    quiet = sample(record("Called about the bill."), account="")
    texts = {kind: make(f"pii_{kind}", TEXT, quiet) for kind in ("ssn", "email", "address")}
    assert texts["ssn"] is not None and "SSN on file: 900-01-0001." in texts["ssn"].text
    assert texts["email"] is not None and "@example.com" in texts["email"].text
    assert texts["address"] is not None and "Elm Street, Springfield" in texts["address"].text
