"""/api/interview-management/{id}/... beyond the spec (issue 18): the scorecards of an interview as the caller may
see them, the caller's own scorecard (save, submit, reopen), and the interviewers (docs/api/scorecards.md)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.envelopes import error_messages
from hr_app.api.files import VOICE_NOTE_RESPONSES, voice_note_response
from hr_app.kit.errors import NotFound
from hr_app.schemas.common import Envelope
from hr_app.schemas.records import ScorecardRecord
from hr_app.schemas.scorecards import (
    InterviewersIn,
    InterviewersOut,
    ReopenIn,
    ScorecardIn,
    ScorecardOut,
    ScorecardsOut,
    SubmitIn,
)
from hr_app.services import evaluations, interview_team, scorecard_writes, scorecards

router = APIRouter(
    prefix="/api/interview-management", tags=["scorecards (beyond the spec)"], route_class=UnitOfWorkRoute
)

MINE = "/{interview_id}/scorecards/mine"


def _mine(message: str, record: ScorecardRecord) -> Envelope[ScorecardOut]:
    return Envelope(message=message, data=ScorecardOut.of(record))


@router.get(
    "/{interview_id}/scorecards/",
    response_model=Envelope[ScorecardsOut],
    summary="The interview's scorecards as the caller may see them (blind until their own is submitted)",
)
def list_scorecards(session: SessionDep, user: CurrentUser, interview_id: str) -> Envelope[ScorecardsOut]:
    view = scorecards.visible_scorecards(session, actor=user, interview_id=interview_id)
    return Envelope(message=f"Found {len(view.scorecards)} scorecard(s)", data=ScorecardsOut.of_view(view))


@router.get(
    "/{interview_id}/scorecards/{scorecard_id}/voice-note/",
    response_class=FileResponse,
    responses=VOICE_NOTE_RESPONSES,
    summary="Stream one scorecard's voice note (supports Range; blind until the caller's own is submitted)",
)
def scorecard_voice_note(
    request: Request, session: SessionDep, user: CurrentUser, interview_id: str, scorecard_id: str
) -> Response:
    name, content_type = evaluations.scorecard_voice_note_file(
        session, actor=user, interview_id=interview_id, scorecard_id=scorecard_id
    )
    return voice_note_response(
        request, name, content_type, missing=NotFound(*evaluations.SCORECARD_VOICE_NOTE_NOT_FOUND)
    )


@router.put(f"{MINE}/", response_model=Envelope[ScorecardOut], summary="Save the caller's draft (replaces it)")
@error_messages(invalid=scorecard_writes.SCORECARD_INVALID)
def save_mine(session: SessionDep, user: CurrentUser, interview_id: str, body: ScorecardIn) -> Envelope[ScorecardOut]:
    return _mine(
        "Scorecard saved", scorecard_writes.save_mine(session, actor=user, interview_id=interview_id, draft=body)
    )


@router.post(f"{MINE}/submit/", response_model=Envelope[ScorecardOut], summary="Submit the caller's scorecard")
@error_messages(invalid=scorecard_writes.SCORECARD_INVALID)
def submit_mine(session: SessionDep, user: CurrentUser, interview_id: str, body: SubmitIn) -> Envelope[ScorecardOut]:
    submitted = scorecard_writes.submit_mine(session, actor=user, interview_id=interview_id, reason=body.reason)
    return _mine("Scorecard submitted", submitted)


@router.post(
    f"{MINE}/reopen/", response_model=Envelope[ScorecardOut], summary="Reopen the caller's submitted scorecard"
)
@error_messages(invalid=scorecard_writes.SCORECARD_INVALID)
def reopen_mine(session: SessionDep, user: CurrentUser, interview_id: str, body: ReopenIn) -> Envelope[ScorecardOut]:
    reopened = scorecard_writes.reopen_mine(session, actor=user, interview_id=interview_id, reason=body.reason)
    return _mine("Scorecard reopened", reopened)


@router.put(
    "/{interview_id}/interviewers/",
    response_model=Envelope[InterviewersOut],
    summary="Set the interview's interviewers besides its lead (admin or hr)",
)
def set_interviewers(
    session: SessionDep, user: CurrentUser, interview_id: str, body: InterviewersIn
) -> Envelope[InterviewersOut]:
    team = interview_team.set_interviewers(
        session, actor=user, interview_id=interview_id, interviewer_ids=body.interviewer_ids
    )
    return Envelope(message="Interviewers updated successfully", data=InterviewersOut.of(team))
