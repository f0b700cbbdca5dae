"""The panel page's "More time" dialog and its state (a substate of PanelDetailState): HR gives one started
candidate of a timed panel more minutes, or reopens a session the clock closed, with a reason (audited)."""

from __future__ import annotations

import uuid

import reflex as rx
from pydantic import ValidationError

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import PANEL_TIME_LIMIT_MAX, PANEL_TIME_LIMIT_MIN, REMARK_MAX_LENGTH
from hr_app.schemas.panels import ExtendSessionIn
from hr_app.services import panels
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.widgets import field_error, labelled
from hr_app.ui.states.panels import PanelDetailState, validation_messages

DEFAULT_MINUTES = "10"


class ExtendSessionDialogState(PanelDetailState):
    extend_open: bool = False
    extend_candidate: str = ""
    extend_name: str = ""
    extend_minutes: str = DEFAULT_MINUTES
    extend_reason: str = ""
    extend_errors: dict[str, str] = {}

    def _close(self) -> None:
        self.extend_open, self.extend_errors = False, {}

    @rx.event
    def open_for(self, candidate_uuid: str, name: str) -> None:
        self.extend_candidate, self.extend_name = candidate_uuid, name
        self.extend_minutes, self.extend_reason, self.extend_errors = DEFAULT_MINUTES, "", {}
        self.extend_open = True

    @rx.event
    def set_extend_open(self, value: bool) -> None:
        self.extend_open, self.extend_errors = value, {}

    @rx.event
    def set_extend(self, field: str, value: str) -> None:
        if field in ("extend_minutes", "extend_reason"):
            setattr(self, field, value)

    @rx.event
    async def extend(self, _form_data: dict | None = None):
        try:
            data = ExtendSessionIn(minutes=self.extend_minutes.strip() or None, reason=self.extend_reason)
            candidate_id = uuid.UUID(self.extend_candidate)
        except ValidationError as error:
            self.extend_errors = validation_messages(error)
            return None
        except ValueError:
            return rx.toast.error("Candidate not found")
        panel_id = self._panel_id()
        try:
            await self._as_actor(
                lambda session, actor: panels.extend_session(
                    session,
                    actor=actor,
                    panel_id=panel_id,
                    candidate_id=candidate_id,
                    minutes=data.minutes,
                    reason=data.reason,
                )
            )
        except Invalid as error:
            self.extend_errors = {field: " ".join(problems) for field, problems in error.field_errors.items()}
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.extend_open = False
        return rx.toast.success(f"{data.minutes} more minutes for {self.extend_name}")


def extend_button(candidate_uuid: rx.Var, name: rx.Var) -> rx.Component:
    return rx.tooltip(
        rx.button(
            rx.icon("timer", size=14),
            "More time",
            variant="soft",
            size="1",
            on_click=ExtendSessionDialogState.open_for(candidate_uuid, name),
            class_name="extend-session",
        ),
        content="Give this candidate more minutes, or reopen a session their time ran out on",
    )


def extend_dialog() -> rx.Component:
    state = ExtendSessionDialogState
    return form_dialog(
        "More time",
        rx.text("Candidate: ", rx.text.strong(state.extend_name)),
        labelled(
            "Minutes to add",
            rx.input(
                id="extend-minutes",
                name="minutes",
                type="number",
                min=PANEL_TIME_LIMIT_MIN,
                max=PANEL_TIME_LIMIT_MAX,
                value=state.extend_minutes,
                on_change=lambda v: state.set_extend("extend_minutes", v),
                width="100%",
            ),
            "extend-minutes",
            state.extend_errors.get("minutes", ""),
        ),
        labelled(
            "Reason (kept in the activity trail)",
            rx.text_area(
                id="extend-reason",
                name="reason",
                value=state.extend_reason,
                max_length=REMARK_MAX_LENGTH,
                on_change=lambda v: state.set_extend("extend_reason", v),
                width="100%",
            ),
            "extend-reason",
            state.extend_errors.get("reason", ""),
        ),
        field_error(state.extend_errors.get("non_field_errors", ""), "extend-error"),
        submit=rx.button("Give more time", type="submit", id="extend-save"),
        on_submit=state.extend,
        open=state.extend_open,
        on_open_change=state.set_extend_open,
    )
