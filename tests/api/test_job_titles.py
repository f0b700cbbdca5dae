"""GET|POST /api/job-titles/."""

from __future__ import annotations

from sqlmodel import select

from hr_app.models import JobTitle
from tests.api.interview_support import FORBIDDEN, UNAUTHORIZED, validation_error
from tests.factories import create_job_title, row_counts

URL = "/api/job-titles/"


def test_list_is_the_organizations_titles_by_name(client, db, org, other_org, auth_headers_interviewer):
    b = create_job_title(db, org, "Backend Developer")
    a = create_job_title(db, org, "Analyst")
    create_job_title(db, other_org, "Secret Title")
    response = client.get(URL, headers=auth_headers_interviewer)
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "message": "Found 2 job title(s)",
        "data": [{"id": a.id, "name": "Analyst"}, {"id": b.id, "name": "Backend Developer"}],
    }


def test_create_gives_201_with_id_and_name(client, db, org, auth_headers_hr):
    response = client.post(URL, headers=auth_headers_hr, json={"name": "  Software Developer "})
    assert response.status_code == 201
    job_title = db.exec(select(JobTitle)).one()
    assert response.json() == {
        "success": True,
        "message": "Job title created successfully",
        "data": {"id": job_title.id, "name": "Software Developer"},
    }
    assert job_title.organization_id == org.id


def test_names_are_unique_per_organization_ignoring_case(client, db, org, other_org, auth_headers_hr):
    create_job_title(db, org, "Software Developer")
    create_job_title(db, other_org, "Tester")
    before = row_counts(db)
    response = client.post(URL, headers=auth_headers_hr, json={"name": "software developer"})
    assert response.status_code == 400
    assert response.json() == validation_error({"name": ["A job title with this name already exists."]})
    assert row_counts(db) == before
    assert client.post(URL, headers=auth_headers_hr, json={"name": "Tester"}).status_code == 201


def test_blank_missing_long_and_unknown(client, db, auth_headers_admin):
    before = row_counts(db)
    assert client.post(URL, headers=auth_headers_admin, json={"name": " "}).json() == validation_error(
        {"name": ["This field may not be blank."]}
    )
    assert client.post(URL, headers=auth_headers_admin, json={"name": "x" * 151}).json() == validation_error(
        {"name": ["Ensure this field has no more than 150 characters."]}
    )
    assert client.post(URL, headers=auth_headers_admin, json={"title": "x"}).json() == validation_error(
        {"name": ["This field is required."], "title": ["Unknown field."]}
    )
    assert row_counts(db) == before


def test_interviewer_cannot_create(client, db, auth_headers_interviewer):
    before = row_counts(db)
    response = client.post(URL, headers=auth_headers_interviewer, json={"name": "Anything"})
    assert response.status_code == 403 and response.json() == FORBIDDEN
    assert row_counts(db) == before


def test_without_token_is_401(client):
    assert client.get(URL).json() == UNAUTHORIZED
    assert client.post(URL, json={"name": "x"}).status_code == 401
