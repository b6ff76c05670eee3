"""Corpus BLEU and chrF of a run's outputs, computed once per distinct set of texts.

They are the slowest figures of an aggregation (about a second for 200 long outputs with
two references each), and an unchanged pair re-evaluated from the cache has exactly the
same texts. So the runner computes them after scoring, through the eval cache like every
other score, and hands them to the aggregation on the run (`EvalRun.corpus`), keyed by a
digest of the texts they were computed from: a run whose results were edited afterwards
(a filter, a test) simply misses and is computed as before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import metadata

from eval.cache import EvalCache, cache_key
from eval.types import EvalSample, SampleResult

CACHE_KIND = "corpus"
# sacrebleu's `None` reference entries are skipped; a padded stream is a shorter list of refs.
Streams = tuple[tuple[str | None, ...], ...]
CorpusInputs = tuple[tuple[str, ...], Streams]


def corpus_inputs(
    scored: Iterable[SampleResult], samples: Mapping[tuple[str, str], EvalSample]
) -> CorpusInputs | None:
    """(hypotheses, reference streams) over scored outputs whose sample has references.

    sacrebleu wants reference *streams* (stream j holds every segment's j-th reference), so
    per-sample reference lists are transposed and short lists padded with None, which
    sacrebleu skips: a sample with one reference is not penalised for lacking a second.
    None when no output has references.
    """
    pairs: list[tuple[str, tuple[str, ...]]] = []
    for result in scored:
        sample = samples.get((result.dataset, result.sample_id))
        if sample is not None and sample.references and result.output is not None:
            pairs.append((result.output, sample.references))
    if not pairs:
        return None
    hyps = tuple(hyp for hyp, _ in pairs)
    width = max(len(refs) for _, refs in pairs)
    streams = tuple(
        tuple(refs[j] if j < len(refs) else None for _, refs in pairs) for j in range(width)
    )
    return hyps, streams


def corpus_digest(inputs: CorpusInputs) -> str:
    """What the scores depend on: every text, in order, and sacrebleu's version."""
    hyps, streams = inputs
    # None (a padded slot) and "" stay apart; the counts fix where each text belongs.
    references = (json.dumps(ref) for stream in streams for ref in stream)
    shape = (len(hyps), len(streams))
    return cache_key(metadata.version("sacrebleu"), *shape, *hyps, *references)


@lru_cache(maxsize=32)
def compute_corpus(hyps: tuple[str, ...], streams: Streams) -> tuple[float, float]:
    """(corpus BLEU, corpus chrF) on sacrebleu's 0-100 scale."""
    import sacrebleu  # loaded only when a run's scores are not already known

    references = [list(stream) for stream in streams]
    bleu = float(sacrebleu.corpus_bleu(list(hyps), references).score)  # type: ignore[arg-type]
    chrf = float(sacrebleu.corpus_chrf(list(hyps), references).score)  # type: ignore[arg-type]
    return bleu, chrf


def corpus_scores(
    inputs: CorpusInputs, known: Mapping[str, tuple[float, float]]
) -> tuple[float, float]:
    """The scores of `inputs`: from `known` (a run's precomputed scores) or computed now."""
    hit = known.get(corpus_digest(inputs))
    return hit if hit is not None else compute_corpus(*inputs)


def precompute(
    slices: Iterable[Sequence[SampleResult]],
    samples: Sequence[EvalSample],
    cache: EvalCache,
) -> tuple[tuple[str, float, float], ...]:
    """Scores of each slice of scored results (`eval.aggregate.corpus_slices`), via the cache.

    Returns (digest, BLEU, chrF) per distinct slice, the shape `EvalRun.corpus` holds.
    """
    by_key = {(s.dataset, s.id): s for s in samples}
    known: dict[str, tuple[float, float]] = {}
    for part in slices:
        inputs = corpus_inputs(part, by_key)
        if inputs is None:
            continue
        digest = corpus_digest(inputs)
        if digest in known:
            continue
        cached = cache.get(CACHE_KIND, digest)
        if cached is not None:
            known[digest] = (float(cached["bleu"]), float(cached["chrf"]))
            continue
        bleu, chrf = compute_corpus(*inputs)
        cache.put(CACHE_KIND, digest, {"bleu": bleu, "chrf": chrf})
        known[digest] = (bleu, chrf)
    return tuple((digest, bleu, chrf) for digest, (bleu, chrf) in known.items())
