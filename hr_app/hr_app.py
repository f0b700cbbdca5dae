"""The Reflex app: pages, the live layer, and the JSON API mounted on the same backend."""

from __future__ import annotations

import reflex as rx
from starlette.middleware import Middleware

from hr_app import worker
from hr_app.api.app import create_api
from hr_app.api.security_headers import socket_origin_check
from hr_app.config import get_settings
from hr_app.loop_lag import run_probe
from hr_app.ui import live, routes
from hr_app.ui.components.loading import hydrating
from hr_app.ui.pages.account import (
    accept_invite_page,
    account_page,
    forgot_password_page,
    reset_password_page,
    settings_page,
    setup_page,
)
from hr_app.ui.pages.agenda import agenda_page
from hr_app.ui.pages.cv_profile import cv_profile_page
from hr_app.ui.pages.cvs import cvs_page
from hr_app.ui.pages.dashboard import dashboard_page
from hr_app.ui.pages.interview import interview_page
from hr_app.ui.pages.interviews import interviews_page
from hr_app.ui.pages.login import login_page
from hr_app.ui.pages.ongoing import ongoing_page
from hr_app.ui.pages.outbox import outbox_page
from hr_app.ui.pages.panels import panel_detail_page, panel_new_page, panels_page
from hr_app.ui.pages.questions import questions_page
from hr_app.ui.pages.session import session_page
from hr_app.ui.pages.team import job_titles_page, users_page
from hr_app.ui.states.account import AccountState, SettingsState, SetupState
from hr_app.ui.states.activity import ActivityState
from hr_app.ui.states.agenda import AgendaState
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.cv_profile import CvProfileState
from hr_app.ui.states.cvs import CvsState
from hr_app.ui.states.dashboard import DashboardState
from hr_app.ui.states.interview import InterviewState
from hr_app.ui.states.interviews import InterviewsState
from hr_app.ui.states.live import LiveState
from hr_app.ui.states.login import LoginState
from hr_app.ui.states.outbox import OutboxState
from hr_app.ui.states.panels import PanelDetailState, PanelFormState, PanelsState
from hr_app.ui.states.questions import QuestionsState
from hr_app.ui.states.session import CandidateSessionState
from hr_app.ui.states.team import JobTitlesState, UsersState
from hr_app.ui.upload_guard import UploadGuard

app = rx.App(
    # Reflex's /_upload refuses a stranger or an oversized file before reading it (ui/upload_guard.py).
    api_transformer=create_api(guards=[Middleware(UploadGuard, reflex_app=lambda: app)]),
    # The palette; the few tokens it moves for contrast and focus are in assets/theme.css (decision 42).
    theme=rx.theme(appearance="light", accent_color="indigo", gray_color="gray", radius="medium"),
    head_components=[
        rx.el.meta(name="viewport", content="width=device-width, initial-scale=1"),
        rx.el.script(src="/a11y.js", defer=True),
        rx.el.script(src="/cv_document.js", defer=True),  # the candidate profile's document (token-fetched)
    ],
    # theme.css: colour and focus tokens; print.css: an interview page prints as a clean evaluation sheet.
    stylesheets=["/theme.css", "/print.css"],
    # A page served from the SPA fallback (a token or id in its path) paints this before its code has loaded.
    hydrate_fallback=hydrating,
)

# The websocket takes the same origins as CORS, and always its own (docs/security.md).
if app.sio is not None:
    app.sio.eio.cors_allowed_origins = socket_origin_check(get_settings().allowed_origin_list)

# Committed changes reach the open tabs of the live pages that show them (hr_app/ui/live/).
live.install(app)
app.register_lifespan_task(run_probe)  # event-loop lag, reported by GET /api/health/
worker.install()  # a commit that queued mail wakes the worker at once

# Every workspace page: the login guard, then the live registration (nav badge, board).
SIGNED_IN = [AuthState.require_login, LiveState.watch]


def add_workspace_page(component, route: str, title: str, *on_load) -> None:  # noqa: ANN001
    app.add_page(component, route=route, title=f"{title} · hr_app", on_load=[*SIGNED_IN, *on_load])


app.add_page(login_page, route=routes.LOGIN, title="Sign in · hr_app", on_load=LoginState.redirect_if_signed_in)
app.add_page(session_page, route=routes.SESSION, title="Your assessment", on_load=CandidateSessionState.load)
add_workspace_page(dashboard_page, routes.HOME, "Dashboard", DashboardState.load)
add_workspace_page(ongoing_page, routes.ONGOING, "Ongoing interviews")
add_workspace_page(cvs_page, routes.CVS, "CVs", CvsState.load)
add_workspace_page(cv_profile_page, routes.CV, "Candidate", CvProfileState.load)
add_workspace_page(interviews_page, routes.INTERVIEWS, "Interviews", InterviewsState.load)
add_workspace_page(interview_page, routes.INTERVIEW, "Interview", InterviewState.load, ActivityState.load_interview)
add_workspace_page(agenda_page, routes.AGENDA, "Agenda", AgendaState.load)
add_workspace_page(panels_page, routes.PANELS, "Panels", PanelsState.load)
add_workspace_page(panel_new_page, routes.PANEL_NEW, "New panel", PanelFormState.load)
add_workspace_page(panel_detail_page, routes.PANEL, "Panel", PanelDetailState.load, ActivityState.load_panel)
add_workspace_page(questions_page, routes.QUESTIONS, "Question bank", QuestionsState.load)
add_workspace_page(users_page, routes.USERS, "Users", UsersState.load)
add_workspace_page(job_titles_page, routes.JOB_TITLES, "Job titles", JobTitlesState.load)
add_workspace_page(settings_page, routes.SETTINGS, "Organization settings", SettingsState.load)
add_workspace_page(outbox_page, routes.OUTBOX, "Outbox", OutboxState.load)
add_workspace_page(account_page, routes.ACCOUNT, "Your account", AccountState.load)
app.add_page(forgot_password_page, route=routes.FORGOT_PASSWORD, title="Forgotten password · hr_app")
app.add_page(accept_invite_page, route=routes.ACCEPT_INVITE, title="Accept invitation · hr_app")
app.add_page(reset_password_page, route=routes.RESET_PASSWORD, title="New password · hr_app")
app.add_page(setup_page, route=routes.SETUP, title="Set up · hr_app", on_load=SetupState.load)
