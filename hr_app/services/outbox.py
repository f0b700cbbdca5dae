"""The outbox: queue an e-mail inside the caller's transaction, and list what was queued.

`queue_email` only adds rows to the caller's session (it never commits), so a change that rolls back sends nothing
and a committed change cannot lose its message. The background worker delivers queued rows.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, func, select

from hr_app.kit.access import organization_of
from hr_app.kit.errors import Forbidden, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.models import AppUser, Organization, OutboxAttachment, OutboxMessage, OutboxStatus, Role
from hr_app.services import pagination
from hr_app.services.email_render import render
from hr_app.services.pagination import Listing, PageRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


Related = tuple[str, Any]

_QUEUED = "hr_app.outbox.queued"  # set in session.info by queue_email; read once the transaction commits
_on_commit: list[Callable[[], None]] = []


def on_commit(callback: Callable[[], None]) -> None:
    """Call `callback` after each commit that queued a message (the worker delivers at once, not next minute)."""
    if callback not in _on_commit:
        _on_commit.append(callback)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    if not session.info.pop(_QUEUED, False):
        return
    for callback in _on_commit:
        try:
            callback()
        except Exception:  # the change is committed; the worker's periodic run will deliver the message
            log.warning("Could not tell the worker about new mail; it goes out on the next periodic run", exc_info=True)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_QUEUED, None)


def queue_email(
    session: Session,
    *,
    organization_id: uuid.UUID,
    kind: str,
    to: str,
    template: str,
    context: Mapping[str, Any],
    attachments: Iterable[Attachment] = (),
    related: Related | None = None,
    idempotency_key: str | None = None,
) -> OutboxMessage:
    """Render `template` for the organization and add the message (queued) to the caller's transaction.

    With an `idempotency_key` already in the outbox, the earlier message is returned and nothing is added.
    """
    if idempotency_key is not None:
        earlier = session.exec(select(OutboxMessage).where(OutboxMessage.idempotency_key == idempotency_key)).first()
        if earlier is not None:
            return earlier
    organization = session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("Organization not found.")
    rendered = render(template, organization, dict(context))
    message_id = uuid.uuid4()
    message = OutboxMessage(
        id=message_id,
        organization_id=organization_id,
        kind=kind,
        recipient=to.strip(),
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        related_type=related[0] if related else None,
        related_id=str(related[1]) if related else None,
        idempotency_key=idempotency_key or f"{kind}:{message_id}",
    )
    session.add(message)
    session.flush()
    session.info[_QUEUED] = True
    for attachment in attachments:
        session.add(
            OutboxAttachment(
                message_id=message_id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                content=attachment.content,
            )
        )
    session.flush()
    return message


def require_admin(actor: AppUser) -> uuid.UUID:
    organization_id = organization_of(actor)
    if actor.role != Role.ADMIN:
        raise Forbidden("You do not have permission to perform this action.", "Only admin users can see the outbox.")
    return organization_id


@dataclass(frozen=True)
class AttachmentInfo:
    filename: str
    content_type: str
    size: int


def list_outbox(
    session: Session, *, actor: AppUser, status: OutboxStatus | None = None, page: PageRequest | None = None
) -> Listing[OutboxMessage]:
    """The organization's messages, newest first (admin only); one page of them with `page`."""
    organization_id = require_admin(actor)
    query = select(OutboxMessage).where(OutboxMessage.organization_id == organization_id)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    query = query.order_by(col(OutboxMessage.created_at).desc(), col(OutboxMessage.id))
    return pagination.fetch(session, query, page, lambda row: row)


def message_of(session: Session, *, actor: AppUser, message_id: uuid.UUID | str) -> OutboxMessage:
    """One message of the admin's organization (404 for another organization's or an unknown id)."""
    organization_id = require_admin(actor)
    key = parse_uuid(message_id)
    message = session.get(OutboxMessage, key) if key is not None else None
    if message is None or message.organization_id != organization_id:
        raise NotFound("Message not found.")
    return message


def attachment_infos(session: Session, message_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AttachmentInfo]]:
    """Name, type and size of each message's attachments, in one query (the content stays in the database)."""
    query = (
        select(
            OutboxAttachment.message_id,
            OutboxAttachment.filename,
            OutboxAttachment.content_type,
            func.length(OutboxAttachment.content),
        )
        .where(col(OutboxAttachment.message_id).in_(message_ids))
        .order_by(OutboxAttachment.id)
    )
    infos: dict[uuid.UUID, list[AttachmentInfo]] = {message_id: [] for message_id in message_ids}
    for message_id, filename, content_type, size in session.exec(query):
        infos[message_id].append(AttachmentInfo(filename, content_type, size or 0))
    return infos


def attachments_of(session: Session, message_id: uuid.UUID) -> list[OutboxAttachment]:
    query = select(OutboxAttachment).where(OutboxAttachment.message_id == message_id).order_by(OutboxAttachment.id)
    return list(session.exec(query).all())
