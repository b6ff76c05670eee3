"""How far the verifier (`service.verifier`) agrees with the rules and with labelled cases.

Every certain finding the checker makes on the wild set is put to the verifier. Agreement
with the rules is the share it confirms. Labelled cases come from two places: the wild set
itself (a finding on a faithful summary is a false alarm; a finding on a one-slip summary
that names the slip's own family is a confirmed one; other findings on slips are left
unlabelled) and people's reviews (`datasets/findings/reviews.jsonl`, counted when present:
their findings carry no records, so they are reported, not put to the verifier). Agreement
with the labels is the share the verifier answers as the label says, and the checker's
precision on the labelled findings is shown before and after the verifier's filter.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.metaeval.table import Rate
from eval.metaeval.wild import FAMILY_SIGNAL, load_half
from service.claims import ClaimReport, Finding, check_summary, kind_of
from service.models import Interaction, SummaryOptions
from service.verifier import Verifier

Label = str  # "confirmed", "false_alarm" or "" (unlabelled)
REVIEWS = Path("findings") / "reviews.jsonl"


@dataclass(frozen=True)
class Case:
    """One finding on one wild summary, and its label."""

    summary: str
    finding: Finding
    interactions: tuple[Interaction, ...]
    options: SummaryOptions
    label: Label


@dataclass(frozen=True)
class Agreement:
    """What the verifier answered, set beside the rules and the labels."""

    answers: Counter[str]  # answer -> findings
    with_rules: Rate  # confirmed of answered
    with_labels: Rate  # answered as labelled, of labelled and answered
    precision_rules: Rate  # labelled confirmed of labelled
    precision_verified: Rate  # labelled confirmed of labelled it confirmed
    reviews: int = 0  # people's reviews on file (not put to the verifier)


def wild_cases(root: Path, half: str) -> list[Case]:
    """Every certain finding on the half's summaries, labelled where the set says."""
    conversations, summaries = load_half(root, half)
    cases = []
    for summary in summaries:
        conversation = conversations[summary.conversation]
        report = check_summary(summary.text, conversation.interactions, conversation.options)
        for finding in report.findings:
            if summary.family == "faithful":
                label = "false_alarm"
            elif kind_of(finding.category).name == FAMILY_SIGNAL.get(summary.family):
                label = "confirmed"
            else:
                label = ""
            cases.append(
                Case(
                    summary.text,
                    finding,
                    conversation.interactions,
                    conversation.options,
                    label,
                )
            )
    return cases


def count_reviews(root: Path) -> int:
    """People's reviews on file (0 when there are none yet)."""
    path = root / REVIEWS
    if not path.exists():
        return 0
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


async def _answer(verifier: Verifier, case: Case) -> str:
    report = ClaimReport(claims=(), findings=(case.finding,))
    verified = await verifier.verify(report, case.summary, case.interactions, case.options)
    [answer] = verified.answers
    return answer


async def measure_agreement(
    verifier: Verifier, cases: Sequence[Case], *, reviews: int = 0, concurrency: int = 8
) -> Agreement:
    """The verifier's answers on `cases`, set beside the rules and the labels."""
    gate = asyncio.Semaphore(concurrency)

    async def one(case: Case) -> str:
        async with gate:
            return await _answer(verifier, case)

    answers = await asyncio.gather(*(one(case) for case in cases))
    decided = [(c, a) for c, a in zip(cases, answers, strict=True) if a in _DECIDED]
    labelled = [(c, a) for c, a in decided if c.label]
    confirmed = [(c, a) for c, a in labelled if a == "confirmed"]
    return Agreement(
        answers=Counter(answers),
        with_rules=Rate(sum(a == "confirmed" for _, a in decided), len(decided)),
        with_labels=Rate(sum(_AS_LABELLED[c.label] == a for c, a in labelled), len(labelled)),
        precision_rules=Rate(sum(c.label == "confirmed" for c, _ in labelled), len(labelled)),
        precision_verified=Rate(sum(c.label == "confirmed" for c, _ in confirmed), len(confirmed)),
        reviews=reviews,
    )


_DECIDED = ("confirmed", "not_confirmed")
_AS_LABELLED = {"confirmed": "confirmed", "false_alarm": "not_confirmed"}


def agreement_lines(agreement: Agreement, *, model: str, half: str) -> list[str]:
    """The agreement as the CLI prints it."""
    answered = ", ".join(f"{name} {n}" for name, n in sorted(agreement.answers.items()))
    return [
        f"verifier {model} on the wild set's {half} half: {answered}",
        f"  agrees with the rules (confirmed)   {agreement.with_rules.text()}",
        f"  agrees with the labels              {agreement.with_labels.text()}",
        f"  precision, rules alone              {agreement.precision_rules.text()}",
        f"  precision, confirmed by verifier    {agreement.precision_verified.text()}",
        f"  people's reviews on file: {agreement.reviews} (not put to the verifier: "
        "their findings carry no records)",
    ]
