"""Parse JSON that a model wrote, repairing the usual faults and refusing the rest.

Faults repaired: markdown code fences, prose before or after the object, trailing
commas, smart quotes around keys, and truncation (unclosed strings, arrays, objects).
Anything still unparseable raises `UnparseableOutputError`: a caller never gets a
silently guessed value.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)(?:```|$)", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


class UnparseableOutputError(ValueError):
    """Model output that is not JSON even after repair."""

    def __init__(self, text: str, reason: str) -> None:
        preview = text[:200] + ("…" if len(text) > 200 else "")
        super().__init__(f"unparseable model output ({reason}): {preview!r}")
        self.text = text
        self.reason = reason


def _strip_fences(text: str) -> str:
    match = _FENCE.search(text)
    return match.group(1) if match else text


def _outermost_span(text: str) -> str:
    """From the first `{` or `[` to the end: prose before it is dropped."""
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    return text[min(starts) :] if starts else text


def _remove_trailing_commas(text: str) -> str:
    """Drop commas before a closing bracket, leaving string contents untouched."""
    out: list[str] = []
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            out.append(char)
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char == ",":
            rest = text[index + 1 :].lstrip()
            if rest[:1] in ("}", "]"):
                continue
        out.append(char)
    return "".join(out)


def _close_truncated(text: str, *, drop_dangling_key: bool = False) -> str:
    """Close an unterminated string and any open brackets, innermost first.

    With `drop_dangling_key`, a trailing string that can only be an object key with no
    value (`{"a": 1, "b`) is dropped rather than closed.
    """
    stack: list[str] = []
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]" and stack:
            stack.pop()
    repaired = text + ('"' if in_string else "")
    repaired = repaired.rstrip()
    # A dangling separator or key would make the closed document invalid.
    repaired = re.sub(r"[,:]\s*$", "", repaired)
    if drop_dangling_key:
        repaired = re.sub(r'(,|(?<=\{))\s*"[^"]*"\s*$', "", repaired)
    return repaired + "".join(reversed(stack))


def _first_document(text: str) -> Any:
    """Decode the first JSON value and ignore trailing prose after it."""
    value, _ = json.JSONDecoder().raw_decode(text)
    return value


def repair_json(text: str) -> Any:
    """Parse model output as JSON, repairing common faults.

    Args:
        text: Raw model output.

    Returns:
        The decoded JSON value.

    Raises:
        UnparseableOutputError: The text is not JSON even after every repair.
    """
    if not text or not text.strip():
        raise UnparseableOutputError(text, "empty output")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    candidate = _outermost_span(_strip_fences(text).strip()).strip()
    if not candidate or candidate[0] not in "{[":
        raise UnparseableOutputError(text, "no JSON object or array found")
    candidate = candidate.replace("\u201c", '"').replace("\u201d", '"')
    for attempt in (
        candidate,
        _remove_trailing_commas(candidate),
        _remove_trailing_commas(_close_truncated(candidate)),
        _remove_trailing_commas(_close_truncated(candidate, drop_dangling_key=True)),
    ):
        try:
            return _first_document(attempt)
        except json.JSONDecodeError:
            continue
    raise UnparseableOutputError(text, "still invalid after repair")


def repair_json_object(text: str) -> dict[str, Any]:
    """Like `repair_json`, but the value must be a JSON object."""
    value = repair_json(text)
    if not isinstance(value, dict):
        raise UnparseableOutputError(text, f"expected an object, got {type(value).__name__}")
    return value
