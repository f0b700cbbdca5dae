"""The interview page's status change (Select, Reject, Back to pending, with a remark) and its state.

StatusDialogState is a substate of InterviewState: it changes the page's interview and shows the new status and
history.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import DECISION_MESSAGE_MAX_LENGTH, REMARK_MAX_LENGTH
from hr_app.models import AppUser, InterviewStatus
from hr_app.services import interviews
from hr_app.ui.components.dialogs import dialog_buttons
from hr_app.ui.components.widgets import counter, describe_with_error, field_error, field_label
from hr_app.ui.states.interview import InterviewState, PageData, read_page

STATUS_ACTIONS = {
    InterviewStatus.SELECTED: "Select",
    InterviewStatus.REJECTED: "Reject",
    InterviewStatus.PENDING: "Back to pending",
}


@dataclass(frozen=True)
class Decision:
    status: str
    remark: str
    send_message: bool
    message: str | None  # None: no message would go (the organization's decision messages are off, or pending)


def _change_status_and_read(session: Session, actor: AppUser, interview_id: str, decision: Decision) -> PageData:
    interviews.update_status(
        session,
        actor=actor,
        interview_id=interview_id,
        status=decision.status,
        remark=decision.remark,
        notify_candidate=decision.send_message,
        candidate_message=decision.message if decision.send_message else None,
    )
    return read_page(session, actor, interview_id)


class StatusDialogState(InterviewState):
    status_open: bool = False
    status_target: str = ""
    status_remark: str = ""
    status_error: str = ""
    # The decision message to the candidate (only when the organization sends them: docs/email.md)
    has_candidate_message: bool = False
    send_candidate_message: bool = True
    candidate_message: str = ""
    candidate_message_error: str = ""

    @rx.var
    def remark_length(self) -> int:
        return len(self.status_remark)

    @rx.var
    def candidate_message_length(self) -> int:
        return len(self.candidate_message)

    @rx.var
    def status_action_label(self) -> str:
        return STATUS_ACTIONS.get(self.status_target, "")

    def _close(self) -> None:
        self.status_open = False

    @rx.event
    async def open_status(self, target: str) -> None:
        self.status_target, self.status_remark, self.status_error, self.status_open = target, "", "", True
        self.candidate_message_error, self.send_candidate_message = "", True
        interview_id = self.interview_id
        draft = await self._as_actor(
            lambda session, actor: interviews.decision_draft(
                session, actor=actor, interview_id=interview_id, status=target
            )
        )
        self.has_candidate_message, self.candidate_message = bool(draft), draft

    @rx.event
    def set_send_candidate_message(self, value: bool) -> None:
        self.send_candidate_message = value
        self.candidate_message_error = ""

    @rx.event
    def set_candidate_message(self, value: str) -> None:
        self.candidate_message = value
        self.candidate_message_error = ""

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
        interview_id = self.interview_id
        decision = Decision(
            status=self.status_target,
            remark=self.status_remark,
            send_message=self.has_candidate_message and self.send_candidate_message,
            message=self.candidate_message if self.has_candidate_message else None,
        )
        try:
            page = await self._as_actor(
                lambda session, actor: _change_status_and_read(session, actor, interview_id, decision)
            )
        except Invalid as error:
            problems = dict(error.field_errors)
            self.candidate_message_error = " ".join(problems.pop("candidate_message", []))
            self.status_error = " ".join(" ".join(found) for found in problems.values())
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


def candidate_message_fields() -> rx.Component:
    """The message the candidate will get, editable, with a way to keep it from going this once."""
    return rx.vstack(
        rx.checkbox(
            "E-mail the candidate this message",
            id="send-candidate-message",
            checked=StatusDialogState.send_candidate_message,
            on_change=StatusDialogState.set_send_candidate_message,
            size="2",
        ),
        rx.cond(
            StatusDialogState.send_candidate_message,
            rx.vstack(
                field_label("Message to the candidate", "candidate-message"),
                describe_with_error(
                    rx.text_area(
                        id="candidate-message",
                        name="candidate_message",
                        value=StatusDialogState.candidate_message,
                        on_change=StatusDialogState.set_candidate_message,
                        rows="8",
                        width="100%",
                    ),
                    StatusDialogState.candidate_message_error,
                    "candidate-message-error",
                ),
                rx.hstack(
                    field_error(StatusDialogState.candidate_message_error, "candidate-message-error"),
                    rx.spacer(),
                    counter(
                        StatusDialogState.candidate_message_length,
                        DECISION_MESSAGE_MAX_LENGTH,
                        "candidate-message-counter",
                    ),
                    width="100%",
                ),
                spacing="1",
                width="100%",
            ),
        ),
        spacing="2",
        width="100%",
        padding_top="0.5rem",
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
                    rx.cond(StatusDialogState.has_candidate_message, candidate_message_fields()),
                    dialog_buttons(
                        rx.button(
                            StatusDialogState.status_action_label,
                            type="submit",
                            id="status-confirm",
                            disabled=(StatusDialogState.remark_length > REMARK_MAX_LENGTH)
                            | (StatusDialogState.candidate_message_length > DECISION_MESSAGE_MAX_LENGTH),
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
