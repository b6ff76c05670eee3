"""Process entry point for uvicorn: `uvicorn --factory service.main:app_factory`.

Settings are read here, once per process (each uvicorn worker builds its own app). The
service's modules are imported inside the factory, after the offline defaults are in the
environment: litellm reads them when it is first imported.
"""

from __future__ import annotations

import sys

from fastapi import FastAPI

from service.offline import apply_offline_defaults, apply_serving_defaults


def app_factory() -> FastAPI:
    """Build the app from the environment's settings.

    A configuration it must not serve with ends the process with one line naming the
    variable (exit status 2), not a traceback.
    """
    apply_offline_defaults()
    apply_serving_defaults()
    from service.settings import ConfigurationError, load_settings

    try:
        settings = load_settings()
        # Checked before the service's modules are imported, so a worker that may not serve
        # says why in a second instead of after loading the model clients.
        for problem in (settings.missing_secret(), settings.registry_store_problem()):
            if problem is not None:
                raise ConfigurationError(problem)
        from service.api.app import create_app
        from service.composition import build_service

        return create_app(build_service(settings))
    except ConfigurationError as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
        raise SystemExit(2) from None
