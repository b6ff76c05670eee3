"""A loopback TCP proxy that can be taken down and brought back on the same port.

A dependency "outage" is then a real one for the service: connections to the proxy's port
are refused while it is down, and open connections are cut, with no SDK patched. `delay_s`
makes the dependency slow instead of down: each answer is held that long before it is
forwarded, once per request/response exchange (HTTP/1.1 clients send one request at a time
per connection), and `delayed` counts the exchanges that were held.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Self


class _Pair:
    """The two sockets of one proxied connection; closed when both directions end."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client, self.upstream = client, upstream
        self._lock = threading.Lock()
        self._running = 2

    def one_direction_done(self) -> bool:
        """Count one direction as finished; True for the second (last) one."""
        with self._lock:
            self._running -= 1
            return self._running == 0


class OutageProxy:
    """Forwards `127.0.0.1:<port>` to `target` (`http://host:port`) while it is up."""

    def __init__(self, target: str, *, delay_s: float = 0.0) -> None:
        host, port = target.removeprefix("http://").rstrip("/").split(":")
        self.target = (host, int(port))
        self.delay_s = delay_s  # read per exchange: a running proxy can be slowed or sped up
        self.delayed = 0
        # Reserve a port once, so `url` stays valid across outages.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port: int = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def up(self) -> bool:
        """Whether connections are being accepted now."""
        return self._listener is not None

    def start(self) -> None:
        """Accept and forward connections (again)."""
        if self._listener is not None:
            return
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(256)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut the open ones: the dependency is down."""
        listener, self._listener = self._listener, None
        if listener is not None:
            # shutdown() wakes the blocked accept(); close() alone leaves the port listening.
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            sockets, self._open = self._open, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            # Set when the client has sent bytes that the upstream has not answered yet.
            awaiting = threading.Event()
            pair = _Pair(client, upstream)
            for source, sink, answers in ((client, upstream, False), (upstream, client, True)):
                threading.Thread(
                    target=self._pipe, args=(source, sink, awaiting, answers, pair), daemon=True
                ).start()

    def _pipe(
        self,
        source: socket.socket,
        sink: socket.socket,
        awaiting: threading.Event,
        answers: bool,
        pair: _Pair,
    ) -> None:
        try:
            self._copy(source, sink, awaiting, answers)
        finally:
            if pair.one_direction_done():
                # Both directions ended: free the two descriptors now. Kept open until
                # stop(), a server that closes after each answer (moto's werkzeug does)
                # ran the process out of file descriptors within a few thousand calls.
                with self._lock:
                    self._open = [s for s in self._open if s not in (pair.client, pair.upstream)]
                for sock in (pair.client, pair.upstream):
                    with contextlib.suppress(OSError):
                        sock.close()

    def _copy(
        self, source: socket.socket, sink: socket.socket, awaiting: threading.Event, answers: bool
    ) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if not answers:
                    awaiting.set()
                elif awaiting.is_set():
                    # The first bytes of an answer: hold them once, not every chunk of it,
                    # so the delay is per call whatever size the answer is.
                    awaiting.clear()
                    if self.delay_s:
                        with self._lock:
                            self.delayed += 1
                        time.sleep(self.delay_s)
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

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
