"""Headless Chromium driven over the Chrome DevTools Protocol (its public wire API).

A module of its own (not conftest) so that test modules can import `Page` by a unique name.

Chromium comes from the system's packages (`apt-get install chromium`); without it every
browser test is skipped with the reason. The protocol is spoken with `websockets` (already
a dependency): one page target, commands answered by id, events read until the one awaited.
"""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Generous: a busy machine may take long to start a browser; nothing here is a timing check.
START_TIMEOUT_S = 120.0
COMMAND_TIMEOUT_S = 120.0


class Page:
    """One browser tab: navigate, evaluate JavaScript, press keys, take a screenshot."""

    def __init__(self, socket: ClientConnection) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._events: list[str] = []  # event names seen while awaiting a command's answer

    def command(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a protocol command and return its result (events meanwhile are noted)."""
        number = next(self._ids)
        self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv(timeout=COMMAND_TIMEOUT_S))
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            if "method" in message:
                self._events.append(str(message["method"]))

    def wait_for_load(self) -> None:
        """Until the page (re)loaded: a navigation a click or a key started has finished."""
        while "Page.loadEventFired" not in self._events:
            message = json.loads(self._socket.recv(timeout=COMMAND_TIMEOUT_S))
            if "method" in message:
                self._events.append(str(message["method"]))
        self._events.clear()

    def goto(self, url: str, *, width: int = 1440, height: int = 1000) -> None:
        """Load `url` at a desktop window size and wait for its load event."""
        self.command(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.command("Page.enable")
        self._events.clear()
        self.command("Page.navigate", url=url)
        self.wait_for_load()

    def press(self, key: str) -> None:
        """Press and release one key as a person does (`"y"`, `"Enter"`, `"]"`)."""
        special = {"Enter": 13, "Escape": 27, "ArrowDown": 40, "ArrowUp": 38}
        text = "\r" if key == "Enter" else ("" if key in special else key)
        code = special.get(key, ord(key.upper()) if len(key) == 1 else 0)
        down = {"type": "keyDown", "key": key, "windowsVirtualKeyCode": code}
        if text:
            down["text"] = text
        self.command("Input.dispatchKeyEvent", **down)
        self.command("Input.dispatchKeyEvent", type="keyUp", key=key, windowsVirtualKeyCode=code)

    def type_text(self, text: str) -> None:
        """Type `text` into the focused element."""
        self.command("Input.insertText", text=text)

    def open(self, path: Path, *, width: int = 1280, height: int = 900) -> None:
        """Load a file at a desktop window size and wait for its load event (images too)."""
        self.command(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.command("Page.enable")
        self.command("Page.navigate", url=path.resolve().as_uri())
        while True:
            message = json.loads(self._socket.recv(timeout=COMMAND_TIMEOUT_S))
            if message.get("method") == "Page.loadEventFired":
                return

    def wait_for_text(self, text: str, timeout_s: float = COMMAND_TIMEOUT_S) -> str:
        """The page's visible text once it contains `text` (a single-page app renders late).

        Raises:
            AssertionError: `text` did not appear in time (the text shown then is included).
        """
        deadline = time.monotonic() + timeout_s
        shown = ""
        while time.monotonic() < deadline:
            shown = self.evaluate("document.body ? document.body.innerText : ''") or ""
            if text in shown:
                return str(shown)
            time.sleep(0.25)
        raise AssertionError(f"{text!r} never appeared; the page showed:\n{shown[:2000]}")

    def viewport_screenshot(self, path: Path) -> Path:
        """A PNG of what the window shows (a long app page in full is tens of screens)."""
        shot = self.command("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page."""
        result = self.command("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page."""
        shot = self.command("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return path


def find_browser() -> str | None:
    """The first Chromium-family browser on PATH."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def launch_command(binary: str, profile: Path) -> list[str]:
    """Headless, on a DevTools port of the system's choosing, with a throwaway profile."""
    return [
        binary,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "about:blank",
    ]


def port_of(profile: Path, process: subprocess.Popen[bytes]) -> int:
    """The DevTools port Chromium chose (it writes it to the profile once listening)."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if marker.is_file() and (lines := marker.read_text().splitlines()):
            return int(lines[0])
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        time.sleep(0.1)
    raise RuntimeError(f"chromium wrote no DevTools port within {START_TIMEOUT_S:.0f} s")
