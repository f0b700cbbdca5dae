"""CVs and job titles: the spec's CV object, and the bodies of the CV and job-title doors."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from hr_app.kit.limits import LABEL_MAX_LENGTH
from hr_app.models import CvDocument, JobTitle, UserCvData
from hr_app.schemas.common import ApiDateTime, DbId, StrictInput
from hr_app.schemas.records import CvRecord


def cv_document_url(cv_id: uuid.UUID | str) -> str:
    return f"/api/cvs/{cv_id}/document/"


class CvDocumentOut(BaseModel):
    """A CV's current document: what it is, and where to read it (the bytes need a signed-in member)."""

    url: str
    version: int
    file_name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: ApiDateTime
    uploaded_by: int | None
    text_status: str  # pending, done, no_text (no text found: a scan), failed
    suggested_email: str | None  # found in the text while the CV's own field is empty (HR confirms)
    suggested_phone: str | None

    @classmethod
    def of(cls, document: CvDocument, cv: UserCvData | None = None) -> CvDocumentOut:
        email_empty = cv is None or not cv.email.strip()
        phone_empty = cv is None or not cv.phone_number.strip()
        return cls(
            url=cv_document_url(document.cv_id),
            version=document.version,
            file_name=document.file_name,
            kind=document.kind,
            content_type=document.content_type,
            size=document.size,
            sha256=document.sha256,
            uploaded_at=document.uploaded_at,
            uploaded_by=document.uploaded_by_id,
            text_status=document.text_status,
            suggested_email=document.suggested_email if email_empty else None,
            suggested_phone=document.suggested_phone if phone_empty else None,
        )


class CvOut(BaseModel):
    """The spec's CV (candidate) object."""

    id: str
    name: str
    job_title: int | None
    job_title_name: str | None
    place: str
    email: str
    phone_number: str
    interview_status: str

    @classmethod
    def of(cls, record: CvRecord) -> CvOut:
        cv = record.cv
        return cls(
            id=str(cv.id),
            name=cv.name,
            job_title=cv.job_title_id,
            job_title_name=record.job_title_name,
            place=cv.place,
            email=cv.email,
            phone_number=cv.phone_number,
            interview_status=cv.status,
        )


class CvDetailOut(CvOut):
    """The CV object of the /api/cvs/ door: the spec's fields plus district."""

    district: str
    document: CvDocumentOut | None = None  # the current document, null when there is none

    @classmethod
    def of(cls, record: CvRecord, document: CvDocument | None = None) -> CvDetailOut:
        shown = CvDocumentOut.of(document, record.cv) if document is not None else None
        return cls(**CvOut.of(record).model_dump(), district=record.cv.district, document=shown)


class CvMatchOut(BaseModel):
    """Why a CV answers a search: its place in the ranking and the matching words in context."""

    rank: int
    snippet: str  # HTML: the text escaped, each matching word in <mark>


class CvListedOut(CvDetailOut):
    """A row of GET /api/cvs/: with ?search=, ranked and with its match (null without a search)."""

    match: CvMatchOut | None = None

    @classmethod
    def listed(cls, record: CvRecord, document: CvDocument | None, match: CvMatchOut | None = None) -> CvListedOut:
        return cls(**CvDetailOut.of(record, document).model_dump(), match=match)


class CvCreate(StrictInput):
    name: str
    email: str
    phone_number: str | None = None
    job_title: DbId | None = None
    place: str | None = None
    district: str | None = None


class CvUpdate(StrictInput):
    name: str | None = None
    email: str | None = None
    phone_number: str | None = None
    job_title: DbId | None = None
    place: str | None = None
    district: str | None = None


class JobTitleOut(BaseModel):
    id: int
    name: str

    @classmethod
    def of(cls, job_title: JobTitle) -> JobTitleOut:
        return cls(id=job_title.id or 0, name=job_title.name)


class JobTitleCreate(StrictInput):
    name: str = Field(json_schema_extra={"maxLength": LABEL_MAX_LENGTH})  # checked by the service
