"""Who wrote each line of a conversation whose lines are labelled with their writer's name.

A DM thread, a chat export or a messenger log labels each line with a handle or a name
("[DM] wanjiru_k 10:11: ...", "Kasia Malinowska 21:01: ...", "adrianlimkl 10:12: ..."),
not with "Customer:" or "Agent:". The company's writer shows itself: a name the agent
patterns know ("JazaCredo_Care", "Agent Kofi") or a line signed off with the writer's
initials ("... ^AO", "... – Farah", "... /EL"); an apology is no sign, as customers
apologise too ("sorry for the tweet btw"). When every other line is written under one name
only, that name is the customer's: their lines, and their emoji, tell their mood.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from service.claims.tables import pattern

_LABEL = pattern("line_writer")
_BRACKETED = pattern("line_writer_in_brackets")
_CUSTOMER_SPEAKER = pattern("customer_speaker")
_AGENT_SPEAKER = pattern("agent_speaker")
_SIGNED = pattern("signed_by_the_company")


@dataclass(frozen=True)
class Writers:
    """The writers of a conversation's lines, as far as the lines tell them.

    Attributes:
        company: The names the company writes under.
        customer: The one other name lines are written under, or None when there are
            none or several (then no line is known to be the customer's by its name).
    """

    company: frozenset[str]
    customer: str | None

    def is_company(self, line: str) -> bool:
        """Whether the line is labelled with a name the company writes under."""
        return writer(line) in self.company

    def is_customer(self, line: str) -> bool:
        """Whether the line is labelled with the customer's name."""
        return self.customer is not None and writer(line) == self.customer


def _label(line: str) -> re.Match[str] | None:
    return _LABEL.match(line) or _BRACKETED.match(line)


def writer(line: str) -> str | None:
    """The name a line is labelled with, lowered; None for a line with no such label."""
    found = _label(line)
    return " ".join(found.group("who").lower().split()) if found else None


def words_of(line: str) -> str:
    """The line's words, its writer's label left out."""
    found = _label(line)
    return line[found.end() :] if found else line


def read_writers(lines: Sequence[str]) -> Writers:
    """Who writes under which name in `lines`. A name that labels one line only is a
    note's field ("Outcome:") or a header ("[Public post – X]"), no writer."""
    written = [(line, name) for line in lines if (name := writer(line))]
    counted = Counter(name for _, name in written)
    names = {
        name for name, lines_written in counted.items() if lines_written >= _LINES_A_WRITER_WRITES
    }
    # Lines labelled as the customer's ("Customer:", "[Cliente]"): every other name is the
    # company's.
    called = {name for name in names if _CUSTOMER_SPEAKER.match(f"{name}:")}
    if len(called) == 1:
        return Writers(frozenset(names - called), *called)
    company = {
        name
        for line, name in written
        if name in names and (_AGENT_SPEAKER.search(line) or _SIGNED.search(line))
    }
    others = names - company
    customer = next(iter(others)) if company and len(others) == 1 else None
    return Writers(frozenset(company), customer)


_LINES_A_WRITER_WRITES = 2


@lru_cache(maxsize=1024)
def writers_of(text: str) -> Writers:
    """`read_writers` of a record's lines, remembered: a summary's every mood is read
    against the same record."""
    return read_writers([line for line in text.splitlines() if line.strip()])
