"""A CV document's text, read by the background worker (never in the request), and what it suggests.

`queue_extraction` marks an uploaded document inside the caller's transaction; once that commits, the callbacks
registered with `on_commit` (the worker's enqueue) get its id. `extract_document` is safe to run twice and at the
same time: the slow part (reading the file, parsing it) holds no transaction, and the result is written only while
the document is still pending and still has the same file (a delete or a second run meanwhile wins).
"""

from __future__ import annotations

import io
import logging
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from email_validator import EmailNotValidError, validate_email
from odf import teletype
from odf.element import Element
from odf.namespaces import TEXTNS
from odf.opendocument import load as load_odf
from pypdf import PdfReader
from sqlalchemy import event, update
from sqlmodel import Session, col, select

from hr_app import storage
from hr_app.db import session_scope
from hr_app.kit.limits import CV_TEXT_MAX_CHARS, CV_TEXT_SWEEP_BATCH, EMAIL_MAX_LENGTH, PHONE_MAX_LENGTH
from hr_app.models import CvDocument, DocumentKind, TextStatus, UserCvData
from hr_app.services import events
from hr_app.services.events import Topic

log = logging.getLogger(__name__)

NO_TEXT_FOUND = "No text found"  # how the UI names TextStatus.NO_TEXT (a scan: OCR is not done)
_PENDING = "hr_app.cv_text.pending"  # document ids in session.info, handed on once the transaction commits
_on_commit: list[Callable[[Iterable[uuid.UUID]], None]] = []
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().-]{5,}\d(?![\w.])")
_PHONE_LABEL = re.compile(r"\b(phone|tel|telephone|mobile|cell|puhelin|telefon|gsm)\b", re.IGNORECASE)
_YEAR_RANGE = re.compile(r"(19|20)\d\d\s*[-.]+\s*(19|20)\d\d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_ODF_BLOCKS = {(TEXTNS, "p"), (TEXTNS, "h")}


@dataclass(frozen=True)
class Extracted:
    status: TextStatus
    text: str | None


@dataclass(frozen=True)
class Suggestions:
    email: str | None
    phone: str | None


# --- after commit: tell the worker --------------------------------------------------------------------------


def on_commit(callback: Callable[[Iterable[uuid.UUID]], None]) -> None:
    """Call `callback` with the ids of the documents a transaction queued, once it commits."""
    if callback not in _on_commit:
        _on_commit.append(callback)


def queue_extraction(session: Session, document_id: uuid.UUID) -> None:
    session.info.setdefault(_PENDING, []).append(document_id)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    for callback in _on_commit:
        try:
            callback(list(pending))
        except Exception:  # the upload is committed; the worker's periodic sweep extracts it within a minute
            log.warning("Could not tell the worker about a new CV document", exc_info=True)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)


# --- the worker's side --------------------------------------------------------------------------------------


def pending_documents(session: Session, limit: int = CV_TEXT_SWEEP_BATCH) -> list[uuid.UUID]:
    """Current documents still waiting for their text, oldest first (the periodic sweep's work)."""
    query = (
        select(CvDocument.id)
        .where(CvDocument.text_status == TextStatus.PENDING, col(CvDocument.storage_name).is_not(None))
        .order_by(col(CvDocument.uploaded_at))
        .limit(limit)
    )
    return list(session.exec(query).all())


def extract_document(document_id: uuid.UUID | str) -> TextStatus | None:
    """Read one document's text and store it with its status and suggestions; None when there was nothing to do."""
    key = document_id if isinstance(document_id, uuid.UUID) else uuid.UUID(str(document_id))
    with session_scope() as session:
        document = session.get(CvDocument, key)
        if document is None or document.text_status != TextStatus.PENDING or not document.storage_name:
            return None
        kind, name = document.kind, document.storage_name
    try:
        extracted = extract_stored(kind, name)
    except storage.StorageError:  # object storage unreachable: the document stays pending for the next sweep
        log.warning("Could not read %s from storage; it stays pending", name, exc_info=True)
        return None
    with session_scope() as session:
        return _store(session, key, name, extracted)


def extract_stored(kind: DocumentKind, storage_name: str) -> Extracted:
    """The text of a stored file; raises StorageError (not Missing) when the storage cannot be reached."""
    try:
        content = b"".join(storage.get_storage().read(storage_name))
    except storage.Missing:
        log.warning("The stored file %s is gone", storage_name)
        return Extracted(TextStatus.FAILED, None)
    try:
        text = clean_text(_TEXT_OF[kind](content))
    except Exception:  # a file the check let through but a library cannot read: marked, never retried forever
        log.warning("Could not extract the text of %s", storage_name, exc_info=True)
        return Extracted(TextStatus.FAILED, None)
    return Extracted(TextStatus.DONE, text) if text else Extracted(TextStatus.NO_TEXT, None)


def _store(session: Session, key: uuid.UUID, storage_name: str, extracted: Extracted) -> TextStatus | None:
    document = session.get(CvDocument, key)
    cv = session.get(UserCvData, document.cv_id) if document is not None else None
    if document is None or cv is None:
        return None
    found = suggestions_for(cv, extracted.text or "")
    written = session.execute(
        update(CvDocument)
        .where(
            col(CvDocument.id) == key,
            col(CvDocument.text_status) == TextStatus.PENDING,
            col(CvDocument.storage_name) == storage_name,
        )
        .values(
            text_status=extracted.status, text=extracted.text, suggested_email=found.email, suggested_phone=found.phone
        )
        .execution_options(synchronize_session=False)
    )
    if not written.rowcount:
        return None
    events.publish(session, document.organization_id, Topic.CVS)
    return extracted.status


# --- text of each kind --------------------------------------------------------------------------------------


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content), strict=False)
    return "\n".join(_bounded(page.extract_text() or "" for page in reader.pages))


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    body = document.element.body
    return "\n".join(_bounded(Paragraph(p, document).text for p in body.iter(qn("w:p"))))


def _odt_text(content: bytes) -> str:
    document = load_odf(io.BytesIO(content))
    return "\n".join(_bounded(teletype.extractText(block) for block in _odf_blocks(document.text)))


def _odf_blocks(node: Element) -> Iterator[Element]:
    for child in node.childNodes:
        if getattr(child, "qname", None) in _ODF_BLOCKS:
            yield child
        elif child.nodeType == child.ELEMENT_NODE:
            yield from _odf_blocks(child)


def _plain_text(content: bytes) -> str:
    return content.decode("utf-8-sig", errors="replace")


_TEXT_OF: dict[DocumentKind, Callable[[bytes], str]] = {
    DocumentKind.PDF: _pdf_text,
    DocumentKind.DOCX: _docx_text,
    DocumentKind.ODT: _odt_text,
    DocumentKind.TXT: _plain_text,
}


def _bounded(parts: Iterable[str]) -> Iterator[str]:
    """Stop reading pages or paragraphs once the kept text is full."""
    total = 0
    for part in parts:
        yield part
        total += len(part) + 1
        if total >= CV_TEXT_MAX_CHARS:
            return


def clean_text(raw: str) -> str:
    """Lines without control characters (PostgreSQL refuses NUL), runs of spaces as one, no blank-line runs."""
    lines = (
        _SPACES.sub(" ", _CONTROL.sub(" ", line)).strip()
        for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    )
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()[:CV_TEXT_MAX_CHARS]


# --- suggestions --------------------------------------------------------------------------------------------


def suggestions_for(cv: UserCvData, text: str) -> Suggestions:
    """The e-mail and phone found in the text, each only where the CV leaves that field empty (HR confirms)."""
    return Suggestions(
        email=None if cv.email.strip() else find_email(text),
        phone=None if cv.phone_number.strip() else find_phone(text),
    )


def find_email(text: str) -> str | None:
    for match in _EMAIL.finditer(text):
        candidate = match.group(0).strip(".").lower()
        if len(candidate) > EMAIL_MAX_LENGTH:
            continue
        try:
            validate_email(candidate, check_deliverability=False)
        except EmailNotValidError:
            continue
        return candidate
    return None


def find_phone(text: str) -> str | None:
    """A number that starts with +, or stands after a phone label, or has 9-15 digits and is not a year range."""
    for line in text.split("\n"):
        for match in _PHONE.finditer(line):
            candidate = match.group(0).strip()
            digits = sum(ch.isdigit() for ch in candidate)
            if not 7 <= digits <= 15 or len(candidate) > PHONE_MAX_LENGTH or _YEAR_RANGE.search(candidate):
                continue
            labelled = _PHONE_LABEL.search(line[: match.start()]) is not None
            if candidate.startswith("+") or labelled or (digits >= 9 and "." not in candidate):
                return candidate
    return None
