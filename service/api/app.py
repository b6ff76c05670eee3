"""The HTTP API: `create_app(container)` builds one FastAPI app; nothing is global.

Routes stay thin: validate, authenticate, call `InsightsService`, map its answer onto the
response model, set headers. Collaborators arrive through `service.api.deps`. Errors are
JSON bodies that name the problem (and the fields, for validation); never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

from fastapi import FastAPI, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from prometheus_client import CONTENT_TYPE_LATEST

from service.api.deps import Caller, Events, Insights, Metrics, Services, principal
from service.api.docs import install_docs
from service.api.errors import install_error_handlers
from service.api.feedback import feedback_router
from service.api.gate import RequestGate
from service.api.limits import BodySizeLimit
from service.api.refusals import RefusalMonitor
from service.api.schemas import ErrorResponse, InsightsRequest, InsightsResponse
from service.claims import prepare_checker
from service.composition import ServiceContainer


def _needs(dependant: Dependant, call: object) -> bool:
    return any(dep.call is call or _needs(dep, call) for dep in dependant.dependencies)


def create_app(container: ServiceContainer) -> FastAPI:
    """The service for one process, wired to `container`'s collaborators."""

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Never serve without a pair: start() loads @production (or the persisted
        # last-known-good pair when the registry is down) or fails start-up loudly.
        await container.pairs.start()
        if container.settings.summary_check:
            # The checker's world knowledge is read before serving, not in a request's
            # read-ahead beside its model call.
            await asyncio.to_thread(prepare_checker)
        stop = asyncio.Event()
        drain = asyncio.create_task(container.backends.outbox.run(container.backends.blobs, stop))
        refresh = asyncio.create_task(
            container.pairs.run(stop, interval_s=container.settings.registry_refresh_s)
        )
        stop_request_log = asyncio.Event()
        request_log = asyncio.create_task(container.insights.request_log.run(stop_request_log))
        try:
            yield
        finally:
            # The request log's last rows go into the outbox before its final delivery.
            stop_request_log.set()
            await asyncio.gather(request_log, return_exceptions=True)
            stop.set()
            await asyncio.gather(drain, refresh, return_exceptions=True)
            container.pairs.close()
            await asyncio.to_thread(container.insights.close)  # queued traces, when tracing
            container.backends.close()
            container.metrics.close()

    app = FastAPI(
        title="Omni Channel Insights",
        version="1.0.0",
        summary="LLM summaries of a customer's recent interactions for contact-center agents",
        lifespan=lifespan,
        docs_url=None,  # served from local assets by install_docs
        redoc_url=None,
        responses={
            400: {"model": ErrorResponse},
            401: {"model": ErrorResponse},
            413: {"model": ErrorResponse},
            415: {"model": ErrorResponse},
            422: {"model": ErrorResponse},
            429: {"model": ErrorResponse},
        },
    )
    app.state.container = container
    app.add_middleware(BodySizeLimit, max_bytes=container.settings.max_body_bytes)
    install_error_handlers(app, container)
    install_docs(app, title=app.title)
    metrics = container.metrics
    feedback = feedback_router()
    app.include_router(feedback)

    @app.post(
        "/omni-channel-insights",
        response_model=InsightsResponse,
        responses={409: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
    )
    async def omni_channel_insights(
        body: InsightsRequest,
        request: Request,
        response: Response,
        caller: Caller,
        insights: Insights,
        events: Events,
        metrics: Metrics,
    ) -> InsightsResponse:
        """Summarize the customer's recent interactions (cached per `unique_process_id`)."""
        request_id = f"req-{uuid.uuid4().hex[:16]}"
        request.state.request_id = request_id  # for the 409/503 handlers' X-Request-Id
        events.event(
            "REQUEST_RECEIVED",
            request_id,
            client=caller.client_id,
            account_number=body.account_number,
            ivr_intent=body.ivr_intent,
        )
        response.headers["X-Request-Id"] = request_id
        result = await insights.handle(body.to_query(), request_id)
        answer = InsightsResponse.from_answer(result.response)
        response.headers["X-Model-Used"] = answer.model_used
        response.headers["X-Cache-Hit"] = "true" if answer.cache_hit else "false"
        response.headers["X-Latency-Ms"] = str(answer.latency_ms)
        # What the model took of it: lets clients and benchmarks separate our overhead.
        response.headers["X-Model-Latency-Ms"] = str(round(result.model_latency_ms))
        labels = (result.outcome, answer.model_used, "true" if answer.cache_hit else "false")
        metrics.requests.labels(*labels).inc()
        metrics.latency.labels(*labels).observe(answer.latency_ms / 1000)
        events.event(
            "REQUEST_COMPLETED",
            request_id,
            outcome=result.outcome,
            model=answer.model_used,
            latency_ms=answer.latency_ms,
            prompt_version=answer.prompt_version,
        )
        return answer

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", responses={503: {"model": ErrorResponse}})
    async def readyz(services: Services) -> JSONResponse:
        """Readiness: stores reachable and a production prompt pair loaded."""
        checks: dict[str, str] = {}
        for name, ping in (
            ("interactions", services.backends.interactions.ping),
            ("summary_cache", services.backends.cache.ping),
        ):
            try:
                await asyncio.wait_for(ping(), timeout=2.0)
                checks[name] = "ok"
            except Exception as error:  # noqa: BLE001 - reported, not raised
                checks[name] = f"unavailable: {type(error).__name__}"
        try:
            pair = services.pairs.pick("readiness-probe")
            checks["prompt"] = f"{pair.name}@{pair.version}"
        except Exception as error:  # noqa: BLE001 - no pair loaded yet
            checks["prompt"] = f"unavailable: {type(error).__name__}"
        checks["outbox_pending"] = str(services.backends.outbox.pending_count())
        ready = all(not value.startswith("unavailable") for value in checks.values())
        return JSONResponse({"ready": ready, "checks": checks}, status_code=200 if ready else 503)

    @app.get(
        "/metrics",
        response_class=Response,
        responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}}}},
    )
    async def prometheus_metrics() -> Response:
        """Prometheus exposition, summed over every worker process of this server."""
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    # Outermost, so it answers before the body-size limit and FastAPI read anything.
    # The feedback router's own routes: FastAPI lists an included router as one entry.
    routes = [r for r in (*app.routes, *feedback.routes) if isinstance(r, APIRoute)]
    app.add_middleware(
        RequestGate,
        protected_routes=[route for route in routes if _needs(route.dependant, principal)],
        auth=container.auth,
        limiter=container.rate_limiter,
        anonymous_limiter=container.anonymous_limiter,
    )
    # Outside the gate and the body limit: it sees every refusal they answer themselves.
    app.add_middleware(RefusalMonitor, events=container.events, metrics=container.metrics)
    return app
