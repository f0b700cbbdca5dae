"""The audit trail's public shape."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from hr_app.models import AuditEntry
from hr_app.schemas.common import ApiDateTime


class AuditEntryOut(BaseModel):
    id: int
    created_at: ApiDateTime
    actor_id: int | None
    actor: str  # the user's name at the time, or "candidate" / "system" when no user did it
    object_type: str
    object_id: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryOut:
        return cls(
            id=entry.id or 0,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            actor=entry.actor_label,
            object_type=entry.object_type,
            object_id=entry.object_id,
            action=entry.action,
            before=entry.before,
            after=entry.after,
        )


class AuditPageOut(BaseModel):
    object: str
    total: int
    limit: int
    offset: int
    entries: list[AuditEntryOut]
