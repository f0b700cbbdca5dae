"""The outbox: every e-mail the app sends, written in the transaction of the change that causes it."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from hr_app.kit.limits import (
    CONTENT_TYPE_LENGTH,
    EMAIL_MAX_LENGTH,
    IDEMPOTENCY_KEY_LENGTH,
    OUTBOX_KIND_LENGTH,
    OUTBOX_RELATED_ID_LENGTH,
    STATUS_COLUMN_LENGTH,
    TITLE_MAX_LENGTH,
)
from hr_app.kit.time import utcnow
from hr_app.models.enums import OutboxStatus, sql_in
from hr_app.models.types import UTCDateTime


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (CheckConstraint(sql_in("status", OutboxStatus), name="ck_outbox_message_status"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    organization_id: uuid.UUID = Field(foreign_key="organization.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=OUTBOX_KIND_LENGTH)
    recipient: str = Field(max_length=EMAIL_MAX_LENGTH)
    subject: str = Field(max_length=TITLE_MAX_LENGTH)
    text_body: str = Field(sa_column=Column(Text(), nullable=False))
    html_body: str = Field(sa_column=Column(Text(), nullable=False))
    related_type: str | None = Field(default=None, max_length=OUTBOX_KIND_LENGTH)
    related_id: str | None = Field(default=None, max_length=OUTBOX_RELATED_ID_LENGTH)
    status: str = Field(default=OutboxStatus.QUEUED, max_length=STATUS_COLUMN_LENGTH, index=True)
    attempts: int = Field(default=0)
    last_error: str | None = Field(default=None, sa_column=Column(Text(), nullable=True))
    # Unique: the Message-ID is derived from it, and a second queue_email with the same key returns the first row.
    idempotency_key: str = Field(max_length=IDEMPOTENCY_KEY_LENGTH, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    next_attempt_at: datetime | None = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=True))


class OutboxAttachment(SQLModel, table=True):
    __tablename__ = "outbox_attachment"

    id: int | None = Field(default=None, primary_key=True)
    message_id: uuid.UUID = Field(foreign_key="outbox_message.id", index=True, ondelete="CASCADE")
    filename: str = Field(max_length=TITLE_MAX_LENGTH)
    content_type: str = Field(max_length=CONTENT_TYPE_LENGTH)
    content: bytes = Field(sa_column=Column(LargeBinary(), nullable=False))
