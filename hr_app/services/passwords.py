"""Password rules: length and strength (zxcvbn), shared by invitations, resets and password changes."""

from __future__ import annotations

from zxcvbn import zxcvbn

from hr_app.kit import limits
from hr_app.kit.errors import Invalid
from hr_app.services.security import MAX_PASSWORD_BYTES

MIN_PASSWORD_LENGTH = limits.CHOSEN_PASSWORD_MIN_LENGTH
MIN_STRENGTH = 3  # zxcvbn's score 0-4; 3 is "safely unguessable: moderate protection from offline attacks"


def password_problem(password: str, *, personal: tuple[str, ...] = ()) -> str | None:
    """Why this password is refused, in words for the person choosing it; None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return limits.too_short(MIN_PASSWORD_LENGTH)
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        return f"Ensure this field has no more than {MAX_PASSWORD_BYTES} bytes."
    if "\x00" in password:
        return "The password may not contain a NUL character."
    verdict = zxcvbn(password, user_inputs=[word for word in personal if word])
    if verdict["score"] >= MIN_STRENGTH:
        return None
    feedback = verdict["feedback"]
    reason = feedback.get("warning") or "This password is too easy to guess."
    suggestions = " ".join(feedback.get("suggestions") or [])
    return f"{reason.rstrip('.')}. {suggestions}".strip()


def check_password(field: str, password: str, *, personal: tuple[str, ...] = ()) -> None:
    problem = password_problem(password, personal=personal)
    if problem:
        raise Invalid.on(field, problem)
