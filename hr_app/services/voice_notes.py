"""Voice-note files: checked by extension, content and size, stored under a generated name.

The bytes live in the one storage module (hr_app/storage); this module holds the voice-note rules.
Files follow the database transaction (storage.delete_after_commit / delete_on_rollback).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from hr_app import storage
from hr_app.config import get_settings
from hr_app.kit.errors import Invalid

FIELD = "voice_note"
INVALID_MESSAGE = "Invalid evaluation data"
SUBDIRECTORY = "voice_notes"  # stored names are "voice_notes/<hex>.<ext>", as since the first release
CONTENT_TYPES = {".mp3": "audio/mpeg", ".wav": "audio/wav", ".m4a": "audio/mp4"}


@dataclass(frozen=True)
class StoredVoiceNote:
    name: str  # relative to the upload directory, e.g. "voice_notes/3f2a....wav"
    content_type: str
    size: int


def _matches(extension: str, head: bytes) -> bool:
    if extension == ".wav":
        return head[:4] == b"RIFF" and head[8:12] == b"WAVE"
    if extension == ".mp3":
        # An ID3v2 tag, or straight into an MPEG audio frame (11 bits of frame sync).
        return head[:3] == b"ID3" or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)
    if extension == ".m4a":
        return head[4:8] == b"ftyp"
    return False


def _unsafe_name(filename: str) -> bool:
    """A client's file name is never used on disk, but one that tries path tricks is refused outright."""
    lowered = filename.lower()
    tricks = ("\x00", "/", "\\", "%00", "%2f", "%5c")
    return lowered.startswith(".") or any(trick in lowered for trick in tricks)


def _problem(message: str) -> Invalid:
    return Invalid.on(FIELD, message, INVALID_MESSAGE)


def check_upload_size(declared_bytes: int | None) -> None:
    """Refuse early when a request already announces more than the limit allows."""
    if declared_bytes is not None and declared_bytes > get_settings().max_upload_bytes:
        raise _too_large()


def _too_large() -> Invalid:
    return _problem(f"File too large. Maximum size is {get_settings().max_upload_mb} MB.")


def store(source: BinaryIO, filename: str | None) -> StoredVoiceNote:
    """Copy an uploaded audio file into the upload directory, checking it on the way.

    Raises Invalid (nothing left on disk) for a wrong extension, content that is not that kind of
    audio, an empty file, or more than MAX_UPLOAD_MB.
    """
    if filename and _unsafe_name(filename):
        raise _problem("Invalid file name.")
    extension = Path(filename or "").suffix.lower()
    if extension not in CONTENT_TYPES:
        raise _problem("Unsupported file type. Allowed types: mp3, wav, m4a.")
    head = source.read(storage.CHUNK_BYTES)
    if not head:
        raise _problem("The submitted file is empty.")
    if not _matches(extension, head):
        raise _problem(f"The file content is not a valid {extension[1:]} audio file.")
    try:
        stored = storage.get_storage().save(
            storage.chunks_of(source, head),
            folder=SUBDIRECTORY,
            suffix=extension,
            max_bytes=get_settings().max_upload_bytes,
        )
    except storage.TooLarge as exc:
        raise _too_large() from exc
    return StoredVoiceNote(name=stored.name, content_type=CONTENT_TYPES[extension], size=stored.size)


def remove_after_commit(session: Session, name: str | None) -> None:
    """Remove this file once the transaction commits (kept if it rolls back)."""
    storage.delete_after_commit(session, name)


def remove_on_rollback(session: Session, name: str) -> None:
    """A file just written for this transaction: removed again if it rolls back."""
    storage.delete_on_rollback(session, name)
