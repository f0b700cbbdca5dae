"""GET /api/dashboard/: the hiring dashboard's figures."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlmodel import select

from hr_app.kit.time import utcnow
from hr_app.models import PanelCandidate
from tests.api.interview_support import UNAUTHORIZED, make_interview, validation_error
from tests.factories import QueryCounter, create_cv, create_job_title
from tests.question_factories import create_bank, create_panel

URL = "/api/dashboard/"


def _scheduled(db, interview, day: int, hour: int = 10) -> None:
    interview.scheduled_at = datetime(2025, 11, day, hour, tzinfo=UTC)
    db.add(interview)
    db.commit()


def _submitted(db, candidate: PanelCandidate, score: int) -> None:
    candidate.score, candidate.opened_at, candidate.submitted_at = score, utcnow(), utcnow()
    candidate.points = Decimal(score)  # a whole score's points, as grading sets them (the pass rule reads points)
    db.add(candidate)
    db.commit()


@pytest.fixture
def hiring(db, org, other_org):
    developer = create_job_title(db, org, "Developer")
    analyst = create_job_title(db, org, "Analyst")
    for status in ("pending", "pending", "selected"):
        create_cv(db, org, job_title=developer, status=status)
    create_cv(db, org, job_title=analyst, status="rejected")
    no_title = create_cv(db, org, status="pending")
    no_title.job_title_id = None
    db.add(no_title)
    db.commit()
    a = make_interview(
        db,
        org,
        cv=create_cv(db, org, job_title=developer),
        appearance=8,
        knowledge=9,
        confidence=7,
        attitude=8,
        communication=9,
    )
    b = make_interview(db, org, cv=create_cv(db, org, job_title=developer), appearance=6, knowledge=6)
    c = make_interview(db, org, cv=create_cv(db, org, job_title=analyst), status="selected", cv_status="selected")
    _scheduled(db, a, 17)  # Monday of 2025-W47
    _scheduled(db, b, 19)
    _scheduled(db, c, 24)  # next week
    bank = create_bank(db, org, easy=4, medium=4, hard=4)
    cvs = [create_cv(db, org, job_title=analyst) for _ in range(4)]
    panel, candidates = create_panel(db, org, bank, name="Python Panel", candidates=cvs, easy=2, medium=2, hard=1)
    _submitted(db, candidates[0], 3)  # 60%: passes
    _submitted(db, candidates[1], 2)  # 40%
    _submitted(db, candidates[2], 5)
    empty, _ = create_panel(db, org, bank, name="Empty Panel")
    make_interview(db, other_org, appearance=1)  # another organization: never counted
    create_cv(db, other_org)
    return panel, empty, developer, analyst


def test_the_figures(client, auth_headers_interviewer, hiring):
    panel, empty, developer, analyst = hiring
    response = client.get(URL, headers=auth_headers_interviewer, params={"week": "2025-W47"})
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Dashboard retrieved successfully"
    data = body["data"]
    assert data["cvs_by_status"] == {"pending": 7, "ongoing": 2, "selected": 2, "rejected": 1}
    by_title = {row["job_title"]: row for row in data["cvs_by_job_title"]}
    assert list(by_title) == ["Analyst", "Developer", "No job title"]
    assert by_title["Developer"] == {
        "job_title_id": developer.id,
        "job_title": "Developer",
        "pending": 2,
        "ongoing": 2,
        "selected": 1,
        "rejected": 0,
        "total": 5,
    }
    assert by_title["Analyst"] == {
        "job_title_id": analyst.id,
        "job_title": "Analyst",
        "pending": 4,
        "ongoing": 0,
        "selected": 1,
        "rejected": 1,
        "total": 6,
    }
    assert by_title["No job title"]["total"] == 1 and by_title["No job title"]["job_title_id"] is None
    assert data["interviews_this_week"] == {
        "week": "2025-W47",
        "start": "2025-11-17",
        "total": 2,
        "by_status": {"pending": 2, "selected": 0, "rejected": 0},
        "by_day": [
            {"date": "2025-11-17", "count": 1},
            {"date": "2025-11-18", "count": 0},
            {"date": "2025-11-19", "count": 1},
            {"date": "2025-11-20", "count": 0},
            {"date": "2025-11-21", "count": 0},
            {"date": "2025-11-22", "count": 0},
            {"date": "2025-11-23", "count": 0},
        ],
    }
    # Developer: (8.2 + 6.0) / 2 = 7.1; Analyst's interview has no rating yet
    assert data["average_rating_by_job_title"] == [
        {"job_title_id": developer.id, "job_title": "Developer", "average_rating": 7.1, "rated_interviews": 2}
    ]
    assert data["panel_pass_rates"] == [
        {
            "panel_id": str(empty.id),
            "name": "Empty Panel",
            "questions": 3,
            "is_active": True,
            "candidates": 0,
            "submitted": 0,
            "passed": 0,
            "pass_rate": None,
        },
        {
            "panel_id": str(panel.id),
            "name": "Python Panel",
            "questions": 5,
            "is_active": True,
            "candidates": 4,
            "submitted": 3,
            "passed": 2,
            "pass_rate": 66.7,
        },
    ]


def test_the_cv_counts_exactly(client, db, org, auth_headers_hr):
    title = create_job_title(db, org, "Developer")
    create_cv(db, org, job_title=title)
    data = client.get(URL, headers=auth_headers_hr).json()["data"]
    assert data["cvs_by_job_title"] == [
        {
            "job_title_id": title.id,
            "job_title": "Developer",
            "pending": 1,
            "ongoing": 0,
            "selected": 0,
            "rejected": 0,
            "total": 1,
        }
    ]
    assert data["average_rating_by_job_title"] == [] and data["panel_pass_rates"] == []


def test_an_empty_organization(client, auth_headers_outsider):
    data = client.get(URL, headers=auth_headers_outsider, params={"week": "2025-W47"}).json()["data"]
    assert data["cvs_by_status"] == {"pending": 0, "ongoing": 0, "selected": 0, "rejected": 0}
    assert data["cvs_by_job_title"] == [] and data["interviews_this_week"]["total"] == 0


def test_a_fixed_number_of_queries(client, db, org, auth_headers_hr, hiring):
    with QueryCounter() as small:
        client.get(URL, headers=auth_headers_hr)
    for _ in range(10):
        make_interview(db, org, cv=create_cv(db, org, job_title=hiring[2]), appearance=5)
    with QueryCounter() as large:
        client.get(URL, headers=auth_headers_hr)
    assert small.count == large.count == 6, large.statements  # caller, ended panels, then four figures


def test_an_ended_panel_is_scored_first(client, db, org, auth_headers_hr):
    bank = create_bank(db, org)
    panel, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
    client.get(f"/api/panel/session/{candidate.token}/")  # opened, answers nothing
    panel.end_datetime = utcnow()
    db.add(panel)
    db.commit()
    rates = client.get(URL, headers=auth_headers_hr).json()["data"]["panel_pass_rates"]
    assert (rates[0]["is_active"], rates[0]["submitted"], rates[0]["passed"], rates[0]["pass_rate"]) == (
        False,
        1,
        0,
        0.0,
    )
    db.expire_all()
    assert db.exec(select(PanelCandidate)).one().submitted_at is not None


def test_bad_week_is_400(client, auth_headers_hr):
    response = client.get(URL, headers=auth_headers_hr, params={"week": "W47"})
    assert response.status_code == 400
    assert response.json() == validation_error(
        {"week": ["Week has wrong format. Use ISO 8601 YYYY-Www, e.g. 2025-W46."]}
    )


def test_without_token_is_401(client):
    response = client.get(URL)
    assert response.status_code == 401 and response.json() == UNAUTHORIZED
