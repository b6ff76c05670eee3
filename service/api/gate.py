"""The front door of the JSON routes, in pure ASGI: runs before FastAPI reads a body.

A body in another media type is refused with 415 naming `content-type`: FastAPI would
otherwise hand its raw bytes to the model, and a `text/plain` body that happens to be JSON
was parsed as JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.routing import APIRoute
from starlette.responses import JSONResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.schemas import ErrorResponse

JSON_MEDIA_TYPE = "application/json"


def error_response(status: int, error: str, detail: str, **extra: Any) -> JSONResponse:
    """The API's error body (`ErrorResponse`) as a response."""
    payload = ErrorResponse(error=error, detail=detail, **extra).model_dump(exclude_none=True)
    return JSONResponse(payload, status_code=status)


def _media_type(scope: Scope) -> str | None:
    for name, value in scope.get("headers") or []:
        if name == b"content-type":
            return str(value.decode("latin-1").split(";", 1)[0].strip().lower())
    return None


class RequestGate:
    """Refuses a JSON route's request whose body is not `application/json` (415)."""

    def __init__(self, app: ASGIApp, *, json_routes: Sequence[APIRoute]) -> None:
        """Wrap `app`.

        Args:
            app: The next ASGI app.
            json_routes: Routes whose body is a JSON model (their method and path match).
        """
        self.app = app
        self._json_routes = list(json_routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        takes_json = any(route.matches(scope)[0] == Match.FULL for route in self._json_routes)
        if takes_json:
            media_type = _media_type(scope)
            if media_type != JSON_MEDIA_TYPE:
                got = f"got {media_type}" if media_type else "none was sent"
                response = error_response(
                    415, "unsupported_media_type",
                    f"content-type must be {JSON_MEDIA_TYPE} ({got})", fields=["content-type"],
                )  # fmt: skip
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
