"""Start-up refuses a weak SECRET_KEY, and the generated key file is owner-only from its creation."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from hr_app import config
from hr_app.config import MIN_SECRET_BYTES, Settings


def test_a_short_secret_key_is_refused_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * (MIN_SECRET_BYTES - 1))
    with pytest.raises(ValidationError) as raised:
        Settings()
    assert "SECRET_KEY must be at least 32 bytes" in str(raised.value)
    assert "it has 31" in str(raised.value)


def test_a_secret_key_of_32_bytes_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "k" * MIN_SECRET_BYTES)
    assert Settings().secret_key == "k" * MIN_SECRET_BYTES


def test_the_generated_key_file_is_created_with_mode_0600(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[int] = []
    real_open = os.open

    def recording_open(path, flags, mode=0o777, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith("key") and flags & os.O_CREAT:
            modes.append(mode)
        return real_open(path, flags, mode, *args, **kwargs)

    previous = os.umask(0)  # a permissive umask: the mode given at creation is the only guard
    try:
        monkeypatch.setattr(config.os, "open", recording_open)
        key_file = tmp_path / ".secret_key"
        value = config._load_or_create_secret(key_file)
    finally:
        os.umask(previous)
    assert modes == [0o600]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(value.encode()) >= MIN_SECRET_BYTES
    assert key_file.read_text().strip() == value
    assert config._load_or_create_secret(key_file) == value


def test_a_short_key_file_is_replaced_by_a_fresh_owner_only_one(tmp_path: Path) -> None:
    key_file = tmp_path / ".secret_key"
    key_file.write_text("short\n")
    key_file.chmod(0o644)
    value = config._load_or_create_secret(key_file)
    assert value != "short" and len(value.encode()) >= MIN_SECRET_BYTES
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
