"""Reminders: the worker's periodic task queues them (each once) and they reach the interviewer over SMTP."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hr_app.config import get_settings
from hr_app.kit.time import utcnow
from hr_app.models import OutboxMessage
from tests.api.interview_support import make_interview
from tests.factories import create_cv

FULL = {"appearance": 7, "knowledge": 8, "confidence": 6, "attitude": 9, "communication": 7}


def _interview(db, org, interviewer, at, name="John Doe", **evaluation):
    interview = make_interview(db, org, cv=create_cv(db, org, name=name), interviewer=interviewer, **evaluation)
    interview.scheduled_at = at
    db.add(interview)
    db.commit()
    return interview


def test_the_interviewer_is_reminded_once_before_the_interview(db, org, interviewer, smtp_server, worker):
    soon = _interview(db, org, interviewer, utcnow() + timedelta(minutes=30))
    _interview(db, org, interviewer, utcnow() + timedelta(minutes=90), name="Later Person")  # not yet
    _interview(db, org, None, utcnow() + timedelta(minutes=20), name="Nobody Assigned")
    worker.queue_reminders.call_local()
    worker.queue_reminders.call_local()  # the next minute's run: nothing new
    [mail] = smtp_server.recorder.mailbox
    assert mail["To"] == interviewer.email
    assert str(mail["Subject"]).strip().startswith("Reminder: interview with John Doe")
    assert f"/interviews/{soon.id}" in mail.get_body(preferencelist=("plain",)).get_content()
    assert len(smtp_server.recorder.deliveries) == 1


def test_the_lead_time_is_a_setting(db, org, interviewer, smtp_server, worker, monkeypatch):
    monkeypatch.setattr(get_settings(), "reminder_minutes", 120)
    _interview(db, org, interviewer, utcnow() + timedelta(minutes=90))
    worker.queue_reminders.call_local()
    assert len(smtp_server.recorder.mailbox) == 1


def test_missing_feedback_a_day_after_once_and_not_when_complete(db, org, interviewer, smtp_server, worker):
    missing = _interview(db, org, interviewer, utcnow() - timedelta(hours=25), name="Half Rated", appearance=5)
    _interview(db, org, interviewer, utcnow() - timedelta(hours=26), name="Fully Rated", **FULL)
    _interview(db, org, interviewer, utcnow() - timedelta(hours=5), name="Too Recent")
    worker.queue_reminders.call_local()
    worker.queue_reminders.call_local()
    [mail] = smtp_server.recorder.mailbox
    assert str(mail["Subject"]).strip().startswith("Feedback missing: interview with Half Rated")
    kinds = [(m.kind, m.related_id) for m in db.exec(select(OutboxMessage))]
    assert kinds == [("feedback_reminder", str(missing.id))]
