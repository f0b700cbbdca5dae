"""A CV's document: upload (checked by content, versions kept), the current one for reading, delete.

The bytes go through the storage module; a refused upload stores nothing (no row, no file), and a file
written for a transaction that rolls back is removed again. Text extraction runs later in the worker
(`cv_text`: queued here, handed to the worker once the upload commits).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from hr_app import storage
from hr_app.config import get_settings
from hr_app.kit.access import organization_of, require_staff
from hr_app.kit.errors import Invalid, NotFound
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, CvDocument, UserCvData
from hr_app.services import audit, cv_text, document_check, events
from hr_app.services.cvs import get_cv
from hr_app.services.events import Topic

FOLDER = "cv_documents"
NO_DOCUMENT = NotFound("CV document not found", "This CV has no document")


@dataclass(frozen=True)
class DocumentUpload:
    file: BinaryIO  # seekable (the API's and the UI's uploads are spooled temporary files)
    filename: str | None


def too_large() -> Invalid:
    return document_check.problem(f"File too large. Maximum size is {get_settings().max_cv_mb} MB.")


def check_upload_size(declared_bytes: int | None) -> None:
    """Refuse early when a request already announces more than the limit allows."""
    if declared_bytes is not None and declared_bytes > get_settings().max_cv_bytes:
        raise too_large()


def _hashed(source: BinaryIO, digest: hashlib._Hash) -> Iterator[bytes]:
    for chunk in storage.chunks_of(source):
        digest.update(chunk)
        yield chunk


def upload_document(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, upload: DocumentUpload) -> CvDocument:
    """Admin or hr: the CV's new current document; the one it replaces is kept as an earlier version."""
    organization_id = require_staff(actor)
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    upload.file.seek(0, 2)
    if upload.file.tell() > get_settings().max_cv_bytes:  # before any parsing: the limit bounds the work too
        raise too_large()
    checked = document_check.check(upload.file, upload.filename)
    digest = hashlib.sha256()
    suffix = f".{checked.kind.value}"
    try:
        stored = storage.get_storage().save(
            _hashed(upload.file, digest), folder=FOLDER, suffix=suffix, max_bytes=get_settings().max_cv_bytes
        )
    except storage.TooLarge as exc:
        raise too_large() from exc
    storage.delete_on_rollback(session, stored.name)
    _lock_cv(session, cv)
    previous = current_document(session, cv.id)
    now = utcnow()
    if previous is not None:
        previous.is_current, previous.replaced_at = False, now
        session.add(previous)
        session.flush()
    document = CvDocument(
        organization_id=organization_id,
        cv_id=cv.id,
        version=_next_version(session, cv.id),
        kind=checked.kind,
        file_name=checked.file_name,
        content_type=checked.content_type,
        size=stored.size,
        sha256=digest.hexdigest(),
        storage_name=stored.name,
        uploaded_by_id=actor.id,
        uploaded_at=now,
    )
    session.add(document)
    after = {"document": document.file_name, "version": document.version, "size": document.size}
    audit.record(session, actor, audit.ObjectType.CV, cv.id, "document uploaded", None, after)
    session.flush()
    cv_text.queue_extraction(session, document.id)
    events.publish(session, organization_id, Topic.CVS)
    return document


def _lock_cv(session: Session, cv: UserCvData) -> None:
    """Take the CV's write lock, so two uploads at once number their versions one after the other."""
    session.execute(update(UserCvData).where(UserCvData.id == cv.id).values(updated_at=UserCvData.updated_at))


def _next_version(session: Session, cv_id: uuid.UUID) -> int:
    highest = session.exec(select(func.max(CvDocument.version)).where(CvDocument.cv_id == cv_id)).one()
    return (highest or 0) + 1


def current_document(session: Session, cv_id: uuid.UUID) -> CvDocument | None:
    query = select(CvDocument).where(CvDocument.cv_id == cv_id, col(CvDocument.is_current).is_(True))
    return session.exec(query).first()


def current_documents(session: Session, *, actor: AppUser, cv_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, CvDocument]:
    """The current document of each CV given that has one (one query, whatever the number of CVs)."""
    wanted = list(cv_ids)
    if not wanted:
        return {}
    query = select(CvDocument).where(
        CvDocument.organization_id == organization_of(actor),
        col(CvDocument.is_current).is_(True),
        col(CvDocument.cv_id).in_(wanted),
    )
    return {document.cv_id: document for document in session.exec(query)}


def document_for_reading(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> CvDocument:
    """Any member of the CV's organization: the current document (404 when the CV has none)."""
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    document = current_document(session, cv.id)
    if document is None or not document.storage_name:
        raise NO_DOCUMENT
    return document


def document_versions(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> Sequence[CvDocument]:
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    return session.exec(select(CvDocument).where(CvDocument.cv_id == cv.id).order_by(CvDocument.version)).all()


def delete_document(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> None:
    """Admin or hr: the CV has no document any more. Every version's file goes (after commit); the rows stay,
    marked removed, so the audit trail still says what was uploaded when and by whom."""
    organization_id = require_staff(actor)
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    current = current_document(session, cv.id)
    if current is None:
        raise NO_DOCUMENT
    _lock_cv(session, cv)
    now = utcnow()
    for document in session.exec(select(CvDocument).where(CvDocument.cv_id == cv.id)):
        storage.delete_after_commit(session, document.storage_name)
        document.storage_name, document.text = None, None
        document.is_current = False
        document.removed_at = document.removed_at or now
        session.add(document)
    before = {"document": current.file_name, "version": current.version}
    audit.record(session, actor, audit.ObjectType.CV, cv.id, "document deleted", before, None)
    session.flush()
    events.publish(session, organization_id, Topic.CVS)
