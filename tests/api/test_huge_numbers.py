"""Numbers too big for a database integer are a 400 on their field, never an overflow (500) in the driver.

Found by the fuzz test: Python ints are unbounded, SQLite and PostgreSQL integers are not.
"""

from __future__ import annotations

import pytest

from tests.factories import create_cv, row_counts

HUGE = 10**20


@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", "/api/interview-management/start-interview/", "start", "interviewer_id"),
        ("POST", "/api/cvs/", {"name": "Big", "email": "big@example.com", "job_title": HUGE}, "job_title"),
        ("GET", f"/api/interview-management/?page={HUGE}", None, "page"),
        ("GET", f"/api/interview-management/agenda/?interviewer_id={HUGE}", None, "interviewer_id"),
    ],
)
def test_huge_numbers_are_refused_on_their_field(client, db, org, auth_headers_hr, method, path, body, field):
    if body == "start":
        body = {"candidate_id": str(create_cv(db, org).id), "scheduled_at": "2030-01-01T10:00:00Z", field: HUGE}
    before = row_counts(db)
    response = client.request(method, path, json=body, headers=auth_headers_hr)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert list(response.json()["details"]) == [field]
    assert row_counts(db) == before


def test_huge_audit_offset_is_refused(client, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    response = client.get(f"/api/audit/?object=cv:{cv.id}&offset={HUGE}", headers=auth_headers_hr)
    assert response.status_code == 400
    assert list(response.json()["details"]) == ["offset"]
