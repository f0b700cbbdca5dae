"""/api/outbox: every e-mail the organization's changes queued, and what became of it (admin; docs/api/outbox.md)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, Paging, SessionDep, announce_total
from hr_app.models import OutboxStatus
from hr_app.schemas.common import Envelope
from hr_app.schemas.outbox import OutboxAttachmentOut, OutboxMessageOut
from hr_app.services import outbox

router = APIRouter(prefix="/api/outbox", tags=["outbox"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[list[OutboxMessageOut]], summary="The outbox, newest first (admin only)")
def list_outbox(
    session: SessionDep, user: CurrentUser, response: Response, paging: Paging, status: OutboxStatus | None = None
) -> Envelope[list[OutboxMessageOut]]:
    messages = outbox.list_outbox(session, actor=user, status=status, page=paging)
    infos = outbox.attachment_infos(session, [message.id for message in messages])
    announce_total(response, paging, messages.total)
    data = [
        OutboxMessageOut.of(message, [OutboxAttachmentOut(**vars(info)) for info in infos[message.id]])
        for message in messages
    ]
    return Envelope(message=f"Found {messages.total} message(s)", data=data)
