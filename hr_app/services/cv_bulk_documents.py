"""A ZIP of CV documents imported at once (issue 17): one new CV per document, named from its file name, each
document checked and stored by `cv_documents.upload_document` as a single upload would be. All or nothing: one
refused document refuses the archive, and nothing stays (no CV, no row, no file).

The archive is read without trusting it (a ZIP bomb): at most IMPORT_ZIP_MAX_DOCUMENTS documents, each at most
MAX_CV_MB and packed no tighter than IMPORT_ZIP_MAX_RATIO:1, together at most IMPORT_ZIP_MAX_UNPACKED_BYTES, as
declared and as really unpacked (a lying header stops at the declared size). Folders, hidden files and macOS
resource forks are skipped. The e-mail and phone follow from the text the worker reads (the suggestions).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import PurePosixPath
from typing import BinaryIO

from sqlmodel import Session

from hr_app.config import get_settings
from hr_app.kit.access import require_staff
from hr_app.kit.errors import FieldErrors, Invalid
from hr_app.kit.limits import IMPORT_ZIP_MAX_DOCUMENTS, IMPORT_ZIP_MAX_RATIO, IMPORT_ZIP_MAX_UNPACKED_BYTES
from hr_app.models import AppUser, UserCvData
from hr_app.services import cv_documents, cvs

FIELD = "file"
_CHUNK = 64 * 1024
_SEPARATORS = re.compile(r"[\s_]+")


def _refused(problem: str) -> Invalid:
    return Invalid.on(FIELD, problem, "Invalid ZIP of CV documents")


def name_from_file(path: str) -> str:
    """ "cvs/Anna_Bell.pdf" -> "Anna Bell": the file's stem, underscores and runs of spaces as one space."""
    return _SEPARATORS.sub(" ", PurePosixPath(path).stem).strip()


def _documents(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    def skipped(entry: zipfile.ZipInfo) -> bool:
        parts = PurePosixPath(entry.filename).parts
        return entry.is_dir() or not parts or parts[0] == "__MACOSX" or parts[-1].startswith(".")

    entries = [entry for entry in archive.infolist() if not skipped(entry)]
    if not entries:
        raise _refused("The ZIP archive has no documents.")
    if len(entries) > IMPORT_ZIP_MAX_DOCUMENTS:
        raise _refused(f"Import at most {IMPORT_ZIP_MAX_DOCUMENTS} documents at a time.")
    if sum(entry.file_size for entry in entries) > IMPORT_ZIP_MAX_UNPACKED_BYTES:
        raise _refused(f"The documents unpack to more than {IMPORT_ZIP_MAX_UNPACKED_BYTES // (1024 * 1024)} MB.")
    return entries


def _entry_problem(entry: zipfile.ZipInfo) -> str | None:
    if entry.file_size > get_settings().max_cv_bytes:
        return f"File too large. Maximum size is {get_settings().max_cv_mb} MB."
    if entry.file_size > IMPORT_ZIP_MAX_RATIO * max(entry.compress_size, 1):
        return "This entry unpacks far larger than it is packed (a ZIP bomb?)."
    return None


def _unpack(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, target: BinaryIO) -> None:
    """The entry's bytes into `target`, never more than it declares (zipfile checks the CRC at its end)."""
    with archive.open(entry) as source:
        while chunk := source.read(_CHUNK):
            target.write(chunk)
            if target.tell() > entry.file_size:
                raise zipfile.BadZipFile("more bytes than declared")
    target.seek(0)


def _store(session: Session, actor: AppUser, archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> UserCvData:
    """One entry as a new CV with its document; Invalid with the entry's problem otherwise."""
    problem = _entry_problem(entry)
    if problem:
        raise Invalid.on(FIELD, problem)
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as content:
        try:
            _unpack(archive, entry, content)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise Invalid.on(FIELD, "The ZIP entry is damaged or uses an unsupported compression.") from exc
        cv = cvs.create_cv_for_document(session, actor=actor, name=name_from_file(entry.filename))
        upload = cv_documents.DocumentUpload(file=content, filename=PurePosixPath(entry.filename).name)
        cv_documents.upload_document(session, actor=actor, cv_id=cv.id, upload=upload)
    return cv


def import_documents(session: Session, *, actor: AppUser, archive: BinaryIO) -> list[UserCvData]:
    """Admin or hr: a CV per document of the ZIP, or none. Errors are keyed `files.<path in the archive>`."""
    require_staff(actor)
    try:
        opened = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise _refused("The file is not a ZIP archive.") from exc
    with opened:
        entries = _documents(opened)
        created: list[UserCvData] = []
        errors: FieldErrors = {}
        for entry in entries:
            try:
                created.append(_store(session, actor, opened, entry))
            except Invalid as error:
                errors[f"files.{entry.filename}"] = [m for messages in error.field_errors.values() for m in messages]
    if errors:
        raise Invalid("Invalid ZIP of CV documents", errors)
    return created
