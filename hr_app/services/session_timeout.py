"""A candidate's clock ran out: what was answered is submitted, and the server enforces it.

The candidate's page calls `time_out` when its countdown reaches zero. Just before the end this is a
submit of the autosaved answers; once the end has passed the panel is closed the way every read
closes it (`panels.deactivate_ended`: each opened, unsubmitted session is scored from its saved
answers, as submitted at the end) and the candidate's result is returned. The result stays readable
this way only for a short grace period after the end; later, and for a deleted panel or an unknown
token, the answer is the same as `panel_sessions.session_view` gives (410 / 404). A timed session whose own
deadline has passed is closed by the clock (`timed_out`, as submitted at the deadline).
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from hr_app.kit.errors import Conflict, Gone
from hr_app.kit.time import utcnow
from hr_app.schemas.panels import SessionSnapshot, SessionState
from hr_app.services import panel_sessions, panels

GRACE = timedelta(minutes=5)


def time_out(session: Session, *, token: str, client: str = "unknown") -> SessionSnapshot:
    """Submit the saved answers of a session whose time ran out, and return its result."""
    candidate, panel, cv = panel_sessions.find_session(session, token=token, client=client)
    now = utcnow()
    if panel.is_deleted or candidate.opened_at is None or now > panel.end_datetime + GRACE:
        raise Gone(panel_sessions.SESSION_GONE, "The interview panel has ended or was withdrawn.")
    deadline = panel_sessions.deadline_of(panel, candidate)
    if candidate.submitted_at is None and candidate.deadline is not None and deadline and deadline <= now:
        panel_sessions.close_by_clock(session, panel, candidate)
    elif candidate.submitted_at is None and now < min(panel.end_datetime, candidate.token_expires_at):
        try:
            return panel_sessions.submit(session, token=token, answers={}, client=client)
        except Conflict:
            session.refresh(candidate)  # another device submitted first: show that result
    elif candidate.submitted_at is None:
        panels.deactivate_ended(session, panel.organization_id, panel.id)
        session.refresh(candidate)
    drawn = panel_sessions.load_drawn(session, candidate.id)
    if candidate.submitted_at is None:  # nothing could be closed (e.g. the panel was already inactive)
        raise Gone(panel_sessions.SESSION_GONE, "The interview panel has ended or was withdrawn.")
    result = panel_sessions.score_result(drawn, candidate, candidate.submitted_at)
    status, deadline = panel_sessions.status_of(candidate), panel_sessions.deadline_of(panel, candidate)
    return SessionSnapshot(panel, candidate, cv.name, SessionState.SUBMITTED, drawn, result, status, deadline)
