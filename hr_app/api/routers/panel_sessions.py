"""/api/panel/session/{token}: the candidate's side of a panel. The token is the only credential."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import ClientAddress, SessionDep
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.panels import (
    AnswersIn,
    AnswersSavedOut,
    SessionOut,
    SessionResultOut,
    ViewingIn,
    error_responses,
)
from hr_app.services import panel_sessions

router = APIRouter(prefix="/api/panel/session", tags=["candidate sessions"], route_class=UnitOfWorkRoute)

SESSION_ERRORS = error_responses(400, 403, 404, 409, 410, 429)


@router.get(
    "/{token}/",
    response_model=Envelope[SessionOut],
    responses=error_responses(404, 410, 429),
    summary="The candidate's session (opens it and draws the questions on the first call in the window)",
)
def get_session(session: SessionDep, client: ClientAddress, token: str) -> Envelope[SessionOut]:
    snapshot = panel_sessions.session_view(session, token=token, client=client)
    return Envelope(message="Session retrieved successfully", data=SessionOut.of(snapshot))


@router.post(
    "/{token}/start/",
    response_model=Envelope[SessionOut],
    responses=error_responses(403, 404, 410, 429),
    summary="Start the session: draw the questions and start the candidate's clock (idempotent)",
)
def start(session: SessionDep, client: ClientAddress, token: str) -> Envelope[SessionOut]:
    snapshot = panel_sessions.start(session, token=token, client=client)
    return Envelope(message="Session started successfully", data=SessionOut.of(snapshot))


@router.put(
    "/{token}/answers/",
    response_model=Envelope[AnswersSavedOut],
    responses=SESSION_ERRORS,
    summary="Save answers so far (autosave, idempotent)",
)
def save_answers(session: SessionDep, client: ClientAddress, token: str, body: AnswersIn) -> Envelope[AnswersSavedOut]:
    drawn = panel_sessions.save_answers(session, token=token, answers=body.answers, client=client)
    return Envelope(message="Answers saved successfully", data=AnswersSavedOut.of(drawn))


@router.put(
    "/{token}/viewing/",
    response_model=MessageEnvelope,
    responses=SESSION_ERRORS,
    summary="The question now on the candidate's screen, for the time spent on each (beyond the spec)",
)
def viewing(session: SessionDep, client: ClientAddress, token: str, body: ViewingIn) -> MessageEnvelope:
    panel_sessions.show_question(session, token=token, position=body.position, client=client)
    return MessageEnvelope(message="Viewing recorded")


@router.post(
    "/{token}/submit/",
    response_model=Envelope[SessionResultOut],
    responses=SESSION_ERRORS,
    summary="Submit the answers and get the score",
)
def submit(
    session: SessionDep, client: ClientAddress, token: str, body: AnswersIn | None = None
) -> Envelope[SessionResultOut]:
    answers = body.answers if body else {}
    snapshot = panel_sessions.submit(session, token=token, answers=answers, client=client)
    return Envelope(message="Answers submitted successfully", data=SessionResultOut.of_snapshot(snapshot))
