"""Swagger UI (`/docs`) and ReDoc (`/redoc`) from assets installed with the service.

FastAPI's defaults load both from a CDN, so on a machine without internet access `/docs`
was a blank page. The `fastapi-offline` package ships the same assets; only its files are
used. The pages are open, like `/openapi.json`: they describe the API, and calling it from
them still needs a bearer token (the Authorize button).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

ASSETS_PATH = "/docs-assets"


def install_docs(app: FastAPI, *, title: str) -> None:
    """Serve `/docs`, `/redoc` and their assets under `/docs-assets/` (app built with
    `docs_url=None, redoc_url=None`)."""
    assets = Path(str(files("fastapi_offline") / "static"))
    app.mount(ASSETS_PATH, StaticFiles(directory=assets), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=openapi_url,
            title=f"{title} - ReDoc",
            redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )
