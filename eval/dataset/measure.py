"""How hard a set is to game: `oci dataset summary --measure`.

Three figures, each over the samples with something in scope:
- reference 4-gram overlap with the history: the share of a reference's word 4-grams that occur
  in the in-scope notes (low means the references are abstractive, so BLEU against them does not
  reward copying);
- inter-reference agreement: BLEU and chrF of one reference against the other (samples with two
  or more references), the ceiling a single summary can expect against them;
- the extractive baseline's copy rate: the share of its summary sentences that occur verbatim in
  the in-scope notes, with the production prompt rendered exactly as the service renders it.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sacrebleu
from rich.table import Table

from eval.dataset.loader import GoldenSet
from eval.dataset.schema import GoldenSample
from service.local_models.extractive import SENTENCE_SPLIT, summarize_prompt
from service.prompt_source import load_prompt_dir
from service.prompts import PromptTemplate, render_prompt

DEFAULT_PROMPT_DIR = Path("prompts/omni-summary")
_TOKEN = re.compile(r"[$€£]?\w[\w.,/-]*\w|\w")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Measurements:
    """The set-level figures; `None` when no sample qualifies."""

    samples: int
    reference_4gram_overlap: float | None
    inter_reference_bleu: float | None
    inter_reference_chrf: float | None
    agreement_samples: int
    baseline_copy_rate: float | None
    baseline_sentences: int


def ngram_overlap(reference: str, source: str, n: int = 4) -> float | None:
    """Share of the reference's word n-grams that also occur in `source` (None if it has none)."""
    grams = _ngrams(reference, n)
    if not grams:
        return None
    present = set(_ngrams(source, n))
    return sum(gram in present for gram in grams) / len(grams)


def copied_sentences(summary: str, source: str) -> tuple[int, int]:
    """(sentences found verbatim in `source`, sentences), comparing lowercase, spaces collapsed."""
    haystack = _flat(source)
    sentences = [s.strip() for s in SENTENCE_SPLIT.split(summary) if len(s.split()) >= 3]
    copied = sum(_flat(s).rstrip(".!?…") in haystack for s in sentences)
    return copied, len(sentences)


def measure(samples: Sequence[GoldenSample], template: PromptTemplate) -> Measurements:
    """All three figures over a set's samples."""
    overlaps: list[float] = []
    bleu: list[float] = []
    chrf: list[float] = []
    copied = total = 0
    for sample in samples:
        in_scope = sample.in_scope()
        if not in_scope:
            continue
        notes = "\n".join(item.notes for item in in_scope)
        overlaps += [o for r in sample.references if (o := ngram_overlap(r, notes)) is not None]
        if len(sample.references) >= 2:
            first, second = sample.references[0], sample.references[1]
            bleu.append(sacrebleu.sentence_bleu(first, [second]).score)
            chrf.append(sacrebleu.sentence_chrf(first, [second]).score)
        prompt = render_prompt(template, in_scope, sample.summary_options())
        found, count = copied_sentences(summarize_prompt(prompt.system, prompt.user), notes)
        copied, total = copied + found, total + count
    return Measurements(
        samples=len(samples),
        reference_4gram_overlap=statistics.fmean(overlaps) if overlaps else None,
        inter_reference_bleu=statistics.fmean(bleu) if bleu else None,
        inter_reference_chrf=statistics.fmean(chrf) if chrf else None,
        agreement_samples=len(bleu),
        baseline_copy_rate=copied / total if total else None,
        baseline_sentences=total,
    )


def measurement_table(golden: GoldenSet, *, prompt_dir: Path = DEFAULT_PROMPT_DIR) -> Table:
    """The figures as a Rich table, measured with the prompt in `prompt_dir`."""
    template = load_prompt_dir(prompt_dir).pair.template
    figures = measure(golden.samples, template)
    table = Table(title=f"Measurements ({golden.name} {golden.version}, prompt {prompt_dir})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("over")
    table.add_row(
        "reference 4-gram overlap with history (mean)",
        _pct(figures.reference_4gram_overlap),
        "references of in-scope samples",
    )
    table.add_row(
        "inter-reference BLEU (mean sentence BLEU)",
        _num(figures.inter_reference_bleu),
        f"{figures.agreement_samples} samples with 2+ references",
    )
    table.add_row(
        "inter-reference chrF (mean)",
        _num(figures.inter_reference_chrf),
        f"{figures.agreement_samples} samples with 2+ references",
    )
    table.add_row(
        "extractive baseline copy rate",
        _pct(figures.baseline_copy_rate),
        f"{figures.baseline_sentences} summary sentences",
    )
    return table


def _ngrams(text: str, n: int) -> list[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def _flat(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"
