"""Negated actions and status flips on hand-made samples."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from oci_testing.metaeval_cases import FirstChoice, context, record, sample

from eval.metaeval import FAMILIES, Variant
from eval.metaeval.actions import find_actions

T = TypeVar("T")

OPEN = sample(
    record("Submitted reversal of the $82 fee; warehouse scan can take 7-10 days.", day=3),
    status="reversal still pending",
)
RESOLVED = sample(
    record("Dispute approved; $14 credit applied to the account.", channel="email", day=5),
    status="issue resolved",
)


def make(family: str, text: str, eval_sample=OPEN, **kwargs: object) -> Variant | None:  # type: ignore[no-untyped-def]
    return FAMILIES[family].make(context(family, eval_sample, text, **kwargs))  # type: ignore[arg-type]


def test_negated_action_negates_a_passive_in_each_half() -> None:
    text = "On Nov 3 a reversal of the $82 fee was submitted. Customer sentiment: frustrated."
    dev, heldout = make("negated_action", text), make("negated_action", text, heldout=True)
    assert dev is not None and heldout is not None
    assert dev.text == text.replace("was submitted", "was not submitted")
    assert (dev.split, heldout.split) == ("dev", "heldout")
    # "submit" has no antonym, so the held-out bank's first usable form is "yet to be".
    assert heldout.text == text.replace("was submitted", "has yet to be submitted")


def test_negated_action_uses_an_antonym_where_the_verb_has_one() -> None:
    text = "The dispute was approved."
    variant = make("negated_action", text, heldout=True)
    assert variant is not None and variant.text == "The dispute was rejected."


def test_negated_action_negates_active_and_participle_forms() -> None:
    active = make("negated_action", "The agent applied a $6.00 credit.")
    assert active is not None and active.text == "The agent did not apply a $6.00 credit."
    clipped = make("negated_action", "Submitted BD-94364, 5-7 business days.")
    assert clipped is not None and clipped.text == "Did not submit BD-94364, 5-7 business days."
    participle = make("negated_action", "Aug 8 chat: label sent by email.")
    assert participle is not None and participle.text == "Aug 8 chat: label not sent by email."
    plural = make("negated_action", "They requested a move.", heldout=True)
    assert plural is not None and plural.text == "They were unable to request a move."


class LastAction(FirstChoice):
    def choices(self, population: Sequence[T], *args: Any, **kwargs: Any) -> list[T]:
        return [population[-1]]


def test_negated_action_negates_an_indefinite_subject() -> None:
    text = "On Nov 9 a $6.00 outage credit was applied."
    [_, no_np] = find_actions(text)
    assert (no_np.construction, no_np.fields["np"]) == ("no_np", "$6.00 outage credit")
    dev = make("negated_action", text, rng=LastAction())
    assert dev is not None and dev.text == "On Nov 9 no $6.00 outage credit was applied."
    heldout = make("negated_action", text, rng=LastAction(heldout=True))
    assert heldout is not None
    assert heldout.text == "On Nov 9 no $6.00 outage credit has actually been applied."


def test_negated_action_leaves_negated_and_quoted_actions_alone() -> None:
    assert find_actions("The credit was never applied. No refund was issued.") == []
    assert find_actions("Customer: 'you charged me and never refunded it'") == []
    assert find_actions("A credit promised on an earlier call was never applied.") == []
    assert make("negated_action", "The customer is frustrated about the wait.") is None


def test_open_to_resolved_restates_every_open_statement_as_resolved() -> None:
    text = (
        "On Nov 3 a reversal of the $82 fee was submitted. Reversal still pending; "
        "no update since. Customer sentiment: frustrated."
    )
    variant = make("open_to_resolved", text)
    assert variant is not None
    assert variant.text == (
        "On Nov 3 a reversal of the $82 fee was submitted. The reversal has been processed. "
        "Customer sentiment: frustrated."
    )
    heldout = make("open_to_resolved", text, heldout=True)
    assert heldout is not None and heldout.split == "heldout"
    assert "Good news: the reversal was put through on the last contact." in heldout.text


def test_open_to_resolved_adds_a_claim_when_the_summary_is_silent() -> None:
    text = "On Nov 3 a reversal of the $82 fee was submitted. Customer sentiment: frustrated."
    variant = make("open_to_resolved", text)
    assert variant is not None
    assert variant.text == (
        "On Nov 3 a reversal of the $82 fee was submitted. The reversal has been processed. "
        "Customer sentiment: frustrated."
    )
    assert variant.change.startswith("added")


def test_open_to_resolved_does_not_apply_to_a_resolved_or_unknown_sample() -> None:
    text = "The dispute was approved and a $14 credit applied."
    assert make("open_to_resolved", text, RESOLVED) is None
    assert make("open_to_resolved", text, sample(record("Called."))) is None


def test_resolved_to_open_restates_resolution_as_open() -> None:
    text = "On Nov 5 we emailed that the dispute was approved. Issue resolved; nothing open."
    variant = make("resolved_to_open", text, RESOLVED)
    assert variant is not None
    assert variant.text == "The dispute is still unresolved."


def test_resolved_to_open_does_not_apply_to_an_open_sample() -> None:
    assert make("resolved_to_open", "Reversal still pending.") is None


def test_open_item_omitted_drops_the_open_clauses_only() -> None:
    text = "Reversal of the $82 fee submitted Nov 3; still pending. Customer sentiment: angry."
    variant = make("open_item_omitted", text)
    assert variant is not None
    assert variant.text == "Reversal of the $82 fee submitted Nov 3. Customer sentiment: angry."
    assert make("open_item_omitted", "Reversal submitted. Customer sentiment: angry.") is None
