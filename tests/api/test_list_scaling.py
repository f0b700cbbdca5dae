"""Lists cost the same number of SQL statements for 1 row and for 1,000, and page without changing shape."""

from __future__ import annotations

import pytest

from bench.seed_bulk import seed
from hr_app.db import session_scope
from hr_app.models import AppUser
from tests.factories import QueryCounter, auth_header

LIST_ENDPOINTS = [
    "/api/interview-management/",
    "/api/interview-management/?page=3&page_size=20",
    "/api/interview-management/ongoing-interviews/",
    "/api/interview-management/cvs-for-interview/?all=true",
    "/api/interview-management/export.csv",
    "/api/interview-management/agenda/",
    "/api/panel/get/",
    "/api/panel/get/?page=1&page_size=5",
    "/api/cvs/",
    "/api/job-titles/",
    "/api/users/",
    "/api/outbox/",
    "/api/outbox/?page=1&page_size=5",
    "/api/dashboard/",
    "/api/question-bank/questions/",
]


def _seeded_admin_headers(interviews: int, panels: int) -> dict[str, str]:
    with session_scope() as session:
        seeded = seed(session, interviews=interviews, panels=panels)
        admin = session.get(AppUser, seeded.admin_id)
        return auth_header(admin)


@pytest.fixture
def small_and_large(database):
    return _seeded_admin_headers(1, 1), _seeded_admin_headers(1000, 40)


def _statements(client, path: str, headers: dict[str, str]) -> int:
    with QueryCounter() as counter:
        response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.text[:200])
    return counter.count


def test_statement_count_does_not_grow_with_rows(client, small_and_large):
    small, large = small_and_large
    counts = {path: (_statements(client, path, small), _statements(client, path, large)) for path in LIST_ENDPOINTS}
    assert {path: pair for path, pair in counts.items() if pair[0] != pair[1]} == {}


def test_a_page_keeps_the_spec_shape_and_tells_the_total(client, small_and_large):
    _, large = small_and_large
    everything = client.get("/api/interview-management/", headers=large).json()
    page = client.get("/api/interview-management/?page=2&page_size=10", headers=large)
    assert page.status_code == 200
    assert page.headers["x-total-count"] == "1000"
    body = page.json()
    assert set(body) == {"success", "message", "data"}
    assert body["message"] == everything["message"] == "Found 1000 interview(s)"
    assert body["data"] == everything["data"][10:20]


def test_past_the_last_page_is_an_empty_page(client, small_and_large):
    _, large = small_and_large
    response = client.get("/api/interview-management/?page=101&page_size=10", headers=large)
    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.headers["x-total-count"] == "1000"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("page=0", "page", "Ensure this value is greater than or equal to 1."),
        ("page_size=501", "page_size", "Ensure this value is less than or equal to 500."),
        ("page=two", "page", "A valid integer is required."),
    ],
)
def test_bad_paging_is_a_validation_error(client, small_and_large, query, field, message):
    _, large = small_and_large
    response = client.get(f"/api/interview-management/?{query}", headers=large)
    assert response.status_code == 400
    assert response.json() == {
        "success": False,
        "message": "Invalid data provided",
        "error": "VALIDATION_ERROR",
        "details": {field: [message]},
    }
