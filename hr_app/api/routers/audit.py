"""/api/audit: an object's trail (beyond the spec; docs/api/beyond-the-spec.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.schemas.audit import AuditEntryOut, AuditPageOut
from hr_app.schemas.common import Envelope
from hr_app.services import audit

router = APIRouter(prefix="/api/audit", tags=["audit"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[AuditPageOut], summary="An object's audit trail, newest first")
def audit_trail(
    session: SessionDep,
    user: CurrentUser,
    obj: Annotated[
        str | None, Query(alias="object", description="<type>:<id>, type one of interview, evaluation, cv, panel")
    ] = None,
    limit: Annotated[int, Query(description=f"1 to {audit.MAX_LIMIT}")] = audit.DEFAULT_LIMIT,
    offset: Annotated[int, Query(description="entries to skip")] = 0,
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
