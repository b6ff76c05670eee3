"""`oci-serve`: uvicorn over `service.main:app_factory`, with nothing of the harness.

The bare install (the container image) starts the service with this; `oci serve` seeds demo
data and bootstraps the registry first, then hands over to the same `exec_uvicorn`. Host,
port and workers come from `OCI_HOST`, `OCI_PORT` and `OCI_WORKERS` unless given here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from service.auth import authority_for
from service.observability import prepare_multiprocess_dir
from service.settings import ConfigurationError, Settings, load_settings


def exec_uvicorn(settings: Settings, *, host: str, port: int, workers: int, name: str) -> None:
    """Replace this process with uvicorn serving the app on `host:port` with `workers`.

    Replaced rather than run in-process, so that uvicorn's spawned workers import only the
    app: each worker re-imports the parent's `__main__`, and a command line that had loaded
    litellm and MLflow there made them miss the supervisor's 5 s health check on a busy
    machine.
    """
    command = [sys.executable, "-m", "uvicorn", "--factory", "service.main:app_factory"]
    command += ["--host", host, "--port", str(port), "--workers", str(workers)]
    # info: uvicorn's start, worker and shutdown messages stay visible.
    command += ["--log-level", "info", "--no-access-log"]
    # Prometheus multiprocess mode: each worker writes its metrics to files in this directory
    # and /metrics sums them all. prometheus-client chooses the mode when a process first
    # imports it, so the variable is set for the workers' environment only, never here;
    # the directory is emptied first so that a previous run's counts do not leak in.
    metrics_dir = prepare_multiprocess_dir(settings.serving_metrics_dir).resolve()
    environment = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)}
    print(f"{name}: listening on http://{host}:{port} ({workers} workers)", flush=True)
    os.execve(sys.executable, command, environment)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point: check the settings once, then exec uvicorn.

    A configuration it must not serve with (say, real backends without `OCI_AUTH_SECRET`)
    ends the process with one line naming the variable and exit status 2.
    """
    parser = argparse.ArgumentParser(
        prog="oci-serve", description="Serve POST /omni-channel-insights (no demo data)."
    )
    parser.add_argument("--host", help="default: OCI_HOST or 127.0.0.1")
    parser.add_argument("--port", type=int, help="default: OCI_PORT or 8080")
    parser.add_argument("--workers", type=int, help="default: OCI_WORKERS or 2")
    arguments = parser.parse_args(argv)
    try:
        settings = load_settings()
        # Refused here, once, before any worker starts; also creates the dev secret before
        # several workers race for it.
        authority_for(settings)
        if (problem := settings.registry_store_problem()) is not None:
            raise ConfigurationError(problem)
    except ConfigurationError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
    exec_uvicorn(
        settings,
        host=arguments.host or settings.host,
        port=arguments.port or settings.port,
        workers=arguments.workers or settings.workers,
        name="oci-serve",
    )


if __name__ == "__main__":
    main()
