"""Error responses: JSON that names the problem, never a traceback or a bare 500."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.gate import rate_limited_response, unauthorized_response
from service.api.refusals import note_refusal
from service.api.schemas import ErrorResponse
from service.auth import AuthError
from service.composition import ServiceContainer
from service.insights import ProcessIdConflictError
from service.model_calls import DependencyUnavailableError
from service.ratelimit import RateLimitedError


def _body(status: int, error: str, detail: str, **extra: Any) -> JSONResponse:
    payload = ErrorResponse(error=error, detail=detail, **extra).model_dump(exclude_none=True)
    return JSONResponse(payload, status_code=status)


def _field_name(location: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(part) for part in location if part != "body"]
    return ".".join(parts) or "body"


def _tagged(request: Request, response: JSONResponse) -> JSONResponse:
    """Carry the request id (set by the endpoint before it failed) so errors can be traced."""
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        response.headers["X-Request-Id"] = request_id
    return response


def install_error_handlers(app: FastAPI, container: ServiceContainer) -> None:
    """Map every failure the API can meet onto a 4xx/5xx JSON body."""
    events = container.events

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = error.errors()
        if any(problem.get("type") == "json_invalid" for problem in problems):
            note_refusal(request.state, "malformed_json", ["body"])
            return _body(400, "malformed_json", "request body is not valid JSON", fields=["body"])
        fields = sorted({_field_name(problem.get("loc", ())) for problem in problems})
        detail = "; ".join(
            f"{_field_name(problem.get('loc', ()))}: {problem.get('msg', 'invalid')}"
            for problem in problems[:10]
        )
        # Field names only: a value may be personal data or an attacker's payload.
        note_refusal(request.state, "invalid_request", fields[:10])
        return _body(422, "invalid_request", detail, fields=fields)

    @app.exception_handler(AuthError)
    async def unauthorized(request: Request, error: AuthError) -> JSONResponse:
        note_refusal(request.state, error.reason)
        return unauthorized_response(str(error))

    @app.exception_handler(RateLimitedError)
    async def rate_limited(request: Request, error: RateLimitedError) -> JSONResponse:
        note_refusal(request.state, "rate_limited")
        return rate_limited_response(error)

    @app.exception_handler(ProcessIdConflictError)
    async def conflict(request: Request, error: ProcessIdConflictError) -> JSONResponse:
        note_refusal(request.state, "process_id_conflict", ["unique_process_id"])
        response = _body(409, "process_id_conflict", str(error), fields=["unique_process_id"])
        return _tagged(request, response)

    @app.exception_handler(DependencyUnavailableError)
    async def unavailable(request: Request, error: DependencyUnavailableError) -> JSONResponse:
        response = _body(
            503,
            "unavailable",
            f"{error.what} is unavailable; retry shortly",
            retry_after_s=error.retry_after_s,
        )
        response.headers["Retry-After"] = str(max(1, round(error.retry_after_s)))
        return _tagged(request, response)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400:
            # FastAPI's own 400: a body its JSON decoder gave up on (nesting deeper than the
            # decoder's recursion limit, bytes that are not UTF-8).
            note_refusal(request.state, "malformed_json", ["body"])
            return _body(400, "malformed_json", f"request body: {error.detail}", fields=["body"])
        names = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}
        name = names.get(error.status_code, "http_error")
        note_refusal(request.state, name)
        response = _body(error.status_code, name, str(error.detail))
        response.headers.update(error.headers or {})  # e.g. `Allow` on a 405 (RFC 9110)
        return response

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        # Should never happen; when it does the client gets JSON and the log gets the type.
        events.event("UNHANDLED_ERROR", None, error=type(error).__name__)
        return _body(500, "internal_error", "unexpected error; it has been logged")
