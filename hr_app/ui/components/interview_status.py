"""The interview page's status change (Select, Reject, Back to pending, with a remark) and its state.

StatusDialogState is a substate of InterviewState: it changes the page's interview and shows the new status and
history.
"""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import REMARK_MAX_LENGTH
from hr_app.models import AppUser, InterviewStatus
from hr_app.services import interviews
from hr_app.ui.components.dialogs import dialog_buttons
from hr_app.ui.components.widgets import counter, field_error, field_label
from hr_app.ui.states.interview import InterviewState, PageData, read_page

STATUS_ACTIONS = {
    InterviewStatus.SELECTED: "Select",
    InterviewStatus.REJECTED: "Reject",
    InterviewStatus.PENDING: "Back to pending",
}


def _change_status_and_read(session: Session, actor: AppUser, interview_id: str, status: str, remark: str) -> PageData:
    interviews.update_status(session, actor=actor, interview_id=interview_id, status=status, remark=remark)
    return read_page(session, actor, interview_id)


class StatusDialogState(InterviewState):
    status_open: bool = False
    status_target: str = ""
    status_remark: str = ""
    status_error: str = ""

    @rx.var
    def remark_length(self) -> int:
        return len(self.status_remark)

    @rx.var
    def status_action_label(self) -> str:
        return STATUS_ACTIONS.get(self.status_target, "")

    def _close(self) -> None:
        self.status_open = False

    @rx.event
    def open_status(self, target: str) -> None:
        self.status_target, self.status_remark, self.status_error, self.status_open = target, "", "", True

    @rx.event
    def set_status_open(self, value: bool) -> None:
        self.status_open = value

    @rx.event
    def set_status_remark(self, value: str) -> None:
        self.status_remark = value
        self.status_error = ""

    @rx.event
    async def change_status(self, _form_data: dict | None = None):
        if len(self.status_remark) > REMARK_MAX_LENGTH:
            self.status_error = f"The remark is {len(self.status_remark)} characters; keep it to {REMARK_MAX_LENGTH}."
            return None
        interview_id, target, remark = self.interview_id, self.status_target, self.status_remark
        try:
            page = await self._as_actor(
                lambda session, actor: _change_status_and_read(session, actor, interview_id, target, remark)
            )
        except Invalid as error:
            self.status_error = " ".join(" ".join(problems) for problems in error.field_errors.values())
            return None
        except DomainError as error:
            self.status_open = False
            return self._handle_domain_error(error)
        self.status_open = False
        self._show(page, keep_form=True)
        return rx.toast.success(f"Status changed to {self.status}")


def status_action(target: InterviewStatus, label: str, icon: str, color: str) -> rx.Component:
    return rx.button(
        rx.icon(icon, size=14),
        label,
        color_scheme=color,
        variant="soft",
        on_click=StatusDialogState.open_status(target),
        disabled=InterviewState.status == target,
        id=f"status-{target}",
    )


def status_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(StatusDialogState.status_action_label),
            rx.dialog.description(
                "Add a remark for the record (optional).", size="2", color_scheme="gray", padding_bottom="0.5rem"
            ),
            rx.form(
                rx.vstack(
                    field_label("Remark", "status-remark"),
                    rx.text_area(
                        id="status-remark",
                        name="remark",
                        value=StatusDialogState.status_remark,
                        on_change=StatusDialogState.set_status_remark,
                        rows="4",
                        width="100%",
                        auto_focus=True,
                    ),
                    rx.hstack(
                        field_error(StatusDialogState.status_error, "status-error"),
                        rx.spacer(),
                        counter(StatusDialogState.remark_length, REMARK_MAX_LENGTH, "remark-counter"),
                        width="100%",
                    ),
                    dialog_buttons(
                        rx.button(
                            StatusDialogState.status_action_label,
                            type="submit",
                            id="status-confirm",
                            disabled=StatusDialogState.remark_length > REMARK_MAX_LENGTH,
                        ),
                    ),
                    spacing="2",
                ),
                on_submit=StatusDialogState.change_status,
                reset_on_submit=False,
            ),
            max_width="30rem",
        ),
        open=StatusDialogState.status_open,
        on_open_change=StatusDialogState.set_status_open,
    )
