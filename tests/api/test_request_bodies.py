"""Request bodies bounded before anything reads them (issue 15): size as they stream, JSON depth, and time.

Each refusal is asserted exactly, in its route's envelope, with the database unchanged.
"""

from __future__ import annotations

import json

from hr_app.config import get_settings
from hr_app.kit.limits import JSON_BODY_MAX_BYTES, JSON_MAX_DEPTH
from tests.api.interview_support import validation_error
from tests.factories import row_counts

TOKEN = "/api/auth/token/"
SUBMIT = "/api/panel/session/no-such-token/submit/"
QUESTION_IMPORT = "/api/question-bank/import/"
TOO_DEEP = f"The JSON body is nested more than {JSON_MAX_DEPTH} levels deep."
TOO_LARGE_JSON = f"The request body may be at most {JSON_BODY_MAX_BYTES // 1024} KB."


def _interview_style(status_message: str, code: str, details: str) -> dict:
    return {"success": False, "message": status_message, "error": code, "details": details}


def _panel_style(status_message: str, problem: str) -> dict:
    return {"success": False, "message": status_message, "errors": {"non_field_errors": [problem]}}


def _nested(depth: int) -> bytes:
    return b'{"email": ' + b"[" * depth + b"]" * depth + b', "password": "x"}'


class TestDepth:
    def test_200k_nested_brackets_to_the_token_endpoint(self, client, db):
        before = row_counts(db)
        response = client.post(TOKEN, content=b"[" * 200_000, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text
        assert response.json() == validation_error({"non_field_errors": [TOO_DEEP]})
        assert row_counts(db) == before

    def test_closed_nesting_one_level_too_deep_in_the_panel_envelope(self, client, db):
        before = row_counts(db)
        body = b'{"answers": ' + b"[" * JSON_MAX_DEPTH + b"]" * JSON_MAX_DEPTH + b"}"  # 65 with the object
        response = client.post(SUBMIT, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text
        assert response.json() == _panel_style("Invalid data provided", TOO_DEEP)
        assert row_counts(db) == before

    def test_brackets_inside_strings_do_not_count(self, client, db):
        body = json.dumps({"email": "[" * 100 + '"\\]' * 40, "password": "{" * 200}).encode()
        response = client.post(TOKEN, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 401, response.text  # read as an ordinary wrong sign-in
        assert response.json()["error"] == "UNAUTHORIZED"

    def test_nesting_at_the_limit_reaches_the_route(self, client, db):
        response = client.post(TOKEN, content=_nested(JSON_MAX_DEPTH - 1), headers={"content-type": "application/json"})
        assert response.status_code == 400, response.text
        assert response.json() == validation_error({"email": ["Not a valid string."]})


class TestSize:
    def test_a_declared_length_over_1_mib(self, client, db):
        before = row_counts(db)
        body = b'{"email": "' + b"a" * JSON_BODY_MAX_BYTES + b'"}'
        response = client.post(TOKEN, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 413, response.text
        assert response.json() == _interview_style("Request body too large", "PAYLOAD_TOO_LARGE", TOO_LARGE_JSON)
        assert row_counts(db) == before

    def test_a_chunked_body_stops_being_read_past_1_mib(self, client, db, auth_headers_hr):
        before = row_counts(db)
        sent = 0

        def body():
            nonlocal sent
            for _ in range(64):  # 4 MiB offered
                sent += 65536
                yield b" " * 65536

        headers = {**auth_headers_hr, "content-type": "application/json"}
        response = client.post(QUESTION_IMPORT, content=body(), headers=headers)
        assert response.status_code == 413, response.text
        assert response.json() == _panel_style("Request body too large", TOO_LARGE_JSON)
        assert row_counts(db) == before

    def test_an_upload_far_over_max_upload_mb(self, client, db, auth_headers_hr, monkeypatch):
        monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
        before = row_counts(db)
        files = {"file": ("cvs.csv", b"name,email\n" + b"x" * (3 * 1024 * 1024), "text/csv")}
        response = client.post("/api/cvs/import/", headers=auth_headers_hr, files=files)
        assert response.status_code == 413, response.text
        assert response.json() == _interview_style(
            "Request body too large", "PAYLOAD_TOO_LARGE", "File too large. Maximum size is 1 MB."
        )
        assert row_counts(db) == before
