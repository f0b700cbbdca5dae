"""Scheduling beyond the spec: interviewer clash warnings, rescheduling, and the interviewers' agenda.

A clash is another interview of the same interviewer less than the organization's clash window
(Settings; `CLASH_WINDOW_MINUTES` for a new organization) apart, start to start; 0 turns the warnings
off. Clashes never block anything: they come back as sentences for the caller to show.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, select

from hr_app.config import get_settings
from hr_app.kit.access import STAFF_ROLES, organization_of, require_staff
from hr_app.kit.errors import Forbidden, Invalid
from hr_app.kit.limits import ISO_WEEK_YEAR_MAX, ISO_WEEK_YEAR_MIN
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import AppUser, InterviewStatus, Organization, UserCvData
from hr_app.models.interview import Interview
from hr_app.schemas.common import format_utc
from hr_app.schemas.records import Agenda, AgendaRow, InterviewRecord
from hr_app.services import audit, events, interview_mail, interview_team, interviews, scorecards
from hr_app.services.events import Topic


@dataclass(frozen=True)
class Clash:
    interviewer: AppUser
    other_interview_id: uuid.UUID
    other_candidate: str
    other_scheduled_at: datetime
    minutes_apart: int

    @property
    def warning(self) -> str:
        when = format_utc(self.other_scheduled_at)
        name, other = self.interviewer.full_name, self.other_candidate
        if self.minutes_apart == 0:
            return f"{name} has another interview ({other}) at the same time, {when}"
        unit = "minute" if self.minutes_apart == 1 else "minutes"
        return f"{name} has another interview ({other}) at {when}, {self.minutes_apart} {unit} apart"


@dataclass(frozen=True)
class Scheduled:
    """An interview as written, with the clash warnings of its slot (empty when none)."""

    record: InterviewRecord
    warnings: list[str] = field(default_factory=list)


def find_clashes(
    session: Session,
    *,
    organization_id: uuid.UUID,
    interviewer: AppUser | None,
    scheduled_at: datetime,
    exclude: Collection[uuid.UUID] = (),
) -> list[Clash]:
    """The interviewer's other interviews less than the organization's window apart, nearest first."""
    window = clash_window(session, organization_id)
    if interviewer is None or window <= 0:
        return []
    at = as_utc(scheduled_at)
    span = timedelta(minutes=window)
    query = (
        select(Interview.id, Interview.scheduled_at, UserCvData.name)
        .join(UserCvData, col(UserCvData.id) == Interview.candidate_id)
        .where(
            Interview.organization_id == organization_id,
            Interview.interviewer_id == interviewer.id,
            Interview.scheduled_at > at - span,
            Interview.scheduled_at < at + span,
        )
    )
    if exclude:
        query = query.where(col(Interview.id).not_in(list(exclude)))
    clashes = [
        Clash(interviewer, other_id, name, other_at, int(abs((other_at - at).total_seconds()) // 60))
        for other_id, other_at, name in session.exec(query)
    ]
    return sorted(
        clashes, key=lambda clash: (clash.minutes_apart, clash.other_scheduled_at, str(clash.other_interview_id))
    )


def clash_window(session: Session, organization_id: uuid.UUID | None) -> int:
    """The organization's clash window in minutes (0: no warnings)."""
    organization = session.get(Organization, organization_id) if organization_id else None
    return organization.clash_window_minutes if organization else get_settings().clash_window_minutes


def warnings_for(session: Session, record: InterviewRecord, exclude: Collection[uuid.UUID] = ()) -> list[str]:
    interview = record.interview
    clashes = find_clashes(
        session,
        organization_id=interview.organization_id,
        interviewer=record.interviewer,
        scheduled_at=interview.scheduled_at,
        exclude={interview.id, *exclude},
    )
    return [clash.warning for clash in clashes]


@dataclass(frozen=True)
class BoardClash:
    """The nearest other interview of the same interviewer on an already-loaded list."""

    other_interview_id: uuid.UUID
    other_candidate: str
    other_scheduled_at: datetime
    minutes_apart: int


@dataclass(frozen=True)
class ClashSlot:
    """What a clash needs of one interview on a board: a card keeps it, so a push of one card re-judges all."""

    interview_id: uuid.UUID
    interviewer_id: int | None
    scheduled_at: datetime
    candidate: str


def clash_slot(record: InterviewRecord) -> ClashSlot:
    interview = record.interview
    return ClashSlot(interview.id, interview.interviewer_id, as_utc(interview.scheduled_at), record.candidate.name)


def board_clashes(records: Sequence[InterviewRecord], window_minutes: int | None = None) -> dict[uuid.UUID, BoardClash]:
    """Each interview of `records` with another of the same interviewer less than the window apart."""
    return slot_clashes([clash_slot(record) for record in records], window_minutes)


def slot_clashes(slots: Sequence[ClashSlot], window_minutes: int | None = None) -> dict[uuid.UUID, BoardClash]:
    """Each interview of `slots` with another of the same interviewer less than the window apart.

    Works on the list in hand (the ongoing board's): no query. The nearest other interview is named
    (the earlier one on a tie). Interviews without an interviewer never clash.
    """
    window = get_settings().clash_window_minutes if window_minutes is None else window_minutes
    if window <= 0:
        return {}
    span = timedelta(minutes=window)
    by_interviewer: dict[int, list[ClashSlot]] = {}
    for slot in slots:
        if slot.interviewer_id is not None:
            by_interviewer.setdefault(slot.interviewer_id, []).append(slot)
    found: dict[uuid.UUID, BoardClash] = {}
    for group in by_interviewer.values():
        group = sorted(group, key=lambda slot: (slot.scheduled_at, str(slot.interview_id)))
        for index, slot in enumerate(group):
            neighbours = [group[i] for i in (index - 1, index + 1) if 0 <= i < len(group)]
            near = [
                (abs(other.scheduled_at - slot.scheduled_at), position, other)
                for position, other in enumerate(neighbours)
                if abs(other.scheduled_at - slot.scheduled_at) < span
            ]
            if not near:
                continue
            gap, _, other = min(near, key=lambda item: (item[0], item[1]))
            found[slot.interview_id] = BoardClash(
                other.interview_id, other.candidate, other.scheduled_at, int(gap.total_seconds() // 60)
            )
    return found


def start_interview(
    session: Session,
    *,
    actor: AppUser,
    candidate_id: uuid.UUID | str,
    scheduled_at: datetime,
    interviewer_id: int | None = None,
    team: Sequence[int] = (),
) -> Scheduled:
    """The spec's start-interview (unchanged), plus the interviewer's clashes as warnings; `team` (the UI's start
    dialog) adds co-interviewers in the same unit of work, so a refused team starts nothing."""
    record = interviews.start_interview(
        session, actor=actor, candidate_id=candidate_id, scheduled_at=scheduled_at, interviewer_id=interviewer_id
    )
    interview_mail.queue_invitations(session, record)
    _add_team(session, actor, record, team)
    return Scheduled(record, warnings_for(session, record))


def _add_team(session: Session, actor: AppUser, record: InterviewRecord, team: Sequence[int]) -> None:
    """The co-interviewers of a new interview (admin and hr; each gets the invitation, interview_team's rules)."""
    if team:
        interview_team.set_interviewers(
            session, actor=actor, interview_id=record.interview.id, interviewer_ids=list(team)
        )


def next_round(
    session: Session,
    *,
    actor: AppUser,
    interview_id: uuid.UUID | str,
    scheduled_at: datetime,
    interviewer_id: int | None = None,
    team: Sequence[int] = (),
) -> Scheduled:
    """The CV's next round after a selected one (interviews.next_round), invited like a first interview, with its
    co-interviewers (`team`) as start_interview adds them."""
    record = interviews.next_round(
        session, actor=actor, interview_id=interview_id, scheduled_at=scheduled_at, interviewer_id=interviewer_id
    )
    interview_mail.queue_invitations(session, record)
    _add_team(session, actor, record, team)
    return Scheduled(record, warnings_for(session, record))


def delete_interview(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> None:
    """The spec's delete (its checks and answers), plus the cancellation to the candidate and the interviewer."""
    require_staff(actor)  # first, as the delete itself checks: a refused caller learns nothing about the id
    record = interviews.get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview_mail.queue_cancellations(session, record)
    interviews.delete_interview(session, actor=actor, interview_id=interview_id)


# --- rescheduling -----------------------------------------------------------------------------------


def reschedule_interview(
    session: Session,
    *,
    actor: AppUser,
    interview_id: uuid.UUID | str,
    scheduled_at: datetime,
    interviewer_id: int | None = None,
    change_interviewer: bool = False,
) -> Scheduled:
    """Move a pending interview to another time and, optionally, another interviewer (or none).

    The interviewer changes only with `change_interviewer` (then `interviewer_id` None unassigns).
    Admin, hr, or the interview's own interviewer may; anyone else gets 403. Decided interviews
    (selected / rejected) stay where they were (400).
    """
    organization_id = organization_of(actor)
    record = interviews.get_interview(session, actor=actor, interview_id=interview_id)
    interview = record.interview
    if actor.role not in STAFF_ROLES and interview.interviewer_id != actor.id:
        raise Forbidden(
            "You do not have permission to perform this action.",
            "Only admin or hr users, or the interview's interviewer, can reschedule it.",
        )
    if interview.status != InterviewStatus.PENDING:
        raise Invalid.on(
            "scheduled_at", f"Interview status is '{interview.status}'. Only pending interviews can be rescheduled."
        )
    before, previous_interviewer = interviews.interview_snapshot(record), record.interviewer
    if change_interviewer:
        interviewer = interviews.find_interviewer(session, organization_id, interviewer_id)
        previous_lead_id = interview.interviewer_id
        interview.interviewer_id = interviewer.id if interviewer else None
        scorecards.hand_over_lead(session, interview, previous_lead_id)
    interview.scheduled_at = as_utc(scheduled_at)
    interview.updated_at = utcnow()
    session.add(interview)
    session.flush()
    record = interviews.get_interview(session, actor=actor, interview_id=interview.id)
    changed_from, changed_to = audit.changes(before, interviews.interview_snapshot(record))
    if changed_to:
        audit.record(session, actor, audit.ObjectType.INTERVIEW, interview.id, "rescheduled", changed_from, changed_to)
        session.flush()
        interview_mail.queue_moved(session, record, previous_interviewer)
    session.flush()
    events.publish(session, organization_id, Topic.INTERVIEWS, interview_ids=[interview.id])
    return Scheduled(record, warnings_for(session, record))


# --- the agenda -------------------------------------------------------------------------------------


def parse_week(value: str | None, today: date) -> date:
    """`YYYY-Www` (ISO week, e.g. 2025-W46) to its Monday; none means the week of `today`."""
    if not value:
        return today - timedelta(days=today.weekday())
    try:
        monday = datetime.strptime(value.strip() + "-1", "%G-W%V-%u").date()
    except ValueError:
        monday = None
    if monday is None or not ISO_WEEK_YEAR_MIN <= monday.isocalendar().year <= ISO_WEEK_YEAR_MAX:
        raise Invalid.on("week", "Week has wrong format. Use ISO 8601 YYYY-Www, e.g. 2025-W46.")
    return monday


def agenda(
    session: Session,
    *,
    actor: AppUser,
    week: str | None = None,
    today: date | None = None,
    interviewer_id: int | None = None,
) -> Agenda:
    """The interviews of one ISO week (Monday to Sunday) per interviewer, and those of `today`.

    Weeks and days are the organization's wall clock (its Settings time zone, daylight saving included),
    so a Monday 00:30 interview in Paris is Monday's, not Sunday's.
    Any member may read it; an interviewer sees every interviewer's agenda (they share the rooms).
    Rows: interviewers by name, unassigned interviews last; each row's interviews by time. Two queries
    (the organization's zone, the week) whatever the count.
    """
    organization_id = organization_of(actor)
    zone = organization_zone(session, organization_id)
    today = today or utcnow().astimezone(zone).date()
    monday = parse_week(week, today)
    start = datetime.combine(monday, time.min, tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=zone)  # 167 or 169 hours across DST
    query = interviews.record_query(organization_id).where(
        Interview.scheduled_at >= start.astimezone(UTC), Interview.scheduled_at < end.astimezone(UTC)
    )
    if interviewer_id is not None:
        query = query.where(Interview.interviewer_id == interviewer_id)
    records = [InterviewRecord(*row) for row in session.exec(query.order_by(Interview.scheduled_at, Interview.id))]
    return Agenda(monday, today, _rows(records, today, zone))


def organization_zone(session: Session, organization_id: uuid.UUID | None) -> tzinfo:
    """The organization's time zone (UTC when it has none or names one this machine does not know)."""
    organization = session.get(Organization, organization_id) if organization_id else None
    try:
        return ZoneInfo(organization.time_zone) if organization else UTC
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _rows(records: Sequence[InterviewRecord], today: date, zone: tzinfo) -> list[AgendaRow]:
    by_interviewer: dict[int | None, list[InterviewRecord]] = {}
    people: dict[int | None, AppUser | None] = {}
    for record in records:
        key = record.interviewer.id if record.interviewer else None
        by_interviewer.setdefault(key, []).append(record)
        people[key] = record.interviewer
    order = sorted(
        by_interviewer,
        key=lambda key: (key is None, (people[key].full_name.lower(), key) if people[key] else ("", 0)),  # type: ignore[union-attr]
    )
    return [
        AgendaRow(
            interviewer=people[key],
            week=by_interviewer[key],
            today=[r for r in by_interviewer[key] if as_utc(r.interview.scheduled_at).astimezone(zone).date() == today],
        )
        for key in order
    ]
