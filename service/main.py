"""Process entry point for uvicorn: `uvicorn --factory service.main:app_factory`.

Settings are read here, once per process (each uvicorn worker builds its own app).
"""

from __future__ import annotations

from fastapi import FastAPI

from service.api.app import create_app
from service.composition import build_service
from service.offline import apply_serving_defaults
from service.settings import Settings


def app_factory() -> FastAPI:
    """Build the app from the environment's settings."""
    apply_serving_defaults()
    return create_app(build_service(Settings()))
