"""The interview page's "Next round" dialog and its state (a substate of InterviewState): after a selected
round, start the CV's next round with its time and interviewer (scheduling.next_round, as the API does)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, Role
from hr_app.services import accounts, scheduling
from hr_app.ui import format, routes
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.team_picker import team_picker, toggled
from hr_app.ui.components.widgets import labelled, select_option
from hr_app.ui.states.cvs import NONE, Option, first_free_slot, first_problems
from hr_app.ui.states.interview import InterviewState


def interviewer_options(session: Session, actor: AppUser) -> list[Option]:
    users = accounts.list_users(session, actor=actor)
    users.sort(key=lambda user: (user.role != Role.INTERVIEWER, user.full_name.lower()))
    return [Option(value=str(user.id), label=f"{user.full_name} · {user.job_role or user.role}") for user in users]


def started_round(
    session: Session,
    actor: AppUser,
    interview_id: str,
    scheduled_at: datetime,
    interviewer_id: int | None,
    team: list[int],
) -> tuple[str, int, list[str]]:
    started = scheduling.next_round(
        session,
        actor=actor,
        interview_id=interview_id,
        scheduled_at=scheduled_at,
        interviewer_id=interviewer_id,
        team=team,
    )
    return str(started.record.interview.id), started.record.interview.round, list(started.warnings)


class NextRoundDialogState(InterviewState):
    round_open: bool = False
    round_when: str = ""
    round_interviewer: str = NONE
    round_people: list[Option] = []
    round_error: str = ""
    round_when_error: str = ""
    round_interviewer_error: str = ""
    round_team: list[str] = []  # the co-interviewers' ids
    round_team_error: str = ""
    round_starting: bool = False

    def _close(self) -> None:
        self.round_open = False

    @rx.event
    async def open_next_round(self) -> None:
        self.round_when = format.local_input_value(first_free_slot(), self.tz_offset)
        self.round_interviewer, self.round_team = NONE, []
        self.round_error = self.round_when_error = self.round_interviewer_error = self.round_team_error = ""
        self.round_people = await self._as_actor(interviewer_options)
        self.round_open = True

    @rx.event
    def set_round_open(self, value: bool) -> None:
        self.round_open = value

    @rx.event
    def set_round_when(self, value: str) -> None:
        self.round_when, self.round_when_error = value, ""

    @rx.event
    def set_round_interviewer(self, value: str) -> None:
        self.round_interviewer, self.round_interviewer_error = value, ""
        self.round_team = toggled(self.round_team, value, False)  # the lead is not a co-interviewer too

    @rx.event
    def toggle_round_team(self, user_id: str, checked: bool) -> None:
        self.round_team, self.round_team_error = toggled(self.round_team, user_id, checked), ""

    @rx.event
    async def start_next_round(self, _form_data: dict | None = None) -> AsyncIterator[rx.event.EventSpec | None]:
        self.round_error = self.round_when_error = self.round_interviewer_error = self.round_team_error = ""
        scheduled = format.from_local_input(self.round_when, self.tz_offset)
        if scheduled is None:
            self.round_when_error = "Pick a date and a time."
            return
        interviewer_id = None if self.round_interviewer == NONE else int(self.round_interviewer)
        interview_id, team = self.interview_id, [int(user_id) for user_id in self.round_team]
        self.round_starting = True
        yield
        try:
            new_id, number, warnings = await self._as_actor(
                lambda session, actor: started_round(session, actor, interview_id, scheduled, interviewer_id, team)
            )
        except Invalid as error:
            problems = first_problems(error)
            self.round_interviewer_error = problems.pop("interviewer_id", "")
            self.round_when_error = problems.pop("scheduled_at", "")
            self.round_team_error = problems.pop("interviewer_ids", "")
            self.round_error = " ".join(problems.values()) or str(error.details or error.message)
            self.round_starting = False
            return
        except DomainError as error:
            self.round_starting = False
            yield self._handle_domain_error(error)
            return
        self.round_starting, self.round_open = False, False
        yield rx.toast.success(f"Round {number} started for {self.candidate.get('name', '')}.")
        for warning in warnings:
            yield rx.toast.warning(warning, duration=10000)
        yield rx.redirect(routes.interview_url(new_id))


def next_round_button() -> rx.Component:
    return rx.cond(
        InterviewState.can_manage & (InterviewState.status == "selected"),
        rx.button(
            rx.icon("skip-forward", size=14),
            "Next round",
            variant="soft",
            on_click=NextRoundDialogState.open_next_round,
            id="next-round",
        ),
    )


def next_round_dialog() -> rx.Component:
    state = NextRoundDialogState
    return form_dialog(
        "Next round",
        rx.text(
            "The next interview for ",
            rx.text.strong(InterviewState.candidate["name"]),
            "; this one keeps its decision.",
        ),
        labelled(
            "Date and time",
            rx.input(
                type="datetime-local",
                name="scheduled_at",
                value=state.round_when,
                on_change=state.set_round_when,
                id="round-when",
                width="100%",
                required=True,
            ),
            "round-when",
            state.round_when_error,
        ),
        labelled(
            "Interviewer",
            rx.select.root(
                rx.select.trigger(id="round-interviewer", width="100%", aria_labelledby="round-interviewer-label"),
                rx.select.content(
                    rx.select.item("Not assigned yet", value=NONE),
                    rx.foreach(state.round_people, select_option),
                ),
                value=state.round_interviewer,
                on_change=state.set_round_interviewer,
            ),
            "round-interviewer",
            state.round_interviewer_error,
        ),
        team_picker(
            state.round_people,
            state.round_team,
            state.round_interviewer,
            state.toggle_round_team,
            "round-team",
            state.round_team_error,
        ),
        rx.cond(
            state.round_error != "",
            rx.callout(state.round_error, icon="triangle-alert", color_scheme="red", id="round-error", width="100%"),
        ),
        submit=rx.button(
            rx.cond(state.round_starting, rx.spinner(size="1"), rx.icon("skip-forward", size=14)),
            "Start the next round",
            type="submit",
            id="round-submit",
            disabled=state.round_starting,
        ),
        on_submit=state.start_next_round,
        open=state.round_open,
        on_open_change=state.set_round_open,
        max_width="28rem",
    )
