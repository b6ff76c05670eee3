"""The gate's parts without promptfoo: assertions, config, output conversion, change detection."""

from __future__ import annotations

import json
from dataclasses import asdict, replace
from pathlib import Path

from gate_repos import NAME, PromptRepo, git

from eval.gate.config import load_gate_config
from eval.promptfoo.assertions import get_assert
from eval.promptfoo.changes import PromptTree, changed_prompts, choose_base
from eval.promptfoo.promptfoo_config import Side, build_config
from eval.promptfoo.runs import eval_run, rows_by_role, sample_result
from eval.types import SampleResult, Score
from service.prompt_source import load_prompt_dir

ROOT = Path(__file__).resolve().parents[2]


def _result(**scores: Score) -> SampleResult:
    return SampleResult(
        sample_id="gs-001",
        dataset="golden/v1",
        trial=0,
        output="text",
        error=None,
        model_used="local/x",
        fallback_used=False,
        model_called=True,
        input_tokens=10,
        output_tokens=5,
        cache_read_tokens=0,
        cache_write_tokens=0,
        cost_usd=0.001,
        latency_ms=12.5,
        latency_source="measured",
        scores=scores,
    )


def _context(result: SampleResult, checks: list[dict[str, object]]) -> dict[str, object]:
    record = json.loads(json.dumps(asdict(result), default=str))
    return {"metadata": {"oci": {"sample_result": record}}, "config": {"checks": checks}}


def test_assertion_grades_each_recorded_score_against_its_threshold() -> None:
    result = _result(
        bleu=Score("bleu", 31.0),
        key_fact_recall=Score("key_fact_recall", 0.5, reason="missing: refund"),
        claims=Score("claims", 0.0, passed=True),
    )
    checks = [
        {"score": "bleu", "scale": 100},
        {"score": "key_fact_recall", "min": 0.6},
        {"score": "claims", "max": 0, "lower_is_better": True},
    ]
    graded = get_assert("text", _context(result, checks))
    assert graded["pass"] is False
    assert graded["namedScores"] == {"bleu": 0.31, "key_fact_recall": 0.5, "claims": 1.0}
    assert [c["pass"] for c in graded["componentResults"]] == [True, False, True]
    assert "key_fact_recall = 0.5 (must be >= 0.6 (gate.yaml)): missing: refund" in graded["reason"]


def test_assertion_fails_a_row_whose_summary_errored() -> None:
    result = replace(_result(), output=None, error="AllModelsFailedError: timeout")
    graded = get_assert("", _context(result, [{"score": "bleu"}]))
    assert graded["pass"] is False and "timeout" in graded["reason"]


def test_config_reads_thresholds_from_the_gate_file(tmp_path: Path) -> None:
    text = (ROOT / "eval" / "gate.yaml").read_text().replace("threshold: 5000", "threshold: 1234")
    gate_path = tmp_path / "gate.yaml"
    gate_path.write_text(text)
    head = Side("head", ROOT / "prompts" / NAME, "working tree")
    config = build_config(
        NAME,
        [head],
        gate=load_gate_config(gate_path),
        datasets_dir=ROOT / "datasets",
        dataset_version="v1",
        limit=5,
        workers=1,
    )
    asserts = config["defaultTest"]["assert"]
    assert {"type": "latency", "metric": "latency", "threshold": 1234.0} in asserts
    checks = asserts[0]["config"]["checks"]
    assert {"score": "key_fact_recall", "min": 0.6} in checks
    assert config["tests"][0]["config"]["limit"] == 5
    assert config["providers"][0]["label"] == "head"
    assert config["defaultTest"]["options"]["provider"]["id"].endswith("judge_provider.py")


def test_each_side_has_its_own_prompt_with_its_text_and_a_label_naming_it(
    tmp_path: Path,
) -> None:
    reworded = tmp_path / NAME
    reworded.mkdir()
    text = (ROOT / "prompts" / NAME / "prompt.yaml").read_text()
    (reworded / "prompt.yaml").write_text(text.replace("You write", "You draft"))
    sides = [
        Side("base", ROOT / "prompts" / NAME, "registry production (v1)"),
        Side("head", reworded, "working tree"),
    ]
    config = build_config(
        NAME,
        sides,
        gate=load_gate_config(),
        datasets_dir=ROOT / "datasets",
        dataset_version="v2",
        limit=None,
        workers=1,
    )
    prompts = {prompt["id"]: prompt for prompt in config["prompts"]}
    assert [p["prompts"] for p in config["providers"]] == [["base-prompt"], ["head-prompt"]]
    base, head = prompts["base-prompt"], prompts["head-prompt"]
    assert base["label"] != head["label"]
    assert (
        base["label"].startswith("base: omni-summary@")
        and "registry production (v1)" in (base["label"])
    )
    assert "You write" in base["raw"] and "You draft" in head["raw"]
    # The template's variables stay as written: promptfoo's templating is off for the run.
    assert "{{interactions}}" in head["raw"]
    assert config["env"] == {"PROMPTFOO_DISABLE_TEMPLATING": "true"}


def test_promptfoo_rows_become_eval_runs_and_missing_rows_errors() -> None:
    result = _result(bleu=Score("bleu", 20.0), judge=Score("judge", 1.0, True, metadata={"a": 1}))
    record = json.loads(json.dumps(asdict(result), default=str))
    output = {
        "results": {
            "results": [
                {
                    "provider": {"label": "head"},
                    "vars": {"dataset": "golden/v1", "sample_id": "gs-001"},
                    "response": {"output": "text", "metadata": {"oci": {"sample_result": record}}},
                }
            ]
        }
    }
    assert sample_result(record) == result
    pair = load_prompt_dir(ROOT / "prompts" / NAME).pair
    from eval.inputs import load_eval_samples
    from service.settings import Settings

    samples, datasets = load_eval_samples(Settings(datasets_dir=ROOT / "datasets"), "v1")
    rows = rows_by_role(output, "out.json")["head"]
    run = eval_run(
        rows,
        pair=pair,
        samples=samples[:2],
        datasets=datasets,
        judge_model="j",
        judge_is_baseline=True,
        wall_s=1.0,
    )
    assert run.results[0] == result
    assert run.results[1].error == "promptfoo produced no result for this sample"


def test_changed_prompts_sees_edits_new_untracked_and_removed_dirs(prompt_repo: PromptRepo) -> None:
    prompt_repo.write(prompt_repo.data(), name="second")
    git(prompt_repo.root, "add", ".")
    git(prompt_repo.root, "commit", "-q", "-m", "second")
    git(prompt_repo.root, "checkout", "-q", "-b", "pr")
    prompt_repo.change(changelog="edited")
    prompt_repo.write(prompt_repo.data(), name="brand-new")
    git(prompt_repo.root, "rm", "-q", "-r", "prompts/second")
    tree = PromptTree.locate(prompt_repo.prompts)
    found = {(c.name, c.status) for c in changed_prompts(tree, "main")}
    assert found == {(NAME, "modified"), ("brand-new", "added"), ("second", "deleted")}


def test_base_is_git_unless_registry_holds_other_content(
    prompt_repo: PromptRepo, tmp_path: Path
) -> None:
    tree = PromptTree.locate(prompt_repo.prompts)
    system = str(prompt_repo.data()["system"])
    prompt_repo.change(system=system.replace("90 words", "80 words"))
    head = load_prompt_dir(prompt_repo.prompts / NAME).pair
    base_pair = load_prompt_dir(ROOT / "prompts" / NAME).pair
    kwargs = {"since": "main", "base_label": "main", "scratch": tmp_path}

    from_git = choose_base(tree, NAME, head, production=lambda name: None, **kwargs)  # type: ignore[arg-type]
    assert from_git.source == "git main" and from_git.pair is not None
    assert from_git.pair.content_hash == base_pair.content_hash

    itself = choose_base(tree, NAME, head, production=lambda n: (head, tmp_path), **kwargs)  # type: ignore[arg-type]
    assert itself.source == "git main" and "proves nothing" in itself.reason

    other = replace(base_pair, version="7", content_hash="x" * 64)
    registry = choose_base(tree, NAME, head, production=lambda n: (other, tmp_path), **kwargs)  # type: ignore[arg-type]
    assert registry.source == "registry production (7)"

    new = choose_base(tree, "brand-new", head, production=lambda n: (other, tmp_path), **kwargs)  # type: ignore[arg-type]
    assert new.pair is None and "absolute checks and claim ceilings only" in new.reason
