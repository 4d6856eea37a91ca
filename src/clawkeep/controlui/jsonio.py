"""The Control UI API's JSON in and out: bodies read with a size bound, answers with the
UI's headers, refusals as ``{"ok": false, "error": <reason code>, "message": ...}``."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from clawkeep.controlui.guard import UI_HEADERS

__all__ = ["MAX_JSON", "json_answer", "read_body", "refuse", "text_field"]

MAX_JSON = 64 * 1024


def json_answer(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=UI_HEADERS)


def refuse(status: int, code: str, message: str) -> JSONResponse:
    return json_answer({"ok": False, "error": code, "message": message}, status)


async def read_body(request: Request) -> dict[str, Any] | Response:
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        # JSON only: a cross-site form cannot send it without a CORS preflight.
        return refuse(415, "controlui.bad_body", "send application/json")
    size = 0
    chunks: list[bytes] = []
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_JSON:
            return refuse(413, "controlui.bad_body", "the body is too large")
        chunks.append(chunk)
    try:
        data = json.loads(b"".join(chunks) or b"{}")
    except ValueError:
        return refuse(400, "controlui.bad_body", "the body is not JSON")
    if not isinstance(data, dict):
        return refuse(400, "controlui.bad_body", "the body must be an object")
    return data


def text_field(data: dict[str, Any], key: str, limit: int = 256) -> str | None:
    value = data.get(key)
    if isinstance(value, str) and value.strip() and len(value) <= limit:
        return value.strip()
    return None
