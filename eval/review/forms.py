"""The pages' forms: URL-encoded fields read without a multipart parser, a standing label as
a form's values, and where a login may send the browser next."""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request

from eval.review.labels import Label

MAX_FORM_BYTES = 65_536
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"


class FormError(Exception):
    """A request body that is not a small URL-encoded form (`status` 413 or 415)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


async def form_fields(request: Request) -> dict[str, str]:
    """The request's URL-encoded form fields (what the pages post; no file uploads).

    Raises:
        FormError: Another media type (415) or a body over `MAX_FORM_BYTES` (413).
    """
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != FORM_MEDIA_TYPE:
        raise FormError(415, f"content-type must be {FORM_MEDIA_TYPE}")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise FormError(413, f"a form is at most {MAX_FORM_BYTES} bytes")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=500)
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(415, f"not a URL-encoded form: {error}") from error
    return dict(pairs)


def local_path(target: str) -> str:
    """`target` when it is a path on this server, else "/" (no open redirect: `//host`
    and `/\\host` leave the site)."""
    if target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


def form_of_label(label: Label | None) -> dict[str, str]:
    """A standing label as the form's values (to change it)."""
    if label is None:
        return {}
    words = {True: "yes", False: "no", None: "unsure"}
    values = {f"c.{name}": words[verdict] for name, verdict in label.criteria.items()}
    values.update({f"f.{ident}": verdict for ident, verdict in label.findings.items()})
    values.update({f"fr.{ident}": why for ident, why in label.finding_reasons.items()})
    if label.verdict:
        values["verdict"] = label.verdict
    values["wrong"] = label.wrong
    return values
