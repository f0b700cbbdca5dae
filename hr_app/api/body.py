"""Reading request bodies that may come as JSON or as a form."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hr_app.kit.errors import Invalid
from hr_app.kit.limits import JSON_BODY_MAX_BYTES
from hr_app.schemas.validation import field_errors

M = TypeVar("M", bound=BaseModel)

MAX_JSON_BYTES = JSON_BODY_MAX_BYTES


def is_form(request: Request) -> bool:
    content_type = request.headers.get("content-type", "")
    return content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded"))


async def read_json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if len(raw) > MAX_JSON_BYTES:
        raise Invalid("Invalid data provided", {"non_field_errors": ["Request body is too large."]})
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise Invalid(
            "Invalid data provided", {"non_field_errors": ["JSON parse error: the request body is not valid JSON."]}
        ) from exc
    if not isinstance(data, dict):
        raise Invalid("Invalid data provided", {"non_field_errors": ["Invalid data. Expected a dictionary."]})
    return data


def parse(model: type[M], data: dict[str, Any], message: str = "Invalid data provided") -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid(message, field_errors(exc.errors())) from exc


_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class EmptyBodyAsObjectMiddleware:
    """An absent JSON body is read as `{}`, as DRF reads it.

    FastAPI reports a missing body as one `non_field_errors: ["This field is required."]`; a client that forgot
    the body should instead learn which fields are required (`{"status": ["This field is required."]}`), and a
    partial update with nothing to change is a no-op, not an error. Only `/api` requests with a JSON (or no)
    content type and a body that is really empty are changed; any other body passes through untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def _applies(scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS or not scope["path"].startswith("/api"):
            return False
        content_type = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
        return content_type in (b"", b"application/json")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        first = await receive()
        if first["type"] != "http.request" or first.get("body") or first.get("more_body"):
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return first
                return await receive()

            await self.app(scope, replay, send)
            return
        headers = [(k, v) for k, v in scope["headers"] if k not in (b"content-type", b"content-length")]
        headers += [(b"content-type", b"application/json"), (b"content-length", b"2")]
        sent = False

        async def empty_object() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": b"{}", "more_body": False}
            return await receive()

        await self.app({**scope, "headers": headers}, empty_object, send)
