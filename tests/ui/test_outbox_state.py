"""The Outbox page's state: admin only, times in the organization's zone, paging, a message opened rendered."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from hr_app.kit.time import utcnow
from hr_app.models import OutboxStatus
from hr_app.services.outbox import Attachment, queue_email
from hr_app.ui.states.outbox import OutboxState
from tests.ui.conftest import drain


def _queue(db, org, to: str, created: datetime | None = None):
    message = queue_email(
        db,
        organization_id=org.id,
        kind="invitation",
        to=to,
        template="invitation",
        context={"first_name": "Nia", "link": "http://localhost:3000/accept-invite/abc", "expires_at": utcnow()},
        attachments=[Attachment("invite.ics", "text/calendar", b"BEGIN:VCALENDAR")],
    )
    if created is not None:
        message.created_at = created
    db.commit()
    return message


def test_the_admin_sees_rows_in_the_org_time_and_opens_one(make_state, db, org, admin):
    message = _queue(db, org, "nia@example.com", datetime(2026, 7, 1, 10, 0, tzinfo=UTC))
    message.status, message.last_error = OutboxStatus.FAILED, "550 no such user"
    db.commit()
    state = make_state(OutboxState, admin, tz_offset=-120)  # two hours ahead of UTC (e.g. Berlin in summer)
    drain(state.load())
    [row] = state.rows
    assert (row.recipient, row.status, row.last_error, row.created) == (
        "nia@example.com",
        "failed",
        "550 no such user",
        "01 Jul 2026, 12:00",
    )
    assert state.total == 1 and state.page_label
    drain(state.open_message(row.id))
    assert "/accept-invite/abc" in state.opened.html and "/accept-invite/abc" in state.opened.text
    assert state.opened.attachments == ["invite.ics (text/calendar, 15 bytes)"]
    state.close_message()
    assert state.opened.id == ""


def test_filter_and_unknown_message(make_state, db, org, admin):
    _queue(db, org, "a@example.com")
    state = make_state(OutboxState, admin)
    drain(state.filter_status("sent"))
    assert state.rows == [] and state.total == 0
    drain(state.filter_status("queued"))
    assert [r.recipient for r in state.rows] == ["a@example.com"]
    [toast] = drain(state.open_message(str(uuid.uuid4())))
    assert toast is not None and state.opened.id == ""


def test_hr_is_refused(make_state, db, org, hr_user):
    _queue(db, org, "a@example.com")
    state = make_state(OutboxState, hr_user)
    drain(state.load())
    assert state.rows == [] and state.denied == "You do not have permission to perform this action."
