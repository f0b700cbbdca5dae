"""/api/job-titles: the organization's job titles (the CV form's choices)."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.envelopes import error_messages
from hr_app.api.openapi import refusal
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.cvs import JobTitleCreate, JobTitleOut
from hr_app.schemas.scorecards import TemplateIn, TemplateOut
from hr_app.services import cvs, scorecard_templates

router = APIRouter(prefix="/api/job-titles", tags=["job titles"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[list[JobTitleOut]], summary="List the organization's job titles")
def list_job_titles(session: SessionDep, user: CurrentUser) -> Envelope[list[JobTitleOut]]:
    job_titles = cvs.list_job_titles(session, actor=user)
    return Envelope(message=f"Found {len(job_titles)} job title(s)", data=[JobTitleOut.of(j) for j in job_titles])


@router.post("/", status_code=201, response_model=Envelope[JobTitleOut], summary="Add a job title (admin or hr)")
def create_job_title(session: SessionDep, user: CurrentUser, body: JobTitleCreate) -> Envelope[JobTitleOut]:
    job_title = cvs.create_job_title(session, actor=user, name=body.name)
    return Envelope(message="Job title created successfully", data=JobTitleOut.of(job_title))


@router.patch("/{job_title_id}/", response_model=Envelope[JobTitleOut], summary="Rename a job title (admin or hr)")
def rename_job_title(
    session: SessionDep, user: CurrentUser, job_title_id: int, body: JobTitleCreate
) -> Envelope[JobTitleOut]:
    job_title = cvs.rename_job_title(session, actor=user, job_title_id=job_title_id, name=body.name)
    return Envelope(message="Job title updated successfully", data=JobTitleOut.of(job_title))


@router.delete(
    "/{job_title_id}/",
    response_model=MessageEnvelope,
    responses=refusal(409),
    summary="Delete a job title no CV uses (admin or hr)",
)
def delete_job_title(session: SessionDep, user: CurrentUser, job_title_id: int) -> MessageEnvelope:
    cvs.delete_job_title(session, actor=user, job_title_id=job_title_id)
    return MessageEnvelope(message="Job title deleted successfully")


@router.get(
    "/{job_title_id}/scorecard-template/",
    response_model=Envelope[TemplateOut],
    summary="The job title's scorecard criteria (admin or hr; the spec's five when it has none)",
)
def scorecard_template(session: SessionDep, user: CurrentUser, job_title_id: int) -> Envelope[TemplateOut]:
    template = scorecard_templates.template_of(session, actor=user, job_title_id=job_title_id)
    return Envelope(message="Scorecard template retrieved successfully", data=TemplateOut.of(template))


@router.put(
    "/{job_title_id}/scorecard-template/",
    response_model=Envelope[TemplateOut],
    summary="Replace the job title's scorecard criteria (admin or hr)",
)
@error_messages(invalid=scorecard_templates.TEMPLATE_INVALID)
def set_scorecard_template(
    session: SessionDep, user: CurrentUser, job_title_id: int, body: TemplateIn
) -> Envelope[TemplateOut]:
    template = scorecard_templates.set_template(session, actor=user, job_title_id=job_title_id, criteria=body.criteria)
    return Envelope(message="Scorecard template saved successfully", data=TemplateOut.of(template))
