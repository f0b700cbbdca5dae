"""/api/panel: interview panels, exactly as `spec/interview-panel-api.md` (plus results and link re-issue).

Every route is for admin and hr, reads included: the spec's overview ("Users must be authenticated and have
Admin or HR role"), and a panel lists its candidates' session tokens (docs/decisions.md 38).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from hr_app.api.concurrency import Paged, UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, Paging, SessionDep
from hr_app.api.openapi import CREATED_WITH_LOCATION, set_location
from hr_app.kit.access import require_manager
from hr_app.models import AppUser
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.schemas.panels import (
    CandidateOut,
    CandidateRef,
    CandidateSignalsOut,
    CandidatesIn,
    ExtendedSessionOut,
    ExtendSessionIn,
    HandScoredOut,
    HandScoreIn,
    LinksSentOut,
    PanelCreate,
    PanelList,
    PanelOut,
    PanelResultsOut,
    PanelSignalsOut,
    PanelUpdate,
    WrittenAnswerOut,
    WrittenAnswersOut,
    error_responses,
)
from hr_app.services import hand_scoring, integrity, panels

router = APIRouter(prefix="/api/panel", tags=["interview panels"], route_class=UnitOfWorkRoute)


# The role checks read only the loaded user: async, so FastAPI runs them without a thread hop.
async def _reader(user: CurrentUser) -> AppUser:
    """Checked before the body, so a user without an organization or the role gets 403 rather than 400."""
    require_manager(user, panels.VIEW)
    return user


async def _manager(user: CurrentUser) -> AppUser:
    """Admin or hr, checked before the body (the service checks again)."""
    require_manager(user, "manage interview panels")
    return user


Reader = Annotated[AppUser, Depends(_reader)]
Manager = Annotated[AppUser, Depends(_manager)]


@router.post(
    "/create/",
    status_code=201,
    response_model=Envelope[PanelOut],
    responses={**error_responses(400, 401, 403, 404), **CREATED_WITH_LOCATION},
    summary="Create an interview panel",
)
def create_panel(session: SessionDep, user: Manager, body: PanelCreate, response: Response) -> Envelope[PanelOut]:
    view = panels.create_panel(session, actor=user, data=body)
    out = PanelOut.of(view)
    set_location(response, f"{router.prefix}/get/{out.uuid}/")
    return Envelope(message="Interview panel created successfully", data=out)


@router.get(
    "/get/",
    response_model=Envelope[PanelList],
    responses=error_responses(401, 403),
    summary="List the organization's interview panels",
)
def list_panels(session: SessionDep, user: Reader, paging: Paging) -> Paged:
    views = panels.list_panels(session, actor=user, page=paging)
    data = PanelList(interview_panels=[PanelOut.of(view) for view in views])
    return Paged(Envelope(message="Interview panels retrieved successfully", data=data), paging, views.total)


@router.get(
    "/get/{interview_panel_uuid}/",
    response_model=Envelope[PanelOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Get one interview panel",
)
def get_panel(session: SessionDep, user: Reader, interview_panel_uuid: uuid.UUID) -> Envelope[PanelOut]:
    view = panels.get_panel(session, actor=user, panel_id=interview_panel_uuid)
    return Envelope(message="Interview panel retrieved successfully", data=PanelOut.of(view))


@router.put(
    "/update/{interview_panel_uuid}/",
    response_model=Envelope[PanelOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Update an interview panel (partial)",
)
def update_panel(
    session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID, body: PanelUpdate
) -> Envelope[PanelOut]:
    view = panels.update_panel(session, actor=user, panel_id=interview_panel_uuid, data=body)
    return Envelope(message="Interview panel updated successfully", data=PanelOut.of(view))


# `update/` and `delete/` without a uuid: the spec's 400 "Interview panel UUID is required" (after the role
# check, like every manager route), not a 404 for an unknown path. Hidden from the OpenAPI document.
@router.put("/update/", include_in_schema=False)
def update_panel_without_uuid(session: SessionDep, user: Manager) -> Envelope[PanelOut]:
    view = panels.update_panel(session, actor=user, panel_id=None, data=PanelUpdate())
    return Envelope(message="Interview panel updated successfully", data=PanelOut.of(view))


@router.delete("/delete/", include_in_schema=False)
def delete_panel_without_uuid(session: SessionDep, user: Manager) -> MessageEnvelope:
    panels.delete_panel(session, actor=user, panel_id=None)
    return MessageEnvelope(message="Interview panel deleted successfully")


@router.delete(
    "/delete/{interview_panel_uuid}/",
    response_model=MessageEnvelope,
    responses=error_responses(400, 401, 403, 404),
    summary="Soft delete an interview panel",
)
def delete_panel(session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID) -> MessageEnvelope:
    panels.delete_panel(session, actor=user, panel_id=interview_panel_uuid)
    return MessageEnvelope(message="Interview panel deleted successfully")


@router.get(
    "/results/{interview_panel_uuid}/",
    response_model=Envelope[PanelResultsOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Each candidate's state, progress and score (beyond the spec)",
)
def panel_results(session: SessionDep, user: Reader, interview_panel_uuid: uuid.UUID) -> Envelope[PanelResultsOut]:
    panel, progress = panels.panel_results(session, actor=user, panel_id=interview_panel_uuid)
    return Envelope(message="Interview panel results retrieved successfully", data=PanelResultsOut.of(panel, progress))


@router.get(
    "/written-answers/{interview_panel_uuid}/",
    response_model=Envelope[WrittenAnswersOut],
    responses=error_responses(400, 401, 403, 404),
    summary="The written (free-text) answers of the submitted sessions, with their hand scores (beyond the spec)",
)
def written_answers(session: SessionDep, user: Reader, interview_panel_uuid: uuid.UUID) -> Envelope[WrittenAnswersOut]:
    answers = hand_scoring.written_answers(session, actor=user, panel_id=interview_panel_uuid)
    return Envelope(
        message="Written answers retrieved successfully",
        data=WrittenAnswersOut(answers=[WrittenAnswerOut.of(item) for item in answers]),
    )


@router.post(
    "/hand-score/{interview_panel_uuid}/{candidate_uuid}/",
    response_model=Envelope[HandScoredOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Score one written answer by hand, 0 to 10 points; the session's score follows (beyond the spec)",
)
def hand_score(
    session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID, candidate_uuid: uuid.UUID, body: HandScoreIn
) -> Envelope[HandScoredOut]:
    candidate, answer = hand_scoring.score_answer(
        session,
        actor=user,
        panel_id=interview_panel_uuid,
        candidate_id=candidate_uuid,
        question_id=body.question_uuid,
        score=body.score,
    )
    return Envelope(message="Answer scored successfully", data=HandScoredOut.of(candidate, answer))


@router.post(
    "/reissue-link/{interview_panel_uuid}/{candidate_uuid}/",
    response_model=Envelope[CandidateOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Give one candidate a new session link; the old one stops working (beyond the spec)",
)
def reissue_link(
    session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID, candidate_uuid: uuid.UUID
) -> Envelope[CandidateOut]:
    candidate, cv = panels.reissue_link(session, actor=user, panel_id=interview_panel_uuid, candidate_id=candidate_uuid)
    return Envelope(message="Candidate link re-issued successfully", data=CandidateOut.of(candidate, cv))


@router.post(
    "/extend-session/{interview_panel_uuid}/{candidate_uuid}/",
    response_model=Envelope[ExtendedSessionOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Give one started candidate more time, or reopen a session the clock closed (beyond the spec)",
)
def extend_session(
    session: SessionDep,
    user: Manager,
    interview_panel_uuid: uuid.UUID,
    candidate_uuid: uuid.UUID,
    body: ExtendSessionIn,
) -> Envelope[ExtendedSessionOut]:
    snapshot = panels.extend_session(
        session,
        actor=user,
        panel_id=interview_panel_uuid,
        candidate_id=candidate_uuid,
        minutes=body.minutes,
        reason=body.reason,
    )
    return Envelope(message="Session extended successfully", data=ExtendedSessionOut.of(snapshot))


@router.post(
    "/send-links/{interview_panel_uuid}/",
    response_model=Envelope[LinksSentOut],
    responses=error_responses(400, 401, 403, 404),
    summary="E-mail every candidate their current session link again (beyond the spec)",
)
def send_links(session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID) -> Envelope[LinksSentOut]:
    sent = panels.send_links(session, actor=user, panel_id=interview_panel_uuid)
    return Envelope(message=f"Links sent to {sent} candidate(s)", data=LinksSentOut(sent=sent))


@router.post(
    "/add-candidates/{interview_panel_uuid}/",
    response_model=Envelope[PanelOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Give more candidates a session link on a running panel and e-mail it (beyond the spec)",
)
def add_candidates(
    session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID, body: CandidatesIn
) -> Envelope[PanelOut]:
    view = panels.add_candidates(session, actor=user, panel_id=interview_panel_uuid, candidate_ids=body.candidate_uuids)
    return Envelope(message=f"{len(body.candidate_uuids)} candidate(s) added", data=PanelOut.of(view))


@router.post(
    "/remove-candidate/{interview_panel_uuid}/",
    response_model=Envelope[PanelOut],
    responses=error_responses(400, 401, 403, 404, 409),
    summary="Take a candidate who has not opened their session off a running panel (beyond the spec)",
)
def remove_candidate(
    session: SessionDep, user: Manager, interview_panel_uuid: uuid.UUID, body: CandidateRef
) -> Envelope[PanelOut]:
    view = panels.remove_candidate(session, actor=user, panel_id=interview_panel_uuid, candidate_id=body.candidate_uuid)
    return Envelope(message="Candidate removed", data=PanelOut.of(view))


@router.get(
    "/signals/{interview_panel_uuid}/",
    response_model=Envelope[PanelSignalsOut],
    responses=error_responses(400, 401, 403, 404),
    summary="Integrity signals of each candidate: counts and a timeline, context never a verdict (beyond the spec)",
)
def panel_signals(session: SessionDep, user: Reader, interview_panel_uuid: uuid.UUID) -> Envelope[PanelSignalsOut]:
    rows = integrity.panel_signals(session, actor=user, panel_id=interview_panel_uuid)
    candidates = [CandidateSignalsOut.of(cv, signals) for cv, signals in rows]
    return Envelope(message="Signals retrieved successfully", data=PanelSignalsOut(candidates=candidates))
