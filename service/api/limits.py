"""A pure-ASGI request body limit: refuses oversized bodies before they are buffered."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.refusals import note_refusal


class BodySizeLimit:
    """413 for bodies over `max_bytes`, by Content-Length or by counting streamed bytes."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            note_refusal(scope.setdefault("state", {}), "payload_too_large", ["body"])
            await _reject(send, self.max_bytes)
            return
        seen = 0
        rejected = False

        async def limited_receive() -> Message:
            nonlocal seen, rejected
            if rejected:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # Answer now and tell the app the client left: frameworks turn exceptions
                    # raised while reading the body into their own 400, hiding the 413.
                    rejected = True
                    note_refusal(scope.setdefault("state", {}), "payload_too_large", ["body"])
                    await _reject(send, self.max_bytes)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if not rejected:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)


async def _reject(send: Send, max_bytes: int) -> None:
    body: dict[str, Any] = {
        "error": "payload_too_large",
        "detail": f"request body exceeds {max_bytes} bytes",
        "fields": ["body"],
    }
    data = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": data})
