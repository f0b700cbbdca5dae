"""Reading request bodies that may come as JSON or as a form."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from hr_app.schemas.validation import field_errors
from hr_app.services.errors import Invalid

M = TypeVar("M", bound=BaseModel)

MAX_JSON_BYTES = 1024 * 1024


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
