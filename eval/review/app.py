"""The review queue as a small server-rendered web app (`oci review serve`).

Routes: `/login` (paste a reviewer token), `/` (the queues), `/queue/<name>` (the next item
for you), `/item/<key>` (read and label one item; POST stores the label). A label is
validated whole before anything is written (`eval.review.submission`); then its finding
verdicts go through `eval.findings.ReviewStore` (what the gate reads), the label into
`eval.review.labels.LabelStore`, a not-helpful verdict into the week's regression sets, and
the label to MLflow as HUMAN assessments. Errors are 4xx naming the field: an HTML page for
a browser, JSON for a client that asks for it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from eval.findings import ReviewError
from eval.review.access import COOKIE, AccessError, ReviewAccess, Reviewer
from eval.review.forms import FormError, form_fields, form_of_label, local_path
from eval.review.items import (
    QUEUE_NAMES,
    QueueName,
    ReviewItem,
    abstained_on,
    context_lines,
    records_view,
    summary_segments,
)
from eval.review.labels import DuplicateSubmissionError, Label
from eval.review.mirror import MlflowMirror
from eval.review.queues import QUEUE_TITLES, ReviewQueues
from eval.review.submission import FieldProblem, SubmissionError, parse_submission
from eval.rubric import Rubric
from eval.weekly.reviewed import update_regression_sets

TEMPLATES = Path(__file__).with_name("templates")
logger = logging.getLogger("oci.review")


@dataclass
class ReviewContext:
    """What the app serves and where labels go.

    Attributes:
        queues: The items and the label stores.
        rubric: The QA form.
        access: Token and CSRF checks.
        datasets_dir: `datasets/` (the week's regression sets are updated there).
        mirror: Writes labels to MLflow; None leaves them in the store only.
        max_age_s: How long the login cookie lives (the token's own expiry still applies).
        clock: Now, as ISO text.
    """

    queues: ReviewQueues
    rubric: Rubric
    access: ReviewAccess
    datasets_dir: Path
    mirror: MlflowMirror | None = None
    max_age_s: int = 3600
    clock: Callable[[], str] = lambda: datetime.now(UTC).isoformat(timespec="seconds")


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,  # summaries and records are model output and customer text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["url"] = lambda value: quote(str(value), safe="")
    return environment


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def create_review_app(context: ReviewContext) -> FastAPI:
    """The app over `context` (no import-time state: one app per call)."""
    app = FastAPI(title="Omni Channel Insights review queue", docs_url=None, redoc_url=None)
    templates = _environment()
    write_lock = asyncio.Lock()

    def page(name: str, status: int = 200, **values: Any) -> HTMLResponse:
        html = templates.get_template(name).render(queue_titles=QUEUE_TITLES, **values)
        return HTMLResponse(html, status_code=status)

    def refused(request: Request, error: AccessError) -> Response:
        if _wants_json(request) or request.method != "GET":
            body = {"error": "unauthorized" if error.status == 401 else "forbidden"}
            return JSONResponse({**body, "detail": error.reason}, status_code=error.status)
        if error.status == 401:
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        return page("message.html.j2", 403, title="Not a reviewer", message=error.reason)

    def problems(status: int, error: str, found: list[FieldProblem]) -> JSONResponse:
        return JSONResponse(
            {
                "error": error,
                "detail": "; ".join(f"{p.field}: {p.message}" for p in found),
                "fields": [p.field for p in found],
            },
            status_code=status,
        )

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/login", response_class=HTMLResponse)
    async def login_form(next: str = "/") -> HTMLResponse:
        return page("login.html.j2", next=local_path(next), error="")

    @app.post("/login")
    async def login(request: Request) -> Response:
        try:
            form = await form_fields(request)
        except FormError as error:
            return JSONResponse({"error": "bad_form", "detail": str(error)}, error.status)
        token = form.get("token", "").strip()
        target = local_path(form.get("next", "/"))
        try:
            context.access.principal(token)
        except AccessError as error:
            return page("login.html.j2", error.status, next=target, error=error.reason)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            COOKIE,
            token,
            max_age=context.max_age_s,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
        )
        return response

    @app.post("/logout")
    async def logout() -> Response:
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    @app.get("/", response_class=HTMLResponse)
    async def overview(request: Request) -> Response:
        try:
            reviewer = context.access.reviewer(request)
        except AccessError as error:
            return refused(request, error)
        queues = [
            (name, context.queues.progress(name, reviewer.id), context.queues.needed(name))
            for name in QUEUE_NAMES
        ]
        return page("queues.html.j2", reviewer=reviewer.id, queues=queues)

    @app.get("/queue/{name}")
    async def next_item(request: Request, name: str, after: str = "") -> Response:
        try:
            reviewer = context.access.reviewer(request)
        except AccessError as error:
            return refused(request, error)
        if name not in QUEUE_NAMES:
            return page("message.html.j2", 404, title="No such queue", message=name)
        queue: QueueName = name  # type: ignore[assignment]
        item = context.queues.next_for(queue, reviewer.id, after)
        if item is None:
            progress = context.queues.progress(queue, reviewer.id)
            return page("done.html.j2", queue=queue, progress=progress, reviewer=reviewer.id)
        return RedirectResponse(f"/item/{quote(item.key, safe='')}", status_code=303)

    def item_page(
        item: ReviewItem,
        reviewer: Reviewer,
        *,
        status: int = 200,
        errors: list[FieldProblem] | None = None,
        form: dict[str, str] | None = None,
        saved: str = "",
    ) -> HTMLResponse:
        standing = context.queues.labels.standing().get((item.key, reviewer.id))
        values = form if form is not None else form_of_label(standing)
        progress = context.queues.progress(item.queue, reviewer.id)
        previous = context.queues.neighbour(item.key, -1)
        return page(
            "item.html.j2",
            status,
            item=item,
            reviewer=reviewer.id,
            records=records_view(item),
            segments=summary_segments(item),
            abstentions=abstained_on(item),
            context_lines=context_lines(item),
            rubric=context.rubric,
            values=values,
            errors=errors or [],
            error_fields={p.field for p in errors or []},
            label_id=uuid.uuid4().hex,
            csrf=context.access.csrf(reviewer),
            progress=progress,
            previous=previous.key if previous else "",
            relabel=standing is not None,
            saved=saved,
        )

    @app.get("/item/{key}", response_class=HTMLResponse)
    async def show_item(request: Request, key: str, saved: str = "") -> Response:
        try:
            reviewer = context.access.reviewer(request)
        except AccessError as error:
            return refused(request, error)
        item = context.queues.item(key)
        if item is None:
            return page("message.html.j2", 404, title="No such item", message=key)
        return item_page(item, reviewer, saved=saved)

    @app.post("/item/{key}")
    async def submit(request: Request, key: str) -> Response:
        try:
            reviewer = context.access.reviewer(request)
            form = await form_fields(request)
            context.access.check_csrf(reviewer, form.get("csrf", ""))
        except AccessError as error:
            return refused(request, error)
        except FormError as error:
            return JSONResponse({"error": "bad_form", "detail": str(error)}, error.status)
        item = context.queues.item(key)
        if item is None:
            problem = [FieldProblem("item", f"unknown item {key!r}")]
            if _wants_json(request):
                return problems(404, "not_found", problem)
            return page("message.html.j2", 404, title="No such item", message=key)
        try:
            label, reviews = parse_submission(
                form, item, context.rubric, reviewer=reviewer.id, now=context.clock()
            )
            # Files and MLflow are blocking I/O: off the event loop, one label at a time.
            async with write_lock:
                stored = await asyncio.to_thread(store_label, label, reviews)
        except SubmissionError as error:
            if _wants_json(request):
                return problems(422, "invalid_label", error.problems)
            return item_page(item, reviewer, status=422, errors=error.problems, form=form)
        except DuplicateSubmissionError as error:
            if _wants_json(request):
                return problems(409, "duplicate", [FieldProblem("label_id", str(error))])
            return page("message.html.j2", 409, title="Already recorded", message=str(error))
        if _wants_json(request):
            return JSONResponse({"stored": stored, "label_id": label.label_id}, status_code=201)
        after = quote(item.key, safe="")
        return RedirectResponse(f"/queue/{item.queue}?after={after}", status_code=303)

    def store_label(label: Label, reviews: list[Any]) -> bool:
        """Write one validated label everywhere it goes; True when it changed anything.

        Finding reviews first (identical ones are skipped), then the label (its id makes a
        resent form a 409), so a crash between them is finished by sending the form again;
        then the week's regression sets and MLflow, both idempotent.
        """
        store = context.queues.labels
        if label.label_id in {existing.label_id for existing in store.all()}:
            raise DuplicateSubmissionError(f"submission {label.label_id} is already recorded")
        try:
            context.queues.findings.add(reviews)
        except ReviewError as error:
            raise SubmissionError([FieldProblem("f", str(error))]) from error
        stored = store.add(label)
        if label.queue == "not_helpful" and (week := label.snapshot.context.get("week")):
            update_regression_sets(context.datasets_dir, week, {label.snapshot.sample_id: label})
        if context.mirror is not None:
            try:
                context.mirror.mirror(label)
            except Exception as error:  # noqa: BLE001 - stored; `oci review sync` retries
                logger.warning("label %s not mirrored to MLflow: %s", label.label_id, error)
        return stored

    return app
