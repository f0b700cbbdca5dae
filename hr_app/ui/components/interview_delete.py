"""The interview page's "Delete this interview?" dialog and its state (a substate of InterviewState)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.errors import DomainError
from hr_app.services import scheduling
from hr_app.ui import routes
from hr_app.ui.components.dialogs import confirm_dialog, delete_button
from hr_app.ui.states.interview import InterviewState


class DeleteInterviewState(InterviewState):
    delete_open: bool = False

    def _close(self) -> None:
        self.delete_open = False

    @rx.event
    def set_delete_open(self, value: bool) -> None:
        self.delete_open = value

    @rx.event
    async def delete(self):
        self.delete_open = False
        interview_id = self.interview_id
        try:
            await self._as_actor(
                lambda session, actor: scheduling.delete_interview(session, actor=actor, interview_id=interview_id)
            )
        except DomainError as error:
            return self._handle_domain_error(error)
        self._closing = True  # the live push of this delete must not show "deleted elsewhere" before the redirect
        name = self.candidate.get("name", "")
        return [rx.redirect(routes.INTERVIEWS), rx.toast.success(f"Interview of {name} deleted")]


def delete_control() -> rx.Component:
    return rx.cond(
        InterviewState.can_manage & (InterviewState.not_found == ""),
        confirm_dialog(
            "Delete this interview?",
            "Its evaluation, voice note and history are removed; an ongoing CV goes back to pending.",
            confirm_label="Delete",
            on_confirm=DeleteInterviewState.delete,
            confirm_id="delete-confirm",
            open=DeleteInterviewState.delete_open,
            on_open_change=DeleteInterviewState.set_delete_open,
            trigger=delete_button("delete-interview"),
        ),
    )
