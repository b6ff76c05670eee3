"""What routes receive through FastAPI dependencies: the caller and the app's collaborators.

Routes name them with the `Annotated` aliases below, so a test can replace any of them with
`app.dependency_overrides[<function>] = ...` instead of building a whole container. Every
dependency is a coroutine, so FastAPI runs it on the event loop rather than in its thread pool.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.auth import AuthError, Principal
from service.composition import ServiceContainer
from service.feedback import FeedbackService
from service.insights import InsightsService
from service.observability import EventLog, ServiceMetrics

# Declares the scheme in the OpenAPI document (the Authorize button, generated clients);
# `RequestGate` has checked the token before FastAPI got the request.
bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    bearerFormat="JWT",
    description="An HS256 token from `oci token` (at most OCI_AUTH_MAX_TOKEN_LIFETIME_S long)",
)


async def principal(
    request: Request, _: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> Principal:
    """The caller `RequestGate` authenticated and rate-limited; every protected route needs it."""
    caller: Principal | None = getattr(request.state, "principal", None)
    if caller is None:  # a route the gate was not told about: refuse rather than serve
        raise AuthError("missing bearer token", "missing_token")
    return caller


async def container(request: Request) -> ServiceContainer:
    """The collaborators `create_app` was given."""
    built: ServiceContainer = request.app.state.container
    return built


async def insights_service(
    services: Annotated[ServiceContainer, Depends(container)],
) -> InsightsService:
    """The summary path below HTTP."""
    return services.insights


async def feedback_service(
    services: Annotated[ServiceContainer, Depends(container)],
) -> FeedbackService:
    """The feedback path below HTTP."""
    return services.feedback


async def event_log(services: Annotated[ServiceContainer, Depends(container)]) -> EventLog:
    """The structured event log."""
    return services.events


async def service_metrics(
    services: Annotated[ServiceContainer, Depends(container)],
) -> ServiceMetrics:
    """The process's Prometheus metrics."""
    return services.metrics


Caller = Annotated[Principal, Depends(principal)]
Services = Annotated[ServiceContainer, Depends(container)]
Insights = Annotated[InsightsService, Depends(insights_service)]
Feedback = Annotated[FeedbackService, Depends(feedback_service)]
Events = Annotated[EventLog, Depends(event_log)]
Metrics = Annotated[ServiceMetrics, Depends(service_metrics)]
