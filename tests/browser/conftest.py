"""Fixtures: a headless Chromium for the session (skipped when none is installed), a tab each."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from collections.abc import Iterator

import pytest
from chromium_page import BROWSERS, COMMAND_TIMEOUT_S, Page, find_browser, launch_command, port_of
from websockets.sync.client import connect


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A headless Chromium's DevTools port; skips when no Chromium is installed."""
    binary = find_browser()
    if binary is None:
        pytest.skip(
            "no Chromium found (looked for " + ", ".join(BROWSERS) + "); install it with "
            "`apt-get install -y chromium` to run the browser tests"
        )
    profile = tmp_path_factory.mktemp("chromium-profile")
    process = subprocess.Popen(
        launch_command(binary, profile), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield port_of(profile, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def page(chromium: int) -> Iterator[Page]:
    """A fresh tab of the session's browser, closed after the test."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{chromium}/json/new?about:blank", method="PUT"
    )
    with urllib.request.urlopen(request, timeout=COMMAND_TIMEOUT_S) as answer:
        target = json.loads(answer.read())
    with connect(target["webSocketDebuggerUrl"], max_size=None) as socket:
        yield Page(socket)
    close = f"http://127.0.0.1:{chromium}/json/close/{target['id']}"
    with urllib.request.urlopen(close, timeout=COMMAND_TIMEOUT_S):
        pass
