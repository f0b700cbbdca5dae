"""/api/cvs/{id}/duplicates/ and /api/cvs/{id}/merge/: other CVs that look like the same person, and merging one."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.openapi import refusal
from hr_app.schemas.common import Envelope
from hr_app.schemas.cv_merge import DuplicateOut, DuplicatesOut, MergeIn, MergeOut
from hr_app.schemas.cvs import CvDetailOut
from hr_app.services import cv_documents, cv_duplicates, cv_merge

router = APIRouter(prefix="/api/cvs", tags=["cvs"], route_class=UnitOfWorkRoute)


@router.get(
    "/{cv_id}/duplicates/",
    response_model=Envelope[DuplicatesOut],
    summary="Other CVs with the same e-mail or phone number (possible duplicates)",
)
def list_duplicates(session: SessionDep, user: CurrentUser, cv_id: str) -> Envelope[DuplicatesOut]:
    found = cv_duplicates.duplicates_of(session, actor=user, cv_id=cv_id)
    rows = [
        DuplicateOut(id=str(d.id), name=d.name, email=d.email, phone=d.phone, matched_on=list(d.matched_on))
        for d in found
    ]
    return Envelope(message=f"Found {len(rows)} possible duplicate(s)", data=DuplicatesOut(duplicates=rows))


@router.post(
    "/{cv_id}/merge/",
    response_model=Envelope[MergeOut],
    responses=refusal(409),
    summary="Merge a duplicate CV into this one: its interviews, panels, documents, notes and tags move here "
    "(admin or hr)",
)
def merge(session: SessionDep, user: CurrentUser, cv_id: str, body: MergeIn) -> Envelope[MergeOut]:
    result = cv_merge.merge_cvs(session, actor=user, cv_id=cv_id, duplicate_id=body.duplicate_id)
    record = result.survivor
    document = cv_documents.current_document(session, record.cv.id)
    shown = MergeOut(
        cv=CvDetailOut.of(record, document),
        duplicate_id=str(result.duplicate_id),
        moved=result.moved,
        skipped=result.skipped,
        filled=result.filled,
    )
    return Envelope(message="CVs merged successfully", data=shown)
