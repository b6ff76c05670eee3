"""The outage proxy itself: it forwards, goes down for real, and frees what it used."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from oci_testing.outage_proxy import OutageProxy


@pytest.fixture
def closing_server() -> Iterator[str]:
    """Answers each connection's first message with `ok:<message>` and closes, as moto's
    server does after each HTTP answer."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(b"ok:" + conn.recv(1024))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    listener.close()


def _ask(port: int, message: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(message)
        return conn.recv(1024)


def _open_descriptors() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def test_connections_closed_by_the_server_release_their_descriptors(closing_server: str) -> None:
    with OutageProxy(closing_server) as proxy:
        assert _ask(proxy.port, b"warm") == b"ok:warm"
        before = _open_descriptors()
        for index in range(300):
            assert _ask(proxy.port, b"%d" % index) == b"ok:%d" % index
        deadline = time.monotonic() + 5
        while _open_descriptors() > before + 10 and time.monotonic() < deadline:
            time.sleep(0.05)
        # 300 calls kept open would hold 600 descriptors until stop().
        assert _open_descriptors() <= before + 10


def test_a_stopped_proxy_refuses_and_a_restarted_one_forwards_again(closing_server: str) -> None:
    with OutageProxy(closing_server) as proxy:
        proxy.stop()
        with pytest.raises(OSError):
            _ask(proxy.port, b"down")
        proxy.start()
        assert _ask(proxy.port, b"up") == b"ok:up"
