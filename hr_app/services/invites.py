"""Calendar invites (RFC 5545) for interviews, built with the `icalendar` library.

The UID is derived from the interview id, so a re-downloaded invite after a reschedule updates the
same calendar entry (SEQUENCE grows with every reschedule); escaping and line folding are the
library's.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from icalendar import Calendar, Event, vCalAddress, vText
from sqlalchemy import func
from sqlmodel import Session, select

from hr_app.config import get_settings
from hr_app.models import AppUser, AuditEntry, Organization
from hr_app.schemas.records import InterviewRecord
from hr_app.services import interviews

PRODID = "-//hr_app//Interview invites//EN"
UID_DOMAIN = "hr-app.invalid"


def interview_uid(interview_id: uuid.UUID) -> str:
    return f"interview-{interview_id}@{UID_DOMAIN}"


def _attendee(email: str, name: str, role: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    address.params["ROLE"] = vText(role)
    address.params["PARTSTAT"] = vText("NEEDS-ACTION")
    address.params["CUTYPE"] = vText("INDIVIDUAL")
    return address


def _organizer(name: str, email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    return address


def summary(record: InterviewRecord) -> str:
    title = f" for {record.job_title_name}" if record.job_title_name else ""
    return f"Interview{title}: {record.candidate.name}"


def build_invite(
    record: InterviewRecord,
    *,
    sequence: int = 0,
    minutes: int | None = None,
    method: str | None = None,
    organizer: tuple[str, str] | None = None,
) -> bytes:
    """`minutes`: the organization's interview length (the environment's INTERVIEW_MINUTES when not given).

    Without `method` the file is for importing (the download). The mailed invites are iTIP messages:
    `REQUEST` (or `CANCEL`, with STATUS:CANCELLED) with an ORGANIZER, `organizer` = (name, address).
    """
    interview, cv, interviewer = record.interview, record.candidate, record.interviewer
    minutes = get_settings().interview_minutes if minutes is None else minutes
    event = Event()
    event.add("uid", interview_uid(interview.id))
    event.add("dtstamp", interview.updated_at)
    event.add("dtstart", interview.scheduled_at)
    event.add("dtend", interview.scheduled_at + timedelta(minutes=minutes))
    event.add("sequence", sequence)
    event.add("summary", summary(record))
    lines = [f"Candidate: {cv.name} <{cv.email}>" if cv.email else f"Candidate: {cv.name}"]
    if cv.phone_number:
        lines.append(f"Phone: {cv.phone_number}")
    if interviewer:
        lines.append(f"Interviewer: {interviewer.full_name} <{interviewer.email}>")
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    if organizer is not None:
        event.add("organizer", _organizer(*organizer), encode=False)
    if cv.email:  # none yet on a CV imported from its document (decision 112)
        event.add("attendee", _attendee(cv.email, cv.name, "REQ-PARTICIPANT"), encode=False)
    if interviewer:
        event.add("attendee", _attendee(interviewer.email, interviewer.full_name, "CHAIR"), encode=False)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method is not None:
        calendar.add("method", method)
    calendar.add_component(event)
    return calendar.to_ical()


def interview_invite(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> tuple[str, bytes]:
    """The invite's file name and content. Any member of the organization; others' interviews 404."""
    record = interviews.get_interview(session, actor=actor, interview_id=interview_id)
    organization = session.get(Organization, record.interview.organization_id)
    minutes = organization.interview_minutes if organization else None
    filename = f"interview-{record.interview.id}.ics"
    return filename, build_invite(record, sequence=reschedules(session, record), minutes=minutes)


def reschedules(session: Session, record: InterviewRecord) -> int:
    """How often the interview moved: its invites' SEQUENCE."""
    return session.exec(
        select(func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.organization_id == record.interview.organization_id,
            AuditEntry.object_type == "interview",
            AuditEntry.object_id == str(record.interview.id),
            AuditEntry.action == "rescheduled",
        )
    ).one()
