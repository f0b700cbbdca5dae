"""queue_email writes in the caller's transaction; the outbox list is the admin's, per organization."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session, select

from hr_app.db import session_scope
from hr_app.kit.errors import Forbidden
from hr_app.models import OutboxAttachment, OutboxMessage, OutboxStatus
from hr_app.services.outbox import Attachment, attachments_of, list_outbox, queue_email

CONTEXT = {
    "first_name": "Ada",
    "link": "http://app.test/accept?token=abc&x=<1>",
    "expires_at": datetime(2026, 12, 7, 13, 30, tzinfo=UTC),
}


def _queue(session: Session, org_id, **overrides) -> OutboxMessage:
    arguments = {
        "organization_id": org_id,
        "kind": "invitation",
        "to": "ada@example.com",
        "template": "invitation",
        "context": CONTEXT,
    }
    arguments.update(overrides)
    return queue_email(session, **arguments)


def test_queue_email_renders_text_and_html_in_the_organizations_time_zone(db, org):
    org.time_zone = "Europe/Berlin"
    db.add(org)
    db.commit()
    message = _queue(
        db, org.id, attachments=[Attachment("a.ics", "text/calendar", b"BEGIN:VCALENDAR")], related=("user", 7)
    )
    db.commit()
    stored = db.get(OutboxMessage, message.id)
    assert stored.status == OutboxStatus.QUEUED and stored.attempts == 0 and stored.sent_at is None
    assert stored.subject == f"You are invited to {org.name} on hr_app"
    assert "Mon 7 Dec 2026, 14:30 (Europe/Berlin)" in stored.text_body
    assert "http://app.test/accept?token=abc&x=<1>" in stored.text_body
    assert 'href="http://app.test/accept?token=abc&amp;x=&lt;1&gt;"' in stored.html_body
    assert (stored.related_type, stored.related_id) == ("user", "7")
    assert [(a.filename, a.content_type, a.content) for a in attachments_of(db, message.id)] == [
        ("a.ics", "text/calendar", b"BEGIN:VCALENDAR")
    ]


def test_a_rolled_back_change_queues_nothing(org):
    with pytest.raises(RuntimeError), session_scope() as session:
        _queue(session, org.id, attachments=[Attachment("a.ics", "text/calendar", b"x")])
        raise RuntimeError("the causing change fails")
    with session_scope() as session:
        assert session.exec(select(OutboxMessage)).all() == []
        assert session.exec(select(OutboxAttachment)).all() == []


def test_the_same_idempotency_key_queues_once(db, org):
    first = _queue(db, org.id, idempotency_key="reminder:42")
    db.commit()
    second = _queue(db, org.id, idempotency_key="reminder:42")
    db.commit()
    assert second.id == first.id
    assert len(db.exec(select(OutboxMessage)).all()) == 1


def test_the_outbox_list_is_the_admins_and_of_their_organization_only(db, org, other_org, admin, hr_user):
    mine = _queue(db, org.id)
    _queue(db, other_org.id, to="else@example.com")
    db.commit()
    rows = list_outbox(db, actor=admin)
    assert [row.id for row in rows] == [mine.id] and rows.total == 1
    assert list_outbox(db, actor=admin, status=OutboxStatus.SENT) == []
    with pytest.raises(Forbidden):
        list_outbox(db, actor=hr_user)
