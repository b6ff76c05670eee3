"""The claim checker: every claim of a summary against the records it was written from.

`check_summary` is the one entry point; the eval suite scores with it and the service runs
it on every summary before an agent sees it, having read the history ahead with
`read_history` while the model wrote. `CLAIM_KINDS` is its vocabulary: the kinds of wrong
claim it finds, which the gate checks and the meta-evaluation name the same way.

Everything else here is the checker's reading of text, public because the eval reads
summaries the same way (key-fact recall, the local judge, the perturbation suite): clauses
and their moods, dates, amounts, counts and durations, outcome codes and statuses, and
instruction-like customer text; and its gazetteer of towns, which `eval.tables` builds a
table from. Code outside `service.claims` imports these names only.
"""

from service.claims.check import check_summary, forget_readings, prepare_checker
from service.claims.clause import Clause, read_clause
from service.claims.guard import STRICTER_INSTRUCTION, GuardResult, settle
from service.claims.history import HistoryReading, read_history
from service.claims.instructions import Instruction, find_instructions, instruction_patterns
from service.claims.lexicon import SENTIMENT_CLASSES, outcome_status
from service.claims.mentions import (
    AMOUNT,
    COUNT_WORDS,
    DAY_MONTH,
    DURATION,
    ISO_DATE,
    MONTH_DAY,
    MONTHS,
    SLASH_DATE,
    TICKET,
    due_dates,
    mentioned_dates,
    month_number,
    parse_amount,
    parse_count,
)
from service.claims.mood_claims import moods
from service.claims.records import RecordFacts
from service.claims.status import read_status
from service.claims.summary_reading import summary_clauses
from service.claims.text import NUMBER_WORDS, humanize, normalize
from service.claims.towns import gazetteer
from service.claims.types import ClaimReport, ClaimVerdict, Finding
from service.claims.vocabulary import CLAIM_KINDS, KINDS_BY_NAME, ClaimKind, kind_of

__all__ = [
    "AMOUNT",
    "CLAIM_KINDS",
    "COUNT_WORDS",
    "DAY_MONTH",
    "DURATION",
    "ISO_DATE",
    "KINDS_BY_NAME",
    "MONTHS",
    "MONTH_DAY",
    "NUMBER_WORDS",
    "SENTIMENT_CLASSES",
    "SLASH_DATE",
    "STRICTER_INSTRUCTION",
    "TICKET",
    "ClaimKind",
    "ClaimReport",
    "ClaimVerdict",
    "Clause",
    "Finding",
    "GuardResult",
    "HistoryReading",
    "Instruction",
    "RecordFacts",
    "check_summary",
    "due_dates",
    "find_instructions",
    "forget_readings",
    "gazetteer",
    "humanize",
    "instruction_patterns",
    "kind_of",
    "mentioned_dates",
    "month_number",
    "moods",
    "normalize",
    "outcome_status",
    "parse_amount",
    "parse_count",
    "prepare_checker",
    "read_clause",
    "read_history",
    "read_status",
    "settle",
    "summary_clauses",
]
