"""The Outbox page (admin): every e-mail, its state, and one opened as it was rendered."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser, OutboxStatus
from hr_app.services import outbox
from hr_app.services.pagination import PageRequest
from hr_app.ui import paging
from hr_app.ui.format import Zone, local_time
from hr_app.ui.states.auth import AuthState

STATUSES = ["all", *(status.value for status in OutboxStatus)]


class OutboxRow(BaseModel):
    id: str
    kind: str
    recipient: str
    subject: str
    status: str
    attempts: int
    last_error: str
    created: str
    sent: str


class OpenedMessage(BaseModel):
    id: str = ""
    recipient: str = ""
    subject: str = ""
    html: str = ""
    text: str = ""
    attachments: list[str] = []


def _rows(session: Session, actor: AppUser, status: str, page: int, tz_offset: Zone) -> tuple[list[OutboxRow], int]:
    wanted = None if status == "all" else OutboxStatus(status)
    messages = outbox.list_outbox(
        session, actor=actor, status=wanted, page=PageRequest(page=page + 1, size=paging.PAGE_SIZE)
    )
    rows = [
        OutboxRow(
            id=str(m.id),
            kind=m.kind,
            recipient=m.recipient,
            subject=m.subject,
            status=m.status,
            attempts=m.attempts,
            last_error=m.last_error or "",
            created=local_time(m.created_at, tz_offset),
            sent=local_time(m.sent_at, tz_offset),
        )
        for m in messages
    ]
    return rows, messages.total


def _opened(session: Session, actor: AppUser, message_id: str) -> OpenedMessage:
    message = outbox.message_of(session, actor=actor, message_id=message_id)
    infos = outbox.attachment_infos(session, [message.id])[message.id]
    return OpenedMessage(
        id=str(message.id),
        recipient=message.recipient,
        subject=message.subject,
        html=message.html_body,
        text=message.text_body,
        attachments=[f"{info.filename} ({info.content_type}, {info.size} bytes)" for info in infos],
    )


class OutboxState(AuthState):
    rows: list[OutboxRow] = []
    total: int = 0
    page: int = 0
    status_filter: str = "all"
    denied: str = ""
    opened: OpenedMessage = OpenedMessage()
    show_text: bool = False

    @rx.var
    def page_label(self) -> str:
        return paging.page_label(self.page, self.total)

    @rx.var
    def has_previous_page(self) -> bool:
        return self.page > 0

    @rx.var
    def has_next_page(self) -> bool:
        return self.page < paging.last_page(self.total)

    @rx.event
    async def load(self) -> None:
        status, page, tz_offset = self.status_filter, self.page, self.tz_offset
        try:
            self.rows, self.total = await self._as_actor(lambda s, a: _rows(s, a, status, page, tz_offset))
            self.denied = ""
        except DomainError as error:
            self.rows, self.total, self.denied = [], 0, error.message

    @rx.event
    async def filter_status(self, status: str) -> None:
        self.status_filter, self.page = status, 0
        await self.load()

    @rx.event
    async def next_page(self) -> None:
        self.page += 1
        await self.load()

    @rx.event
    async def previous_page(self) -> None:
        self.page = max(0, self.page - 1)
        await self.load()

    @rx.event
    async def open_message(self, message_id: str) -> rx.event.EventSpec | None:
        try:
            self.opened = await self._as_actor(lambda s, a: _opened(s, a, message_id))
        except DomainError as error:
            return rx.toast.error(error.message, id="outbox-error")
        self.show_text = False
        return None

    @rx.event
    def close_message(self) -> None:
        self.opened = OpenedMessage()

    @rx.event
    def toggle_text(self) -> None:
        self.show_text = not self.show_text
