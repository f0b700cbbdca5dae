"""Every UI route in one place, with the small URL builders pages use."""

from __future__ import annotations

LOGIN = "/login"
HOME = "/"
CVS = "/cvs"
ONGOING = "/ongoing"
INTERVIEWS = "/interviews"
INTERVIEW = "/interviews/[interview_id]"
AGENDA = "/agenda"
PANELS = "/panels"
PANEL_NEW = "/panels/new"
PANEL = "/panels/[panel_uuid]"
QUESTIONS = "/questions"
SESSION = "/session/[token]"

PUBLIC_ROUTES = (LOGIN, SESSION)


def interview_url(interview_id: str) -> str:
    return f"{INTERVIEWS}/{interview_id}"


def panel_url(panel_uuid: str) -> str:
    return f"{PANELS}/{panel_uuid}"


def session_url(token: str) -> str:
    return f"/session/{token}"


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and not target.startswith(LOGIN):
        return target
    return HOME
