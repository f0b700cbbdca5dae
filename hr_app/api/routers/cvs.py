"""/api/cvs: the candidates' CVs that interviews start from."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, Response, UploadFile
from sqlmodel import Session
from starlette.datastructures import UploadFile as FormFile
from starlette.exceptions import HTTPException
from starlette.types import Message

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.files import stored_file_response
from hr_app.api.openapi import CREATED_WITH_LOCATION, set_location
from hr_app.config import get_settings
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import MULTIPART_OVERHEAD_BYTES
from hr_app.models import AppUser, CvDocument, CvSource, CvStatus, DocumentKind
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.cvs import CvCreate, CvDetailOut, CvDocumentOut, CvListedOut, CvMatchOut, CvUpdate
from hr_app.schemas.records import CvRecord
from hr_app.services import cv_bulk_documents, cv_documents, cv_search, cvs, document_check

router = APIRouter(prefix="/api/cvs", tags=["cvs"], route_class=UnitOfWorkRoute)

_DOCUMENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "PDF, DOCX, ODT or text"}
                    },
                    "additionalProperties": False,
                    "maxProperties": 1,
                }
            }
        },
    }
}


def _with_documents(session: Session, user: AppUser, records: Sequence[CvRecord]) -> list[CvDetailOut]:
    documents = cv_documents.current_documents(session, actor=user, cv_ids=[record.cv.id for record in records])
    return [CvDetailOut.of(record, documents.get(record.cv.id)) for record in records]


@router.get(
    "/",
    response_model=Envelope[list[CvListedOut]],
    summary="List the organization's CVs (by name), or with ?search= the best-ranked matches with a snippet;"
    " ?tag= and ?source= keep the CVs with that tag (any case) or source",
)
def list_cvs(
    session: SessionDep,
    user: CurrentUser,
    status: CvStatus | None = None,
    search: str | None = None,
    tag: str | None = None,
    source: CvSource | None = None,
) -> Envelope[list[CvListedOut]]:
    statuses = [status] if status else None
    labels = cvs.LabelFilter.of(tag, source)
    if not cv_search.search_words(search):
        records = cvs.list_cvs(session, actor=user, statuses=statuses, labels=labels)
        rows = [CvListedOut.listed(r, d) for r, d in _documents_of(session, user, records)]
        return Envelope(message=f"Found {len(rows)} CV(s)", data=rows)
    hits = cv_search.search_cvs(session, actor=user, search=search or "", statuses=statuses, labels=labels)
    documented = _documents_of(session, user, [hit.record for hit in hits])
    rows = [
        CvListedOut.listed(record, document, CvMatchOut(rank=hit.rank, snippet=hit.snippet))
        for hit, (record, document) in zip(hits, documented, strict=True)
    ]
    return Envelope(message=f"Found {len(rows)} CV(s)", data=rows)


def _documents_of(
    session: Session, user: AppUser, records: Sequence[CvRecord]
) -> list[tuple[CvRecord, CvDocument | None]]:
    documents = cv_documents.current_documents(session, actor=user, cv_ids=[record.cv.id for record in records])
    return [(record, documents.get(record.cv.id)) for record in records]


@router.post(
    "/",
    status_code=201,
    response_model=Envelope[CvDetailOut],
    responses=CREATED_WITH_LOCATION,
    summary="Add a CV (admin or hr)",
)
def create_cv(session: SessionDep, user: CurrentUser, body: CvCreate, response: Response) -> Envelope[CvDetailOut]:
    record = cvs.create_cv(session, actor=user, values=body.model_dump(exclude_unset=True))
    set_location(response, f"{router.prefix}/{record.cv.id}/")
    return Envelope(message="CV created successfully", data=CvDetailOut.of(record))


@router.post("/import/", status_code=201, response_model=Envelope[list[CvDetailOut]], summary="Import CVs from CSV")
def import_cvs(
    session: SessionDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="CSV: name, email, phone_number, job_title (name), place, district")],
) -> Envelope[list[CvDetailOut]]:
    limit = get_settings().max_upload_bytes
    content = file.file.read(limit + 1)
    if len(content) > limit:
        raise Invalid.on("file", f"File too large. Maximum size is {get_settings().max_upload_mb} MB.")
    records = cvs.import_cvs_csv(session, actor=user, content=content)
    return Envelope(message=f"Imported {len(records)} CV(s)", data=[CvDetailOut.of(r) for r in records])


@router.post(
    "/import-documents/",
    status_code=201,
    response_model=Envelope[list[CvDetailOut]],
    summary="Import CVs from a ZIP of documents, one CV per document, or per row of a CSV beside it (admin or hr)",
)
def import_documents(
    session: SessionDep,
    user: CurrentUser,
    file: Annotated[UploadFile, File(description="ZIP of PDF, DOCX, ODT or text files; the file name is the name")],
    csv: Annotated[
        UploadFile | None,
        File(description="optional: the CSV import's columns plus `file`, naming each row's document in the ZIP"),
    ] = None,
) -> Envelope[list[CvDetailOut]]:
    if csv is None:
        created = cv_bulk_documents.import_documents(session, actor=user, archive=file.file)
    else:
        content = csv.file.read()
        created = cv_bulk_documents.import_csv_and_documents(
            session, actor=user, csv_content=content, archive=file.file
        )
    records = [cvs.get_cv(session, actor=user, cv_id=cv.id) for cv in created]
    return Envelope(message=f"Imported {len(records)} CV(s)", data=_with_documents(session, user, records))


@router.get("/{cv_id}/", response_model=Envelope[CvDetailOut], summary="One CV")
def get_cv(session: SessionDep, user: CurrentUser, cv_id: str) -> Envelope[CvDetailOut]:
    record = cvs.get_cv(session, actor=user, cv_id=cv_id)
    return Envelope(message="CV retrieved successfully", data=_with_documents(session, user, [record])[0])


@router.patch("/{cv_id}/", response_model=Envelope[CvDetailOut], summary="Change a CV's details (admin or hr)")
def update_cv(session: SessionDep, user: CurrentUser, cv_id: str, body: CvUpdate) -> Envelope[CvDetailOut]:
    record = cvs.update_cv(session, actor=user, cv_id=cv_id, values=body.model_dump(exclude_unset=True))
    return Envelope(message="CV updated successfully", data=_with_documents(session, user, [record])[0])


@router.delete("/{cv_id}/", response_model=MessageEnvelope, summary="Delete a CV without interviews (admin or hr)")
def delete_cv(session: SessionDep, user: CurrentUser, cv_id: str) -> MessageEnvelope:
    cvs.delete_cv(session, actor=user, cv_id=cv_id)
    return MessageEnvelope(message="CV deleted successfully")


# --- the CV's document ------------------------------------------------------------------------------


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _limited(request: Request, limit: int) -> Request:
    """The same request, whose body stops being read past `limit` bytes (a body without a length included)."""
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise cv_documents.too_large()
        return message

    return Request(request.scope, receive)


async def document_upload(request: Request) -> AsyncIterator[cv_documents.DocumentUpload]:
    """The multipart body's one `file`, spooled to a temporary file no larger than MAX_CV_MB allows."""
    limit = get_settings().max_cv_bytes + MULTIPART_OVERHEAD_BYTES
    declared = _declared_length(request)
    if declared is not None and declared > limit:
        raise cv_documents.too_large()
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise document_check.problem('Send the document as multipart/form-data in the field "file".')
    try:
        form = await _limited(request, limit).form(max_files=1, max_fields=1)
    except HTTPException as exc:
        raise Invalid(document_check.INVALID_MESSAGE, {"non_field_errors": [str(exc.detail)]}) from exc
    try:
        upload = form.get("file")
        if not isinstance(upload, FormFile):
            raise document_check.problem("No file was submitted.")
        yield cv_documents.DocumentUpload(file=upload.file, filename=upload.filename)
    finally:
        await form.close()


@router.post(
    "/{cv_id}/document/",
    status_code=201,
    response_model=Envelope[CvDocumentOut],
    openapi_extra=_DOCUMENT_BODY,
    summary="Upload the CV's document (admin or hr; the previous one is kept as an earlier version)",
)
def upload_document(
    session: SessionDep,
    user: CurrentUser,
    cv_id: str,
    upload: Annotated[cv_documents.DocumentUpload, Depends(document_upload)],
) -> Envelope[CvDocumentOut]:
    document = cv_documents.upload_document(session, actor=user, cv_id=cv_id, upload=upload)
    return Envelope(message="CV document uploaded successfully", data=CvDocumentOut.of(document))


_INLINE_KINDS = frozenset({DocumentKind.PDF, DocumentKind.TXT})


@router.get(
    "/{cv_id}/document/",
    responses={
        200: {"content": {content_type: {} for content_type in document_check.CONTENT_TYPES.values()}},
        206: {"description": "Range"},
    },
    summary="Stream the CV's current document (supports Range)",
)
def read_document(request: Request, session: SessionDep, user: CurrentUser, cv_id: str) -> Response:
    document = cv_documents.document_for_reading(session, actor=user, cv_id=cv_id)
    return stored_file_response(
        request,
        document.storage_name or "",
        media_type=document.content_type,
        filename=document.file_name,
        disposition="inline" if document.kind in _INLINE_KINDS else "attachment",
        missing=cv_documents.NO_DOCUMENT,
    )


@router.delete("/{cv_id}/document/", response_model=MessageEnvelope, summary="Delete the CV's document (admin or hr)")
def delete_document(session: SessionDep, user: CurrentUser, cv_id: str) -> MessageEnvelope:
    cv_documents.delete_document(session, actor=user, cv_id=cv_id)
    return MessageEnvelope(message="CV document deleted successfully")
