"""Job titles and the CVs (candidates) HR picks from."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    CONTENT_TYPE_LENGTH,
    DOCUMENT_KIND_LENGTH,
    EMAIL_MAX_LENGTH,
    FILE_NAME_MAX_LENGTH,
    LABEL_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    SHA256_HEX_LENGTH,
    STATUS_COLUMN_LENGTH,
    STORAGE_NAME_LENGTH,
    TITLE_MAX_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import CvSource, CvStatus, DocumentKind, TextStatus, sql_in
from hr_app.models.types import EnumText, UTCDateTime


class JobTitle(SQLModel, table=True):
    __tablename__ = "job_title"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_job_title_org_name"),)

    id: int | None = Field(default=None, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=LABEL_MAX_LENGTH)


class UserCvData(SQLModel, table=True):
    __tablename__ = "user_cv_data"
    __table_args__ = (
        CheckConstraint(sql_in("status", CvStatus), name="ck_user_cv_data_status"),
        CheckConstraint(f"source IS NULL OR {sql_in('source', CvSource)}", name="ck_user_cv_data_source"),
        Index("ix_user_cv_data_org_status", "organization_id", "status"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=TITLE_MAX_LENGTH)
    email: str = Field(max_length=EMAIL_MAX_LENGTH)
    phone_number: str = Field(default="", max_length=PHONE_MAX_LENGTH)
    job_title_id: int | None = Field(default=None, foreign_key="job_title.id", ondelete="SET NULL")
    place: str = Field(default="", max_length=PLACE_MAX_LENGTH)
    district: str = Field(default="", max_length=PLACE_MAX_LENGTH)
    status: CvStatus = Field(default=CvStatus.PENDING, sa_type=EnumText(CvStatus, STATUS_COLUMN_LENGTH))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Where the candidate came from (issue 17); beyond the spec's CV object, set through PUT /api/cvs/{id}/source/.
    source: CvSource | None = Field(default=None, sa_type=EnumText(CvSource, STATUS_COLUMN_LENGTH))


class CvDocument(SQLModel, table=True):
    """One version of a CV's document. Uploading again keeps the earlier versions (`is_current` false) for the
    audit trail; deleting erases every version's file and keeps the rows (`removed_at`, no `storage_name`)."""

    __tablename__ = "cv_document"
    __table_args__ = (
        UniqueConstraint("cv_id", "version", name="uq_cv_document_cv_version"),
        CheckConstraint(sql_in("kind", DocumentKind), name="ck_cv_document_kind"),
        CheckConstraint(sql_in("text_status", TextStatus), name="ck_cv_document_text_status"),
        Index("ix_cv_document_cv_current", "cv_id", "is_current"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    cv_id: uuid.UUID = Field(foreign_key="user_cv_data.id", ondelete="CASCADE")
    version: int
    is_current: bool = True
    kind: DocumentKind = Field(sa_type=EnumText(DocumentKind, DOCUMENT_KIND_LENGTH))
    file_name: str = Field(max_length=FILE_NAME_MAX_LENGTH)
    content_type: str = Field(max_length=CONTENT_TYPE_LENGTH)
    size: int
    sha256: str = Field(max_length=SHA256_HEX_LENGTH)
    storage_name: str | None = Field(default=None, max_length=STORAGE_NAME_LENGTH)
    uploaded_by_id: int | None = Field(default=None, foreign_key="app_user.id", ondelete="SET NULL")
    uploaded_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    replaced_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    removed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    text_status: TextStatus = Field(default=TextStatus.PENDING, sa_type=EnumText(TextStatus, DOCUMENT_KIND_LENGTH))
    text: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    suggested_email: str | None = Field(default=None, max_length=EMAIL_MAX_LENGTH)
    suggested_phone: str | None = Field(default=None, max_length=PHONE_MAX_LENGTH)
