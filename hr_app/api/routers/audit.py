"""/api/audit: an object's trail (beyond the spec; docs/api/beyond-the-spec.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.openapi import refusal
from hr_app.schemas.audit import AuditEntryOut, AuditPageOut
from hr_app.schemas.common import MAX_DB_INT, UUID_PATTERN, Envelope
from hr_app.services import audit

router = APIRouter(prefix="/api/audit", tags=["audit"], route_class=UnitOfWorkRoute)


@router.get(
    "/",
    response_model=Envelope[AuditPageOut],
    responses=refusal(404),
    summary="An object's audit trail, newest first",
)
def audit_trail(
    session: SessionDep,
    user: CurrentUser,
    obj: Annotated[
        str,
        Query(
            alias="object",
            description="<type>:<id>: interview, evaluation, cv, panel, question, category, topic or subtopic with "
            "a UUID; user with a user's number (admins only)",
            json_schema_extra={
                "pattern": f"^((interview|evaluation|cv|panel|question|category|topic|subtopic):{UUID_PATTERN}"
                "|user:[1-9][0-9]{0,8})$"
            },
        ),
    ],
    limit: Annotated[
        int,
        Query(description=f"1 to {audit.MAX_LIMIT}", json_schema_extra={"minimum": 1, "maximum": audit.MAX_LIMIT}),
    ] = audit.DEFAULT_LIMIT,
    offset: Annotated[
        int, Query(description="entries to skip", json_schema_extra={"minimum": 0, "maximum": MAX_DB_INT})
    ] = 0,
) -> Envelope[AuditPageOut]:
    page = audit.list_entries(session, actor=user, obj=obj, limit=limit, offset=offset)
    return Envelope(
        message=f"Found {page.total} audit entr{'y' if page.total == 1 else 'ies'}",
        data=AuditPageOut(
            object=f"{page.object_type}:{page.object_id}",
            total=page.total,
            limit=page.limit,
            offset=page.offset,
            entries=[AuditEntryOut.of(entry) for entry in page.entries],
        ),
    )
