"""`oci meta-eval ...`: the perturbation suite (`variants`) and, built on it, the detection
table of every gate check."""

from __future__ import annotations

import asyncio
import json
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from eval.dataset.loader import DEFAULT_DATASET, DatasetError, load_golden, parse_dataset
from eval.metaeval import (
    FAMILIES,
    UnknownFamilyError,
    Variant,
    generate_suite,
    production_outputs,
    reference_texts,
    resolve_families,
    suite_digest,
)
from eval.metaeval.phrases import SPLITS, Split
from eval.samples import golden_samples
from eval.types import EvalSample
from service.gateway import ModelGateway
from service.prompt_source import PromptSourceError, load_prompt_dir
from service.settings import Settings

SOURCES = ("reference", "production")
meta_eval_app = typer.Typer(
    help="Meta-evaluation: labelled variants of known-good summaries, and what each check detects.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}")
    return typer.Exit(2)


def golden_eval_samples(settings: Settings, version: str) -> list[EvalSample]:
    """The golden set `version` as eval samples (a clear error if it is missing or invalid)."""
    try:
        samples, _ = golden_samples(load_golden(version, root=settings.datasets_dir))
    except DatasetError as error:
        raise _fail(str(error)) from error
    return samples


def suite_sources(
    settings: Settings,
    samples: Sequence[EvalSample],
    sources: Sequence[str],
    *,
    prompt: str,
    concurrency: int,
) -> dict[str, dict[str, str]]:
    """{source label: {sample id: known-good text}}: the references (first of each sample)
    and/or the production pair's outputs through the one summarizer path."""
    found: dict[str, dict[str, str]] = {}
    for source in sources:
        if source == "reference":
            found[source] = reference_texts(samples)
            continue
        try:
            pair = load_prompt_dir(settings.prompts_dir / (prompt or settings.prompt_name)).pair
        except PromptSourceError as error:
            raise _fail(str(error)) from error
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=err_console) as progress:
            task = progress.add_task(f"production {pair.name}@{pair.version}", total=len(samples))
            found[source] = asyncio.run(
                production_outputs(
                    samples,
                    pair,
                    ModelGateway(),
                    concurrency,
                    on_done=lambda task=task: progress.advance(task),  # type: ignore[misc]
                )
            )
        if failed := len(samples) - len(found[source]):
            err_console.print(f"{failed} production summaries failed; their samples are skipped")
    return found


def count_table(variants: Sequence[Variant], sources: Sequence[str]) -> Table:
    """Variants per family and source, with how many drew held-out wording (80 columns)."""
    table = Table(box=box.SIMPLE, pad_edge=False, title="Variants per family")
    for column in ("family", "kind", "trips", *sources, "heldout"):
        table.add_column(
            column, justify="left" if column in ("family", "kind", "trips") else "right"
        )
    made = Counter((v.family, v.source) for v in variants)
    heldout = Counter(v.family for v in variants if v.split == "heldout")
    present = {variant.family for variant in variants}
    for name in (name for name in FAMILIES if name in present):
        family = FAMILIES[name]
        kind = "pert" if family.kind == "perturbation" else "ctrl"
        counts = [str(made[(name, source)]) for source in sources]
        table.add_row(name, kind, ",".join(family.trips) or "-", *counts, str(heldout[name]))
    totals = [str(sum(made[(f, s)] for f in FAMILIES)) for s in sources]
    table.add_row("total", "", "", *totals, str(sum(heldout.values())), style="bold")
    return table


def write_jsonl(path: Path, variants: Sequence[Variant]) -> None:
    """Write all variants or nothing (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        temporary = Path(handle.name)
        try:
            for variant in variants:
                handle.write(json.dumps(variant.to_json(), ensure_ascii=False) + "\n")
        except BaseException:
            handle.close()
            temporary.unlink(missing_ok=True)
            raise
    temporary.replace(path)


@meta_eval_app.command("variants")
def variants_command(
    dataset: Annotated[str, typer.Option(help="Golden set version")] = "v1",
    source: Annotated[
        list[str] | None, typer.Option("--source", help="reference / production (repeatable)")
    ] = None,
    family: Annotated[
        list[str] | None, typer.Option("--family", help="Only these families (repeatable)")
    ] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most N per family and source (0: all)")] = 0,
    split: Annotated[str | None, typer.Option(help="Only wording from: dev / heldout")] = None,
    seed: int = 0,
    out: Annotated[Path | None, typer.Option(help="Write the variants here (JSONL)")] = None,
    prompt: Annotated[str, typer.Option(help="Production pair: prompts/<name>")] = "",
    concurrency: Annotated[int, typer.Option(min=0, max=512, help="0: OCI_EVAL_CONCURRENCY")] = 0,
) -> None:
    """Generate the perturbation suite, print counts per family, optionally write JSONL."""
    sources = list(dict.fromkeys(source or SOURCES))
    if unknown := [name for name in sources if name not in SOURCES]:
        raise _fail(f"unknown source(s): {', '.join(unknown)}; known: {', '.join(SOURCES)}")
    if split is not None and split not in SPLITS:
        raise _fail(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    try:
        resolve_families(family)
    except UnknownFamilyError as error:
        raise _fail(str(error)) from error
    settings = Settings()
    samples = golden_eval_samples(settings, dataset)
    texts: Mapping[str, Mapping[str, str]] = suite_sources(
        settings,
        samples,
        sources,
        prompt=prompt,
        concurrency=concurrency or settings.eval_concurrency,
    )
    chosen_split: Split | None = "dev" if split == "dev" else "heldout" if split else None
    variants = generate_suite(
        samples,
        texts,
        seed=seed,
        families=family,
        per_family_limit=limit or None,
        split=chosen_split,
    )
    console.print(count_table(variants, sources))
    digest = suite_digest(
        seed=seed, families=family, split=chosen_split, per_family_limit=limit or None
    )
    console.print(f"{len(variants)} variants from {len(samples)} samples; suite {digest[:19]}")
    if out is not None:
        write_jsonl(out, variants)
        console.print(f"wrote {out}")


@meta_eval_app.command("run")
def run_command(
    dataset: Annotated[
        str, typer.Option(help="Dataset (golden/v2, golden/v1, dev): as `oci eval` takes it")
    ] = DEFAULT_DATASET,
    family: Annotated[
        list[str] | None, typer.Option("--family", help="Only these families (repeatable)")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            help="Variants per family and source (0: all; default OCI_META_EVAL_PER_FAMILY, "
            "the size `oci eval` looks up)",
        ),
    ] = None,
    prompt: Annotated[str, typer.Option(help="Prompt name (production pair)")] = "",
    mlflow: Annotated[bool, typer.Option(help="Log the table as an MLflow run")] = True,
) -> None:
    """Score the suite with every scorer and the configured judge; print and write the
    detection table of every gate check, scorer and judge criterion."""
    from eval.cache import EvalCache
    from eval.eval_cli import resolve_pairs
    from eval.gate.config import load_gate_config
    from eval.inputs import DEFAULT_SCORERS, judge_config
    from eval.metaeval.known_good import load_known_good
    from eval.metaeval.report import print_table
    from eval.metaeval.session import compute, inputs_for
    from eval.scorers import build_scorers

    try:
        resolve_families(family)
    except UnknownFamilyError as error:
        raise _fail(str(error)) from error
    settings = Settings()
    try:
        name, version = parse_dataset(dataset)
        golden, info = golden_samples(load_golden(version, root=settings.datasets_dir, name=name))
    except DatasetError as error:
        raise _fail(str(error)) from error
    _, production = resolve_pairs(settings, prompt or settings.prompt_name, "", None)
    if production is None:
        raise _fail("no production pair: run make eval first (it bootstraps one)")
    judge = judge_config(settings)
    gateway = ModelGateway()
    cache = EvalCache(settings.state_dir / "eval-cache.sqlite")
    scorers = build_scorers(
        DEFAULT_SCORERS, judge=judge, gateway=gateway, system_prompts=[production.template.system]
    )
    per_family = settings.meta_eval_per_family if limit is None else limit or None
    inputs = inputs_for(
        golden,
        info,
        production,
        judge,
        load_gate_config(),
        scorers,
        per_family_limit=per_family,
        families=family,
        known_good=load_known_good(settings.datasets_dir, info),
    )
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=err_console) as progress:
            task = progress.add_task("scoring variants", total=None)
            output = asyncio.run(
                compute(
                    settings,
                    inputs,
                    gateway=gateway,
                    cache=cache,
                    log_to_mlflow=mlflow,
                    # The wild set is a source of its own: measured with every table the
                    # command computes, not with the one `make eval` computes on demand.
                    with_wild=True,
                    on_plan=lambda n: progress.update(task, total=n),
                    on_scored=lambda: progress.advance(task),
                )
            )
    finally:
        cache.close()
    print_table(output.result, console)
    console.print(f"{len(output.result.outcomes)} variants in {output.result.wall_s:.1f} s")
    console.print(f"report: {output.html}  markdown: {output.markdown}")
    if output.mlflow_run_id:
        console.print(f"MLflow run {output.mlflow_run_id}")


@meta_eval_app.command("margins")
def margins_command() -> None:
    """Each claim kind's false-alarm share on known-good text (blind briefings and
    references of golden v2 and dev v2), the margin the gate's rule derives from its worst
    source, and the margin eval/gate.yaml holds. Exit 1 when they differ."""
    from eval.gate.config import load_gate_config
    from eval.metaeval.noise import known_good_texts, margin_rows, margins_table, measure_noise

    settings = Settings()
    try:
        sources = known_good_texts(settings.datasets_dir)
    except DatasetError as error:
        raise _fail(str(error)) from error
    with console.status("checking the known-good texts ..."):
        rows = margin_rows(measure_noise(sources), load_gate_config())
    table = Table(title="Claim margins from measured false alarms", box=box.SIMPLE)
    for column in ("kind", "worst source", "flagged", "derived", "gate.yaml"):
        table.add_column(column)
    for cells in margins_table(rows):
        table.add_row(*cells)
    console.print(table)
    if not all(row.agrees for row in rows):
        err_console.print("eval/gate.yaml's margins differ from the rule's (eval/gate/margins.py)")
        raise typer.Exit(1)


@meta_eval_app.command("wild")
def wild_command(
    half: Annotated[str, typer.Option(help="dev (tune on it) or heldout (measure only)")] = "dev",
) -> None:
    """The checker on the wild set (conversations written outside the generator): faithful
    summaries flagged, human and LLM styles apart, and slips named per family, with Wilson
    intervals."""
    from eval.metaeval.wild import HALVES, figures_lines, measure_halves

    if half not in HALVES:
        raise _fail(f"--half must be one of {', '.join(HALVES)}")
    settings = Settings()
    with console.status(f"checking the wild set's {half} half ..."):
        [figures] = measure_halves(settings.datasets_dir, [half])
    for line in figures_lines(figures):
        console.print(line, soft_wrap=True)


EMULATED_VERIFIER = "bedrock/converse/us.amazon.nova-micro-v1:0"


@meta_eval_app.command("verifier")
def verifier_command(
    half: Annotated[str, typer.Option(help="the wild set's half (dev to tune on)")] = "dev",
    model: Annotated[
        str | None,
        typer.Option(help="a litellm model; default OCI_VERIFIER_MODEL, else the emulator"),
    ] = None,
) -> None:
    """The verifier's agreement with the rules and with labelled cases (the wild set's
    faithful and one-slip summaries, and people's reviews on file)."""
    import os

    from eval.emulator.server import EmulatorServer
    from eval.metaeval.verifier import agreement_lines, count_reviews, measure_agreement, wild_cases
    from eval.metaeval.wild import HALVES
    from service.composition import build_verifier

    if half not in HALVES:
        raise _fail(f"--half must be one of {', '.join(HALVES)}")
    settings = Settings()
    chosen = model or settings.verifier_model
    with console.status(f"checking the wild set's {half} half ..."):
        cases = wild_cases(settings.datasets_dir, half)
    with EmulatorServer() as emulator:
        if chosen is None:
            # The emulator's deterministic verifier: Bedrock's client signs every request,
            # so it needs credentials of some kind; the emulator reads none.
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "emulator")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "emulator")
            update: dict[str, object] = {
                "verifier_model": EMULATED_VERIFIER,
                "verifier_api_base": emulator.base_url,
                "verifier_aws_region": "us-east-1",
            }
        else:
            update = {"verifier_model": chosen}
        # The meta-evaluation waits for every answer: the service's budget is not measured here.
        update["verifier_budget_s"] = 30.0
        verifier = build_verifier(settings.model_copy(update=update), ModelGateway())
        if verifier is None:
            raise _fail("no verifier model")
        with console.status(f"asking the verifier about {len(cases)} findings ..."):
            agreement = asyncio.run(
                measure_agreement(verifier, cases, reviews=count_reviews(settings.datasets_dir))
            )
    for line in agreement_lines(agreement, model=chosen or "emulator", half=half):
        console.print(line, soft_wrap=True)
