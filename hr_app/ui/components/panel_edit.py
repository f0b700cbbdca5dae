"""The panel page's "Edit panel" dialog and its state (a substate of PanelDetailState: it shows the saved panel)."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from hr_app.kit.errors import DomainError, Invalid
from hr_app.schemas.panels import PanelUpdate
from hr_app.services import panels
from hr_app.ui import format
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.widgets import field_error, labelled
from hr_app.ui.states.panels import PanelDetailState, validation_messages

EDIT_FIELDS = ("edit_name", "edit_description", "edit_start", "edit_end")


class EditPanelDialogState(PanelDetailState):
    edit_open: bool = False
    edit_errors: dict[str, str] = {}

    def _close(self) -> None:
        self.edit_open, self.edit_errors = False, {}

    @rx.event
    def set_edit(self, field: str, value: str) -> None:
        if field in EDIT_FIELDS:
            setattr(self, field, value)

    @rx.event
    def set_edit_open(self, value: bool) -> None:
        self.edit_open, self.edit_errors = value, {}

    @rx.event
    async def save(self, _form_data: dict | None = None):
        start = format.from_local_input(self.edit_start, self.tz_offset)
        end = format.from_local_input(self.edit_end, self.tz_offset)
        if start is None or end is None:
            self.edit_errors = {"end_datetime": "Pick both dates and times."}
            return None
        try:
            data = PanelUpdate(
                name=self.edit_name.strip(),
                description=self.edit_description.strip(),
                start_datetime=start,
                end_datetime=end,
            )
        except ValidationError as error:
            self.edit_errors = validation_messages(error)
            return None
        panel_id = self._panel_id()
        try:
            view = await self._as_actor(
                lambda session, actor: panels.update_panel(session, actor=actor, panel_id=panel_id, data=data)
            )
        except Invalid as error:
            self.edit_errors = {field: " ".join(problems) for field, problems in error.field_errors.items()}
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(view)
        self.edit_open = False
        return rx.toast.success("Panel saved")


def edit_dialog() -> rx.Component:
    state = EditPanelDialogState

    def text(label: str, field: str, value: rx.Var, error_key: str, **props) -> rx.Component:
        return labelled(
            label,
            rx.input(
                id=f"edit-{field}",
                name=field,
                value=value,
                on_change=lambda v: state.set_edit(field, v),
                width="100%",
                **props,
            ),
            f"edit-{field}",
            state.edit_errors.get(error_key, ""),
        )

    return form_dialog(
        "Edit panel",
        None,
        text("Name", "edit_name", state.edit_name, "name"),
        text("Description", "edit_description", state.edit_description, "description"),
        rx.grid(
            text("Starts", "edit_start", state.edit_start, "start_datetime", type="datetime-local"),
            text("Ends", "edit_end", state.edit_end, "end_datetime", type="datetime-local"),
            columns="2",
            spacing="3",
            width="100%",
        ),
        field_error(state.edit_errors.get("non_field_errors", ""), "edit-error"),
        submit=rx.button("Save", type="submit", id="edit-save"),
        on_submit=state.save,
        open=state.edit_open,
        on_open_change=state.set_edit_open,
        trigger=rx.button(rx.icon("pencil", size=14), "Edit", variant="soft", id="edit-panel"),
    )
