"""Password hashing and access tokens: the only module that touches passlib and PyJWT."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import jwt
from passlib.context import CryptContext

from hr_app.config import get_settings

ALGORITHM = "HS256"
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer passwords are refused, not truncated


@lru_cache
def _password_context() -> CryptContext:
    return CryptContext(schemes=["bcrypt"], bcrypt__rounds=get_settings().bcrypt_rounds)


def hash_password(password: str) -> str:
    return _password_context().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    if len(password.encode()) > MAX_PASSWORD_BYTES or "\x00" in password:
        return False  # bcrypt refuses a NUL byte with an error; no stored password can hold one
    return _password_context().verify(password, password_hash)


@lru_cache
def dummy_hash() -> str:
    """A real hash to verify against when the e-mail is unknown, so timing reveals nothing."""
    return hash_password("not-a-real-password")


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


@dataclass(frozen=True)
class TokenClaims:
    user_id: int
    organization_id: uuid.UUID | None
    version: int = 0


def issue_access_token(user_id: int, organization_id: uuid.UUID | None, version: int = 0) -> IssuedToken:
    settings = get_settings()
    lifetime = timedelta(minutes=settings.access_token_minutes)
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "org": str(organization_id) if organization_id else None,
        "ver": version,
        "iat": now,
        "exp": now + lifetime,
    }
    token = jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)
    return IssuedToken(access_token=token, expires_in=int(lifetime.total_seconds()))


class TokenError(Exception):
    """The token is missing, malformed, badly signed or expired."""


def decode_access_token(token: str) -> TokenClaims:
    try:
        claims = jwt.decode(
            token,
            get_settings().secret_key,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp"]},
        )
        org = claims.get("org")
        return TokenClaims(
            user_id=int(claims["sub"]),
            organization_id=uuid.UUID(org) if org else None,
            version=int(claims.get("ver") or 0),
        )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("Token has expired") from exc
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise TokenError("Invalid token") from exc


ONE_TIME_TOKEN_BYTES = 32  # 256 bits, above the 128 the links need


def new_one_time_token() -> tuple[str, str]:
    """A link token and the hash to store (the token itself is never stored)."""
    token = secrets.token_urlsafe(ONE_TIME_TOKEN_BYTES)
    return token, hash_one_time_token(token)


def hash_one_time_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
