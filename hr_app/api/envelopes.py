"""The two error envelopes of the spec, and which paths use which.

- interview-management style: {"success": false, "message", "error": CODE, "details"}
- panel style:                {"success": false, "message", "errors": {"field": ["..."]}}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hr_app.kit.errors import DomainError

PANEL_STYLE_PREFIXES = ("/api/panel", "/api/question-bank")

F = TypeVar("F", bound=Callable[..., Any])


def uses_panel_envelope(path: str) -> bool:
    return path.startswith(PANEL_STYLE_PREFIXES)


def error_body(path: str, error: DomainError) -> dict[str, Any]:
    if uses_panel_envelope(path):
        return {"success": False, "message": error.message, "errors": error.field_errors}
    return {"success": False, "message": error.message, "error": error.code, "details": error.details}


def error_messages(*, invalid: str | None = None, internal: str | None = None) -> Callable[[F], F]:
    """Route decorator: the spec's wording for this route's validation and server errors."""

    def decorate(endpoint: F) -> F:
        if invalid:
            endpoint.invalid_message = invalid  # type: ignore[attr-defined]
        if internal:
            endpoint.internal_message = internal  # type: ignore[attr-defined]
        return endpoint

    return decorate
