"""The Ongoing board shows a CV's current round only, labelled from round 2 on ("Round 2"); the interviews list labels
every round after the first."""

from __future__ import annotations

from datetime import UTC, datetime

from hr_app.db import session_scope
from hr_app.models import CvStatus
from hr_app.services import interviews
from hr_app.ui.states.live import LiveState
from tests.api.interview_support import make_interview
from tests.factories import create_cv
from tests.ui.conftest import push_to


def test_the_board_labels_a_second_round(make_state, db, org, hr_user, interviewer):
    first = make_interview(
        db, org, cv=create_cv(db, org, name="Rita Round"), status="selected", cv_status=CvStatus.SELECTED
    )
    make_interview(db, org, cv=create_cv(db, org, name="Olli Once"), interviewer=interviewer)
    with session_scope() as session:
        interviews.next_round(
            session,
            actor=session.merge(hr_user),
            interview_id=first.id,
            scheduled_at=datetime(2030, 1, 15, 10, 0, tzinfo=UTC),
            interviewer_id=interviewer.id,
        )
    state = make_state(LiveState, hr_user, tz_offset=0)
    state._organization_id = str(org.id)
    assert push_to(state, str(org.id))
    cards = {card.candidate_name: (card.round_label, card.status) for card in state.cards}
    assert cards == {"Rita Round": ("Round 2", "pending"), "Olli Once": ("", "pending")}


def test_the_interviews_list_labels_each_round(make_state, db, org, hr_user):
    from hr_app.ui.states.interviews import InterviewsState
    from tests.ui.conftest import drain

    first = make_interview(
        db, org, cv=create_cv(db, org, name="Lia List"), status="selected", cv_status=CvStatus.SELECTED
    )
    with session_scope() as session:
        interviews.next_round(
            session,
            actor=session.merge(hr_user),
            interview_id=first.id,
            scheduled_at=datetime(2030, 1, 16, 10, 0, tzinfo=UTC),
        )
    state = make_state(InterviewsState, hr_user)
    drain(state.load())
    labels = sorted((row.candidate_name, row.round_label, row.status) for row in state.page_rows)
    assert labels == [("Lia List", "", "selected"), ("Lia List", "Round 2", "pending")]
