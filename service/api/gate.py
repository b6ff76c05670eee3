"""The front door of the protected routes, in pure ASGI: runs before FastAPI reads a body.

In order: the bearer token (401, and a request that fails it spends its client address's
anonymous bucket: 429 once that is empty), the authenticated client's rate limit (429),
then the media type of a JSON route's body (415 naming `content-type`). FastAPI parses
bodies before it resolves dependencies, so as a dependency authentication would come after
a malformed body's 400; and without the media-type check FastAPI parsed a `text/plain`
body that happened to be JSON.

The caller is left in the request state (`request.state.principal`) for the routes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi.routing import APIRoute
from starlette.responses import JSONResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.refusals import note_refusal
from service.api.schemas import ErrorResponse
from service.auth import AuthError, TokenAuthority
from service.ratelimit import RateLimitedError, RateLimiter

JSON_MEDIA_TYPE = "application/json"
WWW_AUTHENTICATE = 'Bearer realm="omni-channel-insights"'


def error_response(status: int, error: str, detail: str, **extra: Any) -> JSONResponse:
    """The API's error body (`ErrorResponse`) as a response."""
    payload = ErrorResponse(error=error, detail=detail, **extra).model_dump(exclude_none=True)
    return JSONResponse(payload, status_code=status)


def unauthorized_response(reason: str) -> JSONResponse:
    """401 with the reason and the `WWW-Authenticate` challenge."""
    response = error_response(401, "unauthorized", reason)
    response.headers["WWW-Authenticate"] = WWW_AUTHENTICATE
    return response


def rate_limited_response(error: RateLimitedError) -> JSONResponse:
    """429 with `Retry-After` in whole seconds (at least 1)."""
    response = error_response(
        429,
        "rate_limited",
        "too many requests for this client; retry after the delay",
        retry_after_s=round(error.retry_after_s, 3),
    )
    response.headers["Retry-After"] = str(max(1, int(error.retry_after_s + 0.999)))
    return response


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _bearer_token(scope: Scope) -> str:
    scheme, _, token = (_header(scope, b"authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("missing bearer token", "missing_token")
    return token.strip()


class RequestGate:
    """Authenticates, rate-limits and checks the media type of protected requests."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        protected_routes: Sequence[APIRoute],
        auth: TokenAuthority,
        limiter: RateLimiter,
        anonymous_limiter: RateLimiter,
    ) -> None:
        """Wrap `app`.

        Args:
            app: The next ASGI app.
            protected_routes: Routes that need a bearer token (their path and method match).
            auth: Verifies the tokens.
            limiter: Per authenticated client id.
            anonymous_limiter: Per client address, for requests that fail authentication.
        """
        self.app = app
        self._routes = list(protected_routes)
        self._auth = auth
        self._limiter = limiter
        self._anonymous = anonymous_limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        matches = [(route, route.matches(scope)[0]) for route in self._routes]
        matched = [(route, match) for route, match in matches if match != Match.NONE]
        if not matched:
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        try:
            caller = self._auth.verify(_bearer_token(scope))
        except AuthError as error:
            response = unauthorized_response(str(error))
            note_refusal(state, error.reason)
            try:
                client = scope.get("client")
                self._anonymous.acquire(f"address:{client[0] if client else 'unknown'}")
            except RateLimitedError as limited:
                response = rate_limited_response(limited)
                note_refusal(state, "anonymous_rate_limited")
            await response(scope, receive, send)
            return
        state["principal"] = caller
        try:
            self._limiter.acquire(caller.client_id)
        except RateLimitedError as error:
            note_refusal(state, "rate_limited")
            await rate_limited_response(error)(scope, receive, send)
            return
        takes_json = any(m == Match.FULL and r.body_field is not None for r, m in matched)
        media_type = (_header(scope, b"content-type") or "").split(";", 1)[0].strip().lower()
        if takes_json and media_type != JSON_MEDIA_TYPE:
            got = f"got {media_type}" if media_type else "none was sent"
            response = error_response(
                415,
                "unsupported_media_type",
                f"content-type must be {JSON_MEDIA_TYPE} ({got})",
                fields=["content-type"],
            )
            note_refusal(state, "unsupported_media_type", ["content-type"])
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
