"""Every UI route in one place, with the small URL builders pages use."""

from __future__ import annotations

import re

LOGIN = "/login"
HOME = "/"
CVS = "/cvs"
CV = "/cvs/[cv_id]"
ONGOING = "/ongoing"
INTERVIEWS = "/interviews"
INTERVIEW = "/interviews/[interview_id]"
AGENDA = "/agenda"
PANELS = "/panels"
PANEL_NEW = "/panels/new"
PANEL = "/panels/[panel_uuid]"
QUESTIONS = "/questions"
SESSION = "/session/[token]"
USERS = "/users"
JOB_TITLES = "/job-titles"
SETTINGS = "/settings"
OUTBOX = "/outbox"
ACCOUNT = "/account"
FORGOT_PASSWORD = "/forgot-password"
ACCEPT_INVITE_PREFIX = "/accept-invite"
ACCEPT_INVITE = "/accept-invite/[token]"
RESET_PASSWORD_PREFIX = "/reset-password"
RESET_PASSWORD = "/reset-password/[token]"
SETUP = "/setup"

PUBLIC_ROUTES = (LOGIN, SESSION, FORGOT_PASSWORD, ACCEPT_INVITE, RESET_PASSWORD, SETUP)


def accept_invite_url(token: str) -> str:
    return f"{ACCEPT_INVITE_PREFIX}/{token}"


def reset_password_url(token: str) -> str:
    return f"{RESET_PASSWORD_PREFIX}/{token}"


def cv_url(cv_id: str) -> str:
    return f"{CVS}/{cv_id}"


def interview_url(interview_id: str) -> str:
    return f"{INTERVIEWS}/{interview_id}"


def panel_url(panel_uuid: str) -> str:
    return f"{PANELS}/{panel_uuid}"


def session_url(token: str) -> str:
    return f"/session/{token}"


WORKSPACE_ROUTES = (
    HOME,
    CVS,
    CV,
    ONGOING,
    INTERVIEWS,
    INTERVIEW,
    AGENDA,
    PANELS,
    PANEL_NEW,
    PANEL,
    QUESTIONS,
    USERS,
    JOB_TITLES,
    SETTINGS,
    OUTBOX,
    ACCOUNT,
)
_SEGMENT = "[A-Za-z0-9_-]+"
_APP_PATH = re.compile(
    "(?:"
    + "|".join(re.sub(r"\\\[\w+\\\]", _SEGMENT, re.escape(route)) for route in WORKSPACE_ROUTES)
    + r")(?:\?[A-Za-z0-9_.~=&%-]*)?"
)


def safe_next(target: str | None) -> str:
    """Only a path of the app's own pages is followed after login: no other site, no backslash, no login loop."""
    if target and _APP_PATH.fullmatch(target):
        return target
    return HOME
