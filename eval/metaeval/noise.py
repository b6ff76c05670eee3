"""The claim checker's false-alarm share on known-good text, per kind and source, and the
margins the gate's rule derives from it (`eval.gate.margins`).

The sources are the known-good texts of the histories the gate decides on (golden v2) and
their tuning twin (dev v2): the blind LLM-style briefings and the references. Each text is
checked as the eval checks an output; every kind it is flagged with is a false alarm.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from eval.dataset.loader import load_golden
from eval.gate.config import GateConfig
from eval.gate.margins import MeasuredNoise, careful_upper_bound, derived_margin, worst_noise
from eval.metaeval.known_good import load_known_good
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import CLAIM_KINDS, check_summary, kind_of

# The datasets whose known-good text the margins are derived from.
MARGIN_DATASETS: tuple[tuple[str, str], ...] = (("golden", "v2"), ("dev", "v2"))


def known_good_texts(datasets_dir: Path) -> dict[str, list[tuple[EvalSample, str]]]:
    """source label -> (sample, known-good text) over `MARGIN_DATASETS`."""
    sources: dict[str, list[tuple[EvalSample, str]]] = {}
    for name, version in MARGIN_DATASETS:
        samples, info = golden_samples(load_golden(version, root=datasets_dir, name=name))
        by_id = {sample.id: sample for sample in samples}
        known = load_known_good(datasets_dir, info)
        for source, texts in known.texts.items():
            sources[f"{source} {name}/{version}"] = [
                (by_id[key], text) for key, text in texts.items() if key in by_id
            ]
        sources[f"references {name}/{version}"] = [
            (sample, reference) for sample in samples for reference in sample.references
        ]
    return sources


def measure_noise(sources: Mapping[str, Sequence[tuple[EvalSample, str]]]) -> list[MeasuredNoise]:
    """Per kind and source: how many known-good texts the checker flags with the kind."""
    measured = []
    for source, texts in sources.items():
        flagged: Counter[str] = Counter()
        for sample, text in texts:
            report = check_summary(text, in_scope(sample), sample.options)
            flagged.update({kind_of(f.category).name for f in report.findings})
        measured += [
            MeasuredNoise(kind.name, source, flagged[kind.name], len(texts)) for kind in CLAIM_KINDS
        ]
    return measured


@dataclass(frozen=True)
class MarginRow:
    """One kind: its worst source, the margin the rule derives, and the configured one."""

    kind: str
    worst: MeasuredNoise | None
    careful_bound: float
    derived: float
    configured: float | None

    @property
    def agrees(self) -> bool:
        return self.configured is not None and abs(self.configured - self.derived) < 1e-9


def margin_rows(measured: Iterable[MeasuredNoise], gate: GateConfig) -> list[MarginRow]:
    """The derivation for every kind of wrong claim."""
    found = list(measured)
    rows = []
    for kind in CLAIM_KINDS:
        worst = worst_noise(found, kind.name)
        share = worst.share if worst is not None else 0.0
        configured = gate.claims.kinds.get(kind.name)
        rows.append(
            MarginRow(
                kind.name,
                worst,
                careful_upper_bound(share),
                derived_margin(share),
                configured.margin if configured is not None else None,
            )
        )
    return rows


def margins_table(rows: Sequence[MarginRow]) -> list[tuple[str, str, str, str, str]]:
    """(kind, worst source, flagged, derived margin, configured margin) as text cells."""
    cells = []
    for row in rows:
        worst = row.worst
        source = worst.source if worst is not None and worst.flagged else "none flagged"
        flagged = f"{worst.flagged}/{worst.texts} ({worst.share:.1%})" if worst else "—"
        configured = "—" if row.configured is None else f"{row.configured:g}"
        mark = "" if row.agrees else "  (differs)"
        cells.append((row.kind, source, flagged, f"{row.derived:g}", configured + mark))
    return cells
