"""Reminders on the worker's schedule: to the interviewer before the interview, and when feedback is missing.

Each run queues what is due; the idempotency key makes each reminder go out once (the interview reminder once per
interview and time slot: a rescheduled interview is reminded of its new time).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from hr_app.config import get_settings
from hr_app.models import (
    AppUser,
    Evaluation,
    Interview,
    InterviewStatus,
    JobTitle,
    OutboxMessage,
    UserCvData,
    is_lead_scorecard,
)
from hr_app.schemas.records import InterviewRecord, is_completed
from hr_app.services import interview_mail, outbox

FEEDBACK_AFTER = timedelta(days=1)
FEEDBACK_WINDOW = timedelta(days=7)  # older interviews are not chased (e.g. the first run after an upgrade)
INTERVIEW_REMINDER, FEEDBACK_REMINDER = "interview_reminder", "feedback_reminder"


def _records(session: Session, start: datetime, end: datetime) -> list[InterviewRecord]:
    """Pending interviews with an interviewer, scheduled in (start, end], every organization."""
    query = (
        select(Interview, UserCvData, JobTitle.name, AppUser, Evaluation)
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .join(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, is_lead_scorecard())
        .where(
            Interview.status == InterviewStatus.PENDING,
            col(Interview.scheduled_at) > start,
            col(Interview.scheduled_at) <= end,
            col(AppUser.is_active).is_(True),
        )
        .order_by(Interview.scheduled_at, Interview.id)
    )
    return [InterviewRecord(*row) for row in session.exec(query)]


def _queue(session: Session, record: InterviewRecord, kind: str, key: str) -> bool:
    """Queue the reminder unless one with this key exists (True when queued now)."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)).first() is not None:
        return False
    interviewer = record.interviewer
    assert interviewer is not None
    outbox.queue_email(
        session,
        organization_id=record.interview.organization_id,
        kind=kind,
        to=interviewer.email,
        template=kind,
        context={
            "greeting_name": interviewer.first_name or interviewer.full_name,
            "candidate_name": record.candidate.name,
            "job_title": record.job_title_name or "",
            "scheduled_at": record.interview.scheduled_at,
            "link": interview_mail.interview_link(record),
        },
        related=("interview", record.interview.id),
        idempotency_key=key,
    )
    return True


def queue_due(session: Session, now: datetime) -> int:
    """Queue every reminder due at `now` that was not queued before; how many are new."""
    queued = 0
    lead = timedelta(minutes=get_settings().reminder_minutes)
    for record in _records(session, now, now + lead):
        slot = f"{record.interview.scheduled_at:%Y%m%dT%H%M}"
        queued += _queue(session, record, INTERVIEW_REMINDER, f"{INTERVIEW_REMINDER}:{record.interview.id}:{slot}")
    for record in _records(session, now - FEEDBACK_AFTER - FEEDBACK_WINDOW, now - FEEDBACK_AFTER):
        if not is_completed(record.evaluation):
            queued += _queue(session, record, FEEDBACK_REMINDER, f"{FEEDBACK_REMINDER}:{record.interview.id}")
    return queued
