"""Domain errors. Services and kit helpers raise these; each door renders them (API envelopes, UI messages)."""

from __future__ import annotations

FieldErrors = dict[str, list[str]]


class DomainError(Exception):
    """Base class: a message for people, a stable code, and optional details.

    `details` is either a plain sentence or a mapping of field name to messages.
    """

    status_code = 400
    code = "VALIDATION_ERROR"

    def __init__(self, message: str, details: str | FieldErrors | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def field_errors(self) -> FieldErrors:
        if isinstance(self.details, dict):
            return self.details
        return {"non_field_errors": [self.details or self.message]}


class Invalid(DomainError):
    status_code = 400
    code = "VALIDATION_ERROR"

    @classmethod
    def on(cls, field: str, problem: str, message: str = "Invalid data provided") -> Invalid:
        return cls(message, {field: [problem]})


class Unauthorized(DomainError):
    status_code = 401
    code = "UNAUTHORIZED"


class Forbidden(DomainError):
    status_code = 403
    code = "FORBIDDEN"


class NotFound(DomainError):
    status_code = 404
    code = "NOT_FOUND"


class MethodNotAllowed(DomainError):
    status_code = 405
    code = "METHOD_NOT_ALLOWED"


class Conflict(DomainError):
    status_code = 409
    code = "CONFLICT"


class Gone(DomainError):
    status_code = 410
    code = "GONE"


class TooManyRequests(DomainError):
    status_code = 429
    code = "RATE_LIMITED"

    def __init__(self, message: str, retry_after: int, details: str | FieldErrors | None = None) -> None:
        super().__init__(message, details)
        self.retry_after = retry_after
