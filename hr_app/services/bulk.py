"""Bulk actions on CVs: start interviews for several, or reject several. All or nothing.

Every row is checked before anything is written; the problems come back together, keyed
`rows.<n>.candidate_id` with n the position in `candidate_ids` (from 0). Admin or hr only.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from hr_app.kit.access import require_staff
from hr_app.kit.errors import FieldErrors, Invalid
from hr_app.kit.ids import parse_uuid
from hr_app.kit.limits import (
    BULK_STEP_DEFAULT_MINUTES,
    BULK_STEP_MAX_MINUTES,
    BULK_STEP_MIN_MINUTES,
    BULK_STEP_RANGE_MESSAGE,
    REMARK_MAX_LENGTH,
    too_long,
)
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import AppUser, CvStatus, Interview, InterviewStatus, UserCvData
from hr_app.schemas.records import InterviewRecord
from hr_app.services import audit, events, interview_mail, interview_team, interviews, scheduling
from hr_app.services.cv_list import CvFilter, matching_cvs
from hr_app.services.events import Topic

MAX_ROWS = 100
MAX_MATCHING_ROWS = 5_000  # "select all N matching" on /cvs (decision 106)


@dataclass(frozen=True)
class BulkStarted:
    records: list[InterviewRecord]
    warnings: list[str] = field(default_factory=list)


def _row_key(position: int) -> str:
    return f"rows.{position}.candidate_id"


def _check_list(candidate_ids: Sequence[uuid.UUID | str]) -> None:
    if not candidate_ids:
        raise Invalid.on("candidate_ids", "This list may not be empty.")
    if len(candidate_ids) > MAX_ROWS:
        raise Invalid.on("candidate_ids", f"Ensure this list has no more than {MAX_ROWS} items.")


def _targets(
    session: Session,
    organization_id: uuid.UUID,
    candidate_ids: Sequence[uuid.UUID | str],
    matching: CvFilter | None,
) -> Sequence[uuid.UUID | str]:
    """The CVs named by id (at most MAX_ROWS), or every CV `matching` keeps, in the /cvs page's order."""
    if matching is None:
        _check_list(candidate_ids)
        return candidate_ids
    found = matching_cvs(session, organization_id, matching, MAX_MATCHING_ROWS + 1)
    if not found:
        raise Invalid.on("candidate_ids", "No CV matches these filters.")
    if len(found) > MAX_MATCHING_ROWS:
        raise Invalid.on("candidate_ids", f"More than {MAX_MATCHING_ROWS:,} CVs match: narrow the filters.")
    return [cv_id for cv_id, _name in found]


def _load(
    session: Session, organization_id: uuid.UUID, candidate_ids: Sequence[uuid.UUID | str]
) -> tuple[list[UserCvData | None], FieldErrors]:
    """The CVs in the order given (None where a row is wrong) and the per-row problems. One query."""
    parsed = [parse_uuid(value) for value in candidate_ids]
    wanted = {value for value in parsed if value is not None}
    found = (
        {
            cv.id: cv
            for cv in session.exec(
                select(UserCvData).where(
                    col(UserCvData.id).in_(list(wanted)), UserCvData.organization_id == organization_id
                )
            )
        }
        if wanted
        else {}
    )
    errors: FieldErrors = {}
    seen: dict[uuid.UUID, int] = {}
    cvs: list[UserCvData | None] = []
    for position, value in enumerate(parsed):
        cv = found.get(value) if value is not None else None
        if value is None:
            errors[_row_key(position)] = ["Must be a valid UUID."]
        elif cv is None:
            errors[_row_key(position)] = ["No candidate found with the provided ID"]
        elif value in seen:
            errors[_row_key(position)] = [f"The same candidate as row {seen[value]}."]
        else:
            seen[value] = position
        cvs.append(cv if _row_key(position) not in errors else None)
    return cvs, errors


def bulk_start(
    session: Session,
    *,
    actor: AppUser,
    candidate_ids: Sequence[uuid.UUID | str] = (),
    interviewer_id: int,
    first_slot: datetime,
    step_minutes: int = BULK_STEP_DEFAULT_MINUTES,
    matching: CvFilter | None = None,
    team: Sequence[int] = (),
) -> BulkStarted:
    """One interview per CV with the same interviewer, at first_slot, first_slot + step, ...

    Each row is a start-interview (the spec's rules: the CV must be pending). Warnings name clashes
    with the interviewer's other interviews, not between the rows of the batch (they are meant to
    follow each other). `matching` instead of ids: every CV the filter keeps. `team` (the UI's dialog) gives
    each interview the same co-interviewers, as the single start does; it is checked before anything starts.
    """
    organization_id = require_staff(actor)
    candidate_ids = _targets(session, organization_id, candidate_ids, matching)
    if not BULK_STEP_MIN_MINUTES <= step_minutes <= BULK_STEP_MAX_MINUTES:
        raise Invalid.on("step_minutes", BULK_STEP_RANGE_MESSAGE)
    interviews.find_interviewer(session, organization_id, interviewer_id)
    co_interviewers = interview_team.check_team(session, organization_id, interviewer_id, team)
    cvs, errors = _load(session, organization_id, candidate_ids)
    for position, cv in enumerate(cvs):
        if cv is not None and cv.status != CvStatus.PENDING:
            errors[_row_key(position)] = interviews.not_startable(cv).field_errors["candidate_id"]
    if errors:
        raise Invalid("Invalid data provided", errors)
    start = as_utc(first_slot)
    records: list[InterviewRecord] = []
    for position, cv in enumerate(cvs):
        assert cv is not None
        try:
            records.append(
                interviews.start_interview(
                    session,
                    actor=actor,
                    candidate_id=cv.id,
                    scheduled_at=start + timedelta(minutes=step_minutes * position),
                    interviewer_id=interviewer_id,
                )
            )
        except Invalid as exc:  # a concurrent start took this CV after the check: undo the whole batch
            raise Invalid("Invalid data provided", {_row_key(position): exc.field_errors["candidate_id"]}) from exc
    for record in records:
        interview_mail.queue_invitations(session, record)
        if co_interviewers:
            interview_team.set_interviewers(
                session, actor=actor, interview_id=record.interview.id, interviewer_ids=co_interviewers
            )
    batch = {record.interview.id for record in records}
    warnings = [warning for record in records for warning in scheduling.warnings_for(session, record, exclude=batch)]
    return BulkStarted(records, list(dict.fromkeys(warnings)))


def bulk_reject(
    session: Session,
    *,
    actor: AppUser,
    candidate_ids: Sequence[uuid.UUID | str] = (),
    remark: str | None,
    matching: CvFilter | None = None,
) -> list[UserCvData]:
    """Reject several CVs with one remark.

    A pending CV (no interview running) becomes rejected; an ongoing CV's pending interview is set to
    rejected through update-status (which records the StatusChange with the remark and moves the CV).
    Selected or rejected CVs are refused. `matching` instead of ids: every CV the filter keeps.
    """
    organization_id = require_staff(actor)
    candidate_ids = _targets(session, organization_id, candidate_ids, matching)
    remark = (remark or "").strip() or None
    if remark and len(remark) > REMARK_MAX_LENGTH:
        raise Invalid.on("remark", too_long(REMARK_MAX_LENGTH))
    cvs, errors = _load(session, organization_id, candidate_ids)
    open_interviews = _open_interviews(session, [cv.id for cv in cvs if cv is not None])
    for position, cv in enumerate(cvs):
        if cv is None:
            continue
        if cv.status in (CvStatus.SELECTED, CvStatus.REJECTED):
            errors[_row_key(position)] = [f"Candidate status is '{cv.status}'. Cannot reject."]
        elif cv.status == CvStatus.ONGOING and cv.id not in open_interviews:
            errors[_row_key(position)] = ["The candidate has no pending interview to reject."]
    if errors:
        raise Invalid("Invalid data provided", errors)
    chosen = [cv for cv in cvs if cv is not None]
    for cv in chosen:
        if cv.id in open_interviews:
            interviews.update_status(
                session,
                actor=actor,
                interview_id=open_interviews[cv.id],
                status=InterviewStatus.REJECTED,
                remark=remark,
            )
    _reject_pending(session, actor, [cv for cv in chosen if cv.id not in open_interviews], remark)
    session.flush()
    events.publish(session, organization_id, Topic.CVS, Topic.INTERVIEWS)
    return chosen


def _reject_pending(session: Session, actor: AppUser, cvs: list[UserCvData], remark: str | None) -> None:
    """pending -> rejected in one conditional UPDATE (a CV that moved meanwhile undoes the batch)."""
    if not cvs:
        return
    now = utcnow()
    changed = session.execute(
        update(UserCvData)
        .where(col(UserCvData.id).in_([cv.id for cv in cvs]), UserCvData.status == CvStatus.PENDING)
        .values(status=CvStatus.REJECTED, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != len(cvs):
        raise Invalid.on("candidate_ids", "Some candidates changed while rejecting; nothing was changed. Try again.")
    for cv in cvs:
        set_committed_value(cv, "status", CvStatus.REJECTED)
        set_committed_value(cv, "updated_at", now)
    before, after = {"status": CvStatus.PENDING}, {"status": CvStatus.REJECTED, "remark": remark}
    audit.record_many(session, actor, audit.ObjectType.CV, [(cv.id, "status_changed", before, after) for cv in cvs])


def _open_interviews(session: Session, cv_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """The newest pending interview of each CV. One query."""
    if not cv_ids:
        return {}
    rows = session.exec(
        select(Interview.candidate_id, Interview.id)
        .where(col(Interview.candidate_id).in_(cv_ids), Interview.status == InterviewStatus.PENDING)
        .order_by(col(Interview.created_at), col(Interview.id))
    ).all()
    return dict(rows)  # later (newer) rows win
