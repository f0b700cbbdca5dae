"""Interviews: starting one from a pending CV, next rounds, listing, reading, changing status, deleting.

The CV's status follows its latest round's interview in the same transaction:
start -> ongoing; selected -> selected; rejected -> rejected; back to pending -> ongoing; next round -> ongoing;
deleting a first round puts an ongoing CV back to pending (selected/rejected stay), deleting a later round gives
the CV its previous round's decision back. A round that has a next one keeps its decision (it cannot change).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hr_app.kit.access import organization_of, require_staff
from hr_app.kit.errors import Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.limits import REMARK_MAX_LENGTH, too_long
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import (
    AppUser,
    CvStatus,
    Evaluation,
    Interview,
    InterviewStatus,
    JobTitle,
    Organization,
    StatusChange,
    UserCvData,
    is_lead_scorecard,
)
from hr_app.schemas.records import InterviewRecord
from hr_app.services import audit, decision_mail, events, voice_notes
from hr_app.services.events import Topic
from hr_app.services.pagination import Listing, PageRequest, fetch

CV_STATUS_FOR: dict[InterviewStatus, CvStatus] = {
    InterviewStatus.SELECTED: CvStatus.SELECTED,
    InterviewStatus.REJECTED: CvStatus.REJECTED,
    InterviewStatus.PENDING: CvStatus.ONGOING,
}


_RecordRow = tuple[Interview, UserCvData, str | None, AppUser | None, Evaluation | None]


def interview_snapshot(record: InterviewRecord) -> dict[str, object]:
    """What the audit trail keeps of an interview (names too, so the trail reads without joins)."""
    interview = record.interview
    return {
        "candidate_id": str(interview.candidate_id),
        "candidate": record.candidate.name,
        "interviewer_id": interview.interviewer_id,
        "interviewer": record.interviewer.full_name if record.interviewer else None,
        "scheduled_at": audit.json_value(interview.scheduled_at),
        "status": interview.status,
        **({"round": interview.round} if interview.round > 1 else {}),
    }


def record_cv_status(session: Session, actor: AppUser, cv: UserCvData, before: str, **extra: object) -> None:
    """An audit entry for a CV whose status the interview workflow moved (none when it stayed)."""
    if before != cv.status:
        audit.record(
            session,
            actor,
            audit.ObjectType.CV,
            cv.id,
            "status_changed",
            {"status": before},
            {"status": cv.status, **extra},
        )


def interview_not_found() -> NotFound:
    return NotFound("Interview not found", "The requested interview does not exist")


def record_query(organization_id: uuid.UUID) -> Select[_RecordRow]:
    return (
        select(Interview, UserCvData, JobTitle.name, AppUser, Evaluation)
        .join(UserCvData, UserCvData.id == Interview.candidate_id)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .outerjoin(AppUser, AppUser.id == Interview.interviewer_id)
        .outerjoin(Evaluation, is_lead_scorecard())
        .where(Interview.organization_id == organization_id)
    )


def _newest_first(query: Select[_RecordRow]) -> Select[_RecordRow]:
    return query.order_by(Interview.created_at.desc(), Interview.id.desc())


def _record(row: _RecordRow) -> InterviewRecord:
    return InterviewRecord(*row)


def list_interviews(session: Session, *, actor: AppUser, page: PageRequest | None = None) -> Listing[InterviewRecord]:
    """Every interview of the organization (or one page), newest first. One query, two with a page."""
    return fetch(session, _newest_first(record_query(organization_of(actor))), page, _record)


def list_ongoing_interviews(
    session: Session, *, actor: AppUser, page: PageRequest | None = None
) -> Listing[InterviewRecord]:
    """Interviews whose CV is ongoing (or one page), newest first. One query, two with a page."""
    query = record_query(organization_of(actor)).where(
        UserCvData.status == CvStatus.ONGOING,
        Interview.status == InterviewStatus.PENDING,  # not its earlier rounds
    )
    return fetch(session, _newest_first(query), page, _record)


def ongoing_interviews_among(
    session: Session, *, actor: AppUser, interview_ids: Iterable[uuid.UUID | str]
) -> list[InterviewRecord]:
    """Those of `interview_ids` that are on the ongoing list (a live board's changed cards); one query."""
    ids = [parsed for parsed in map(parse_uuid, interview_ids) if parsed is not None]
    if not ids:
        return []
    query = record_query(organization_of(actor)).where(
        col(Interview.id).in_(ids), UserCvData.status == CvStatus.ONGOING, Interview.status == InterviewStatus.PENDING
    )
    return [InterviewRecord(*row) for row in session.exec(query).all()]


def get_interview(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> InterviewRecord:
    """One interview of the actor's organization; unknown, malformed or foreign ids are all 404."""
    parsed = parse_uuid(interview_id)
    if parsed is None:
        raise interview_not_found()
    row = session.exec(record_query(organization_of(actor)).where(Interview.id == parsed)).first()
    if row is None:
        raise interview_not_found()
    return InterviewRecord(*row)


def get_interview_for_update(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> InterviewRecord:
    """`get_interview`, after taking the interview's write lock for the rest of the transaction.

    A no-op UPDATE locks the row on PostgreSQL and takes SQLite's write lock, so concurrent writers on one
    interview run one after the other and each reads what the previous one committed (no lost update).
    """
    parsed = parse_uuid(interview_id)
    if parsed is not None:
        session.execute(
            update(Interview)
            .where(Interview.id == parsed, Interview.organization_id == organization_of(actor))
            .values(updated_at=Interview.updated_at)
        )
    return get_interview(session, actor=actor, interview_id=interview_id)


# --- starting an interview --------------------------------------------------------------------------


def _candidate(session: Session, organization_id: uuid.UUID, candidate_id: uuid.UUID | str) -> UserCvData:
    parsed = parse_uuid(candidate_id)
    cv = session.get(UserCvData, parsed) if parsed else None
    if cv is None or cv.organization_id != organization_id:
        raise NotFound("Candidate not found", "No candidate found with the provided ID")
    return cv


def find_interviewer(session: Session, organization_id: uuid.UUID, interviewer_id: int | None) -> AppUser | None:
    if interviewer_id is None:
        return None
    user = session.get(AppUser, interviewer_id)
    if user is None or user.organization_id != organization_id or not user.is_active:
        raise Invalid.on("interviewer_id", "Interviewer with this ID does not exist")
    return user


def not_startable(cv: UserCvData) -> Invalid:
    if cv.status in (CvStatus.SELECTED, CvStatus.REJECTED):
        return Invalid.on("candidate_id", f"Candidate status is '{cv.status}'. Cannot start new interview.")
    return Invalid.on("candidate_id", f"Interview for {cv.name} is already in progress")


def _claim_pending_cv(session: Session, cv: UserCvData) -> None:
    """pending -> ongoing as one conditional UPDATE: of concurrent starts, exactly one wins.

    It is the transaction's first write, so on SQLite it takes the write lock and the others wait
    for it (busy_timeout), then see the CV no longer pending; on PostgreSQL the row lock does the same.
    """
    claimed = session.execute(
        update(UserCvData)
        .where(
            UserCvData.id == cv.id,
            UserCvData.organization_id == cv.organization_id,
            UserCvData.status == CvStatus.PENDING,
        )
        .values(status=CvStatus.ONGOING, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.refresh(cv)
    if claimed.rowcount != 1:
        raise not_startable(cv)


def start_interview(
    session: Session,
    *,
    actor: AppUser,
    candidate_id: uuid.UUID | str,
    scheduled_at: datetime,
    interviewer_id: int | None = None,
) -> InterviewRecord:
    """Move a pending CV to ongoing and create its interview (pending) with an empty evaluation."""
    organization_id = organization_of(actor)
    cv = _candidate(session, organization_id, candidate_id)
    # Both field problems are reported together (candidate first, as the fields are listed), nothing written.
    problems = not_startable(cv).field_errors if cv.status != CvStatus.PENDING else {}
    try:
        interviewer = find_interviewer(session, organization_id, interviewer_id)
    except Invalid as invalid:
        raise Invalid(invalid.message, {**problems, **invalid.field_errors}) from None
    if problems:
        raise Invalid("Invalid data provided", problems)
    _claim_pending_cv(session, cv)
    record = _add_round(session, actor, cv, interviewer, scheduled_at, latest_round(session, cv.id) + 1)
    record_cv_status(session, actor, cv, CvStatus.PENDING)
    session.flush()
    events.publish(session, organization_id, Topic.INTERVIEWS, Topic.CVS, interview_ids=[record.interview.id])
    return record


def _add_round(
    session: Session, actor: AppUser, cv: UserCvData, interviewer: AppUser | None, scheduled_at: datetime, number: int
) -> InterviewRecord:
    interview = Interview(
        organization_id=cv.organization_id,
        candidate_id=cv.id,
        interviewer_id=interviewer.id if interviewer else None,
        scheduled_at=as_utc(scheduled_at),
        round=number,
    )
    session.add(interview)
    session.flush()
    session.add(Evaluation(interview_id=interview.id, interviewer_id=interview.interviewer_id))
    record = get_interview(session, actor=actor, interview_id=interview.id)
    audit.record(session, actor, audit.ObjectType.INTERVIEW, interview.id, "created", None, interview_snapshot(record))
    return record


def latest_round(session: Session, cv_id: uuid.UUID) -> int:
    """The CV's highest round number (0 when it has no interview)."""
    return session.exec(select(func.max(Interview.round)).where(Interview.candidate_id == cv_id)).one() or 0


def _later_round_problem(session: Session, interview: Interview) -> str | None:
    latest = latest_round(session, interview.candidate_id)
    if latest > interview.round:
        return f"Round {latest} already follows this interview (round {interview.round}), which keeps its decision."
    return None


NO_NEXT_ROUND = "Cannot start the next round"


def next_round(
    session: Session,
    *,
    actor: AppUser,
    interview_id: uuid.UUID | str,
    scheduled_at: datetime,
    interviewer_id: int | None = None,
) -> InterviewRecord:
    """Admin or hr: after a selected round n, start round n+1 (pending) for the same CV, which is ongoing again.

    Round n stays as it was. Only the CV's latest round leads to a next one, and only once it is selected;
    of two concurrent calls one wins (the interview's write lock, and one round number per CV in the database).
    """
    organization_id = require_staff(actor)
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview, cv = record.interview, record.candidate
    later = _later_round_problem(session, interview)
    if later:
        raise Invalid(NO_NEXT_ROUND, later)
    if interview.status != InterviewStatus.SELECTED:
        raise Invalid(
            NO_NEXT_ROUND, f"Interview status is '{interview.status}'. Only a selected interview leads to a next round."
        )
    interviewer = find_interviewer(session, organization_id, interviewer_id)
    before_cv_status = cv.status
    cv.status, cv.updated_at = CvStatus.ONGOING, utcnow()
    session.add(cv)
    started = _add_round(session, actor, cv, interviewer, scheduled_at, interview.round + 1)
    record_cv_status(session, actor, cv, before_cv_status)
    session.flush()
    events.publish(session, organization_id, Topic.INTERVIEWS, Topic.CVS, interview_ids=[started.interview.id])
    return started


# --- status and deletion ----------------------------------------------------------------------------


def update_status(
    session: Session,
    *,
    actor: AppUser,
    interview_id: uuid.UUID | str,
    status: InterviewStatus | str,
    remark: str | None = None,
    notify_candidate: bool = True,
    candidate_message: str | None = None,
) -> InterviewRecord:
    """Admin or hr: set selected / rejected / pending, sync the CV and record the change.

    With the organization's decision messages on, a select or reject also queues the candidate's message:
    `candidate_message` (HR's edit) or the default text, unless `notify_candidate` is False.
    """
    organization_id = require_staff(actor)
    if status not in set(InterviewStatus):
        raise Invalid.on("status", f'"{status}" is not a valid choice.')
    status = InterviewStatus(status)
    remark = remark.strip() if remark else None
    if remark and len(remark) > REMARK_MAX_LENGTH:
        raise Invalid.on("remark", too_long(REMARK_MAX_LENGTH))
    candidate_message = decision_mail.checked_text(candidate_message)
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview, cv, now = record.interview, record.candidate, utcnow()
    later = _later_round_problem(session, interview)
    if later:
        raise Invalid.on("status", later)
    before_status, before_cv_status = interview.status, cv.status
    change = StatusChange(
        organization_id=organization_id,
        interview_id=interview.id,
        changed_by_id=actor.id,
        from_status=interview.status,
        to_status=status,
        remark=remark or None,
        created_at=now,
    )
    interview.status, interview.updated_at = status, now
    cv.status, cv.updated_at = CV_STATUS_FOR[status], now
    session.add_all([change, interview, cv])
    audit.record(
        session,
        actor,
        audit.ObjectType.INTERVIEW,
        interview.id,
        "status_changed",
        {"status": before_status},
        {"status": status, "remark": remark or None},
    )
    record_cv_status(session, actor, cv, before_cv_status)
    session.flush()
    organization = session.get(Organization, organization_id)
    if notify_candidate and decision_mail.goes_out(organization, record, status):
        decision_mail.queue_decision(session, organization, record, change_id=change.id, text=candidate_message)
    events.publish(session, organization_id, Topic.INTERVIEWS, Topic.CVS, interview_ids=[record.interview.id])
    return record


def decision_draft(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, status: str) -> str:
    """The message a select or reject would send the candidate now, for HR to read and edit ("" if none goes)."""
    organization_id = require_staff(actor)
    record = get_interview(session, actor=actor, interview_id=interview_id)
    organization = session.get(Organization, organization_id)
    if status not in set(InterviewStatus) or not decision_mail.goes_out(organization, record, InterviewStatus(status)):
        return ""
    return decision_mail.default_text(organization, record, InterviewStatus(status))


def _previous_round(session: Session, interview: Interview) -> Interview | None:
    query = (
        select(Interview)
        .where(Interview.candidate_id == interview.candidate_id, Interview.round < interview.round)
        .order_by(Interview.round.desc())
    )
    return session.exec(query).first()


def delete_interview(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> None:
    """Admin or hr: remove the interview, its scorecards, history and voice note files (after commit)."""
    organization_id = require_staff(actor)
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    interview, cv = record.interview, record.candidate
    later = _later_round_problem(session, interview)
    if later:
        raise Invalid("Cannot delete interview", f"{later} Delete the later rounds first.")
    audit.record(session, actor, audit.ObjectType.INTERVIEW, interview.id, "deleted", interview_snapshot(record), None)
    previous = _previous_round(session, interview)
    if previous is not None and cv.status != CV_STATUS_FOR[previous.status]:
        before_cv_status = cv.status
        cv.status, cv.updated_at = CV_STATUS_FOR[previous.status], utcnow()
        session.add(cv)
        record_cv_status(session, actor, cv, before_cv_status)
    elif previous is None and cv.status == CvStatus.ONGOING:
        cv.status, cv.updated_at = CvStatus.PENDING, utcnow()
        session.add(cv)
        record_cv_status(session, actor, cv, CvStatus.ONGOING)
    for scorecard in session.exec(select(Evaluation).where(Evaluation.interview_id == interview.id)):
        voice_notes.remove_after_commit(session, scorecard.voice_note_file)
        session.delete(scorecard)
    session.flush()
    session.execute(delete(StatusChange).where(StatusChange.interview_id == interview.id))
    session.delete(interview)
    session.flush()
    events.publish(session, organization_id, Topic.INTERVIEWS, Topic.CVS, interview_ids=[interview.id])
