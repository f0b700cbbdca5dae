"""Voice-note files: checked by extension, content and size, stored under a generated name.

Files follow the database transaction: a file saved during a unit of work is removed again if it
rolls back, and a file that the unit of work stops referencing is removed only once it commits.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import event
from sqlalchemy.orm import Session

from hr_app.config import get_settings
from hr_app.kit.errors import Invalid, NotFound

logger = logging.getLogger(__name__)

FIELD = "voice_note"
INVALID_MESSAGE = "Invalid evaluation data"
SUBDIRECTORY = "voice_notes"
CHUNK_BYTES = 64 * 1024
CONTENT_TYPES = {".mp3": "audio/mpeg", ".wav": "audio/wav", ".m4a": "audio/mp4"}

_REMOVE_ON_COMMIT = "hr_app_voice_notes_remove_on_commit"
_REMOVE_ON_ROLLBACK = "hr_app_voice_notes_remove_on_rollback"


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


def upload_root() -> Path:
    return get_settings().upload_dir


def path_of(name: str) -> Path:
    """The file behind a stored name, refusing anything that would leave the upload directory."""
    root = upload_root().resolve()
    path = (root / name).resolve()
    if root not in path.parents:
        raise NotFound("Voice note not found", "The requested voice note does not exist")
    return path


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
    head = source.read(CHUNK_BYTES)
    if not head:
        raise _problem("The submitted file is empty.")
    if not _matches(extension, head):
        raise _problem(f"The file content is not a valid {extension[1:]} audio file.")
    name = f"{SUBDIRECTORY}/{uuid.uuid4().hex}{extension}"
    size = _copy_limited(head, source, path_of(name))
    return StoredVoiceNote(name=name, content_type=CONTENT_TYPES[extension], size=size)


def _copy_limited(head: bytes, source: BinaryIO, destination: Path) -> int:
    limit = get_settings().max_upload_bytes
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".part")
    size = 0
    try:
        with partial.open("xb") as target:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > limit:
                    raise _too_large()
                target.write(chunk)
                chunk = source.read(CHUNK_BYTES)
        os.replace(partial, destination)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return size


def remove_now(name: str | None) -> None:
    if not name:
        return
    try:
        path_of(name).unlink(missing_ok=True)
    except (OSError, NotFound):
        logger.warning("Could not remove voice note %s", name, exc_info=True)


def remove_after_commit(session: Session, name: str | None) -> None:
    """Remove this file once the transaction commits (kept if it rolls back)."""
    if name:
        session.info.setdefault(_REMOVE_ON_COMMIT, set()).add(name)


def remove_on_rollback(session: Session, name: str) -> None:
    """A file just written for this transaction: removed again if it rolls back."""
    session.info.setdefault(_REMOVE_ON_ROLLBACK, set()).add(name)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    session.info.pop(_REMOVE_ON_ROLLBACK, None)
    for name in session.info.pop(_REMOVE_ON_COMMIT, set()):
        remove_now(name)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_REMOVE_ON_COMMIT, None)
    for name in session.info.pop(_REMOVE_ON_ROLLBACK, set()):
        remove_now(name)
