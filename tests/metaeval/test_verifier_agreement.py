"""The verifier's agreement with the rules and with labelled findings, measured with the
Converse emulator answering verifications deterministically."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from oci_testing.claim_histories import OPTIONS, record

from eval.emulator.server import EmulatorServer
from eval.metaeval.verifier import Case, agreement_lines, measure_agreement
from service.claims import Finding, check_summary
from service.gateway import ModelGateway
from service.model_config import ModelConfig
from service.verifier import Verifier

HISTORY = (
    record(0, "chat", "Customer disputes a $45 late fee. Agent opened a billing review."),
    record(2, "agent", "Billing review still pending; customer to hear back by email."),
)
SLIPPED = "The customer disputes a $95 late fee; a billing review is pending."
FAITHFUL = "The customer disputes a $45 late fee; a billing review is pending."


@pytest.fixture(scope="module")
def verifier() -> Iterator[Verifier]:
    with pytest.MonkeyPatch.context() as patch, EmulatorServer() as emulator:
        patch.setenv("AWS_ACCESS_KEY_ID", "emulator")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "emulator")
        config = ModelConfig(
            primary="bedrock/converse/us.amazon.nova-micro-v1:0",
            api_base=emulator.base_url,
            aws_region_name="us-east-1",
            timeout_s=30,
            total_budget_s=30,
        )
        yield Verifier(ModelGateway(), config, budget_s=30)


def test_agreement_sets_the_answers_beside_the_rules_and_the_labels(verifier: Verifier) -> None:
    [slip] = check_summary(SLIPPED, HISTORY, OPTIONS).findings
    false_alarm = Finding("amount", "unsupported", "a $45 late fee", "no record gives it")
    cases = [
        Case(SLIPPED, slip, HISTORY, OPTIONS, "confirmed"),
        Case(FAITHFUL, false_alarm, HISTORY, OPTIONS, "false_alarm"),
        Case(SLIPPED, slip, HISTORY, OPTIONS, ""),
    ]
    agreement = asyncio.run(measure_agreement(verifier, cases))
    assert agreement.answers == {"confirmed": 2, "not_confirmed": 1}
    assert (agreement.with_rules.k, agreement.with_rules.n) == (2, 3)
    assert (agreement.with_labels.k, agreement.with_labels.n) == (2, 2)
    assert (agreement.precision_rules.k, agreement.precision_rules.n) == (1, 2)
    assert (agreement.precision_verified.k, agreement.precision_verified.n) == (1, 1)
    assert any(
        "agrees with the labels" in line
        for line in agreement_lines(agreement, model="emulator", half="dev")
    )
