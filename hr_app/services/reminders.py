"""Reminders on the worker's schedule: to every interviewer before the interview, and to each one whose feedback
is missing a day after it.

Each run queues what is due; the idempotency key makes each reminder go out once (the interview reminder once per
interview, time slot and interviewer: a rescheduled interview is reminded of its new time). The lead's keys keep
the form they had before interviews had several interviewers, so an upgrade sends nothing twice.
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
from hr_app.services import interview_mail, outbox, scorecards

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


def _queue(session: Session, record: InterviewRecord, kind: str, key: str, to: AppUser) -> bool:
    """Queue the reminder unless one with this key exists (True when queued now)."""
    if session.exec(select(OutboxMessage.id).where(OutboxMessage.idempotency_key == key)).first() is not None:
        return False
    outbox.queue_email(
        session,
        organization_id=record.interview.organization_id,
        kind=kind,
        to=to.email,
        template=kind,
        context={
            "greeting_name": to.first_name or to.full_name,
            "candidate_name": record.candidate.name,
            "job_title": record.job_title_name or "",
            "scheduled_at": record.interview.scheduled_at,
            "link": interview_mail.interview_link(record),
        },
        related=("interview", record.interview.id),
        idempotency_key=key,
    )
    return True


def _remind_team(session: Session, records: list[InterviewRecord], kind: str, key_of, missing) -> int:  # noqa: ANN001
    """The lead (key without a user, as before) and each other interviewer (key with their id)."""
    team = interview_mail.co_interviewers(session, [record.interview.id for record in records])
    queued = 0
    for record in records:
        if missing(record, record.interviewer):
            queued += _queue(session, record, kind, key_of(record), record.interviewer)
        for user in team.get(record.interview.id, []):
            if user.id != record.interview.interviewer_id and missing(record, user):
                queued += _queue(session, record, kind, f"{key_of(record)}:{user.id}", user)
    return queued


def queue_due(session: Session, now: datetime) -> int:
    """Queue every reminder due at `now` that was not queued before; how many are new."""
    lead = timedelta(minutes=get_settings().reminder_minutes)
    coming = _records(session, now, now + lead)
    queued = _remind_team(
        session,
        coming,
        INTERVIEW_REMINDER,
        lambda r: f"{INTERVIEW_REMINDER}:{r.interview.id}:{r.interview.scheduled_at:%Y%m%dT%H%M}",
        lambda _record, _user: True,
    )
    past = _records(session, now - FEEDBACK_AFTER - FEEDBACK_WINDOW, now - FEEDBACK_AFTER)
    past_ids = [record.interview.id for record in past]
    submitted = scorecards.submitted_pairs(session, past_ids) if past_ids else frozenset()

    def feedback_missing(record: InterviewRecord, user: AppUser) -> bool:
        if user.id == record.interview.interviewer_id:  # the lead: the spec's evaluation, as before
            return not is_completed(record.evaluation) and (record.interview.id, user.id) not in submitted
        return (record.interview.id, user.id) not in submitted

    return queued + _remind_team(
        session, past, FEEDBACK_REMINDER, lambda r: f"{FEEDBACK_REMINDER}:{r.interview.id}", feedback_missing
    )
