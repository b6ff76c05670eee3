"""Every kept corpus through the claim checker, recorded claim by claim, and two records
compared: the guard of a change meant to keep the checker's findings as they are.

`snapshot` checks every text of every corpus and writes one gzipped JSON line per check
(every finding's category, verdict, claim, reason and evidence; every claim's verdict; the
open items, whether they are stated, the instructions found) into a folder; `compare` reads
two such folders and prints the first differences, claim by claim. The corpora:

- `candidates`: every candidate file in `tests/claims/data/` (against its golden sample);
- `briefings`: `datasets/briefings/*.jsonl` (golden v2 and dev v2);
- `references`, `production`: the golden v1, golden v2 and dev v2 references, and the
  production pair's outputs on them (`service.summarizer.summarize`, committed prompt, local
  models), each also checked with no request context (as the local ragas stand-in asks);
- `metaeval-v1`, `metaeval-v2`: every variant of every family of the perturbation suite on
  golden v1 and v2 (reference and production sources), and each variant's original on the
  variant's own history.

Beside each report of the first four, what `eval` reads with the checker's readings: key-fact
recall and the local judge's verdicts. Checks run on processes (`--workers`).

Usage:
    python bench/claim_findings.py snapshot var/claim_findings/base
    python bench/claim_findings.py compare var/claim_findings/base var/claim_findings/new
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from service.offline import apply_offline_defaults

# A process entry point: the defaults must be set before litellm and mlflow are imported.
apply_offline_defaults()

from eval.dataset.loader import load_golden
from eval.judge.local_judge import DECIDERS, Case
from eval.metaeval import generate_suite, reference_texts
from eval.metaeval.detect import variant_sample
from eval.metrics.key_facts import key_fact_recall
from eval.samples import golden_samples
from eval.scorers.deps import in_scope
from eval.types import EvalSample
from service.claims import ClaimReport, check_summary
from service.gateway import ModelGateway
from service.prompt_source import load_prompt_dir
from service.summarizer import summarize

ROOT = Path(__file__).resolve().parents[1]
DATASETS = {"golden/v1": ("golden", "v1"), "golden/v2": ("golden", "v2"), "dev/v2": ("dev", "v2")}
CORPORA = ("candidates", "briefings", "references", "production", "metaeval-v1", "metaeval-v2")


@dataclass(frozen=True)
class Job:
    """One text to check: its key in the record, the sample it is checked on, and how."""

    key: str
    sample: EvalSample
    text: str
    with_options: bool = True
    with_eval: bool = False


def _samples(dataset: str) -> list[EvalSample]:
    name, version = DATASETS[dataset]
    samples, _ = golden_samples(load_golden(version, root=ROOT / "datasets", name=name))
    return samples


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield number, json.loads(line)


def _candidate_jobs(by_id: dict[str, EvalSample]) -> list[Job]:
    jobs = []
    for path in sorted((ROOT / "tests" / "claims" / "data").glob("**/*.jsonl")):
        for number, row in _lines(path):
            sample = by_id[row["sample_id"]]
            name = path.relative_to(ROOT / "tests" / "claims" / "data")
            jobs.append(Job(f"{name}:{number}", sample, row["text"], with_eval=True))
    return jobs


def _briefing_jobs(by_dataset: dict[str, dict[str, EvalSample]]) -> list[Job]:
    jobs = []
    for path in sorted((ROOT / "datasets" / "briefings").glob("*.jsonl")):
        dataset = "golden/v2" if path.name.startswith("golden") else "dev/v2"
        for number, row in _lines(path):
            sample = by_dataset[dataset][row["sample_id"]]
            jobs.append(Job(f"{path.name}:{number}", sample, row["text"], with_eval=True))
    return jobs


async def _production(samples: Sequence[EvalSample]) -> dict[str, str]:
    pair = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair
    gateway = ModelGateway()
    outputs = {}
    for sample in samples:
        summary = await summarize(sample.interactions, sample.options, pair, gateway)
        outputs[sample.id] = summary.text
    return outputs


def _source_jobs(dataset: str, texts: dict[str, str], samples: list[EvalSample]) -> list[Job]:
    jobs = []
    for sample in samples:
        if sample.id in texts:
            key = f"{dataset}:{sample.id}"
            jobs.append(Job(key, sample, texts[sample.id], with_eval=True))
            jobs.append(Job(f"{key}:no-options", sample, texts[sample.id], with_options=False))
    return jobs


def _metaeval_jobs(samples: list[EvalSample], production: dict[str, str]) -> list[Job]:
    sources = {"reference": reference_texts(samples), "production": production}
    by_id = {sample.id: sample for sample in samples}
    jobs = []
    for variant in generate_suite(samples, sources, seed=0):
        sample = variant_sample(by_id[variant.sample_id], variant)
        jobs.append(Job(variant.id, sample, variant.text))
        if variant.interactions is not None:
            jobs.append(Job(f"{variant.id}:original", sample, variant.original))
    return jobs


def build_corpora(chosen: Sequence[str]) -> dict[str, list[Job]]:
    """Every job of every chosen corpus, in a fixed order."""
    import asyncio

    samples = {dataset: _samples(dataset) for dataset in DATASETS}
    by_dataset = {d: {s.id: s for s in found} for d, found in samples.items()}
    golden = {**by_dataset["golden/v1"], **by_dataset["golden/v2"]}
    production = {d: asyncio.run(_production(found)) for d, found in samples.items()}
    corpora: dict[str, list[Job]] = {}
    if "candidates" in chosen:
        corpora["candidates"] = _candidate_jobs(golden)
    if "briefings" in chosen:
        corpora["briefings"] = _briefing_jobs(by_dataset)
    for corpus in ("references", "production"):
        if corpus in chosen:
            corpora[corpus] = [
                job
                for dataset, found in samples.items()
                for job in _source_jobs(
                    dataset,
                    reference_texts(found) if corpus == "references" else production[dataset],
                    found,
                )
            ]
    for dataset in ("golden/v1", "golden/v2"):
        corpus = f"metaeval-{dataset.split('/')[1]}"
        if corpus in chosen:
            corpora[corpus] = _metaeval_jobs(samples[dataset], production[dataset])
    return corpora


def _report(report: ClaimReport) -> dict[str, Any]:
    return {
        "claims": [
            {
                "text": claim.text,
                "verdict": claim.verdict,
                "findings": [asdict(f) for f in claim.findings],
                "evidence": list(claim.evidence),
            }
            for claim in report.claims
        ],
        "findings": [asdict(finding) for finding in report.findings],
        "open_items": list(report.open_items),
        "open_items_stated": report.open_items_stated,
        "instructions": list(report.instructions),
    }


def _eval_readings(sample: EvalSample, text: str) -> dict[str, Any]:
    case = Case(text, in_scope(sample), sample.options)
    recall = key_fact_recall(text, sample.key_facts)
    return {
        "key_facts": [recall.recall, recall.stated, recall.missing, recall.contradicted],
        "judge": {name: list(decide(case)) for name, decide in DECIDERS.items()},
    }


_JOBS: list[Job] = []
_SYSTEM = ""


def _check(index: int) -> str:
    job = _JOBS[index]
    options = job.sample.options if job.with_options else None
    report = check_summary(job.text, in_scope(job.sample), options, system_prompt=_SYSTEM)
    row: dict[str, Any] = {"key": job.key, "text": job.text, "report": _report(report)}
    if job.with_eval:
        row["eval"] = _eval_readings(job.sample, job.text)
    return json.dumps(row, ensure_ascii=False, sort_keys=True, default=list)


def snapshot(out: Path, chosen: Sequence[str], workers: int) -> None:
    """Check every job of the chosen corpora and write one file per corpus into `out`."""
    global _JOBS, _SYSTEM
    started = time.perf_counter()
    _SYSTEM = load_prompt_dir(ROOT / "prompts" / "omni-summary").pair.template.system
    corpora = build_corpora(chosen)
    out.mkdir(parents=True, exist_ok=True)
    # Forked workers share the job list; contiguous chunks keep one history on one worker.
    context = multiprocessing.get_context("fork")
    for corpus, jobs in corpora.items():
        _JOBS = jobs
        began = time.perf_counter()
        with context.Pool(workers) as pool:
            rows = pool.map(_check, range(len(jobs)), chunksize=max(1, len(jobs) // (8 * workers)))
        with gzip.open(out / f"{corpus}.jsonl.gz", "wt", encoding="utf-8") as handle:
            handle.writelines(row + "\n" for row in rows)
        print(f"{corpus}: {len(rows)} checks in {time.perf_counter() - began:.1f} s")
    print(f"snapshot {out}: {time.perf_counter() - started:.1f} s")


def _read(path: Path) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {row["key"]: row for row in map(json.loads, handle)}


def _differences(key: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[str]:
    if old["text"] != new["text"]:
        yield f"{key}: text\n  - {old['text'][:160]}\n  + {new['text'][:160]}"
        return
    a, b = old["report"], new["report"]
    for index in range(max(len(a["claims"]), len(b["claims"]))):
        x = a["claims"][index] if index < len(a["claims"]) else None
        y = b["claims"][index] if index < len(b["claims"]) else None
        if x != y:
            yield f"{key}: claim {index}\n  - {json.dumps(x)[:400]}\n  + {json.dumps(y)[:400]}"
    for field in ("findings", "open_items", "open_items_stated", "instructions"):
        if a[field] != b[field]:
            yield _changed(f"{key}: {field}", a[field], b[field])
    if old.get("eval") != new.get("eval"):
        yield _changed(f"{key}: eval readings", old.get("eval"), new.get("eval"))


def _changed(what: str, old: Any, new: Any) -> str:
    return f"{what}\n  - {json.dumps(old)[:600]}\n  + {json.dumps(new)[:600]}"


def compare(base: Path, other: Path, limit: int) -> int:
    """Print the first `limit` differences; 0 when the records are identical."""
    shown = differing = checks = 0
    for path in sorted(base.glob("*.jsonl.gz")):
        theirs = other / path.name
        if not theirs.is_file():
            print(f"{path.name}: missing in {other}")
            differing += 1
            continue
        old, new = _read(path), _read(theirs)
        checks += len(old)
        keys = list(old) + [k for k in new if k not in old]
        changed = 0
        for key in keys:
            if key not in old or key not in new:
                lines = [f"{key}: only in {'the second' if key not in old else 'the first'}"]
            else:
                lines = list(_differences(key, old[key], new[key]))
            changed += bool(lines)
            for line in lines:
                if shown < limit:
                    print(f"{path.stem.removesuffix('.jsonl')} {line}")
                shown += 1
        differing += changed
        print(f"{path.name}: {len(old)} checks, {changed} differ")
    print("identical" if not differing else f"{differing} checks differ of {checks}")
    return 1 if differing else 0


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        # The local judge lists what it saw from sets (`states_promises`): with one hash
        # seed, two runs of unchanged code write the same reasons.
        seeded = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], seeded)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    take = commands.add_parser("snapshot", help="check every corpus and record the reports")
    take.add_argument("out", type=Path)
    take.add_argument("--corpus", action="append", choices=CORPORA, help="default: all")
    take.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    against = commands.add_parser("compare", help="the first differences of two records")
    against.add_argument("base", type=Path)
    against.add_argument("other", type=Path)
    against.add_argument("--limit", type=int, default=20, help="differences to print")
    args = parser.parse_args()
    if args.command == "snapshot":
        snapshot(args.out, args.corpus or CORPORA, args.workers)
    else:
        sys.exit(compare(args.base, args.other, args.limit))


if __name__ == "__main__":
    main()
