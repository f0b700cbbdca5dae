"""Scorecards: who interviews, who may write and see which scorecard, and the job titles' criteria (issue 18).

An interview's interviewers are its lead (`Interview.interviewer_id`, the spec's `interviewer`) and the
`InterviewInterviewer` rows; each writes their own scorecard (an `Evaluation` row, decision 60).
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlmodel import Session, col, select

from hr_app.kit.access import NO_PERMISSION, STAFF_ROLES
from hr_app.kit.errors import Forbidden, Invalid
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import AppUser, Evaluation, Interview, InterviewInterviewer, Organization, ScorecardStatus
from hr_app.schemas.records import InterviewRecord, has_data


def scorecard_of(session: Session, interview_id: uuid.UUID, interviewer_id: int | None) -> Evaluation | None:
    return session.exec(
        select(Evaluation).where(
            Evaluation.interview_id == interview_id,
            col(Evaluation.interviewer_id).is_not_distinct_from(interviewer_id),
        )
    ).first()


def hand_over_lead(session: Session, interview: Interview, previous_lead_id: int | None) -> None:
    """After the lead changed: an empty scorecard of the previous lead moves to the new one; one holding data stays
    its author's, who stays on the interview as a co-interviewer (decision 62). The lead is never a co-row."""
    new_lead_id = interview.interviewer_id
    if new_lead_id == previous_lead_id:
        return
    previous = scorecard_of(session, interview.id, previous_lead_id)
    current = scorecard_of(session, interview.id, new_lead_id)
    if new_lead_id is not None:
        row = session.get(InterviewInterviewer, (interview.id, new_lead_id))
        if row is not None:
            session.delete(row)
    if previous is not None and not has_data(previous):
        if current is None:
            previous.interviewer_id, previous.updated_at = new_lead_id, utcnow()
            session.add(previous)
        else:
            session.delete(previous)
    elif (
        previous is not None
        and previous_lead_id is not None
        and session.get(InterviewInterviewer, (interview.id, previous_lead_id)) is None
    ):
        session.add(InterviewInterviewer(interview_id=interview.id, user_id=previous_lead_id))
    session.flush()


# --- who writes and who sees ----------------------------------------------------------------------------

WRITE_REFUSED = "Only the interview's interviewers, or admin and hr for the lead's scorecard, can write it."
NOT_STARTED = "The interview has not started yet: scorecards open at its scheduled start."
SUBMITTED = "This scorecard is submitted: its author reopens it (with a reason) to change it."


def interviewer_ids(session: Session, interview: Interview) -> list[int]:
    """The lead first, then the others in the order they were added."""
    others = session.exec(
        select(InterviewInterviewer.user_id)
        .where(InterviewInterviewer.interview_id == interview.id)
        .order_by(col(InterviewInterviewer.created_at), col(InterviewInterviewer.user_id))
    ).all()
    lead = [interview.interviewer_id] if interview.interviewer_id is not None else []
    return [*lead, *(user_id for user_id in others if user_id != interview.interviewer_id)]


def spec_write_target(session: Session, actor: AppUser, interview: Interview) -> Evaluation:
    """The scorecard the spec's evaluation routes write for `actor`: their own when they interview, the lead's for
    admin and hr, else 403. Nobody writes before the scheduled start, nor into a submitted scorecard (400)."""
    if actor.id in interviewer_ids(session, interview):
        author_id: int | None = actor.id
    elif actor.role in STAFF_ROLES:
        author_id = interview.interviewer_id
    else:
        raise Forbidden(NO_PERMISSION, WRITE_REFUSED)
    if utcnow() < as_utc(interview.scheduled_at):
        raise Invalid("Invalid evaluation data", {"non_field_errors": [NOT_STARTED]})
    scorecard = scorecard_of(session, interview.id, author_id)
    if scorecard is not None and scorecard.status == ScorecardStatus.SUBMITTED:
        raise Invalid("Invalid evaluation data", {"non_field_errors": [SUBMITTED]})
    return scorecard or Evaluation(interview_id=interview.id, interviewer_id=author_id)


def write_refusal(session: Session, actor: AppUser, interview: Interview) -> str:
    """Why `actor` cannot fill in a scorecard of this interview now, or "" when they can: the interview page shows
    its form read-only with this sentence rather than letting a save be refused."""
    try:
        spec_write_target(session, actor, interview)
    except Forbidden as refused:
        return str(refused.details)
    except Invalid as refused:
        return " ".join(" ".join(problems) for problems in refused.field_errors.values())
    return ""


def sees_others(session: Session, actor: AppUser, interview: Interview) -> bool:
    """Blind until submitted: admin and hr see every scorecard; with the organization's blind setting on, anyone else
    sees the others' only once their own is submitted (decision 63)."""
    if actor.role in STAFF_ROLES:
        return True
    organization = session.get(Organization, interview.organization_id)
    if organization is None or not organization.blind_scorecards:
        return True
    own = scorecard_of(session, interview.id, actor.id)
    return own is not None and own.status == ScorecardStatus.SUBMITTED


def as_seen_by(session: Session, actor: AppUser, record: InterviewRecord) -> InterviewRecord:
    """The record with the lead's scorecard (the spec's evaluation) left out when `actor` may not see it yet."""
    interview = record.interview
    if record.evaluation is None or actor.id == interview.interviewer_id or sees_others(session, actor, interview):
        return record
    return replace(record, evaluation=None)
