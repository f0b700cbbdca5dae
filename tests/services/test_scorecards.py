"""Scorecards in the service layer: who interviews, and what happens to scorecards when the lead changes."""

from __future__ import annotations

from sqlmodel import Session, select

from hr_app.models import Evaluation, InterviewInterviewer, Role
from hr_app.services import interviews, scorecards
from tests.api.interview_support import make_interview
from tests.factories import create_user


def _cards(db: Session, interview_id) -> dict[int | None, int | None]:
    db.expire_all()
    rows = db.exec(select(Evaluation).where(Evaluation.interview_id == interview_id)).all()
    return {row.interviewer_id: row.knowledge for row in rows}


def _co(db: Session, interview_id) -> set[int]:
    rows = db.exec(select(InterviewInterviewer).where(InterviewInterviewer.interview_id == interview_id)).all()
    return {row.user_id for row in rows}


def test_an_empty_scorecard_follows_the_new_lead(db, org):
    ann, ben = create_user(db, org, role=Role.INTERVIEWER), create_user(db, org, role=Role.INTERVIEWER)
    interview = make_interview(db, org, interviewer=ann)
    interview.interviewer_id = ben.id
    scorecards.hand_over_lead(db, interview, ann.id)
    db.commit()
    assert _cards(db, interview.id) == {ben.id: None} and _co(db, interview.id) == set()


def test_a_written_scorecard_stays_its_authors_who_stays_on_the_interview(db, org):
    ann, ben = create_user(db, org, role=Role.INTERVIEWER), create_user(db, org, role=Role.INTERVIEWER)
    interview = make_interview(db, org, interviewer=ann, knowledge=7)
    db.add(InterviewInterviewer(interview_id=interview.id, user_id=ben.id))
    db.commit()
    interview.interviewer_id = ben.id
    scorecards.hand_over_lead(db, interview, ann.id)
    db.commit()
    assert _cards(db, interview.id) == {ann.id: 7} and _co(db, interview.id) == {ann.id}


def test_the_spec_form_shows_the_scorecard_its_save_writes(db, org, hr_user):
    ann, ben = create_user(db, org, role=Role.INTERVIEWER), create_user(db, org, role=Role.INTERVIEWER)
    interview = make_interview(db, org, interviewer=ann, knowledge=7)
    db.add(InterviewInterviewer(interview_id=interview.id, user_id=ben.id))
    db.add(Evaluation(interview_id=interview.id, interviewer_id=ben.id, knowledge=3))
    db.commit()

    def shown(user) -> int | None:
        record = scorecards.as_seen_by(db, user, interviews.get_interview(db, actor=user, interview_id=interview.id))
        card = scorecards.spec_form_card(db, user, record)
        return card.knowledge if card else None

    assert (shown(ann), shown(ben), shown(hr_user)) == (7, 3, 7)  # the lead's own, Ben's own, hr the lead's
