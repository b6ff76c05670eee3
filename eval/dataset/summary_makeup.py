"""The make-up tables of `oci dataset summary` beyond scenarios and channels: history length in
words, record kinds, injected text, PII formats, languages and key-fact kinds."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from rich.table import Table

from eval.dataset.schema import GoldenSample, HistorySample, word_count

WORDS_BUCKETS = (
    (0, 0, "0"),
    (1, 99, "1-99"),
    (100, 249, "100-249"),
    (250, 499, "250-499"),
    (500, 899, "500-899"),
    (900, 1999, "900-1999"),
    (2000, 10**9, "2000+"),
)


def makeup_tables(samples: Sequence[HistorySample]) -> list[Table]:
    """Words in scope, record kinds, hazards (injections, PII, languages), key-fact kinds."""
    return [_words(samples), _kinds(samples), _hazards(samples), _facts(samples)]


def in_scope_words(sample: HistorySample) -> int:
    """Words of the notes a summary may use."""
    return sum(word_count(item.notes) for item in sample.in_scope())


def _words(samples: Sequence[HistorySample]) -> Table:
    words = sorted(in_scope_words(s) for s in samples)
    table = Table(title="In-scope history length (words of notes per sample)")
    table.add_column("words", justify="right")
    table.add_column("samples", justify="right")
    for low, high, label in WORDS_BUCKETS:
        table.add_row(label, str(sum(1 for w in words if low <= w <= high)))
    if words:
        p90 = words[min(len(words) - 1, int(0.9 * len(words)))]
        table.add_row("median / p90 / max", f"{statistics.median(words):g} / {p90} / {words[-1]}")
    return table


def _kinds(samples: Sequence[HistorySample]) -> Table:
    whole: Counter[str] = Counter()
    scoped: Counter[str] = Counter()
    users: Counter[str] = Counter()
    for sample in samples:
        kept = set(sample.in_scope())
        for item, kind in zip(sample.interactions, sample.tags.record_kinds, strict=False):
            whole[kind] += 1
            scoped[kind] += item in kept
        users.update(set(sample.tags.record_kinds))
    table = Table(title="Record kinds" + ("" if whole else ": not tagged (v1 rules)"))
    for column in ("kind", "records", "in scope", "samples using it"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for name, count in sorted(whole.items(), key=lambda item: -item[1]):
        table.add_row(name, str(count), str(scoped[name]), str(users[name]))
    return table


def _hazards(samples: Sequence[HistorySample]) -> Table:
    rows: list[tuple[str, str, int]] = []
    injections = Counter(s.tags.injection for s in samples if s.tags.injection)
    rows += [("injection", style, n) for style, n in sorted(injections.items())]
    pii = Counter(kind for s in samples for kind in s.tags.pii_kinds)
    rows += [("PII format", kind, n) for kind, n in sorted(pii.items())]
    languages = Counter(lang for s in samples for lang in s.tags.languages)
    rows += [("language", lang, n) for lang, n in sorted(languages.items())]
    traits = Counter(trait for s in samples for trait in s.tags.traits)
    rows += [("trait", trait, n) for trait, n in sorted(traits.items())]
    table = Table(title="Hazards and traits (samples)")
    for column in ("what", "which", "samples"):
        table.add_column(column, justify="right" if column == "samples" else "left")
    for what, which, count in rows:
        table.add_row(what, which, str(count))
    table.add_row("injection", "any", str(sum(injections.values())))
    return table


def _facts(samples: Sequence[HistorySample]) -> Table:
    annotated = [s for s in samples if isinstance(s, GoldenSample)]
    kinds = Counter(fact.kind for s in annotated for fact in s.key_facts)
    with_evidence = Counter(fact.kind for s in annotated for fact in s.key_facts if fact.evidence)
    references = Counter(len(s.references) for s in annotated)
    table = Table(title="Key facts by kind; references per sample")
    for column in ("kind", "key facts", "with evidence"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    for kind, count in sorted(kinds.items(), key=lambda item: -item[1]):
        table.add_row(kind, str(count), str(with_evidence[kind]))
    for count, n in sorted(references.items()):
        table.add_row(f"samples with {count} reference(s)", str(n), "")
    return table
