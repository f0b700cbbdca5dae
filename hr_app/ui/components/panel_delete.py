"""The panel page's "Delete this panel?" dialog and its state (a substate of PanelDetailState)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.errors import DomainError
from hr_app.services import panels
from hr_app.ui import routes
from hr_app.ui.components.dialogs import confirm_dialog, delete_button
from hr_app.ui.states.panels import PanelDetailState


class DeletePanelDialogState(PanelDetailState):
    delete_open: bool = False

    def _close(self) -> None:
        self.delete_open = False

    @rx.event
    def set_delete_open(self, value: bool) -> None:
        self.delete_open = value

    @rx.event
    async def delete(self):
        self.delete_open = False
        panel_id = self._panel_id()
        try:
            await self._as_actor(lambda session, actor: panels.delete_panel(session, actor=actor, panel_id=panel_id))
        except DomainError as error:
            return self._handle_domain_error(error)
        return [rx.redirect(routes.PANELS), rx.toast.success("Panel deleted")]


def delete_dialog() -> rx.Component:
    state = DeletePanelDialogState
    return confirm_dialog(
        "Delete this panel?",
        "Its candidates' links stop working.",
        confirm_label="Delete",
        on_confirm=state.delete,
        confirm_id="delete-panel-confirm",
        open=state.delete_open,
        on_open_change=state.set_delete_open,
        trigger=delete_button("delete-panel"),
    )
