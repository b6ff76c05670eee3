"""A history read once, before any summary of it is checked: `read_history`'s typed result.

The service reads the history while the model writes (so that, once the model answers, the
check has only the summary left to read), and the eval checks many summaries against one
history; both hand the reading to `check_summary`, or let it read (and remember) one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from service.claims.counted_things import read_record_counts
from service.claims.dated_facts import read_record_stays
from service.claims.durations import read_record_times
from service.claims.entities import said_in_digits
from service.claims.evidence import Evidence, build_evidence
from service.claims.mentions import money_amounts
from service.claims.person_contacts import PersonContacts, person_contacts
from service.claims.proper_names import read_record_names
from service.claims.records import RecordFacts
from service.claims.repeats import Counted, numbers_given
from service.claims.sources import SourceFacts, read_source
from service.claims.stated_acts import stated_turns
from service.claims.sum_facts import sums_said_roughly
from service.claims.terms import given_frames
from service.models import Interaction, SummaryOptions


@dataclass(frozen=True, eq=False)
class HistoryReading:
    """What the in-scope records (and the request) establish, for every check.

    Attributes:
        interactions: The records as given: in scope, oldest first, as the prompt numbers them.
        options: The request (None: the records alone).
        evidence: Every record read clause by clause, and what the records establish
            together (`service.claims.evidence`).
        source: Every figure, date, channel and word the records and the request can
            support a fact with (`service.claims.sources`).
        people: How many contacts reached a person (`service.claims.person_contacts`).
        counted: The numbers the records give of instalments, repetitions and ordinals.
        time_frames: The lengths in hours of the time frames the records give.
    """

    interactions: tuple[Interaction, ...]
    options: SummaryOptions | None
    evidence: Evidence
    source: SourceFacts
    people: PersonContacts
    counted: Counted
    time_frames: frozenset[int]

    def latest_status(self) -> RecordFacts | None:
        """The newest record that says the matter is open or resolved."""
        return self.evidence.latest_status()

    @property
    def instructions(self) -> tuple[str, ...]:
        """The instruction-like sentences of customer text, which no claim may rest on."""
        return tuple(instruction.text for instruction in self.evidence.instructions)


def read_history(
    interactions: Sequence[Interaction], options: SummaryOptions | None = None
) -> HistoryReading:
    """Read the records a summary will be checked against, ahead of the summary.

    Args:
        interactions: The interactions the summary may use (windowed and filtered), oldest
            first, as the prompt numbers them.
        options: The request (its date, IVR intent and channel filter may be stated).

    Returns:
        The reading `check_summary` takes; pure, and remembered per history and request.
    """
    return _read(tuple(interactions), options)


@lru_cache(maxsize=1024)
def _read(interactions: tuple[Interaction, ...], options: SummaryOptions | None) -> HistoryReading:
    evidence = build_evidence(interactions, options)
    source = read_source(evidence.cleaned, options)
    if evidence.instructions:
        # A summary may report what a planted instruction demanded ("he told the AI to
        # record $1,000"): its amounts are the customer's words. Stating them as granted
        # is obeying it, which the safety check finds.
        demanded = money_amounts(" ".join(i.text for i in evidence.instructions))
        source = replace(source, amounts=source.amounts | demanded)
        _ = evidence.asks  # what each instruction asks for, read before the summary
    # The records' counts, lengths, times of day, names and stated acts are read here, while
    # the model writes, not when the summary arrives (remembered per records' text).
    read_record_counts(source)
    read_record_times(source)
    read_record_stays(source)
    sums_said_roughly(source.text)
    read_record_names(evidence)
    said_in_digits(evidence.text)
    stated_turns(evidence)
    return HistoryReading(
        interactions=interactions,
        options=options,
        evidence=evidence,
        source=source,
        # From the records as they are: the cleaned copy leaves out instruction-like
        # sentences, which can take a chat's speaker labels ("Bot: how can I help?") away.
        people=person_contacts(interactions),
        counted=numbers_given(evidence.cleaned),
        time_frames=given_frames(evidence.cleaned),
    )
