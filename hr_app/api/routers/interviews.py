"""/api/interview-management: the endpoints of spec/interview-management-api.md."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import FileResponse
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from hr_app.api.body import MAX_JSON_BYTES, is_form, read_json_object
from hr_app.api.concurrency import Paged, UnitOfWorkRoute
from hr_app.api.deps import Caller, CurrentUser, Paging, SessionDep
from hr_app.api.envelopes import error_messages
from hr_app.api.files import VOICE_NOTE_RESPONSES, voice_note_response
from hr_app.api.openapi import CREATED_WITH_LOCATION, set_location
from hr_app.kit.errors import Invalid, NotFound
from hr_app.schemas.common import Envelope, MessageEnvelope, envelope_json
from hr_app.schemas.cvs import CvOut
from hr_app.schemas.interviews import (
    EvaluationIn,
    EvaluationOut,
    InterviewListItem,
    InterviewOut,
    OngoingInterviewOut,
    StartInterviewIn,
    StatusUpdateIn,
)
from hr_app.schemas.records import EDITABLE_FIELDS
from hr_app.schemas.scheduling import WarningEnvelope
from hr_app.services import cvs, evaluations, interview_list, interviews, scheduling, scorecards, voice_notes

router = APIRouter(prefix="/api/interview-management", tags=["interview management"], route_class=UnitOfWorkRoute)

EVALUATION_INVALID = "Invalid evaluation data"
_EVALUATION_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/json": {"schema": EvaluationIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    **EvaluationIn.model_json_schema(),
                    "properties": {
                        **EvaluationIn.model_json_schema()["properties"],
                        "voice_note": {"type": "string", "format": "binary", "description": "mp3, wav or m4a"},
                    },
                    "maxProperties": 10,  # the form parser's field limit
                }
            },
        }
    }
}


@dataclass(frozen=True)
class EvaluationBody:
    data: dict[str, Any]
    voice_note: evaluations.AudioUpload | None


def _declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length", "")
    return int(value) if value.isdigit() else None


def _from_form(form: FormData) -> EvaluationBody:
    data: dict[str, Any] = {}
    upload: evaluations.AudioUpload | None = None
    for key, value in form.multi_items():
        if isinstance(value, UploadFile) and key == voice_notes.FIELD:
            if value.filename or value.size:  # an empty file input sends a nameless empty part
                upload = evaluations.AudioUpload(file=value.file, filename=value.filename)
        else:
            data[key] = value
    return EvaluationBody(data=data, voice_note=upload)


async def evaluation_body(request: Request) -> AsyncIterator[EvaluationBody]:
    """JSON, or multipart/form-data with an optional `voice_note` file."""
    if not is_form(request):
        yield EvaluationBody(data=await read_json_object(request), voice_note=None)
        return
    declared = _declared_length(request)
    voice_notes.check_upload_size(declared - MAX_JSON_BYTES if declared is not None else None)
    try:
        form = await request.form(max_files=1, max_fields=len(EDITABLE_FIELDS) + 1)
    except HTTPException as exc:
        raise Invalid(EVALUATION_INVALID, {"non_field_errors": [str(exc.detail)]}) from exc
    try:
        yield _from_form(form)
    finally:
        await form.close()


@router.get("/cvs-for-interview/", response_model=Envelope[list[CvOut]], summary="CVs available for interview")
@error_messages(internal="Error retrieving CV data")
def cvs_for_interview(
    session: SessionDep,
    user: Caller,
    paging: Paging,
    include_all: Annotated[bool, Query(alias="all", description="true: every CV whatever its status")] = False,
) -> Paged:
    records = cvs.cvs_for_interview(session, actor=user, include_all=include_all, page=paging)
    message = f"Found {records.total} CV(s) available for interview"
    return Paged(Envelope(message=message, data=[CvOut.of(r) for r in records]), paging, records.total)


@router.post(
    "/start-interview/",
    status_code=201,
    response_model=WarningEnvelope[InterviewOut],
    responses=CREATED_WITH_LOCATION,
    summary="Start an interview",
)
def start_interview(
    session: SessionDep, user: CurrentUser, body: StartInterviewIn, response: Response
) -> WarningEnvelope[InterviewOut]:
    """The spec's answer; `warnings` is added only when the interviewer has another interview close by."""
    started = scheduling.start_interview(
        session,
        actor=user,
        candidate_id=body.candidate_id,
        scheduled_at=body.scheduled_at,
        interviewer_id=body.interviewer_id,
    )
    record = started.record
    set_location(response, f"{router.prefix}/{record.interview.id}/")
    return WarningEnvelope(
        message=f"Interview started successfully for {record.candidate.name}",
        data=InterviewOut.of(record),
        warnings=started.warnings,
    )


@router.get("/", response_model=Envelope[list[InterviewListItem]], summary="List all interviews")
def list_interviews(session: SessionDep, user: Caller, paging: Paging) -> Paged:
    items = interview_list.list_interview_items(session, actor=user, page=paging)
    return Paged(envelope_json(f"Found {items.total} interview(s)", items), paging, items.total)


@router.get("/ongoing-interviews/", response_model=Envelope[list[OngoingInterviewOut]], summary="Ongoing interviews")
def ongoing_interviews(session: SessionDep, user: Caller, paging: Paging) -> Paged:
    items = interview_list.list_ongoing_items(session, actor=user, page=paging)
    message = f"Found {items.total} ongoing interview(s)" if items.total else "No ongoing interviews found"
    return Paged(envelope_json(message, items), paging, items.total)


@router.get("/{interview_id}/", response_model=Envelope[InterviewOut], summary="Interview details")
def get_interview(session: SessionDep, user: Caller, interview_id: str) -> Envelope[InterviewOut]:
    record = scorecards.as_seen_by(
        session, user, interviews.get_interview(session, actor=user, interview_id=interview_id)
    )
    return Envelope(message="Interview retrieved successfully", data=InterviewOut.of(record))


@router.patch("/{interview_id}/update-status/", response_model=Envelope[InterviewOut], summary="Update the status")
def update_status(
    session: SessionDep, user: CurrentUser, interview_id: str, body: StatusUpdateIn
) -> Envelope[InterviewOut]:
    record = interviews.update_status(
        session, actor=user, interview_id=interview_id, status=body.status, remark=body.remark
    )
    return Envelope(
        message=f"Interview status updated to '{record.interview.status}' successfully", data=InterviewOut.of(record)
    )


@error_messages(invalid=EVALUATION_INVALID)
def save_evaluation(
    request: Request,
    response: Response,
    session: SessionDep,
    user: CurrentUser,
    interview_id: str,
    body: Annotated[EvaluationBody, Depends(evaluation_body)],
) -> Envelope[EvaluationOut]:
    mode = evaluations.SaveMode.REPLACE if request.method == "PUT" else evaluations.SaveMode.SET
    saved = evaluations.save_evaluation(
        session, actor=user, interview_id=interview_id, data=body.data, mode=mode, voice_note=body.voice_note
    )
    response.status_code = 201 if saved.created else 200
    verb = "created" if saved.created else "updated"
    return Envelope(message=f"Interview evaluation {verb} successfully", data=EvaluationOut.of(saved.record))


_EVALUATION_SUMMARIES = {
    "POST": "Create or update the evaluation (JSON, or multipart with a voice note)",
    "PUT": "Replace the evaluation: fields not given become null",
    "PATCH": "Change the evaluation fields given",
}
for _method, _summary in _EVALUATION_SUMMARIES.items():
    router.add_api_route(
        "/{interview_id}/evaluation/",
        save_evaluation,
        methods=[_method],
        response_model=Envelope[EvaluationOut],
        responses={201: {"model": Envelope[EvaluationOut], "description": "Created: the interview had none yet"}},
        openapi_extra=_EVALUATION_BODY,
        summary=_summary,
        operation_id=f"{_method.lower()}_interview_evaluation",
    )


@router.get(
    "/{interview_id}/voice-note/",
    response_class=FileResponse,
    responses=VOICE_NOTE_RESPONSES,
    summary="Stream the evaluation's voice note (supports Range)",
)
def voice_note(request: Request, session: SessionDep, user: CurrentUser, interview_id: str) -> Response:
    name, content_type = evaluations.voice_note_file(session, actor=user, interview_id=interview_id)
    return voice_note_response(request, name, content_type, missing=NotFound(*evaluations.VOICE_NOTE_NOT_FOUND))


@router.delete("/{interview_id}/", response_model=MessageEnvelope, summary="Delete an interview (admin or hr)")
def delete_interview(session: SessionDep, user: CurrentUser, interview_id: str) -> MessageEnvelope:
    scheduling.delete_interview(session, actor=user, interview_id=interview_id)
    return MessageEnvelope(message="Interview deleted successfully")
