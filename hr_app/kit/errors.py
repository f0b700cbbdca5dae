"""Domain errors. Services and kit helpers raise these; each door renders them (API envelopes, UI messages)."""

from __future__ import annotations

from collections.abc import Iterable

FieldErrors = dict[str, list[str]]


class DomainError(Exception):
    """Base class: a message for people, a stable code, and optional details.

    `details` is either a plain sentence or a mapping of field name to messages. A subclass names its HTTP
    status and code in its class line: `class Gone(DomainError, status_code=410, code="GONE")`.
    """

    status_code = 400
    code = "VALIDATION_ERROR"

    def __init_subclass__(cls, *, status_code: int | None = None, code: str | None = None, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if status_code is not None:
            cls.status_code = status_code
        if code is not None:
            cls.code = code

    def __init__(self, message: str, details: str | FieldErrors | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    @property
    def field_errors(self) -> FieldErrors:
        if isinstance(self.details, dict):
            return self.details
        return {"non_field_errors": [self.details or self.message]}


class Invalid(DomainError, status_code=400, code="VALIDATION_ERROR"):
    @classmethod
    def on(cls, field: str, problem: str, message: str = "Invalid data provided") -> Invalid:
        return cls(message, {field: [problem]})


class Unauthorized(DomainError, status_code=401, code="UNAUTHORIZED"):
    pass


class Forbidden(DomainError, status_code=403, code="FORBIDDEN"):
    pass


class NotFound(DomainError, status_code=404, code="NOT_FOUND"):
    pass


class MethodNotAllowed(DomainError, status_code=405, code="METHOD_NOT_ALLOWED"):
    def __init__(self, message: str, details: str | FieldErrors | None = None, allow: Iterable[str] = ()) -> None:
        super().__init__(message, details)
        self.allow = sorted(allow)


class RequestTimeout(DomainError, status_code=408, code="REQUEST_TIMEOUT"):
    pass


class Conflict(DomainError, status_code=409, code="CONFLICT"):
    pass


class Gone(DomainError, status_code=410, code="GONE"):
    pass


class PayloadTooLarge(DomainError, status_code=413, code="PAYLOAD_TOO_LARGE"):
    pass


class TooManyRequests(DomainError, status_code=429, code="RATE_LIMITED"):
    def __init__(self, message: str, retry_after: int, details: str | FieldErrors | None = None) -> None:
        super().__init__(message, details)
        self.retry_after = retry_after
