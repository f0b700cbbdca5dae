"""The blind rule on the live board and the CV profile (issue 18): a push never carries the lead's scorecard to a
tab whose viewer may not see it yet, though the organization's list is read once for every tab."""

from __future__ import annotations

import asyncio

from reflex.istate.data import RouterData

from hr_app.models import Evaluation, InterviewInterviewer, ScorecardStatus
from hr_app.ui.live import Push
from hr_app.ui.live.batch import PushBatch
from hr_app.ui.states.cv_profile import CvProfileState
from hr_app.ui.states.live import LiveState
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_user
from tests.ui.conftest import drain

RATED = {"appearance": 8, "knowledge": 8, "confidence": 8, "attitude": 8, "communication": 8}


def _team(db, org, lead):
    ravi = create_user(db, org, role="interviewer", first_name="Ravi")
    cv = create_cv(db, org, name="Bea Blind")
    interview = make_interview(db, org, cv=cv, interviewer=lead, **RATED)
    db.add(InterviewInterviewer(interview_id=interview.id, user_id=ravi.id))
    db.commit()
    return interview, ravi, cv


def _averages(states) -> list[str]:
    return [state.cards[0].average for state in states]


def test_one_push_shows_the_lead_card_to_staff_and_the_lead_and_hides_it_from_the_others(
    make_state, db, org, hr_user, interviewer
):
    interview, ravi, _ = _team(db, org, interviewer)
    outsider = create_user(db, org, role="interviewer")  # an interviewer of the organization, not of this interview
    tabs = [make_state(LiveState, user) for user in (hr_user, interviewer, ravi, outsider)]
    for tab in tabs:
        tab._organization_id = str(org.id)
    push = Push(str(org.id), PushBatch())  # one push: the list is read once, for the first tab's user (hr)

    async def refresh_all() -> list[bool]:
        return [await tab._refresh_from_push(push) for tab in tabs]

    assert asyncio.run(refresh_all()) == [True] * 4
    assert _averages(tabs) == ["8.0", "8.0", "", ""]
    assert [tab.cards[0].ratings_given for tab in tabs] == [5, 5, 0, 0]

    db.add(Evaluation(interview_id=interview.id, interviewer_id=ravi.id, status=ScorecardStatus.SUBMITTED))
    db.commit()
    push = Push(str(org.id), PushBatch())
    assert asyncio.run(refresh_all()) == [True] * 4
    assert _averages(tabs) == ["8.0", "8.0", "8.0", ""]  # Ravi submitted his own: he sees the others' now


def test_with_blind_scorecards_off_everyone_sees_the_board_as_before(make_state, db, org, hr_user, interviewer):
    org.blind_scorecards = False
    db.add(org)
    db.commit()
    _, ravi, _ = _team(db, org, interviewer)
    tab = make_state(LiveState, ravi)
    drain(tab.watch())
    assert tab.cards[0].average == "8.0"


def test_the_cv_profile_hides_the_rounds_rating_from_an_interviewer_who_has_not_submitted(
    make_state, db, org, interviewer
):
    _, ravi, cv = _team(db, org, interviewer)
    for user, expected in ((interviewer, "8.0"), (ravi, "Not rated yet")):
        state = make_state(CvProfileState, user)
        state.router = RouterData.from_router_data({"asPath": f"/cvs/{cv.id}", "pathname": "/cvs/[cv_id]"})
        drain(state.load())
        assert [row.average for row in state.rounds] == [expected]
