"""POST/PUT/PATCH {id}/evaluation/ with JSON and form fields (voice notes: test_voice_note.py)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from tests.api.interview_support import (
    FULL_EVALUATION,
    IM,
    NOT_FOUND_INTERVIEW,
    UNAUTHORIZED,
    evaluation_row,
    interview_row,
    make_interview,
    recent,
    validation_error,
)
from tests.factories import row_counts

INVALID = "Invalid evaluation data"


def _url(interview_id) -> str:
    return f"{IM}/{interview_id}/evaluation/"


def _send(client, method, interview_id, headers, **kwargs):
    return client.request(method, _url(interview_id), headers=headers, **kwargs)


class TestSaved:
    def test_first_data_is_201_created_with_the_spec_object(
        self, client, db, org, interviewer, auth_headers_interviewer
    ):
        interview = make_interview(db, org, interviewer=interviewer)  # the lead writes the spec's evaluation
        response = _send(client, "POST", interview.id, auth_headers_interviewer, json=FULL_EVALUATION)
        assert response.status_code == 201
        body = response.json()
        data = body["data"]
        assert recent(data.pop("created_at")) and recent(data.pop("updated_at"))
        assert body == {
            "success": True,
            "message": "Interview evaluation created successfully",
            "data": {
                "interview_id": str(interview.id),
                "candidate_name": "John Doe",
                **FULL_EVALUATION,
                "voice_note": None,
                "average_rating": 8.2,
            },
        }
        row = evaluation_row(db, interview.id)
        assert (row.appearance, row.expected_salary, row.remark) == (8, Decimal("50000.00"), FULL_EVALUATION["remark"])
        assert interview_row(db, interview.id).updated_at == row.updated_at

    def test_later_saves_are_200_updated(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        assert _send(client, "POST", interview.id, auth_headers_hr, json={"appearance": 5}).status_code == 201
        response = _send(client, "POST", interview.id, auth_headers_hr, json={"knowledge": 6})
        assert response.status_code == 200
        assert response.json()["message"] == "Interview evaluation updated successfully"
        assert (response.json()["data"]["appearance"], response.json()["data"]["knowledge"]) == (5, 6)
        assert response.json()["data"]["average_rating"] == 5.5

    @pytest.mark.parametrize("method", ["PATCH", "PUT"])
    def test_patch_and_put_also_create_the_first_time(self, client, db, org, auth_headers_hr, method):
        interview = make_interview(db, org)
        response = _send(client, method, interview.id, auth_headers_hr, json={"remark": "Fine"})
        assert response.status_code == 201
        assert response.json()["message"] == "Interview evaluation created successfully"

    def test_patch_sets_only_the_fields_given(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org, **FULL_EVALUATION)
        response = _send(client, "PATCH", interview.id, auth_headers_hr, json={"communication": 4, "remark": None})
        assert response.status_code == 200
        data = response.json()["data"]
        assert (data["communication"], data["remark"], data["appearance"], data["languages"]) == (
            4,
            None,
            8,
            FULL_EVALUATION["languages"],
        )

    def test_put_replaces_everything(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org, **FULL_EVALUATION)
        response = _send(client, "PUT", interview.id, auth_headers_hr, json={"appearance": 3})
        assert response.status_code == 200
        data = response.json()["data"]
        assert data["appearance"] == 3 and data["average_rating"] == 3.0
        assert all(data[field] is None for field in FULL_EVALUATION if field != "appearance")
        row = evaluation_row(db, interview.id)
        assert row.knowledge is None and row.expected_salary is None

    def test_form_fields_without_a_file(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        form = {k: str(v) for k, v in FULL_EVALUATION.items()}
        response = _send(client, "POST", interview.id, auth_headers_hr, data=form)
        assert response.status_code == 201
        assert response.json()["data"]["expected_salary"] == "50000.00"
        assert response.json()["data"]["average_rating"] == 8.2

    @pytest.mark.parametrize(
        ("ratings", "average"),
        [((8, 9, 7, 8, 9), 8.2), ((1, 2), 1.5), ((10, 9, 9), 9.3), ((0, 0, 1), 0.3), ((7, 8, 8, 8, 8), 7.8)],
    )
    def test_average_is_the_mean_of_given_ratings_to_one_decimal(
        self, client, db, org, auth_headers_hr, ratings, average
    ):
        interview = make_interview(db, org)
        fields = dict(
            zip(("appearance", "knowledge", "confidence", "attitude", "communication"), ratings, strict=False)
        )
        assert (
            _send(client, "POST", interview.id, auth_headers_hr, json=fields).json()["data"]["average_rating"]
            == average
        )

    def test_half_rounds_up(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        # 8.25 would round to 8.2 with float round-half-even.
        ratings = {"appearance": 8, "knowledge": 9, "confidence": 8, "attitude": 8}
        assert (
            _send(client, "POST", interview.id, auth_headers_hr, json=ratings).json()["data"]["average_rating"] == 8.3
        )

    @pytest.mark.parametrize(
        ("given", "stored"),
        [(50000, "50000.00"), (1234.5, "1234.50"), ("0", "0.00"), ("9999999999.99", "9999999999.99")],
    )
    def test_expected_salary_accepts_numbers_and_strings(self, client, db, org, auth_headers_hr, given, stored):
        interview = make_interview(db, org)
        response = _send(client, "POST", interview.id, auth_headers_hr, json={"expected_salary": given})
        assert response.json()["data"]["expected_salary"] == stored
        assert evaluation_row(db, interview.id).expected_salary == Decimal(stored)


class TestRefused:
    @pytest.mark.parametrize("value", [11, -1, "12"])
    def test_rating_out_of_range(self, client, db, org, auth_headers_hr, value):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _send(client, "POST", interview.id, auth_headers_hr, json={"appearance": value, "knowledge": 5})
        assert response.status_code == 400
        assert response.json() == validation_error({"appearance": ["Rating must be between 0 and 10"]}, INVALID)
        assert row_counts(db) == before and evaluation_row(db, interview.id).knowledge is None

    @pytest.mark.parametrize("value", [7.5, "seven", True, [8]])
    def test_rating_not_an_integer(self, client, db, org, auth_headers_hr, value):
        interview = make_interview(db, org)
        response = _send(client, "PATCH", interview.id, auth_headers_hr, json={"knowledge": value})
        assert response.status_code == 400
        assert response.json() == validation_error({"knowledge": ["A valid integer is required."]}, INVALID)

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("-1", "Ensure this value is greater than or equal to 0."),
            ("100.123", "Ensure that there are no more than 2 decimal places."),
            ("12345678901", "Ensure that there are no more than 10 digits before the decimal point."),
            ("lots", "A valid number is required."),
            ("NaN", "A valid number is required."),
            (True, "A valid number is required."),
        ],
    )
    def test_bad_expected_salary(self, client, db, org, auth_headers_hr, value, problem):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = _send(client, "POST", interview.id, auth_headers_hr, json={"expected_salary": value})
        assert response.status_code == 400
        assert response.json() == validation_error({"expected_salary": [problem]}, INVALID)
        assert row_counts(db) == before and evaluation_row(db, interview.id).expected_salary is None

    def test_every_bad_field_is_reported_at_once(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        body = {"appearance": 99, "languages": "x" * 501, "remark": 5, "score": 1}
        response = _send(client, "POST", interview.id, auth_headers_hr, json=body)
        assert response.json() == validation_error(
            {
                "appearance": ["Rating must be between 0 and 10"],
                "languages": ["Ensure this field has no more than 500 characters."],
                "remark": ["Not a valid string."],
                "score": ["Unknown field."],
            },
            INVALID,
        )

    def test_voice_note_in_json_must_be_a_file(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        response = _send(client, "POST", interview.id, auth_headers_hr, json={"voice_note": "http://x/y.mp3"})
        assert response.json() == validation_error(
            {"voice_note": ["The submitted data was not a file. Check the encoding type on the form."]}, INVALID
        )

    def test_malformed_json(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        before = row_counts(db)
        headers = {**auth_headers_hr, "content-type": "application/json"}
        response = _send(client, "POST", interview.id, headers, content=b"{appearance: 8")
        assert response.status_code == 400
        assert response.json() == validation_error(
            {"non_field_errors": ["JSON parse error: the request body is not valid JSON."]}, INVALID
        )
        assert row_counts(db) == before

    def test_a_list_is_not_an_object(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        response = _send(client, "POST", interview.id, auth_headers_hr, json=[1, 2])
        assert response.json() == validation_error(
            {"non_field_errors": ["Invalid data. Expected a dictionary."]}, INVALID
        )

    @pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
    def test_unknown_interview_is_404(self, client, db, auth_headers_hr, method):
        response = _send(client, method, uuid.uuid4(), auth_headers_hr, json={"appearance": 5})
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW

    @pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
    def test_another_organizations_interview_is_404(self, client, db, other_org, auth_headers_hr, method):
        interview = make_interview(db, other_org)
        before = row_counts(db)
        response = _send(client, method, interview.id, auth_headers_hr, json={"appearance": 5})
        assert response.status_code == 404 and response.json() == NOT_FOUND_INTERVIEW
        assert row_counts(db) == before and evaluation_row(db, interview.id).appearance is None

    def test_without_token_is_401(self, client, db, org):
        interview = make_interview(db, org)
        response = client.post(_url(interview.id), json={"appearance": 5})
        assert response.status_code == 401 and response.json() == UNAUTHORIZED
        assert evaluation_row(db, interview.id).appearance is None


def test_openapi_documents_json_and_multipart_for_each_method(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    operations = paths["/api/interview-management/{interview_id}/evaluation/"]
    assert set(operations) == {"post", "put", "patch"}
    assert len({operation["operationId"] for operation in operations.values()}) == 3
    for operation in operations.values():
        assert set(operation["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
