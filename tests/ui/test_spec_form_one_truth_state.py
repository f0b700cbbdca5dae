"""One truth for the five ratings on the interview page (issue 18, decision 114): an interviewer sets them in My
scorecard only, and the spec's evaluation form shows them read-only from that scorecard, even while its text
fields have unsaved edits; the form shows and writes the caller's own scorecard (a co-interviewer's, not the lead's)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from hr_app.db import session_scope
from hr_app.models import AppUser, Role
from hr_app.services import interview_team, scorecards
from tests.factories import create_user
from tests.ui.conftest import drain
from tests.ui.test_scorecard_form_state import _open
from tests.ui.test_scorecard_page_state import _interview


def _card(interview_id: str, user: AppUser):
    with session_scope() as session:
        return scorecards.scorecard_of(session, uuid.UUID(interview_id), user.id)


def test_the_leads_ratings_are_set_in_the_scorecard_and_shown_in_the_spec_form(
    make_state, db, org, hr_user, interviewer
):
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    page = _open(make_state, interviewer, interview_id)
    drain(page._read())
    assert page.rates_in_scorecard and page.form["knowledge"] == ""
    page.set_field("knowledge", "3")  # the spec form's rating is read-only for an interviewer
    assert page.form["knowledge"] == ""

    page.set_field("languages", "English, Hindi")  # typed in the spec form, not saved yet
    page.set_rating("knowledge", "8")
    drain(page.save_draft())
    assert page.form["knowledge"] == "8" and page.form["languages"] == "English, Hindi"

    drain(page.save())  # the spec form's save sends its texts, never a rating
    card = _card(interview_id, interviewer)
    assert (card.knowledge, card.languages) == (8, "English, Hindi")
    page.set_rating("knowledge", "6")
    drain(page.save_draft())
    assert page.form["knowledge"] == "6" and _card(interview_id, interviewer).knowledge == 6


def test_a_co_interviewer_sees_and_writes_their_own_scorecard_in_the_spec_form(
    make_state, db, org, hr_user, interviewer
):
    ben = create_user(db, org, role=Role.INTERVIEWER, first_name="Ben", last_name="Oak")
    interview_id = _interview(db, org, hr_user, interviewer, starts_in=timedelta(minutes=-5))
    with session_scope() as session:
        hr = session.get(AppUser, hr_user.id)
        interview_team.set_interviewers(session, actor=hr, interview_id=interview_id, interviewer_ids=[ben.id])
    hr_page = _open(make_state, hr_user, interview_id)
    drain(hr_page._read())
    assert not hr_page.rates_in_scorecard  # admin and hr write the lead's scorecard here, ratings included
    hr_page.set_field("knowledge", "7")
    hr_page.set_field("languages", "Hindi")
    drain(hr_page.save())
    assert _card(interview_id, interviewer).knowledge == 7

    ben_page = _open(make_state, ben, interview_id)
    drain(ben_page._read())
    assert ben_page.rates_in_scorecard and ben_page.form["languages"] == "" and ben_page.form["knowledge"] == ""
    ben_page.set_field("languages", "English")
    drain(ben_page.save())
    assert ben_page.form["languages"] == "English"  # what was saved stays in view
    assert _card(interview_id, ben).languages == "English" and _card(interview_id, interviewer).languages == "Hindi"
