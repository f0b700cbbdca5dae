"""The OpenAPI document tells the truth (issue 15; hr_app/api/openapi.py): every refusal declared with its
envelope and no 422 the API never sends, 405 with the resource's exact `Allow`, `Location` on what a POST creates
(and a GET of it answers), constraints under JSON Schema's own names."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime

import pytest

from hr_app.api.openapi import NOT_BLANK, NOT_BLANK_NO_NUL
from tests.api.interview_support import IM
from tests.factories import create_cv, create_job_title, row_counts
from tests.question_factories import create_bank

WHEN = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
ENVELOPE = {"$ref": "#/components/schemas/ErrorEnvelope"}
PANEL_ENVELOPE = {"$ref": "#/components/schemas/PanelErrorOut"}


@pytest.fixture
def document(client) -> dict:
    return client.get("/api/openapi.json").json()


def _schema_of(response: dict) -> dict:
    return response["content"]["application/json"]["schema"]


def test_no_422_anywhere_and_every_refusal_has_its_envelope(document):
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert "422" not in json.dumps({path: list(item) for path, item in document["paths"].items()})
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert "422" not in operation["responses"], (method, path)
            expected = PANEL_ENVELOPE if path.startswith(("/api/panel", "/api/question-bank")) else ENVELOPE
            for code, response in operation["responses"].items():
                if code.startswith("4"):
                    assert _schema_of(response) == expected, (method, path, code)


@pytest.mark.parametrize(
    ("method", "path", "codes"),
    [
        ("get", "/api/interview-management/{interview_id}/", {"200", "400", "401", "403", "404"}),
        ("post", "/api/interview-management/start-interview/", {"201", "400", "401", "403", "404", "408", "413"}),
        ("post", "/api/auth/token/", {"200", "400", "401", "408", "413", "429"}),
        ("get", "/api/job-titles/", {"200", "401", "403"}),
        ("delete", "/api/job-titles/{job_title_id}/", {"200", "400", "401", "403", "404", "409"}),
        ("get", "/api/panel/session/{token}/", {"200", "400", "404", "410", "429"}),
    ],
)
def test_declared_codes_are_those_the_route_answers(document, method, path, codes):
    assert set(document["paths"][path][method]["responses"]) == codes


def test_constraints_use_json_schema_keywords(document):
    nullable = document["components"]["schemas"]["QuestionIn"]["properties"]["correct_option"]  # free text: none
    correct_option = next(branch for branch in nullable["anyOf"] if branch.get("type") == "integer")
    assert (correct_option["minimum"], correct_option["maximum"]) == (-2147483647, 2147483647)
    assert "ge" not in correct_option and "le" not in correct_option


def _text_schema(document: dict, component: str, field: str) -> dict:
    node = document["components"]["schemas"][component]["properties"][field]
    if component == "AnswersIn":  # {"<question uuid>": index | indexes | text | null}
        node = node["additionalProperties"]["anyOf"][0]["oneOf"][2]
    return next((branch for branch in node.get("anyOf", []) if branch.get("type") == "string"), node)


@pytest.mark.parametrize(
    "component, field, blank_allowed",
    [
        ("AnswersIn", "answers", True),  # a free-text answer (PUT answers/, POST submit/)
        ("PanelCreate", "name", False),
        ("PanelCreate", "description", True),
        ("PanelUpdate", "name", False),
        ("PanelUpdate", "description", True),
        ("ExtendSessionIn", "reason", False),
        ("QuestionIn", "text", False),
        ("QuestionPatch", "explanation", True),
    ],
)
def test_a_text_the_server_refuses_nul_in_says_so(document, component, field, blank_allowed):
    """Every text typed `NoNul` (schemas/questions.py) carries a pattern refusing NUL: Schemathesis once sent a
    free-text answer with NUL to POST .../submit/, the route refused it (400 "Null characters are not allowed.",
    tests/api/test_question_types.py) and the document had promised it (RejectedPositiveData)."""
    pattern = re.compile(_text_schema(document, component, field)["pattern"])

    assert pattern.search("a\x00b") is None and pattern.search("\x00") is None
    assert pattern.search("a b") is not None
    assert (pattern.search("  ") is not None) == blank_allowed
    assert (pattern.search("") is not None) == blank_allowed


def test_a_partial_update_may_leave_the_body_out(client, document, auth_headers_admin, db):
    assert document["paths"]["/api/organization/"]["patch"]["requestBody"]["required"] is False
    before = row_counts(db)
    answer = client.patch("/api/organization/", headers=auth_headers_admin)
    assert (answer.status_code, answer.json()["message"]) == (200, "Organization updated successfully")
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", f"{IM}/export.csv", "GET"),
        ("OPTIONS", f"{IM}/agenda/", "GET"),  # the agenda's, not those of an interview whose id would be "agenda"
        ("OPTIONS", f"{IM}/0/evaluation/", "PATCH, POST, PUT"),
        ("PATCH", "/api/users/invite/", "POST"),
        ("GET", "/api/auth/token/", "POST"),
        ("HEAD", "/api/cvs/", "GET, POST"),
    ],
)
def test_an_undeclared_method_is_405_with_the_resources_allow(client, auth_headers_admin, db, method, path, allow):
    before = row_counts(db)
    answer = client.request(method, path, headers=auth_headers_admin)
    assert (answer.status_code, answer.headers["allow"]) == (405, allow)
    if method != "HEAD":
        assert answer.json() == {
            "success": False,
            "message": f'Method "{method}" not allowed.',
            "error": "METHOD_NOT_ALLOWED",
            "details": f"{method} {path}",
        }
    assert row_counts(db) == before


def test_an_unknown_path_is_still_404(client, auth_headers_admin):
    answer = client.options("/api/no-such-thing/", headers=auth_headers_admin)
    assert answer.status_code == 404 and "allow" not in answer.headers


def _created(client, headers, path, body) -> str:
    answer = client.post(path, headers=headers, json=body)
    assert answer.status_code == 201, answer.text
    location = answer.headers["location"]
    again = client.get(location, headers=headers)
    assert again.status_code == 200 and again.json()["data"] == answer.json()["data"] | again.json()["data"]
    return location


def test_what_a_post_creates_is_at_its_location(client, db, org, admin, auth_headers_admin, interviewer):
    cv = create_cv(db, org, name="Lola Location")
    body = {"candidate_id": str(cv.id), "scheduled_at": WHEN.isoformat(), "interviewer_id": interviewer.id}
    location = _created(client, auth_headers_admin, f"{IM}/start-interview/", body)
    assert location.startswith(f"{IM}/") and location.endswith("/")

    title = create_job_title(db, org, "Analyst")
    cv_body = {"name": "Carl Created", "email": "carl@example.com", "job_title": title.id}
    assert _created(client, auth_headers_admin, "/api/cvs/", cv_body).startswith("/api/cvs/")

    bank = create_bank(db, org)
    question = {
        "subtopic_uuid": str(bank.subtopic.id),
        "text": "Which is prime?",
        "options": ["4", "6", "7", "9"],
        "correct_option": 2,
        "difficulty": "easy",
    }
    assert _created(client, auth_headers_admin, "/api/question-bank/questions/", question).startswith(
        "/api/question-bank/questions/"
    )
    for path in (f"{IM}/start-interview/", "/api/cvs/", "/api/question-bank/questions/", "/api/panel/create/"):
        created = client.get("/api/openapi.json").json()["paths"][path]["post"]["responses"]["201"]
        assert set(created["headers"]) == {"Location"}, path


@pytest.mark.parametrize("path", ["/api/dashboard/", f"{IM}/agenda/"])
@pytest.mark.parametrize(
    "week, promised",
    [
        ("0000-W01", False),
        ("0999-W52", False),
        ("1000-W01", True),
        ("9998-W52", True),
        ("9999-W01", False),
        ("9999-W52", False),
        ("2026-W50", True),
    ],
)
def test_a_week_is_taken_exactly_when_the_document_promises_it(
    client, document, auth_headers_admin, path, week, promised
):
    """Schemathesis sent `week=0000-W01` (the pattern allowed any four digits; the parser refused year 0: a
    RejectedPositiveData) and could have sent 9999-W52, whose week ends past the calendar (a 500)."""
    parameter = next(p for p in document["paths"][path]["get"]["parameters"] if p["name"] == "week")
    pattern = parameter["schema"]["pattern"]

    response = client.get(path, params={"week": week}, headers=auth_headers_admin)

    assert (re.search(pattern, week) is not None) == promised
    if promised:
        assert response.status_code == 200
    else:
        assert (response.status_code, response.json()["details"]) == (
            400,
            {"week": ["Week has wrong format. Use ISO 8601 YYYY-Www, e.g. 2025-W46."]},
        )


def _strings_with_a_minimum(node: object, path: str = "") -> list[tuple[str, dict]]:
    if isinstance(node, list):
        return [
            found for index, child in enumerate(node) for found in _strings_with_a_minimum(child, f"{path}[{index}]")
        ]
    if not isinstance(node, dict):
        return []
    own = [(path, node)] if node.get("type") == "string" and node.get("minLength", 0) >= 1 else []
    return own + [found for key, child in node.items() for found in _strings_with_a_minimum(child, f"{path}/{key}")]


def test_a_text_of_at_least_one_character_says_whitespace_alone_is_blank(document):
    """Bodies strip whitespace before `minLength` counts: Schemathesis sent `{"reason": "\\r"}` to
    `POST .../scorecards/mine/reopen/` (minLength 1, no pattern) and heard 400 "This field may not be blank."."""
    found = _strings_with_a_minimum(document["components"]["schemas"])

    assert "/ReopenIn/properties/reason" in {path for path, _node in found}
    for path, node in found:
        if node.get("format") is None:
            assert re.search(node["pattern"], " \r\n\t\x85\x1c\u3000") is None, path  # all stripped: blank
            assert re.search(node["pattern"], "\ufeffa") is not None, path


def test_blank_is_what_python_strips_in_every_regex_dialect():
    """A JSON Schema regex is ECMA-262's, whose `\\s` is not Python's: Schemathesis sent `{"email": "\\u0085"}` to
    POST /api/auth/password/reset/ (pattern `\\S`, so not blank to it) and the strip left nothing ("This field is
    required."). The not-blank class spells out exactly the characters str.strip() removes."""
    blank = [chr(code) for code in range(sys.maxunicode + 1) if re.search(NOT_BLANK, chr(code)) is None]

    assert blank == [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]
    assert "\\s" not in NOT_BLANK and "\\S" not in NOT_BLANK_NO_NUL  # no shorthand whose meaning differs
