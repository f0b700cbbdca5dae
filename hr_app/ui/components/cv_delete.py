"""The CVs page's "Delete this CV?" dialog and its state (a substate of CvsState: it reloads the list)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.errors import DomainError
from hr_app.services import cvs
from hr_app.ui.components.dialogs import confirm_dialog
from hr_app.ui.states.cvs import CvsState


class DeleteCvDialogState(CvsState):
    delete_open: bool = False
    delete_id: str = ""
    delete_name: str = ""

    @rx.event
    def ask_delete(self, cv_id: str, name: str) -> None:
        self.delete_id, self.delete_name, self.delete_open = cv_id, name, True

    @rx.event
    def set_delete_open(self, value: bool) -> None:
        self.delete_open = value

    @rx.event
    async def delete_cv(self) -> rx.event.EventSpec:
        self.delete_open = False
        cv_id = self.delete_id
        try:
            await self._as_actor(lambda session, actor: cvs.delete_cv(session, actor=actor, cv_id=cv_id))
        except DomainError as error:
            return rx.toast.error(
                error.details if isinstance(error.details, str) else error.message, id="delete-cv-error"
            )
        await self._reload()
        return rx.toast.success(f"{self.delete_name} deleted")


def delete_dialog() -> rx.Component:
    return confirm_dialog(
        "Delete this CV?",
        rx.text(
            "The CV of ", rx.text.strong(DeleteCvDialogState.delete_name), " will be removed. This cannot be undone."
        ),
        confirm_label="Delete",
        on_confirm=DeleteCvDialogState.delete_cv,
        confirm_id="delete-cv-confirm",
        open=DeleteCvDialogState.delete_open,
        on_open_change=DeleteCvDialogState.set_delete_open,
    )
