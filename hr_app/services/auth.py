"""Signing in and resolving the caller of a request."""

from __future__ import annotations

from sqlmodel import Session, select

from hr_app.config import get_settings
from hr_app.kit.errors import Invalid, TooManyRequests, Unauthorized
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, Organization
from hr_app.services import audit
from hr_app.services.rate_limit import GrowingLimit, Limit, growing
from hr_app.services.security import (
    IssuedToken,
    TokenError,
    decode_access_token,
    dummy_hash,
    issue_access_token,
    verify_password,
)

BAD_CREDENTIALS = "Invalid email or password"


def _login_limits() -> tuple[Limit, GrowingLimit]:
    per_minute = get_settings().login_attempts_per_minute
    # Per address (password spraying), and per (account, address) with a wait that grows with the failures: an
    # attacker's failures delay the attacker, never the account's owner signing in from elsewhere (docs/security.md).
    return Limit("login-ip", per_minute * 3), growing("login-account-address", per_minute)


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(session: Session, *, email: str, password: str, client: str = "unknown") -> AppUser:
    """Return the active user with these credentials, or raise the same 401 for any mismatch."""
    if not email or not password:
        raise Invalid("Invalid data provided", _missing_credentials(email, password))
    email = _normalise_email(email)
    by_address, by_pair = _login_limits()
    pair = f"{email}|{client}"
    wait = max(by_address.blocked_for(client), by_pair.blocked_for(pair))
    if wait:
        audit.record_sign_in_apart(email=email, client=client, action=audit.SignIn.LOCKED_OUT)
        raise TooManyRequests("Too many login attempts. Try again later.", retry_after=wait)
    user = session.exec(select(AppUser).where(AppUser.email == email)).first()
    password_ok = verify_password(password, user.password_hash if user else dummy_hash())
    if user is None or not password_ok or not user.is_active:
        by_address.record_failure(client)
        by_pair.record_failure(pair)
        audit.record_sign_in_apart(email=email, client=client, action=audit.SignIn.FAILED)
        raise Unauthorized(BAD_CREDENTIALS, "Unable to log in with provided credentials")
    by_pair.clear(pair)
    user.last_login_at = utcnow()
    session.add(user)
    audit.record_sign_in(session, user=user, email=email, client=client, action=audit.SignIn.SUCCEEDED)
    return user


def _missing_credentials(email: str, password: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not email:
        errors["email"] = ["This field is required."]
    if not password:
        errors["password"] = ["This field is required."]
    return errors


def login(session: Session, *, email: str, password: str, client: str = "unknown") -> IssuedToken:
    user = authenticate(session, email=email, password=password, client=client)
    return issue_access_token(user.id, user.organization_id, user.token_version)


def user_from_token(session: Session, token: str | None) -> AppUser:
    """The active user a bearer token names; 401 for anything else."""
    if not token:
        raise Unauthorized("Authentication credentials were not provided.", "Provide a Bearer token.")
    try:
        claims = decode_access_token(token)
    except TokenError as exc:
        raise Unauthorized(str(exc), "Obtain a new token from /api/auth/token/") from exc
    user = session.get(AppUser, claims.user_id)
    if user is None or not user.is_active or user.organization_id != claims.organization_id:
        raise Unauthorized("User not found or inactive", "Obtain a new token from /api/auth/token/")
    if claims.version != user.token_version:
        raise Unauthorized("Token has been revoked", "Sign in again: /api/auth/token/")
    return user


def end_sessions(user: AppUser) -> None:
    """Every token issued to this user so far stops working (sign-out, password or role change, deactivation)."""
    user.token_version += 1


def logout(session: Session, *, actor: AppUser) -> None:
    end_sessions(actor)
    session.add(actor)


def organization_of(session: Session, user: AppUser) -> Organization | None:
    return session.get(Organization, user.organization_id) if user.organization_id else None
