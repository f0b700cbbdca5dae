"""The CVs page's "Start interview" dialog and its state (a substate of CvsState: it reloads the list)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid, NotFound
from hr_app.models import AppUser
from hr_app.services import scheduling
from hr_app.ui import format, routes
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.team_picker import team_picker, toggled
from hr_app.ui.components.widgets import labelled, select_option
from hr_app.ui.states.cvs import NONE, CvsState, first_free_slot, first_problems


def started_interview(
    session: Session,
    actor: AppUser,
    candidate_id: str,
    scheduled_at: datetime,
    interviewer_id: int | None,
    team: list[int],
) -> tuple[str, list[str]]:
    """Start one interview with its co-interviewers; its id and the interviewer's clashes (warnings, never a
    refusal)."""
    started = scheduling.start_interview(
        session,
        actor=actor,
        candidate_id=candidate_id,
        scheduled_at=scheduled_at,
        interviewer_id=interviewer_id,
        team=team,
    )
    return str(started.record.interview.id), list(started.warnings)


class StartInterviewDialogState(CvsState):
    start_open: bool = False
    start_cv_id: str = ""
    start_cv_name: str = ""
    start_when: str = ""
    start_interviewer: str = NONE
    start_error: str = ""
    start_when_error: str = ""
    start_interviewer_error: str = ""
    start_team: list[str] = []  # the co-interviewers' ids (admin and hr)
    start_team_error: str = ""
    start_warnings: list[str] = []  # the interviewer's clashes with the interview just started (never blocks)
    starting: bool = False
    last_started_url: str = ""

    @rx.event
    def open_start(self, cv_id: str, cv_name: str) -> None:
        self.start_cv_id, self.start_cv_name = cv_id, cv_name
        self.start_when = format.local_input_value(first_free_slot(), self.tz_offset)
        self.start_interviewer, self.start_team = NONE, []
        self.start_error = self.start_when_error = self.start_interviewer_error = self.start_team_error = ""
        self.start_open = True

    @rx.event
    def set_start_open(self, value: bool) -> None:
        self.start_open = value

    @rx.event
    def set_start_when(self, value: str) -> None:
        self.start_when = value
        self.start_when_error = ""

    @rx.event
    def set_start_interviewer(self, value: str) -> None:
        self.start_interviewer = value
        self.start_interviewer_error = ""
        self.start_team = toggled(self.start_team, value, False)  # the lead is not a co-interviewer too

    @rx.event
    def toggle_start_team(self, user_id: str, checked: bool) -> None:
        self.start_team, self.start_team_error = toggled(self.start_team, user_id, checked), ""

    def _refused(self, error: Invalid) -> None:
        problems = first_problems(error)
        self.start_interviewer_error = problems.pop("interviewer_id", "")
        self.start_when_error = problems.pop("scheduled_at", "")
        self.start_team_error = problems.pop("interviewer_ids", "")
        self.start_error = " ".join(problems.values())

    @rx.event
    async def start_interview(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        self.start_error = self.start_when_error = self.start_interviewer_error = self.start_team_error = ""
        scheduled = format.from_local_input(self.start_when, self.tz_offset)
        if scheduled is None:
            self.start_when_error = "Pick a date and a time."
            return
        interviewer_id = None if self.start_interviewer == NONE else int(self.start_interviewer)
        candidate_id, team = self.start_cv_id, [int(user_id) for user_id in self.start_team]
        self.starting = True
        yield
        try:
            interview_id, warnings = await self._as_actor(
                lambda session, actor: started_interview(session, actor, candidate_id, scheduled, interviewer_id, team)
            )
        except Invalid as error:
            self._refused(error)
            self.starting = False
            return
        except NotFound:
            self.start_error = "This CV no longer exists. Close this dialog; the list has been refreshed."
            self.starting = False
            await self._reload()
            return
        except DomainError as error:
            self.starting = False
            yield self._handle_domain_error(error)
            return
        self.starting = False
        self.start_open = False
        self.last_started_url = routes.interview_url(interview_id)
        await self._reload()
        self.start_warnings = warnings
        yield rx.toast.success(f"Interview started for {self.start_cv_name}. It is on the Ongoing board.")
        for warning in warnings:
            yield rx.toast.warning(warning, duration=10000)


def start_dialog() -> rx.Component:
    state = StartInterviewDialogState
    return form_dialog(
        "Start interview",
        rx.text("Candidate: ", rx.text.strong(state.start_cv_name, id="start-candidate")),
        labelled(
            "Date and time",
            rx.input(
                type="datetime-local",
                name="scheduled_at",
                value=state.start_when,
                on_change=state.set_start_when,
                id="start-when",
                width="100%",
                required=True,
            ),
            "start-when",
            state.start_when_error,
        ),
        labelled(
            "Interviewer",
            rx.select.root(
                rx.select.trigger(id="start-interviewer", width="100%", aria_labelledby="start-interviewer-label"),
                rx.select.content(
                    rx.select.item("Not assigned yet", value=NONE),
                    rx.foreach(CvsState.people, select_option),
                ),
                value=state.start_interviewer,
                on_change=state.set_start_interviewer,
            ),
            "start-interviewer",
            state.start_interviewer_error,
        ),
        rx.cond(
            CvsState.can_manage,
            team_picker(
                CvsState.people,
                state.start_team,
                state.start_interviewer,
                state.toggle_start_team,
                "start-team",
                state.start_team_error,
            ),
        ),
        rx.cond(
            state.start_error != "",
            rx.callout(state.start_error, icon="triangle-alert", color_scheme="red", id="start-error", width="100%"),
        ),
        submit=rx.button(
            rx.cond(state.starting, rx.spinner(size="1"), rx.icon("play", size=14)),
            "Start interview",
            type="submit",
            id="start-submit",
            disabled=state.starting,
        ),
        on_submit=state.start_interview,
        open=state.start_open,
        on_open_change=state.set_start_open,
        max_width="28rem",
    )


def last_started_link() -> rx.Component:
    return rx.cond(
        StartInterviewDialogState.last_started_url != "",
        rx.box(
            rx.link(
                "Open the last started interview",
                href=StartInterviewDialogState.last_started_url,
                id="last-started",
                size="2",
            ),
            padding_top="1rem",
        ),
    )
