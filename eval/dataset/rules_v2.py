"""The answer-key rules of v2-rules sets (`tags.rules == "v2"`: golden/v2 and dev/v2).

Per sample: exactly two references of 40-90 words (5-90 when nothing is in scope), key facts of
the eight v2 kinds, each with evidence that resolves to in-scope records, no reference calling
an open case resolved, no injected instruction or PII in a reference. Per set: enough samples
with injected text, and no account shared with another v2-rules set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from eval.dataset.schema import V2_FACT_KINDS, GoldenSample, word_count
from service.injection import PATTERNS as INJECTION_PATTERNS

V2_REFERENCES = 2
V2_MIN_WORDS, V2_MAX_WORDS, V2_EMPTY_MIN_WORDS = 40, 90, 5
# At least this share of a set's samples carry injected text (20 of golden's 200).
MIN_INJECTION_SHARE = 0.10
# The v2-rules sets whose accounts must not overlap, as `<name>/<version>` under datasets/.
DISJOINT_SETS = ("golden/v2", "dev/v2")
OPEN_FACT = "still open"
# "resolved"/"closed" not negated: what a reference must not say about an open case.
_RESOLVED = re.compile(r"(?<!un)(?<!not )(?<!not yet )\b(resolved|closed|fixed now)\b", re.I)
_MORE_PII = (
    ("a social security number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    ("a date of birth", re.compile(r"\b\d{2}/\d{2}/(?:19|20)\d{2}\b")),
    ("an international phone number", re.compile(r"\+\d{1,3}[ \d]{7,}\d")),
    (
        "spelled-out digits",
        re.compile(
            r"\b(?:(?:zero|one|two|three|four|five|six|seven|eight"
            r"|nine)\s+){6,}",
            re.I,
        ),
    ),
    ("a street address", re.compile(r"\b\d{1,5} [A-Z][a-z]+ (?:Street|Avenue|Road|Lane|Court)\b")),
)


def sample_problems(sample: GoldenSample) -> list[tuple[str, str]]:
    """v2 problems of one annotated sample as `(field, message)` pairs."""
    problems: list[tuple[str, str]] = []
    in_scope = set(sample.in_scope())
    if len(sample.references) != V2_REFERENCES:
        problems.append(
            ("references", f"v2 needs {V2_REFERENCES} references, has {len(sample.references)}")
        )
    low = V2_MIN_WORDS if in_scope else V2_EMPTY_MIN_WORDS
    is_open = any(f.kind == "status" and OPEN_FACT in f.match for f in sample.key_facts)
    for index, reference in enumerate(sample.references):
        field = f"references.{index}"
        words = word_count(reference)
        if not low <= words <= V2_MAX_WORDS:
            problems.append((field, f"has {words} words; v2 wants {low}-{V2_MAX_WORDS}"))
        if is_open and (found := _RESOLVED.search(reference)):
            problems.append((field, f"says {found.group(0)!r} but the status fact is open"))
        for name, pattern in INJECTION_PATTERNS.items():
            if pattern.search(reference):
                problems.append((field, f"carries injected text ({name})"))
        for label, pattern in _MORE_PII:
            if pattern.search(reference):
                problems.append((field, f"contains {label}"))
    for index, fact in enumerate(sample.key_facts):
        field = f"key_facts.{index}"
        if fact.kind not in V2_FACT_KINDS:
            problems.append((f"{field}.kind", f"{fact.kind!r} is not one of {list(V2_FACT_KINDS)}"))
        if in_scope and not fact.evidence:
            problems.append((f"{field}.evidence", "missing; point at the records it comes from"))
        for pointer in fact.evidence:
            if not 0 <= pointer < len(sample.interactions):
                problems.append(
                    (
                        f"{field}.evidence",
                        f"{pointer} is not an index of the {len(sample.interactions)} interactions",
                    )
                )
            elif sample.interactions[pointer] not in in_scope:
                problems.append((f"{field}.evidence", f"interaction {pointer} is out of scope"))
    return problems


def set_problems(
    path: Path, samples: Sequence[tuple[int, GoldenSample]]
) -> list[tuple[int, str, str]]:
    """v2 problems of a whole file as `(line, field, message)`; line 0 means the file."""
    problems: list[tuple[int, str, str]] = []
    injected = sum(1 for _, s in samples if s.tags.injection)
    wanted = max(1, round(MIN_INJECTION_SHARE * len(samples)))
    if injected < wanted:
        problems.append(
            (0, "tags.injection", f"{injected} samples carry injected text; v2 wants {wanted}+")
        )
    for other, accounts in _other_sets(path).items():
        for line, sample in samples:
            if sample.account_number in accounts:
                where = f"{other}:{accounts[sample.account_number]}"
                problems.append((line, "account_number", f"also used in {where}"))
    return problems


def _other_sets(path: Path) -> dict[Path, dict[str, int]]:
    # datasets/<name>/<version>/samples.jsonl: the siblings are the other DISJOINT_SETS.
    resolved = path.resolve()
    root = resolved.parents[2]
    mine = f"{resolved.parents[1].name}/{resolved.parent.name}"
    found: dict[Path, dict[str, int]] = {}
    for name in DISJOINT_SETS:
        other = root / name / path.name
        if name == mine or not other.is_file():
            continue
        accounts: dict[str, int] = {}
        for line, raw in enumerate(other.read_text(encoding="utf-8").splitlines(), start=1):
            try:
                accounts.setdefault(str(json.loads(raw)["account_number"]), line)
            except (ValueError, KeyError, TypeError):
                continue  # that file's own validation reports it
        found[other] = accounts
    return found
