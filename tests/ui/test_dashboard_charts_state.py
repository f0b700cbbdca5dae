"""The dashboard's charts: CVs by status and by job title, average rating by job title, the week's bars."""

from __future__ import annotations

from hr_app.models import CvStatus
from tests.api.interview_support import make_interview
from tests.factories import create_cv, create_job_title
from tests.ui.conftest import drain


def test_chart_data_is_plain_rows(make_state, db, org, hr_user):
    from hr_app.ui.states.dashboard import DashboardState

    backend = create_job_title(db, org, "Backend")
    create_cv(db, org, name="One", job_title=backend)
    create_cv(db, org, name="Two", job_title=backend, status=CvStatus.REJECTED.value)
    create_cv(db, org, name="Three", job_title=create_job_title(db, org, "Design"))
    state = make_state(DashboardState, hr_user)
    drain(state.load())
    assert {row["name"]: row["count"] for row in state.status_chart} == {
        "Pending": 2,
        "Ongoing": 0,
        "Selected": 0,
        "Rejected": 1,
    }
    assert {row["name"]: row["count"] for row in state.job_chart} == {"Backend": 2, "Design": 1}
    assert state.rating_chart == []  # no evaluation yet

    rated = create_cv(db, org, name="Rated", job_title=backend)
    make_interview(db, org, cv=rated, appearance=4, knowledge=4, confidence=4, attitude=4, communication=4)
    drain(state.load())
    assert [(row["name"], round(row["average"], 1)) for row in state.rating_chart] == [("Backend", 4.0)]
    assert state.rating_chart[0]["caption"] == "4.0 · 1 rated"  # the chart says how many interviews it rests on
    assert state.job_chart_height == 200  # two titles: the minimum; a long list grows one row at a time
    assert len(state.week_chart) == 7 and all(row["count"] == 0 for row in state.week_chart)
