"""/api/cvs: the candidates' CVs that interviews start from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.config import get_settings
from hr_app.kit.errors import Invalid
from hr_app.models import CvStatus
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.cvs import CvCreate, CvDetailOut, CvUpdate
from hr_app.services import cvs

router = APIRouter(prefix="/api/cvs", tags=["cvs"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[list[CvDetailOut]], summary="List the organization's CVs")
def list_cvs(session: SessionDep, user: CurrentUser, status: CvStatus | None = None) -> Envelope[list[CvDetailOut]]:
    records = cvs.list_cvs(session, actor=user, statuses=[status] if status else None)
    return Envelope(message=f"Found {len(records)} CV(s)", data=[CvDetailOut.of(r) for r in records])


@router.post("/", status_code=201, response_model=Envelope[CvDetailOut], summary="Add a CV (admin or hr)")
def create_cv(session: SessionDep, user: CurrentUser, body: CvCreate) -> Envelope[CvDetailOut]:
    record = cvs.create_cv(session, actor=user, values=body.model_dump(exclude_unset=True))
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


@router.get("/{cv_id}/", response_model=Envelope[CvDetailOut], summary="One CV")
def get_cv(session: SessionDep, user: CurrentUser, cv_id: str) -> Envelope[CvDetailOut]:
    record = cvs.get_cv(session, actor=user, cv_id=cv_id)
    return Envelope(message="CV retrieved successfully", data=CvDetailOut.of(record))


@router.patch("/{cv_id}/", response_model=Envelope[CvDetailOut], summary="Change a CV's details (admin or hr)")
def update_cv(session: SessionDep, user: CurrentUser, cv_id: str, body: CvUpdate) -> Envelope[CvDetailOut]:
    record = cvs.update_cv(session, actor=user, cv_id=cv_id, values=body.model_dump(exclude_unset=True))
    return Envelope(message="CV updated successfully", data=CvDetailOut.of(record))


@router.delete("/{cv_id}/", response_model=MessageEnvelope, summary="Delete a CV without interviews (admin or hr)")
def delete_cv(session: SessionDep, user: CurrentUser, cv_id: str) -> MessageEnvelope:
    cvs.delete_cv(session, actor=user, cv_id=cv_id)
    return MessageEnvelope(message="CV deleted successfully")
