"""The optional decision message (issue 16): off by default; with the organization's `decision_messages` on, a
select or reject sends the candidate the default text or HR's edit, once per status change, through the worker
and a real SMTP server; back to pending, a refused change and HR's "do not send" send nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.kit.errors import Invalid
from hr_app.kit.limits import DECISION_MESSAGE_MAX_LENGTH
from hr_app.models import OutboxMessage, Role
from hr_app.services import interviews
from tests.api.interview_support import IM
from tests.factories import create_cv, create_job_title, create_user, row_counts

WHEN = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
SELECTED_TEXT = (
    "Dear John Doe,\n\nThank you for the time you gave us for the Software Developer position. We are glad to tell "
    "you that Acme Corp would like to go ahead with you, and we will be in touch shortly about the next steps.\n\n"
    "Kind regards,\nAcme Corp"
)


@pytest.fixture
def interview_id(client, db, org, auth_headers_hr):
    priya = create_user(db, org, role=Role.INTERVIEWER, email="priya@acme.test", first_name="Priya", last_name="V")
    john = create_cv(
        db, org, job_title=create_job_title(db, org, "Software Developer"), name="John Doe", email="john@example.com"
    )
    body = {"candidate_id": str(john.id), "scheduled_at": WHEN.isoformat(), "interviewer_id": priya.id}
    response = client.post(f"{IM}/start-interview/", headers=auth_headers_hr, json=body)
    assert response.status_code == 201, response.text
    return response.json()["data"]["id"]


@pytest.fixture
def messages_on(db, org):
    org.decision_messages = True
    db.add(org)
    db.commit()


def _decide(client, headers, interview_id, status, remark="Strong candidate"):
    response = client.patch(
        f"{IM}/{interview_id}/update-status/", headers=headers, json={"status": status, "remark": remark}
    )
    assert response.status_code == 200, response.text
    return response


def _decisions(db) -> list[OutboxMessage]:
    db.expire_all()
    return list(db.exec(select(OutboxMessage).where(OutboxMessage.kind == "decision")).all())


def _text(mail) -> str:
    return mail.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n").strip()


def test_off_by_default_nothing_goes(client, db, interview_id, auth_headers_hr, smtp_server, worker):
    _decide(client, auth_headers_hr, interview_id, "selected")
    assert _decisions(db) == []
    assert [mail["To"] for mail in smtp_server.recorder.mailbox if "application" in str(mail["Subject"])] == []


def test_a_select_sends_the_default_text(client, db, interview_id, auth_headers_hr, messages_on, smtp_server, worker):
    _decide(client, auth_headers_hr, interview_id, "selected")
    [mail] = [
        mail
        for mail in smtp_server.recorder.mailbox
        if mail["To"] == "john@example.com" and "application" in str(mail["Subject"])
    ]
    assert str(mail["Subject"]).strip() == "Acme Corp: your application for Software Developer"
    assert _text(mail) == SELECTED_TEXT
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert "<p>Kind regards,<br>Acme Corp</p>" in html
    [queued] = _decisions(db)
    assert (queued.status, queued.related_type, queued.related_id) == ("sent", "interview", interview_id)


def test_a_reject_says_so(client, db, interview_id, auth_headers_hr, messages_on, smtp_server, worker):
    _decide(client, auth_headers_hr, interview_id, "rejected")
    [queued] = _decisions(db)
    assert "has decided not to go ahead with your application this time" in queued.text_body
    assert queued.recipient == "john@example.com"


def test_hr_edits_the_text_or_keeps_it_from_going(db, org, hr_user, interview_id, messages_on, worker):
    draft = _in_unit_of_work(
        lambda s: interviews.decision_draft(s, actor=hr_user, interview_id=interview_id, status="selected")
    )
    assert draft == SELECTED_TEXT
    edited = "Dear John,\n\nWelcome aboard <b>soon</b>!"
    _in_unit_of_work(
        lambda s: interviews.update_status(
            s, actor=hr_user, interview_id=interview_id, status="selected", candidate_message=f"  {edited}\n"
        )
    )
    [queued] = _decisions(db)
    assert queued.text_body.strip() == edited
    assert "<p>Welcome aboard &lt;b&gt;soon&lt;/b&gt;!</p>" in queued.html_body  # HR's text is never markup
    _in_unit_of_work(
        lambda s: interviews.update_status(
            s, actor=hr_user, interview_id=interview_id, status="rejected", notify_candidate=False
        )
    )
    assert len(_decisions(db)) == 1


def test_pending_has_no_draft_and_sends_nothing(db, hr_user, interview_id, messages_on, worker):
    assert (
        _in_unit_of_work(
            lambda s: interviews.decision_draft(s, actor=hr_user, interview_id=interview_id, status="pending")
        )
        == ""
    )
    _in_unit_of_work(lambda s: interviews.update_status(s, actor=hr_user, interview_id=interview_id, status="pending"))
    assert _decisions(db) == []


def test_each_status_change_sends_its_own_message_once(client, db, interview_id, auth_headers_hr, messages_on, worker):
    _decide(client, auth_headers_hr, interview_id, "rejected")
    _decide(client, auth_headers_hr, interview_id, "pending")
    _decide(client, auth_headers_hr, interview_id, "selected")
    assert sorted("would like to go ahead with you" in message.text_body for message in _decisions(db)) == [False, True]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("   ", "The message to the candidate may not be blank."),
        (
            "x" * (DECISION_MESSAGE_MAX_LENGTH + 1),
            f"Ensure this field has no more than {DECISION_MESSAGE_MAX_LENGTH} characters.",
        ),
    ],
)
def test_a_bad_message_is_refused_and_changes_nothing(db, hr_user, interview_id, messages_on, text, problem):
    before = row_counts(db)
    with pytest.raises(Invalid) as refused:
        _in_unit_of_work(
            lambda s: interviews.update_status(
                s, actor=hr_user, interview_id=interview_id, status="selected", candidate_message=text
            )
        )
    assert refused.value.field_errors == {"candidate_message": [problem]}
    db.expire_all()
    assert row_counts(db) == before


def _in_unit_of_work(work):
    with session_scope() as session:
        return work(session)
