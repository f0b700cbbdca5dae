"""Interview e-mail: the invitation (with its .ics) to the candidate and every interviewer, and the cancellation.

Queued in the transaction of the start, bulk start, reschedule or delete that causes it (services/outbox.py).
The .ics is an iTIP message (METHOD:REQUEST, or CANCEL with the same UID and a higher SEQUENCE), so a calendar
that took the first invite moves or removes that same entry.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Literal

from sqlmodel import Session, col, select

from hr_app.config import get_settings
from hr_app.models import AppUser, InterviewInterviewer, InterviewStatus, Organization
from hr_app.schemas.records import InterviewRecord
from hr_app.services import invites, outbox

Audience = Literal["candidate", "interviewer"]
INVITATION, CANCELLATION = "interview_invitation", "interview_cancellation"
CALENDAR_TYPE = "text/calendar; charset=utf-8; method={method}"


def interview_link(record: InterviewRecord) -> str:
    return f"{get_settings().public_url.rstrip('/')}/interviews/{record.interview.id}"


Recipient = tuple[Audience, str, str]  # audience, address, the name to greet


def as_recipient(user: AppUser) -> Recipient:
    return ("interviewer", user.email, user.first_name or user.full_name)


def co_interviewers(session: Session, interview_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[AppUser]]:
    """The active interviewers besides the lead, by interview: one statement for any number of interviews."""
    ids = list(interview_ids)
    found: dict[uuid.UUID, list[AppUser]] = defaultdict(list)
    if not ids:
        return found
    rows = session.exec(
        select(InterviewInterviewer.interview_id, AppUser)
        .join(AppUser, col(AppUser.id) == col(InterviewInterviewer.user_id))
        .where(col(InterviewInterviewer.interview_id).in_(ids), col(AppUser.is_active).is_(True))
        .order_by(col(AppUser.id))
    ).all()
    for interview_id, user in rows:
        found[interview_id].append(user)
    return found


def _recipients(session: Session, record: InterviewRecord) -> list[Recipient]:
    candidate = record.candidate  # a CV imported from its document has no e-mail until HR confirms one
    found: list[Recipient] = [("candidate", candidate.email, candidate.name)] if candidate.email.strip() else []
    if record.interviewer is not None:
        found.append(as_recipient(record.interviewer))
    team = co_interviewers(session, [record.interview.id]).get(record.interview.id, [])
    return found + [as_recipient(user) for user in team if user.id != record.interview.interviewer_id]


def _queue(
    session: Session,
    record: InterviewRecord,
    *,
    kind: str,
    sequence: int,
    recipients: list[Recipient],
    moved: bool = False,
) -> None:
    organization = session.get(Organization, record.interview.organization_id)
    if organization is None:
        return
    method = "CANCEL" if kind == CANCELLATION else "REQUEST"
    organizer = (organization.sender_name or organization.name, get_settings().mail_from)
    ics = invites.build_invite(
        record, sequence=sequence, minutes=organization.interview_minutes, method=method, organizer=organizer
    )
    attachment = outbox.Attachment("invite.ics", CALENDAR_TYPE.format(method=method), ics)
    for audience, address, greeting_name in recipients:
        if not address:
            continue
        outbox.queue_email(
            session,
            organization_id=organization.id,
            kind=kind,
            to=address,
            template=kind,
            context={
                "audience": audience,
                "greeting_name": greeting_name,
                "candidate_name": record.candidate.name,
                "interviewer_name": record.interviewer.full_name if record.interviewer else "",
                "job_title": record.job_title_name or "",
                "scheduled_at": record.interview.scheduled_at,
                "minutes": organization.interview_minutes,
                "moved": moved,
                "link": interview_link(record),
            },
            attachments=[attachment],
            related=("interview", record.interview.id),
            idempotency_key=f"{kind}:{record.interview.id}:{sequence}:{audience}:{address}",
        )


def queue_invitations(session: Session, record: InterviewRecord) -> None:
    """A new interview: the invitation to the candidate and the interviewer."""
    _queue(session, record, kind=INVITATION, sequence=0, recipients=_recipients(session, record))


def queue_moved(session: Session, record: InterviewRecord, previous_interviewer: AppUser | None) -> None:
    """A rescheduled interview: the updated invitation (next SEQUENCE); a replaced interviewer gets a cancellation."""
    sequence = invites.reschedules(session, record)
    _queue(session, record, kind=INVITATION, sequence=sequence, recipients=_recipients(session, record), moved=True)
    current_id = record.interviewer.id if record.interviewer else None
    if previous_interviewer is not None and previous_interviewer.id != current_id:
        replaced: Recipient = (
            "interviewer",
            previous_interviewer.email,
            previous_interviewer.first_name or previous_interviewer.full_name,
        )
        _queue(session, record, kind=CANCELLATION, sequence=sequence, recipients=[replaced])


def queue_cancellations(session: Session, record: InterviewRecord) -> None:
    """A deleted interview: METHOD:CANCEL, same UID, SEQUENCE one past the last invitation."""
    sequence = invites.reschedules(session, record) + 1
    _queue(session, record, kind=CANCELLATION, sequence=sequence, recipients=_recipients(session, record))


def queue_team_change(session: Session, record: InterviewRecord, added: list[AppUser], removed: list[AppUser]) -> None:
    """Interviewers added to a pending interview get its invitation, removed ones its cancellation (same SEQUENCE
    as the calendar entries the others hold)."""
    if record.interview.status != InterviewStatus.PENDING:
        return
    sequence = invites.reschedules(session, record)
    if added:
        _queue(session, record, kind=INVITATION, sequence=sequence, recipients=[as_recipient(u) for u in added])
    if removed:
        _queue(session, record, kind=CANCELLATION, sequence=sequence, recipients=[as_recipient(u) for u in removed])
