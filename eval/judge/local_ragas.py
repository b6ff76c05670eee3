"""The local baseline judge's answers to ragas' two Faithfulness prompts.

ragas 0.4 Faithfulness sends (1) a statement-generation prompt: break the answer into
standalone statements, JSON `{"statements": [str]}`; and (2) an NLI prompt: for each
statement, verdict 1 if the context supports it, JSON `{"statements": [{"statement",
"reason", "verdict"}]}`. Both end with `input: <json>` and `Output: `. The baseline answers
honestly but simply: statements are the answer's sentences; a statement is supported when the
claim checker (`service.claims`, the same one the `claims` scorer runs) finds nothing wrong
with it and most of its content words occur in the context. Not an LLM: it cannot follow
paraphrase, which lowers its scores on abstractive text, and it is not an independent signal
from the claim checker; reports label it as the local stand-in.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from eval.judge.records import interactions_from_prompt
from service.claims import check_summary

STATEMENTS_CUE = "Break down each sentence into one or more fully understandable statements"
NLI_CUE = "judge the faithfulness of a series of statements"
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
WORD = re.compile(r"[a-z][a-z'-]{3,}")
STOPWORDS = frozenset(
    [
        "this",
        "that",
        "with",
        "from",
        "have",
        "has",
        "had",
        "were",
        "was",
        "been",
        "their",
        "they",
        "them",
        "then",
        "than",
        "there",
        "what",
        "when",
        "which",
        "while",
        "about",
        "after",
        "before",
        "into",
        "over",
        "also",
        "only",
        "just",
        "very",
        "still",
        "customer",
        "said",
        "says",
        "told",
        "asked",
    ]
)
MIN_SUPPORTED_SHARE = 0.6


def _input_of(user: str) -> dict[str, Any] | None:
    tail = user.rsplit("input: ", 1)
    if len(tail) != 2:
        return None
    try:
        value = json.loads(tail[1].rsplit("Output:", 1)[0])
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _stem(word: str) -> str:
    return word[:5]  # crude, deterministic stemming: "disputed" and "dispute" share "dispu"


def _verdict(statement: str, context: str) -> tuple[int, str]:
    interactions = interactions_from_prompt(context, datetime.now(UTC))
    findings = check_summary(statement, interactions).findings if interactions else ()
    if findings:
        return 0, "; ".join(f"{f.category}: {f.reason}" for f in findings[:3])
    words = [w for w in WORD.findall(statement.lower()) if w not in STOPWORDS]
    if not words:
        return 1, "no checkable content"
    known = {_stem(w) for w in WORD.findall(context.lower())}
    share = sum(_stem(w) in known for w in words) / len(words)
    ok = share >= MIN_SUPPORTED_SHARE
    return int(ok), f"{share:.0%} of content words found in the context"


def answer(system: str, user: str) -> dict[str, Any] | None:
    """The answer to a ragas Faithfulness prompt, or None if `user` is not one."""
    del system  # instructor's JSON-mode system message only restates the schema
    if STATEMENTS_CUE in user:
        data = _input_of(user)
        text = str(data.get("answer", "")) if data else ""
        sentences = [s.strip() for s in SENTENCE_SPLIT.split(text) if s.strip()]
        return {"statements": sentences}
    if NLI_CUE in user:
        data = _input_of(user) or {}
        context = str(data.get("context", ""))
        verdicts = []
        for statement in data.get("statements", []):
            verdict, reason = _verdict(str(statement), context)
            verdicts.append({"statement": statement, "reason": reason, "verdict": verdict})
        return {"statements": verdicts}
    return None
