"""The outbox's public shape (GET /api/outbox/, beyond the spec)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel

from hr_app.models import OutboxMessage, OutboxStatus
from hr_app.schemas.common import ApiDateTime


class OutboxAttachmentOut(BaseModel):
    filename: str
    content_type: str
    size: int  # bytes


class OutboxMessageOut(BaseModel):
    id: uuid.UUID
    kind: str
    recipient: str
    subject: str
    status: OutboxStatus
    attempts: int
    last_error: str | None
    related_type: str | None
    related_id: str | None
    created_at: ApiDateTime
    sent_at: ApiDateTime | None
    next_attempt_at: ApiDateTime | None
    text_body: str
    html_body: str
    attachments: list[OutboxAttachmentOut]

    @classmethod
    def of(cls, message: OutboxMessage, attachments: list[OutboxAttachmentOut]) -> OutboxMessageOut:
        return cls(
            id=message.id,
            kind=message.kind,
            recipient=message.recipient,
            subject=message.subject,
            status=message.status,
            attempts=message.attempts,
            last_error=message.last_error,
            related_type=message.related_type,
            related_id=message.related_id,
            created_at=message.created_at,
            sent_at=message.sent_at,
            next_attempt_at=message.next_attempt_at if message.status == OutboxStatus.QUEUED else None,
            text_body=message.text_body,
            html_body=message.html_body,
            attachments=attachments,
        )
