"""Run the Converse emulator under uvicorn on a free 127.0.0.1 port.

``EmulatorServer`` serves it from a background thread (cheap, and `answer` may be any callable) or
from a subprocess (its own interpreter and GIL, for benchmarks where the load generator must not
share a core with the emulator). Either way the listening socket is bound here, before uvicorn
starts, so the port is known without a race.

Command line: ``python -m eval.emulator.server --port 8765 --plan plan.json --seed 7``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import httpx
import uvicorn

from eval.emulator.converse import Answer, create_emulator_app
from eval.emulator.faults import FaultPlan
from eval.emulator.zoo import load_zoo

_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_START_TIMEOUT_S = 30.0


def _bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _uvicorn_server(app: Any) -> uvicorn.Server:
    # Sleepers are released before shutdown; the short timeout covers requests still arriving.
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        backlog=4096,
        timeout_graceful_shutdown=1,
    )
    return uvicorn.Server(config)


class EmulatorServer:
    """The emulator on ``127.0.0.1``; a context manager whose ``__enter__`` starts it.

    Example::

        with EmulatorServer(FaultPlan(models={"*": ModelFaults(throttle_rate=0.1)})) as emu:
            litellm.completion(..., api_base=emu.base_url)
    """

    def __init__(
        self,
        plan: FaultPlan | None = None,
        *,
        seed: int = 0,
        answer: Answer | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        isolation: Literal["thread", "process"] = "thread",
        zoo: bool = False,
    ) -> None:
        """Configure, without starting.

        Args:
            plan: initial fault plan (``None``: no faults, no latency).
            seed: fault-sampling seed.
            answer: answer-text callable; thread isolation only (it cannot cross processes).
            host: interface to listen on; keep the loopback default.
            port: port to listen on; 0 picks a free one.
            isolation: ``"thread"`` (in this process) or ``"process"`` (a child interpreter).
            zoo: answer each model id as `eval/emulator/zoo.yaml` describes it.
        """
        if answer is not None and isolation == "process":
            raise ValueError("a custom answer callable needs isolation='thread'")
        self._plan, self._seed, self._answer, self._zoo = plan, seed, answer, zoo
        self._host, self._port, self._isolation = host, port, isolation
        self._url: str | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, the value to pass to litellm as ``api_base``."""
        if self._url is None:
            raise RuntimeError("emulator not started")
        return self._url

    @property
    def pid(self) -> int | None:
        """The emulator's process id with `isolation="process"` (benchmarks sample its CPU)."""
        return self._process.pid if self._process is not None else None

    def start(self) -> str:
        """Start serving and wait until requests are answered; returns `base_url`."""
        if self._url is not None:
            return self._url
        sock = _bind(self._host, self._port)
        url = f"http://{self._host}:{sock.getsockname()[1]}"
        if self._isolation == "thread":
            app = create_emulator_app(
                self._plan,
                seed=self._seed,
                answer=self._answer,
                zoo=load_zoo() if self._zoo else None,
            )
            self._server = _uvicorn_server(app)
            self._thread = threading.Thread(
                target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
            )
            self._thread.start()
        else:
            self._process = self._spawn(sock)
            sock.close()  # the child holds its own copy of the descriptor
        self._url = url
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return url

    def stop(self) -> None:
        """Stop serving. Sleeping requests (latency, hangs) are woken first so they finish."""
        if self._url is not None:
            with contextlib.suppress(httpx.HTTPError):
                self._control("POST", "/_emulator/release")
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._server, self._thread, self._process, self._url = None, None, None, None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def set_plan(self, plan: FaultPlan) -> None:
        """Replace the fault plan of the running emulator."""
        self._control("PUT", "/_emulator/plan", json=plan.model_dump(mode="json"))

    def reset(self) -> None:
        """Restore the initial plan and seed; forget recorded requests, stats and cache."""
        self._control("POST", "/_emulator/reset")

    def release(self) -> None:
        """End every answer still sleeping out its latency (a test that stopped waiting)."""
        self._control("POST", "/_emulator/release")

    def recorded_requests(self) -> list[dict[str, Any]]:
        """Requests received so far (the last 10,000), oldest first."""
        records: list[dict[str, Any]] = self._control("GET", "/_emulator/requests")
        return records

    def stats(self) -> dict[str, Any]:
        """``{"total": n, "models": {model_id: {outcome: count}}, "served_ms": {"p50", "p95"}}``
        (the last: how long answered requests took inside the emulator)."""
        counts: dict[str, Any] = self._control("GET", "/_emulator/stats")
        return counts

    def _control(self, method: str, path: str, json: object = None) -> Any:
        response = httpx.request(method, self.base_url + path, json=json, timeout=10)
        response.raise_for_status()
        return response.json()

    def _spawn(self, sock: socket.socket) -> subprocess.Popen[bytes]:
        fd = sock.fileno()
        os.set_inheritable(fd, True)
        command = [sys.executable, "-m", "eval.emulator.server", "--fd", str(fd)]
        command += ["--seed", str(self._seed)] + (["--zoo"] if self._zoo else [])
        if self._plan is not None:
            command += ["--plan-json", self._plan.model_dump_json()]
        # The child must import this project even when it is not installed in the interpreter.
        paths = [str(_PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        return subprocess.Popen(command, pass_fds=(fd,), env=env, cwd=_PROJECT_ROOT)

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"emulator exited with code {self._process.returncode}")
            if self._thread is not None and not self._thread.is_alive():
                raise RuntimeError("emulator thread exited during start-up")
            try:
                httpx.get(self.base_url + "/_emulator/stats", timeout=1).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise TimeoutError(f"emulator not ready after {_START_TIMEOUT_S} s")


def main(argv: list[str] | None = None) -> None:
    """Serve the emulator in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description="Bedrock Converse emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--fd", type=int, help="serve on an inherited, already bound socket")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plan", type=Path, help="FaultPlan JSON file")
    parser.add_argument("--plan-json", help="FaultPlan as a JSON string")
    parser.add_argument("--zoo", action="store_true", help="answer as eval/emulator/zoo.yaml says")
    args = parser.parse_args(argv)
    plan_text = args.plan.read_text() if args.plan else args.plan_json
    plan = FaultPlan.model_validate_json(plan_text) if plan_text else None
    sock = socket.socket(fileno=args.fd) if args.fd is not None else _bind(args.host, args.port)
    serve_foreground(sock, plan, seed=args.seed, zoo=args.zoo)


def serve_foreground(
    sock: socket.socket,
    plan: FaultPlan | None,
    *,
    seed: int = 0,
    zoo: bool = False,
    answer: Answer | None = None,
) -> None:
    """Serve the emulator on a bound socket until interrupted."""
    host, port = sock.getsockname()[:2]
    print(f"converse emulator on http://{host}:{port}", file=sys.stderr, flush=True)
    shapes = load_zoo() if zoo else None
    app = create_emulator_app(plan, seed=seed, zoo=shapes, answer=answer)
    _uvicorn_server(app).run(sockets=[sock])


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready socket on (host, port); port 0 picks a free one."""
    return _bind(host, port)


if __name__ == "__main__":
    main()
