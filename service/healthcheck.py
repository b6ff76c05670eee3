"""`python -m service.healthcheck`: exit 0 when this host's service answers `/healthz`.

The container image's HEALTHCHECK runs it: the slim base image has no curl, and a probe in
the standard library costs no dependency. It reads `OCI_PORT` only (the service listens on
every interface inside the container, so loopback reaches it), not the whole `Settings`:
a probe must not fail because some unrelated variable is invalid.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT_S = 3.0


def probe(url: str, *, timeout_s: float = TIMEOUT_S) -> str | None:
    """None when `url` answers 200, else one line saying what went wrong."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            status: int = response.status
    except urllib.error.HTTPError as error:
        return f"{url} answered {error.code}"
    except (urllib.error.URLError, OSError) as error:
        return f"{url} unreachable: {error}"
    return None if status == 200 else f"{url} answered {status}"


def main() -> None:
    """Probe `http://127.0.0.1:$OCI_PORT/healthz` (default port 8080)."""
    port = os.environ.get("OCI_PORT", "8080")
    problem = probe(f"http://127.0.0.1:{port}/healthz")
    if problem is not None:
        print(f"unhealthy: {problem}", file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
