"""Recorded answers for the emulator: a model's outputs, replayed per prompt.

A team that has a real model's answers to the golden set (or, here, briefings written blind
the way chat models write) can serve them through the emulator's Bedrock or
OpenAI-compatible route and put them through `make eval` / `make promote` like any model:
each answer is keyed by the user message the prompt template renders for its sample, so the
summarizer's own request finds it. A prompt with no recorded answer is an error the client
sees (HTTP 500), never an invented answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from eval.types import EvalSample
from service.models import select_interactions
from service.prompts import PromptTemplate, render_prompt

_SPACE = re.compile(r"\s+")


class NoRecordedAnswer(LookupError):
    """The book holds no answer for this prompt."""


def prompt_key(user: str) -> str:
    """The key of a user message (whitespace-insensitive)."""
    return hashlib.sha256(_SPACE.sub(" ", user).strip().encode("utf-8")).hexdigest()


class AnswerBook:
    """`(system, user) -> answer` from recorded answers; usable as the emulator's `answer`."""

    def __init__(self, answers: Mapping[str, str]) -> None:
        self._answers = dict(answers)

    def __len__(self) -> int:
        return len(self._answers)

    def __call__(self, system: str, user: str) -> str:
        del system  # answers are recorded per customer record, the prefix is the template's
        try:
            return self._answers[prompt_key(user)]
        except KeyError:
            raise NoRecordedAnswer("no recorded answer for this prompt") from None

    @classmethod
    def for_samples(
        cls, samples: Iterable[EvalSample], template: PromptTemplate, texts: Mapping[str, str]
    ) -> AnswerBook:
        """The book answering each sample's rendered prompt with `texts[sample id]`."""
        answers = {}
        for sample in samples:
            if sample.id not in texts:
                continue
            selected = select_interactions(list(sample.interactions), sample.options)
            user = render_prompt(template, selected, sample.options).user
            answers[prompt_key(user)] = texts[sample.id]
        return cls(answers)


def read_answers(path: Path) -> dict[str, str]:
    """sample id -> text from a JSON-lines file of `sample_id` and `text` (errors name the
    file and line)."""
    answers = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            answers[str(record["sample_id"])] = str(record["text"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: needs 'sample_id' and 'text' ({error})") from error
    return answers
