"""/api/dashboard: the hiring dashboard's figures (beyond the spec)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.schemas.common import ISO_WEEK_SCHEMA, Envelope
from hr_app.services import dashboard

router = APIRouter(prefix="/api/dashboard", tags=["dashboard"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[dict[str, Any]], summary="Hiring dashboard figures")
def hiring_dashboard(
    session: SessionDep,
    user: CurrentUser,
    week: Annotated[
        str | None,
        Query(description="ISO week for the interview counts, e.g. 2025-W46", json_schema_extra=ISO_WEEK_SCHEMA),
    ] = None,
) -> Envelope[dict[str, Any]]:
    return Envelope(
        message="Dashboard retrieved successfully", data=dashboard.hiring_dashboard(session, actor=user, week=week)
    )
