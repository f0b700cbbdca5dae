"""Application settings, read once from the environment (and `.env` if present)."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET_FILE = PROJECT_ROOT / ".secret_key"
MIN_SECRET_BYTES = 32


def _load_or_create_secret(path: Path = SECRET_FILE) -> str:
    """Read the generated secret, creating it on first run (never ship a fixed one)."""
    if path.exists():
        value = path.read_text().strip()
        if len(value.encode()) >= MIN_SECRET_BYTES:
            return value
        path.unlink()
    value = secrets.token_urlsafe(48)
    # Created owner-only from the first byte: a chmod afterwards leaves a window where others can read it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(value + "\n")
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'hr_app.db'}",
        description="SQLAlchemy URL of the database.",
    )
    secret_key: str = Field(default="", description="JWT signing key; generated into .secret_key when unset.")
    access_token_minutes: int = Field(default=60, ge=1)
    upload_dir: Path = Field(
        default=PROJECT_ROOT / "uploads", description="Where files live when STORAGE_URL is unset."
    )
    storage_url: str | None = Field(
        default=None, description="s3://bucket/prefix keeps voice notes and CV documents in S3-compatible storage."
    )
    aws_access_key_id: str | None = Field(default=None)
    aws_secret_access_key: str | None = Field(default=None, repr=False)
    aws_region: str | None = Field(default=None)
    aws_endpoint_url: str | None = Field(default=None, description="The S3-compatible server; unset means AWS.")
    max_upload_mb: int = Field(default=10, ge=1)
    max_cv_mb: int = Field(default=10, ge=1, description="Largest CV document accepted.")
    redis_url: str | None = Field(default=None)
    body_timeout_seconds: float = Field(
        default=5, gt=0, description="A request body not arrived within this long is answered 408 (uploads get more)."
    )
    public_url: str = Field(
        default="http://localhost:3000", description="Where people reach hr_app; links in e-mail start with it."
    )
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    login_attempts_per_minute: int = Field(default=10, ge=1)
    token_attempts_per_minute: int = Field(default=20, ge=1)
    clash_window_minutes: int = Field(default=60, ge=0)
    db_concurrency: int = Field(default=8, ge=1, le=64, description="Requests working on the database at once.")
    ui_worker_threads: int = Field(
        default=2, ge=1, le=32, description="Threads per app process running the UI's database and hashing work."
    )
    interview_minutes: int = Field(default=45, ge=1, le=24 * 60)
    smtp_url: str | None = Field(default=None, description="smtp://user:pass@host:587?starttls=1, or smtps://...")
    mail_from: str = Field(default="hr-app@localhost", description="The From address of every e-mail.")
    mail_max_attempts: int = Field(default=5, ge=1, le=50)
    mail_retry_base_seconds: int = Field(default=60, ge=0, le=24 * 3600)
    reminder_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60, description="Interviewer reminder lead time.")
    smtp_timeout_seconds: int = Field(default=30, ge=1, le=600)
    huey_file: Path = Field(default=PROJECT_ROOT / "huey.db", description="The job queue's SQLite file (no Redis).")
    allowed_origins: str = Field(
        default="", description="Comma-separated origins allowed cross-origin (CORS, websocket); default PUBLIC_URL's."
    )
    trusted_proxies: str = Field(
        default="", description="Comma-separated addresses or networks whose X-Forwarded-* headers are believed."
    )

    @field_validator("secret_key")
    @classmethod
    def _secret_or_generated(cls, value: str) -> str:
        if not value:
            return _load_or_create_secret()
        size = len(value.encode())
        if size < MIN_SECRET_BYTES:
            raise ValueError(
                f"SECRET_KEY must be at least {MIN_SECRET_BYTES} bytes (it signs access tokens); it has {size}. "
                "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        return value

    @field_validator("redis_url")
    @classmethod
    def _blank_redis_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("storage_url")
    @classmethod
    def _storage_url_or_none(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("STORAGE_URL must look like s3://bucket or s3://bucket/prefix (unset: UPLOAD_DIR)")
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_or_none(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("SMTP_URL must look like smtp://user:pass@host:587?starttls=1 or smtps://host:465")
        return value

    @property
    def trusted_proxy_networks(self) -> tuple[IPv4Network | IPv6Network, ...]:
        return tuple(ip_network(item, strict=False) for item in self.trusted_proxy_list)

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_cv_bytes(self) -> int:
        return self.max_cv_mb * 1024 * 1024

    @property
    def allowed_origin_list(self) -> list[str]:
        """The configured origins, else the app's own (the origin of PUBLIC_URL)."""
        configured = [origin.strip().rstrip("/") for origin in self.allowed_origins.split(",") if origin.strip()]
        if configured:
            return configured
        parts = urlsplit(self.public_url)
        return [f"{parts.scheme}://{parts.netloc}"]

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [value.strip() for value in self.trusted_proxies.split(",") if value.strip()]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
