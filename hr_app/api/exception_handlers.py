"""Render every error as one of the spec's envelopes. No route catches and re-maps."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hr_app.api.envelopes import error_body
from hr_app.kit.errors import (
    DomainError,
    Forbidden,
    Invalid,
    MethodNotAllowed,
    NotFound,
    TooManyRequests,
    Unauthorized,
)
from hr_app.schemas.validation import field_errors

logger = logging.getLogger("hr_app.api")

DEFAULT_INVALID_MESSAGE = "Invalid data provided"
DEFAULT_INTERNAL_MESSAGE = "An unexpected error occurred"


def _route_attr(request: Request, name: str) -> Any:
    route = request.scope.get("route")
    return getattr(getattr(route, "endpoint", None), name, None)


def render(request: Request, error: DomainError) -> JSONResponse:
    headers: dict[str, str] = {}
    if isinstance(error, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, TooManyRequests):
        headers["Retry-After"] = str(error.retry_after)
    if isinstance(error, MethodNotAllowed) and error.allow:
        headers["Allow"] = ", ".join(error.allow)
    return JSONResponse(error_body(request.url.path, error), status_code=error.status_code, headers=headers)


async def _domain_error(request: Request, error: DomainError) -> JSONResponse:
    if isinstance(error, Invalid) and error.message == DEFAULT_INVALID_MESSAGE:
        route_message = _route_attr(request, "invalid_message")
        if route_message:
            error = Invalid(route_message, error.details)
    return render(request, error)


_NOT_AN_OBJECT = frozenset({"model_attributes_type", "model_type", "dict_type"})


def _unsupported_media_type(request: Request, errors: list[Any]) -> str | None:
    """A form or text body sent to a JSON route: say so, rather than "Invalid data. Expected a dictionary."."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if not content_type or content_type == "application/json" or content_type.endswith("+json"):
        return None
    if any(e.get("type") in _NOT_AN_OBJECT and tuple(e.get("loc", ())) == ("body",) for e in errors):
        return f'Unsupported media type "{content_type}" in request. Send a JSON object (application/json).'
    return None


async def _validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
    message = _route_attr(request, "invalid_message") or DEFAULT_INVALID_MESSAGE
    errors = list(error.errors())
    media_problem = _unsupported_media_type(request, errors)
    if media_problem:
        return render(request, Invalid(message, {"non_field_errors": [media_problem]}))
    return render(request, Invalid(message, field_errors(errors)))


_HTTP_ERRORS = {
    401: lambda: Unauthorized("Authentication credentials were not provided.", "Provide a Bearer token."),
    403: lambda: Forbidden("You do not have permission to perform this action.", "Forbidden"),
    404: lambda: NotFound("Not found", "The requested resource does not exist"),
}


def method_not_allowed(request: Request) -> MethodNotAllowed:
    """A 405 whose `Allow` lists every method some route of the API answers at this path (RFC 9110)."""
    allowed: Callable[[str], set[str]] = request.app.state.allowed_methods
    return MethodNotAllowed(
        f'Method "{request.method}" not allowed.',
        f"{request.method} {request.url.path}",
        allow=allowed(request.url.path),
    )


async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
    if error.status_code in _HTTP_ERRORS:
        return render(request, _HTTP_ERRORS[error.status_code]())
    if error.status_code == 405:  # the wording of the JSON 405 fallback (app.py), whatever the method
        return render(request, method_not_allowed(request))
    domain = DomainError(str(error.detail), str(error.detail))
    domain.status_code = error.status_code
    domain.code = "METHOD_NOT_ALLOWED" if error.status_code == 405 else "HTTP_ERROR"
    return render(request, domain)


async def _unhandled_error(request: Request, error: Exception) -> JSONResponse:
    request_id = uuid.uuid4().hex[:12]
    logger.exception("Unhandled error %s on %s %s", request_id, request.method, request.url.path, exc_info=error)
    message = _route_attr(request, "internal_message") or DEFAULT_INTERNAL_MESSAGE
    internal = DomainError(message, "Please try again later")
    internal.status_code = 500
    internal.code = "INTERNAL_ERROR"
    response = render(request, internal)
    response.headers["X-Request-ID"] = request_id
    return response


def add_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unhandled_error)
