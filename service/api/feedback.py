"""POST /feedback: agents' helpful / not_helpful on a summary, with an optional comment.

Thin like the other routes: validate, authenticate, call `FeedbackService`, map its
outcomes onto status codes (201 recorded, 200 duplicate, 404 unknown target, 409 key
reused for other feedback or contradicted between header and body). Errors are the same
JSON `ErrorResponse` as everywhere else.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse

from service.api.deps import Caller, Feedback
from service.api.refusals import note_refusal
from service.api.schemas import ErrorResponse, FeedbackRequest, FeedbackResponse, IdempotencyKey
from service.feedback import FeedbackTargetNotFoundError, IdempotencyKeyReusedError

_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": FeedbackResponse, "description": "Duplicate: this key is already recorded"},
    404: {"model": ErrorResponse, "description": "No served summary matches"},
    409: {"model": ErrorResponse, "description": "Idempotency key reused or contradicted"},
    503: {"model": ErrorResponse, "description": "A store is unavailable; retry with the key"},
}


def _error(
    request: Request, status: int, error: str, detail: str, fields: list[str], *, reason: str
) -> JSONResponse:
    note_refusal(request.state, reason, fields)
    body = ErrorResponse(error=error, detail=detail, fields=fields)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status)


def feedback_router() -> APIRouter:
    """The feedback route, guarded by the `principal` dependency; a router to include."""
    router = APIRouter()

    @router.post(
        "/feedback",
        status_code=201,
        response_model=FeedbackResponse,
        responses=_RESPONSES,
        summary="Record helpful / not_helpful feedback on a served summary",
    )
    async def submit_feedback(
        body: FeedbackRequest,
        request: Request,
        response: Response,
        caller: Caller,
        service: Feedback,
        idempotency_key: Annotated[
            IdempotencyKey | None,
            Header(alias="Idempotency-Key", description="Reuse it to retry safely"),
        ] = None,
    ) -> FeedbackResponse | JSONResponse:
        """Record feedback by `request_id`, or by `contact_id` + `customer_account`.

        Idempotent on the `Idempotency-Key` header (or body `idempotency_key`): a retry
        answers 200 with the same `feedback_id` and writes nothing new.
        """
        if idempotency_key and body.idempotency_key and idempotency_key != body.idempotency_key:
            # Each is valid alone, so this is a conflict within the request, not a schema error.
            return _error(
                request,
                409,
                "idempotency_key_conflict",
                "the Idempotency-Key header and the body's idempotency_key differ",
                ["idempotency_key"],
                reason="idempotency_key_conflict",
            )
        try:
            outcome = await service.submit(
                body.to_submission(),
                client_id=caller.client_id,
                idempotency_key=idempotency_key or body.idempotency_key,
            )
        except FeedbackTargetNotFoundError as error:
            return _error(
                request,
                404,
                "not_found",
                str(error),
                list(error.fields),
                reason="feedback_target_not_found",
            )
        except IdempotencyKeyReusedError as error:
            return _error(
                request,
                409,
                "idempotency_key_reused",
                str(error),
                ["idempotency_key"],
                reason="idempotency_key_reused",
            )
        if outcome.status == "duplicate":
            response.status_code = 200
        response.headers["X-Request-Id"] = outcome.record.request_id
        return FeedbackResponse(
            feedback_id=outcome.record.feedback_id,
            request_id=outcome.record.request_id,
            status=outcome.status,
            counted_feedback=outcome.counted_feedback,
        )

    return router
