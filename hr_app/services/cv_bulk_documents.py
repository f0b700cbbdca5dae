"""A ZIP of CV documents imported at once (issue 17): one new CV per document, named from its file name, each
document checked and stored by `cv_documents.upload_document` as a single upload would be. All or nothing: one
refused document refuses the archive, and nothing stays (no CV, no row, no file).

The archive is read without trusting it (a ZIP bomb): at most IMPORT_ZIP_MAX_DOCUMENTS documents, each at most
MAX_CV_MB and packed no tighter than IMPORT_ZIP_MAX_RATIO:1, together at most IMPORT_ZIP_MAX_UNPACKED_BYTES, as
declared and as really unpacked (a lying header stops at the declared size). Folders, hidden files and macOS
resource forks are skipped. The e-mail and phone follow from the text the worker reads (the suggestions).

With a CSV beside the ZIP, the CSV is the list of CVs (the CSV import's columns and rules) and its `file` column
names each row's document, so every CV arrives with its contact details and its document at once.
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
CSV_FILE_COLUMN = "file"  # the CSV's column naming each row's document in the ZIP
CSV_PART = "csv"  # the request's part holding that CSV
TWICE = "Another row names this document already."
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


def _attach(
    session: Session, actor: AppUser, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, cv: UserCvData | None
) -> UserCvData:
    """The entry as the document of `cv` (None: a new CV named from the file); Invalid with the entry's problem."""
    problem = _entry_problem(entry)
    if problem:
        raise Invalid.on(FIELD, problem)
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as content:
        try:
            _unpack(archive, entry, content)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise Invalid.on(FIELD, "The ZIP entry is damaged or uses an unsupported compression.") from exc
        cv = cv or cvs.create_cv_for_document(session, actor=actor, name=name_from_file(entry.filename))
        upload = cv_documents.DocumentUpload(file=content, filename=PurePosixPath(entry.filename).name)
        cv_documents.upload_document(session, actor=actor, cv_id=cv.id, upload=upload)
    return cv


def _open(archive: BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise _refused("The file is not a ZIP archive.") from exc


def _messages(error: Invalid) -> list[str]:
    return [message for messages in error.field_errors.values() for message in messages]


def import_documents(session: Session, *, actor: AppUser, archive: BinaryIO) -> list[UserCvData]:
    """Admin or hr: a CV per document of the ZIP, or none. Errors are keyed `files.<path in the archive>`."""
    require_staff(actor)
    with _open(archive) as opened:
        created: list[UserCvData] = []
        errors: FieldErrors = {}
        for entry in _documents(opened):
            try:
                created.append(_attach(session, actor, opened, entry, None))
            except Invalid as error:
                errors[f"files.{entry.filename}"] = _messages(error)
    if errors:
        raise Invalid("Invalid ZIP of CV documents", errors)
    return created


def _named(entries: list[zipfile.ZipInfo], wanted: str) -> zipfile.ZipInfo | str:
    """The entry a CSV row names (its path in the archive, or its file name when that is unique), or the problem."""
    exact = [entry for entry in entries if entry.filename == wanted]
    by_name = [entry for entry in entries if PurePosixPath(entry.filename).name == wanted]
    if exact:
        return exact[0]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        return f'Several documents are called "{wanted}": give its path in the archive.'
    return f'No document "{wanted}" in the ZIP archive.'


def _csv_rows(session: Session, actor: AppUser, content: bytes) -> list[cvs.ImportedRow]:
    """The CSV import's rows; a problem with the CSV file as a whole is named on the request's `csv` part."""
    try:
        return cvs.add_csv_rows(session, actor=actor, content=content, extra_columns=(CSV_FILE_COLUMN,))
    except Invalid as error:
        problems = error.field_errors
        if FIELD in problems:
            raise Invalid(error.message, {CSV_PART: problems[FIELD]}) from error
        raise


def import_csv_and_documents(
    session: Session, *, actor: AppUser, csv_content: bytes, archive: BinaryIO
) -> list[UserCvData]:
    """Admin or hr: the CSV import's rows (its columns plus `file`, naming a document of the ZIP) as CVs, each with
    the document its row names; every document must be named by exactly one row. All or none: errors are keyed
    `rows.<line>.<field>` (the CSV) and `files.<path>` (the archive)."""
    require_staff(actor)
    with _open(archive) as opened:
        entries = _documents(opened)
        rows = _csv_rows(session, actor, csv_content)
        errors: FieldErrors = {}
        used: set[str] = set()
        for row in rows:
            wanted = (row.values.get(CSV_FILE_COLUMN) or "").strip()
            if not wanted:
                continue
            entry = _named(entries, wanted)
            if isinstance(entry, str) or entry.filename in used:
                errors[f"rows.{row.line}.{CSV_FILE_COLUMN}"] = [entry if isinstance(entry, str) else TWICE]
                continue
            used.add(entry.filename)
            try:
                _attach(session, actor, opened, entry, row.cv)
            except Invalid as error:
                errors[f"files.{entry.filename}"] = _messages(error)
        for entry in entries:
            if entry.filename not in used and f"files.{entry.filename}" not in errors:
                errors[f"files.{entry.filename}"] = ["No row of the CSV names this document."]
    if errors:
        raise Invalid("Invalid CSV and ZIP of CV documents", errors)
    return [row.cv for row in rows]
