"""What a CV document is, decided by its content (never by its name), and whether it is safe to keep.

Accepted: PDF (not encrypted, not damaged), DOCX and ODT (well-formed ZIP containers without macros or
encryption), and UTF-8 plain text. The name's extension, when it has one, must agree with the content, so a
renamed text file is refused. `filetype` recognises the binary formats; the ZIP and PDF checks are ours and pypdf's.
"""

from __future__ import annotations

import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

import filetype
from pypdf import PdfReader

from hr_app.kit.errors import Invalid
from hr_app.kit.limits import DOCUMENT_ZIP_MAX_ENTRIES, DOCUMENT_ZIP_MAX_UNPACKED_BYTES, FILE_NAME_MAX_LENGTH
from hr_app.models import DocumentKind

FIELD = "file"
INVALID_MESSAGE = "Invalid CV document"
ALLOWED = "Allowed types: PDF, DOCX, ODT and plain text."
CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentKind.ODT: "application/vnd.oasis.opendocument.text",
    DocumentKind.TXT: "text/plain; charset=utf-8",
}
LABELS = {DocumentKind.PDF: "PDF", DocumentKind.DOCX: "DOCX", DocumentKind.ODT: "ODT", DocumentKind.TXT: "text"}
EXTENSIONS = {f".{kind.value}": kind for kind in DocumentKind}
ENCRYPTED_PDF = "Password-protected PDFs are not accepted: remove the password and upload it again."
DAMAGED_PDF = "The PDF is damaged or incomplete."
MACROS = "Documents with macros are not accepted: save it without macros (as .docx or .odt) and upload it again."
ENCRYPTED_OFFICE = "Password-protected or old-format (.doc) Office files are not accepted: save it as PDF, DOCX or ODT."
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN_PART = b"wordprocessingml.document.main+xml"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003, and any password-protected Office file
_PDF_TAIL_BYTES = 1024
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged upload is refused with a message, not logged


@dataclass(frozen=True)
class CheckedDocument:
    kind: DocumentKind
    content_type: str
    file_name: str  # the uploader's name, cleaned, ending in the kind's extension


def problem(message: str) -> Invalid:
    return Invalid.on(FIELD, message, INVALID_MESSAGE)


def check(source: BinaryIO, filename: str | None) -> CheckedDocument:
    """The kind of a seekable upload, or Invalid saying why it is refused. Leaves the file at its start."""
    source.seek(0)
    head = source.read(8192)
    if not head:
        raise problem("The submitted file is empty.")
    kind = _kind_of(source, head)
    extension = PurePath(filename or "").suffix.lower()
    if extension and EXTENSIONS.get(extension) != kind:
        if extension not in EXTENSIONS:
            raise problem(f"Unsupported file type. {ALLOWED}")
        raise problem(f"The file content is not a valid {LABELS[EXTENSIONS[extension]]} document.")
    source.seek(0)
    return CheckedDocument(kind=kind, content_type=CONTENT_TYPES[kind], file_name=clean_file_name(filename, kind))


def _kind_of(source: BinaryIO, head: bytes) -> DocumentKind:
    if head.startswith(_OLE_SIGNATURE):
        raise problem(ENCRYPTED_OFFICE)
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(source)
    guessed = filetype.guess(head)
    if guessed is not None and guessed.mime == "application/pdf":
        _check_pdf(source)
        return DocumentKind.PDF
    if guessed is not None:
        raise problem(f"Unsupported file type ({guessed.mime}). {ALLOWED}")
    _check_text(source)
    return DocumentKind.TXT


def _check_pdf(source: BinaryIO) -> None:
    source.seek(0, 2)
    source.seek(max(source.tell() - _PDF_TAIL_BYTES, 0))
    if b"%%EOF" not in source.read():  # a truncated upload loses its end marker first
        raise problem(DAMAGED_PDF)
    source.seek(0)
    try:
        reader = PdfReader(source, strict=False)
        if reader.is_encrypted:
            raise problem(ENCRYPTED_PDF)
        pages = len(reader.pages)
    except Invalid:
        raise
    except Exception as exc:  # pypdf raises many kinds for a damaged file; each means the same to the uploader
        raise problem(DAMAGED_PDF) from exc
    if pages == 0:
        raise problem(DAMAGED_PDF)


def _check_text(source: BinaryIO) -> None:
    source.seek(0)
    try:
        text = source.read().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise problem(f"Unsupported file type. {ALLOWED} Text must be UTF-8.") from exc
    if _TEXT_CONTROL.search(text):
        raise problem(f"Unsupported file type. {ALLOWED}")


def _zip_kind(source: BinaryIO) -> DocumentKind:
    source.seek(0)
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
            _check_container(archive, entries)
            names = {entry.filename.lower() for entry in entries}
            if "[content_types].xml" in names:
                return _docx(archive, names)
            if "mimetype" in names:
                return _odt(archive, names)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError) as exc:
        raise problem("The document is damaged or incomplete.") from exc
    raise problem(f"Unsupported file type (a ZIP archive). {ALLOWED}")


def _check_container(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > DOCUMENT_ZIP_MAX_ENTRIES or sum(e.file_size for e in entries) > DOCUMENT_ZIP_MAX_UNPACKED_BYTES:
        raise problem("The document unpacks to far more than a CV holds; it is refused.")
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise problem(ENCRYPTED_OFFICE)
    if archive.testzip() is not None:  # every entry's checksum: a damaged or truncated container fails here
        raise problem("The document is damaged or incomplete.")


def _docx(archive: zipfile.ZipFile, names: set[str]) -> DocumentKind:
    content_types = archive.read("[Content_Types].xml")
    if any(name.endswith("vbaproject.bin") for name in names) or b"macroEnabled" in content_types:
        raise problem(MACROS)
    if DOCX_MAIN_PART not in content_types or "word/document.xml" not in names:
        raise problem(f"Unsupported file type (an Office file that is not a Word document). {ALLOWED}")
    return DocumentKind.DOCX


def _odt(archive: zipfile.ZipFile, names: set[str]) -> DocumentKind:
    if archive.read("mimetype").strip() != ODT_MIMETYPE or "content.xml" not in names:
        raise problem(f"Unsupported file type (an OpenDocument file that is not a text document). {ALLOWED}")
    if any(name.startswith(("basic/", "scripts/")) for name in names):
        raise problem(MACROS)
    manifest = archive.read("META-INF/manifest.xml") if "meta-inf/manifest.xml" in names else b""
    if b"encryption-data" in manifest:
        raise problem(ENCRYPTED_OFFICE)
    return DocumentKind.ODT


def clean_file_name(filename: str | None, kind: DocumentKind) -> str:
    """The uploader's name without any directory or control character, ending in the kind's extension."""
    base = _NAME_CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    stem = PurePath(base).stem if PurePath(base).suffix.lower() in EXTENSIONS else base
    extension = f".{kind.value}"
    stem = (stem or "cv")[: FILE_NAME_MAX_LENGTH - len(extension)]
    return stem + extension
