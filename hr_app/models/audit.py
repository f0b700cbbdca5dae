"""The audit trail: who changed what, when, from which values to which."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel

from hr_app.kit.time import utcnow
from hr_app.models.types import UTCDateTime


class AuditEntry(SQLModel, table=True):
    """One write on an interview, evaluation, CV, panel, user or question, or one sign-in event.

    `actor_id` is null for writes nobody signed in made (a candidate's panel session, the system
    closing an ended panel); `actor_label` then says who it was, and otherwise keeps the user's
    name as it was at the time. `before` / `after` hold only the fields that changed (the whole
    object for a creation or a deletion), as JSON-ready values.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_org_object", "organization_id", "object_type", "object_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)  # insertion order breaks timestamp ties
    # No foreign keys: the trail outlives the organization, user or object it names, and is append-only (triggers
    # of revision 0006 refuse UPDATE and DELETE). No organization: a failed sign-in for an unknown address.
    organization_id: uuid.UUID | None = Field(default=None)
    actor_id: int | None = Field(default=None)
    actor_label: str = Field(max_length=255)
    object_type: str = Field(max_length=32)
    object_id: str = Field(max_length=64)
    action: str = Field(max_length=64)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
