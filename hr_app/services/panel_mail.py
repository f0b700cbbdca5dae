"""The panel link e-mail: each candidate's own session link, queued in the transaction that made or resent it."""

from __future__ import annotations

from sqlmodel import Session

from hr_app.config import get_settings
from hr_app.models import InterviewPanel, PanelCandidate, UserCvData
from hr_app.services import outbox

KIND = "panel_link"


def session_link(token: str) -> str:
    return f"{get_settings().public_url.rstrip('/')}/session/{token}"


def queue_link(
    session: Session, panel: InterviewPanel, candidate: PanelCandidate, cv: UserCvData, *, key: str | None = None
) -> None:
    """`key`: an idempotency key when the same event could queue twice (None: every call sends)."""
    if not cv.email:
        return
    outbox.queue_email(
        session,
        organization_id=panel.organization_id,
        kind=KIND,
        to=cv.email,
        template=KIND,
        context={
            "candidate_name": cv.name,
            "panel_name": panel.name,
            "description": panel.description or "",
            "questions": panel.total_number_of_questions,
            "start": panel.start_datetime,
            "end": panel.end_datetime,
            "link": session_link(candidate.token),
        },
        related=("panel", panel.id),
        idempotency_key=key,
    )
