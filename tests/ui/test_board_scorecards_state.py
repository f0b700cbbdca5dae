"""The ongoing board's cards say how many scorecards are in (issue 18), read for all cards at once."""

from __future__ import annotations

from datetime import timedelta

from hr_app.db import session_scope
from hr_app.models import AppUser, Recommendation, Role
from hr_app.services import interview_team
from hr_app.ui.states.live import LiveState, _board_and_organization
from tests.factories import QueryCounter, create_user
from tests.ui.test_decision_view_state import _score
from tests.ui.test_scorecard_page_state import _interview


def test_each_card_counts_the_submitted_scorecards_with_two_queries_for_the_board(
    make_state, db, org, hr_user, interviewer
):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben")
    ravi = create_user(db, org, role=Role.INTERVIEWER, first_name="Ravi")
    team_one = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    alone = _interview(db, org, hr_user, ben, starts_in=timedelta(minutes=-10))
    with session_scope() as session:
        hr = session.get(AppUser, hr_user.id)
        interview_team.set_interviewers(session, actor=hr, interview_id=team_one, interviewer_ids=[ben.id, ravi.id])
    _score(team_one, interviewer, 7, Recommendation.YES)
    _score(team_one, ben, 8, Recommendation.YES)

    with session_scope() as session:
        board, _organization_id, _window = _board_and_organization(session, hr_user)
        with QueryCounter() as counter:
            interview_team.scorecard_progress(session, [record.interview for record in board[0]])
    assert counter.count == 2  # the team rows and the submitted scorecards, not a query per card
    state = make_state(LiveState, hr_user)
    state._show(board)
    assert {card.id: card.scorecards_in for card in state.cards} == {
        team_one: "2 of 3 scorecards in",
        alone: "0 of 1 scorecards in",
    }
