"""The project's results as their users see them, in headless Chromium: the MLflow prompt
page (model config labelled, the verdict among the version's visible tags), the model matrix
report (production a row and a point, failed checks with value and threshold) and promptfoo's
viewer (each column headed by its own prompt, its text one click away).

A screenshot of each is taken; set OCI_SCREENSHOT_DIR to keep them (they go under the test's
temporary directory otherwise).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
import yaml
from chromium_page import Page
from eval_gate.gate_runs import (  # the gate tests' synthetic runs (tests/eval_gate)
    build_run,
    equivalent,
    expensive,
    invents_amounts,
)
from oci_testing.live import free_port
from oci_testing.mlflow_server import start_mlflow_server, stop_mlflow_server, wait_mlflow_ready

from eval.gate import decide, load_gate_config
from eval.matrix.leaderboard import leaderboard
from eval.matrix.pairs import Entry
from eval.matrix.report import render_html
from eval.promptfoo.gate_run import promptfoo_env
from eval.promptfoo.promptfoo_config import Side, build_config
from eval.tracking import eval_headline
from service.prompt_source import load_prompt_dir
from service.registry.mlflow_registry import MlflowPromptRegistry
from service.registry.protocol import EVAL_HEADLINE_TAG

REPO = Path(__file__).resolve().parents[2]
NAME = "omni-summary"
PROMPTFOO = REPO / "node_modules" / ".bin" / "promptfoo"
START_TIMEOUT_S = 180


def _keep(shot: Path) -> Path:
    kept = os.environ.get("OCI_SCREENSHOT_DIR")
    if kept:
        Path(kept).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(kept) / shot.name)
    return shot


@pytest.fixture(scope="module")
def mlflow_prompt_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mlflow server` over a store holding the committed prompt, evaluated once (FAIL)."""
    root = tmp_path_factory.mktemp("mlflow-ui")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    registry = MlflowPromptRegistry(uri)
    version = registry.register(
        load_prompt_dir(REPO / "prompts" / NAME), git_commit="abc123", author="ds@example.com"
    ).version
    verdict = decide(build_run(invents_amounts, version="8"), build_run(), load_gate_config())
    # What an eval writes on the version (eval.tracking), and a bootstrap before it.
    for key, value in {
        "oci.bootstrapped": "true",
        EVAL_HEADLINE_TAG: eval_headline(verdict),
        "oci.verdict": "FAIL",
        "oci.eval_run_id": "0123456789abcdef",
        "oci.checks_failed": ",".join(check.name for check in verdict.failed),
    }.items():
        registry.set_version_tag(NAME, version, key, value)
    process, url = start_mlflow_server(uri, root)
    try:
        wait_mlflow_ready(process, url, root / "server.log")
        yield f"{url}/#/prompts/{NAME}"
    finally:
        stop_mlflow_server(process)


def test_mlflow_shows_the_model_config_labelled_and_the_verdict(
    page: Page, mlflow_prompt_page: str, tmp_path: Path
) -> None:
    page.goto(mlflow_prompt_page)
    shown = page.wait_for_text("Model Config", timeout_s=START_TIMEOUT_S)
    page.wait_for_text("extra_params")
    shown = page.wait_for_text("Max Tokens")
    _keep(page.viewport_screenshot(tmp_path / "mlflow-prompt-version.png"))
    config = shown[shown.index("Model Config:") : shown.index("System")]
    for labelled in (
        "Provider: local",
        "Model: local/extractive-summarizer",
        "Temperature: 0",
        "Max Tokens: 300",
        'fallbacks: ["local/lead-baseline"]',
        "timeout_s: 5",
        "total_budget_s: 7.5",
    ):
        assert labelled in config, f"{labelled!r} not shown labelled in:\n{config}"
    assert "[object Object]" not in shown
    unlabelled = [line for line in config.splitlines() if line.strip().startswith(":")]
    assert not unlabelled, f"values shown without their name: {unlabelled}"
    # The verdict is among the tags shown before "N more...".
    metadata = shown[shown.index("Metadata:") : shown.index("Model Config:")]
    assert EVAL_HEADLINE_TAG in metadata and "FAIL vs omni-summary@7: 1 check" in metadata


@pytest.fixture(scope="module")
def matrix_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A matrix of three pairs against production (the gate tests' runs): one passes."""
    root = tmp_path_factory.mktemp("matrix")
    pair = load_prompt_dir(REPO / "prompts" / NAME).pair
    profiles = {"reworded": equivalent, "fabricates": invents_amounts, "pricey": expensive}
    runs = []
    for label, profile in profiles.items():
        run = build_run(profile, version=label)
        runs.append(replace(run, pair=replace(run.pair, content_hash=f"sha256:{label}")))
    entries = [Entry(label, pair) for label in profiles]
    rows = leaderboard(entries, runs, "reworded", load_gate_config(), build_run())
    page = root / "report.html"
    page.write_text(render_html(rows, "reworded", emulated=True), encoding="utf-8")
    return page


def test_the_matrix_report_shows_production_and_what_each_pair_failed(
    page: Page, matrix_report: Path, tmp_path: Path
) -> None:
    page.open(matrix_report, width=1400)
    _keep(page.screenshot(tmp_path / "matrix-report.png"))
    shown = page.evaluate("document.body.innerText")
    assert "Recommendation: reworded: it passes the gate against production (v7)" in shown
    assert re.search(r"unsupported_fact 0\.\d+ \(needs <= 0\.05\)", shown)
    assert re.search(r"cost_per_summary 0\.\d+ \(needs <= 0\.012\)", shown)
    rows = page.evaluate(
        "[...document.querySelectorAll('tr')].slice(1).map(r => [r.className,"
        " r.cells[0].innerText])"
    )
    assert ["production", "production"] in rows
    assert ["pass chosen", "reworded"] in rows and ["fail", "fabricates"] in rows
    images = page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")
    assert images == [True, True]


@pytest.fixture(scope="module")
def promptfoo_viewer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """promptfoo's viewer over a gate-shaped run: the gate's own config (its per-side prompts)
    with promptfoo's `echo` providers in place of the summarizer, on two samples, so it runs in
    seconds; the provider is not what is under test, the columns are."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed (promptfoo comes from npm)")
    subprocess.run(["make", "-s", "node_modules/.installed"], cwd=REPO, check=True)
    root = tmp_path_factory.mktemp("promptfoo")
    head = root / "head" / NAME
    head.mkdir(parents=True)
    text = (REPO / "prompts" / NAME / "prompt.yaml").read_text(encoding="utf-8")
    (head / "prompt.yaml").write_text(text.replace("You write", "You draft"), encoding="utf-8")
    config = build_config(
        NAME,
        [Side("base", REPO / "prompts" / NAME, "git main"), Side("head", head, "working tree")],
        gate=load_gate_config(),
        datasets_dir=REPO / "datasets",
        dataset_version="v2",
        limit=None,
        workers=1,
    )
    for provider in config["providers"]:
        provider["id"] = "echo"
        provider.pop("config")
    config.pop("defaultTest")
    config["tests"] = [
        {
            "description": f"golden/v2 {sample}",
            "vars": {"dataset": "golden/v2", "sample_id": sample},
        }
        for sample in ("gs2-001", "gs2-002")
    ]
    (root / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    env = {**promptfoo_env(), "PROMPTFOO_CONFIG_DIR": str(root / ".promptfoo")}
    run = [str(PROMPTFOO), "eval", "-c", "config.yaml", "--no-cache", "--no-table"]
    subprocess.run([*run, "--no-progress-bar"], cwd=root, env=env, check=True, timeout=600)
    port = free_port()
    viewer = subprocess.Popen(
        [str(PROMPTFOO), "view", "-n", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(START_TIMEOUT_S * 4):
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                assert viewer.poll() is None, "promptfoo view exited"
            time.sleep(0.25)
        yield f"{url}/eval"
    finally:
        os.killpg(viewer.pid, signal.SIGTERM)
        viewer.wait(timeout=60)


def test_promptfoo_heads_each_column_with_its_own_prompt(
    page: Page, promptfoo_viewer: str, tmp_path: Path
) -> None:
    page.goto(promptfoo_viewer)
    shown = page.wait_for_text("head: omni-summary@", timeout_s=START_TIMEOUT_S)
    headers = page.evaluate("[...document.querySelectorAll('th')].map(th => th.innerText)")
    base = [h for h in headers if "base: omni-summary@" in h]
    head = [h for h in headers if "head: omni-summary@" in h]
    assert len(base) == len(head) == 1 and "(git main)" in base[0]
    assert "(working tree)" in head[0] and "on local/extractive-summarizer" in head[0]
    _keep(page.viewport_screenshot(tmp_path / "promptfoo-columns.png"))
    # The button beside a column's prompt label opens that prompt's full text.
    page.evaluate(
        "[...document.querySelectorAll('th')].find(th => th.innerText.includes('head: omni'))"
        ".querySelector('button').click()"
    )
    shown = page.wait_for_text("You draft the briefing")
    time.sleep(1.0)  # the panel slides in: let it settle before the picture (nothing is timed)
    _keep(page.viewport_screenshot(tmp_path / "promptfoo-head-prompt.png"))
    assert "{{interactions}}" in shown and "{% raw %}" not in shown
