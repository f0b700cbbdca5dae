"""/api/interview-management beyond the spec: agenda, CSV export, bulk actions, reschedule, invites.

Registered before the spec's router: `agenda/`, `export.csv`, `bulk-start/` and `bulk-reject/` would
otherwise be taken for an `{interview_id}`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.files import CSV_TYPE, attachment
from hr_app.api.openapi import CREATED_WITH_LOCATION, set_location
from hr_app.schemas.common import ISO_WEEK_SCHEMA, MAX_DB_INT, Envelope
from hr_app.schemas.interviews import InterviewOut, InterviewRoundOut
from hr_app.schemas.scheduling import (
    AgendaOut,
    BulkRejectIn,
    BulkStartIn,
    NextRoundIn,
    RejectedCvOut,
    RescheduleIn,
    WarningEnvelope,
)
from hr_app.services import bulk, exports, invites, scheduling

router = APIRouter(
    prefix="/api/interview-management", tags=["interview management (beyond the spec)"], route_class=UnitOfWorkRoute
)

ICS_TYPE = "text/calendar; charset=utf-8"


@router.get("/agenda/", response_model=Envelope[AgendaOut], summary="Interviews of a week and of today per interviewer")
def agenda(
    session: SessionDep,
    user: CurrentUser,
    week: Annotated[
        str | None,
        Query(
            description="ISO week, e.g. 2025-W46; default: this week in the organization's time zone",
            json_schema_extra=ISO_WEEK_SCHEMA,
        ),
    ] = None,
    interviewer_id: Annotated[
        int | None, Query(ge=1, le=MAX_DB_INT, description="only this interviewer's interviews")
    ] = None,
) -> Envelope[AgendaOut]:
    result = scheduling.agenda(session, actor=user, week=week, interviewer_id=interviewer_id)
    count = sum(len(row.week) for row in result.rows)
    return Envelope(message=f"Found {count} interview(s) in {result.week_label}", data=AgendaOut.of(result))


def export_interviews(session: SessionDep, user: CurrentUser) -> Response:
    return attachment(exports.interviews_csv(session, actor=user), CSV_TYPE, "interviews.csv")


for _path in ("/export.csv", "/export.csv/"):  # both spellings: `{interview_id}/` would take the second
    router.add_api_route(
        _path,
        export_interviews,
        methods=["GET"],
        response_class=Response,
        responses={200: {"content": {"text/csv": {}}}},
        summary="Interviews with their evaluation columns, as CSV (admin or hr)",
        include_in_schema=_path == "/export.csv",
    )


@router.post(
    "/bulk-start/",
    status_code=201,
    response_model=WarningEnvelope[list[InterviewOut]],
    summary="Start interviews for several CVs with one interviewer (admin or hr)",
)
def bulk_start(session: SessionDep, user: CurrentUser, body: BulkStartIn) -> WarningEnvelope[list[InterviewOut]]:
    started = bulk.bulk_start(
        session,
        actor=user,
        candidate_ids=body.candidate_ids,
        interviewer_id=body.interviewer_id,
        first_slot=body.first_slot,
        step_minutes=body.step_minutes,
    )
    return WarningEnvelope(
        message=f"Started {len(started.records)} interview(s)",
        data=[InterviewOut.of(record) for record in started.records],
        warnings=started.warnings,
    )


@router.post("/bulk-reject/", response_model=Envelope[list[RejectedCvOut]], summary="Reject several CVs (admin or hr)")
def bulk_reject(session: SessionDep, user: CurrentUser, body: BulkRejectIn) -> Envelope[list[RejectedCvOut]]:
    rejected = bulk.bulk_reject(session, actor=user, candidate_ids=body.candidate_ids, remark=body.remark)
    return Envelope(message=f"Rejected {len(rejected)} candidate(s)", data=[RejectedCvOut.of(cv) for cv in rejected])


@router.post(
    "/{interview_id}/next-round/",
    status_code=201,
    response_model=WarningEnvelope[InterviewRoundOut],
    responses=CREATED_WITH_LOCATION,
    summary="Start the CV's next round after this selected interview (admin or hr)",
)
def next_round(
    session: SessionDep, user: CurrentUser, interview_id: str, body: NextRoundIn, response: Response
) -> WarningEnvelope[InterviewRoundOut]:
    started = scheduling.next_round(
        session,
        actor=user,
        interview_id=interview_id,
        scheduled_at=body.scheduled_at,
        interviewer_id=body.interviewer_id,
    )
    record = started.record
    set_location(response, f"{router.prefix}/{record.interview.id}/")
    return WarningEnvelope(
        message=f"Round {record.interview.round} started successfully for {record.candidate.name}",
        data=InterviewRoundOut.of(record),
        warnings=started.warnings,
    )


@router.patch(
    "/{interview_id}/reschedule/",
    response_model=WarningEnvelope[InterviewOut],
    summary="Move a pending interview (admin, hr or its interviewer)",
)
def reschedule(
    session: SessionDep, user: CurrentUser, interview_id: str, body: RescheduleIn
) -> WarningEnvelope[InterviewOut]:
    scheduled = scheduling.reschedule_interview(
        session,
        actor=user,
        interview_id=interview_id,
        scheduled_at=body.scheduled_at,
        interviewer_id=body.interviewer_id,
        change_interviewer="interviewer_id" in body.model_fields_set,
    )
    return WarningEnvelope(
        message="Interview rescheduled successfully",
        data=InterviewOut.of(scheduled.record),
        warnings=scheduled.warnings,
    )


@router.get(
    "/{interview_id}/invite.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
    summary="The interview as a calendar invite (RFC 5545)",
)
def invite(session: SessionDep, user: CurrentUser, interview_id: str) -> Response:
    filename, content = invites.interview_invite(session, actor=user, interview_id=interview_id)
    return attachment(content, ICS_TYPE, filename)
