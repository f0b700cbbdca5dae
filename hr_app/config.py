"""Application settings, read once from the environment (and `.env` if present)."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET_FILE = PROJECT_ROOT / ".secret_key"


def _load_or_create_secret(path: Path = SECRET_FILE) -> str:
    """Read the generated secret, creating it on first run (never ship a fixed one)."""
    if path.exists():
        value = path.read_text().strip()
        if len(value) >= 32:
            return value
    value = secrets.token_urlsafe(48)
    path.write_text(value + "\n")
    path.chmod(0o600)
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'hr_app.db'}",
        description="SQLAlchemy URL of the database.",
    )
    secret_key: str = Field(default="", description="JWT signing key; generated into .secret_key when unset.")
    access_token_minutes: int = Field(default=60, ge=1)
    upload_dir: Path = Field(default=PROJECT_ROOT / "uploads")
    max_upload_mb: int = Field(default=10, ge=1)
    redis_url: str | None = Field(default=None)
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    login_attempts_per_minute: int = Field(default=10, ge=1)
    token_attempts_per_minute: int = Field(default=20, ge=1)
    clash_window_minutes: int = Field(default=60, ge=0)
    db_concurrency: int = Field(default=8, ge=1, le=64, description="Requests working on the database at once.")
    interview_minutes: int = Field(default=45, ge=1, le=24 * 60)

    @field_validator("secret_key")
    @classmethod
    def _secret_or_generated(cls, value: str) -> str:
        return value or _load_or_create_secret()

    @field_validator("redis_url")
    @classmethod
    def _blank_redis_is_none(cls, value: str | None) -> str | None:
        return value or None

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
