"""GET /api/outbox/ (admin only; docs/api/outbox.md): the organization's messages, newest first, pageable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hr_app.kit.time import utcnow
from hr_app.models import OutboxStatus
from hr_app.services.outbox import Attachment, queue_email
from tests.api.interview_support import validation_error
from tests.factories import row_counts

OUTBOX = "/api/outbox/"


def _queue(db, org, to: str, *, minutes_ago: int = 0, attachments=()):
    message = queue_email(
        db,
        organization_id=org.id,
        kind="invitation",
        to=to,
        template="invitation",
        context={"first_name": "Nia", "link": "http://localhost:3000/accept-invite/abc", "expires_at": utcnow()},
        attachments=attachments,
        related=("user", 7),
    )
    message.created_at = utcnow() - timedelta(minutes=minutes_ago)
    db.commit()
    return message


def test_the_admin_sees_each_message_rendered_with_its_state(client, db, org, other_org, auth_headers_admin):
    ics = Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    older = _queue(db, org, "old@example.com", minutes_ago=5)
    newer = _queue(db, org, "new@example.com", attachments=[ics])
    _queue(db, other_org, "else@example.com")
    older.status, older.attempts, older.last_error = OutboxStatus.FAILED, 1, "550 5.1.1 Recipient address rejected"
    db.commit()
    response = client.get(OUTBOX, headers=auth_headers_admin)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True and body["message"] == "Found 2 message(s)"
    assert [m["recipient"] for m in body["data"]] == ["new@example.com", "old@example.com"]
    first, second = body["data"]
    assert first["attachments"] == [{"filename": "invite.ics", "content_type": "text/calendar", "size": 32}]
    assert first["status"] == "queued" and first["attempts"] == 0 and first["next_attempt_at"].endswith("Z")
    assert first["id"] == str(newer.id) and first["kind"] == "invitation"
    assert (first["related_type"], first["related_id"]) == ("user", "7")
    assert "/accept-invite/abc" in first["text_body"] and "/accept-invite/abc" in first["html_body"]
    assert first["subject"] == "You are invited to Acme Corp on hr_app" and first["sent_at"] is None
    assert (second["status"], second["last_error"], second["next_attempt_at"]) == (
        "failed",
        "550 5.1.1 Recipient address rejected",
        None,
    )


def test_filter_by_status_and_pages(client, db, org, auth_headers_admin):
    for number in range(3):
        _queue(db, org, f"p{number}@example.com", minutes_ago=number)
    page = client.get(OUTBOX, headers=auth_headers_admin, params={"page": 2, "page_size": 2})
    assert page.status_code == 200 and page.headers["x-total-count"] == "3"
    assert [m["recipient"] for m in page.json()["data"]] == ["p2@example.com"]
    sent = client.get(OUTBOX, headers=auth_headers_admin, params={"status": "sent"})
    assert sent.json()["data"] == [] and sent.json()["message"] == "Found 0 message(s)"
    assert len(client.get(OUTBOX, headers=auth_headers_admin, params={"status": "queued"}).json()["data"]) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "lost"}, "status"), ({"page": 0}, "page"), ({"page_size": 501}, "page_size")],
)
def test_bad_queries_are_400_and_change_nothing(client, db, org, auth_headers_admin, params, field):
    _queue(db, org, "p@example.com")
    before = row_counts(db)
    response = client.get(OUTBOX, headers=auth_headers_admin, params=params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body == validation_error(body["details"]) and list(body["details"]) == [field]
    assert row_counts(db) == before


@pytest.mark.parametrize("who", ["auth_headers_hr", "auth_headers_interviewer"])
def test_only_admins(client, request, who):
    response = client.get(OUTBOX, headers=request.getfixturevalue(who))
    assert response.status_code == 403
    assert response.json() == {
        "success": False,
        "message": "You do not have permission to perform this action.",
        "error": "FORBIDDEN",
        "details": "Only admin users can see the outbox.",
    }
