"""A reviewer works through the review queue in Chromium, by keyboard, and the labels are read
back through MLflow's API; a stranger and a non-reviewer, in the same browser, write nothing.

Screenshots of each page are kept under the test's tmp folder (`review-*.png`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import mlflow
import pytest
from chromium_page import Page
from oci_testing.live import serve_app
from oci_testing.review_fixtures import ReviewSetup, review_setup

from eval.review.app import create_review_app
from eval.review.mirror import FINDING_VERDICT, MlflowMirror

CRITERIA_KEYS = "yynuyyyyn"  # one answer per QA criterion, in form order


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, ReviewSetup]]:
    root = tmp_path_factory.mktemp("review")
    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    mirror = MlflowMirror(f"sqlite:///{root / 'mlflow.db'}", "omni-summary", root / "artifacts")
    setup = review_setup(root, mirror=mirror)
    with serve_app(create_review_app(setup.context)) as base_url:
        yield base_url, setup
    mlflow.set_tracking_uri(previous)  # type: ignore[arg-type]


def _post_json(page: Page, path: str, body: dict[str, str], token: str = "") -> Any:
    """A form posted from the page's own origin with fetch; its status and JSON."""
    headers = {"accept": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    script = (
        f"fetch({json.dumps(path)}, {{method: 'POST', headers: {json.dumps(headers)},"
        f" body: new URLSearchParams({json.dumps(body)})}})"
        ".then(async r => ({status: r.status, body: await r.json()}))"
    )
    result = page.command(
        "Runtime.evaluate", expression=script, awaitPromise=True, returnByValue=True
    )
    return result["result"]["value"]


def _human(mirror: MlflowMirror, setup: ReviewSetup, key: str) -> list[Any]:
    item = setup.context.queues.item(key)
    assert item is not None
    return mirror.human_assessments(item.snapshot)


def test_a_reviewer_labels_a_queue_by_keyboard_and_mlflow_holds_the_labels(
    page: Page, served: tuple[str, ReviewSetup], tmp_path: Path
) -> None:
    base_url, setup = served
    mirror = setup.context.mirror
    assert mirror is not None
    page.command("Network.enable")
    page.command("Network.clearBrowserCookies")
    first = setup.context.queues.items("calibration")[0].key

    # A stranger is sent to the login page; neither they nor a non-reviewer can post a label.
    page.goto(f"{base_url}/item/{first}")
    assert page.evaluate("location.pathname") == "/login"
    body = {"label_id": "b" * 32, "c.no_pii": "yes"}
    assert _post_json(page, f"/item/{first}", body)["status"] == 401
    agent = setup.token("agent-desktop")
    assert _post_json(page, f"/item/{first}", body, agent)["status"] == 403
    page.evaluate(
        f"document.getElementById('token').value = {json.dumps(agent)};"
        " document.getElementById('login').submit()"
    )
    page.wait_for_load()
    assert "no reviewer role" in page.evaluate("document.getElementById('login-error').textContent")
    assert setup.labels_text() == "" and setup.reviews_text() == ""
    assert _human(mirror, setup, first) == []

    # Alice signs in and starts the calibration queue.
    page.goto(f"{base_url}/login")
    page.evaluate(
        f"document.getElementById('token').value = {json.dumps(setup.token('alice', 'reviewer'))};"
        " document.getElementById('login').submit()"
    )
    page.wait_for_load()
    page.screenshot(tmp_path / "review-queues.png")
    assert page.evaluate("document.querySelectorAll('#queues a.start').length") >= 3
    page.goto(f"{base_url}/queue/calibration")
    skipped = page.evaluate("decodeURIComponent(location.pathname.split('/').pop())")
    page.press("]")  # not now: the next item opens, this one comes round again
    page.wait_for_load()
    labelled = []
    for _ in range(3):
        key = page.evaluate("decodeURIComponent(location.pathname.split('/').pop())")
        assert key != skipped or len(labelled) == 2  # the skipped item comes last
        findings = page.evaluate("document.querySelectorAll('fieldset.finding').length")
        cited = page.evaluate("document.querySelectorAll('.record.cited').length")
        assert (findings > 0) == (cited > 0)
        for _ in range(findings):
            page.press("y")  # each finding: a real error
        for answer in CRITERIA_KEYS:
            page.press(answer)
        page.press("w")
        page.type_text(f"note on {key}")
        page.press("Escape")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(tmp_path / f"review-item-{len(labelled) + 1}.png")
        checked = page.evaluate("document.querySelectorAll('input[type=radio]:checked').length")
        assert checked == findings + len(CRITERIA_KEYS)
        page.press("Enter")  # saves, then the next item opens
        page.wait_for_load()
        labelled.append((key, findings))
    page.screenshot(tmp_path / "review-done.png")
    assert page.evaluate("document.getElementById('done') !== null")
    assert any(findings for _, findings in labelled)

    # Read back through MLflow: one HUMAN assessment per answer, from alice.
    for key, findings in labelled:
        assessments = _human(mirror, setup, key)
        assert {a.source.source_id for a in assessments} == {"alice"}
        by_name = {a.name: a.value for a in assessments if a.name != FINDING_VERDICT}
        assert by_name["covers_contacts"] is True and by_name["states_open_items"] is False
        assert "states_promises" not in by_name  # "can't tell" is no assessment
        assert by_name["what_was_wrong"] == f"note on {key}"
        verdicts = [a.value for a in assessments if a.name == FINDING_VERDICT]
        assert verdicts == ["confirmed"] * findings
    assert len(setup.context.queues.labels.all()) == 3
    assert len(setup.context.queues.findings.latest()) == sum(f for _, f in labelled)
