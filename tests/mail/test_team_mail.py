"""Every interviewer of an interview gets its e-mail (issue 18): the invitation when added, the cancellation when
removed, the reminder before it, and the missing-feedback reminder while their own scorecard is not submitted."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hr_app.kit.time import utcnow
from hr_app.models import Evaluation, InterviewInterviewer, OutboxMessage, ScorecardStatus
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_user


def _team_interview(db, org, lead, at, others):
    interview = make_interview(db, org, cv=create_cv(db, org, name="Tea Mwork"), interviewer=lead)
    interview.scheduled_at = at
    db.add(interview)
    db.add_all(InterviewInterviewer(interview_id=interview.id, user_id=user.id) for user in others)
    db.commit()
    return interview


def _recipients(smtp_server) -> list[tuple[str, str]]:
    return sorted((mail["To"], str(mail["Subject"]).strip().split(":")[0]) for mail in smtp_server.recorder.mailbox)


def test_added_interviewers_are_invited_and_removed_ones_cancelled(
    client, db, org, interviewer, auth_headers_hr, smtp_server, worker
):
    ravi = create_user(db, org, role="interviewer", email="ravi@example.com")
    interview = make_interview(db, org, cv=create_cv(db, org, name="Tea Mwork"), interviewer=interviewer)
    url = f"/api/interview-management/{interview.id}/interviewers/"
    assert client.put(url, json={"interviewer_ids": [ravi.id]}, headers=auth_headers_hr).status_code == 200
    [invite] = smtp_server.recorder.mailbox
    assert invite["To"] == "ravi@example.com"
    ics = next(part for part in invite.walk() if part.get_content_type() == "text/calendar").get_content()
    assert "METHOD:REQUEST" in ics
    smtp_server.recorder.deliveries.clear()
    assert client.put(url, json={"interviewer_ids": []}, headers=auth_headers_hr).status_code == 200
    [cancel] = smtp_server.recorder.mailbox
    assert cancel["To"] == "ravi@example.com"
    ics = next(part for part in cancel.walk() if part.get_content_type() == "text/calendar").get_content()
    assert "METHOD:CANCEL" in ics and invite["To"] == cancel["To"]


def test_every_interviewer_is_reminded_before_once(db, org, interviewer, smtp_server, worker):
    ravi = create_user(db, org, role="interviewer", email="ravi@example.com")
    mia = create_user(db, org, role="interviewer", email="mia@example.com")
    _team_interview(db, org, interviewer, utcnow() + timedelta(minutes=30), [ravi, mia])
    worker.queue_reminders.call_local()
    worker.queue_reminders.call_local()
    assert _recipients(smtp_server) == sorted(
        (address, "Reminder") for address in (interviewer.email, "ravi@example.com", "mia@example.com")
    )


def test_missing_feedback_goes_to_each_interviewer_without_a_submitted_scorecard(
    db, org, interviewer, smtp_server, worker
):
    ravi = create_user(db, org, role="interviewer", email="ravi@example.com")
    mia = create_user(db, org, role="interviewer", email="mia@example.com")
    interview = _team_interview(db, org, interviewer, utcnow() - timedelta(hours=25), [ravi, mia])
    db.add(Evaluation(interview_id=interview.id, interviewer_id=mia.id, status=ScorecardStatus.SUBMITTED))
    db.commit()
    worker.queue_reminders.call_local()
    worker.queue_reminders.call_local()
    assert _recipients(smtp_server) == sorted(
        (address, "Feedback missing") for address in (interviewer.email, "ravi@example.com")
    )
    keys = sorted(db.exec(select(OutboxMessage.idempotency_key)).all())
    assert keys == sorted([f"feedback_reminder:{interview.id}", f"feedback_reminder:{interview.id}:{ravi.id}"])
