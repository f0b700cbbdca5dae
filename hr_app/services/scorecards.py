"""Scorecards: who interviews, who may write and see which scorecard, and the job titles' criteria (issue 18).

An interview's interviewers are its lead (`Interview.interviewer_id`, the spec's `interviewer`) and the
`InterviewInterviewer` rows; each writes their own scorecard (an `Evaluation` row, decision 60).
"""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from hr_app.kit.time import utcnow
from hr_app.models import Evaluation, Interview, InterviewInterviewer
from hr_app.schemas.records import has_data


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
