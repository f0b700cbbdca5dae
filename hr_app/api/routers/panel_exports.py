"""/api/panel/get/<uuid>/results.csv and answers.csv: a panel's results and answers (beyond the spec; admin or hr)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.api.files import CSV_TYPE, attachment
from hr_app.schemas.panels import error_responses
from hr_app.services import exports

router = APIRouter(prefix="/api/panel", tags=["interview panels"], route_class=UnitOfWorkRoute)


@router.get(
    "/get/{interview_panel_uuid}/results.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **error_responses(400, 401, 403, 404)},
    summary="A panel's candidates, state, score, pass and per-difficulty breakdown, as CSV (admin or hr)",
)
def panel_results_csv(session: SessionDep, user: CurrentUser, interview_panel_uuid: uuid.UUID) -> Response:
    panel, content = exports.panel_results_csv(session, actor=user, panel_id=interview_panel_uuid)
    return attachment(content, CSV_TYPE, f"panel-{panel.id}-results.csv")


@router.get(
    "/get/{interview_panel_uuid}/answers.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}, **error_responses(400, 401, 403, 404)},
    summary="Each candidate's answer to each drawn question, when it was shown, the seconds spent (admin or hr)",
)
def panel_answers_csv(session: SessionDep, user: CurrentUser, interview_panel_uuid: uuid.UUID) -> Response:
    panel, content = exports.panel_answers_csv(session, actor=user, panel_id=interview_panel_uuid)
    return attachment(content, CSV_TYPE, f"panel-{panel.id}-answers.csv")
