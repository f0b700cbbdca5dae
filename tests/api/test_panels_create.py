"""POST /api/panel/create/: the spec's 201 shape, every validation rule, roles and organization scope."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlmodel import select

from hr_app.models import InterviewPanel, PanelCandidate, QuestionDistribution
from tests.factories import auth_header, create_cv, create_user, row_counts
from tests.question_factories import create_bank, create_category, create_questions, create_subtopic, panel_payload

URL = "/api/panel/create/"


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, topic_name="Data Structures", subtopic_name="Lists", easy=3, medium=3, hard=3)


@pytest.fixture
def candidates(db, org):
    return [
        create_cv(db, org, name="John Doe", email="john.doe@example.com"),
        create_cv(db, org, name="Mary Major", email="mary@example.com"),
    ]


def _refused(client, db, headers, payload, status):
    before = row_counts(db)
    response = client.post(URL, json=payload, headers=headers)
    assert response.status_code == status, response.text
    assert row_counts(db) == before
    return response.json()


def _invalid(client, db, headers, payload, errors):
    body = _refused(client, db, headers, payload, 400)
    assert body == {"success": False, "message": "Invalid data provided", "errors": errors}


class TestCreated:
    def test_201_with_the_spec_shape(self, client, db, org, bank, candidates, auth_headers_hr):
        payload = panel_payload(bank, candidates)
        response = client.post(URL, json=payload, headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["success"] is True
        assert body["message"] == "Interview panel created successfully"
        data = body["data"]
        assert set(data) == {
            "uuid",
            "name",
            "description",
            "total_number_of_questions",
            "start_datetime",
            "end_datetime",
            "is_active",
            "organization",
            "created_at",
            "updated_at",
            "question_distributions",
            "candidates",
        }
        assert data["name"] == payload["name"]
        assert data["description"] == payload["description"]
        assert data["total_number_of_questions"] == 4
        assert data["start_datetime"] == payload["start_datetime"]
        assert data["end_datetime"] == payload["end_datetime"]
        assert data["is_active"] is True
        assert data["organization"] == str(org.id)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["created_at"])
        [row] = data["question_distributions"]
        assert set(row) == {"uuid", "category", "topic", "subtopic", "easy", "medium", "hard", "total"}
        assert (row["category"], row["topic"], row["subtopic"]) == (bank.category.name, "Data Structures", "Lists")
        assert (row["easy"], row["medium"], row["hard"], row["total"]) == (2, 1, 1, 4)
        assert [c["candidate_name"] for c in data["candidates"]] == ["John Doe", "Mary Major"]
        john = data["candidates"][0]
        assert set(john) == {
            "uuid",
            "candidate_uuid",
            "candidate_name",
            "candidate_email",
            "token",
            "token_expires_at",
            "score",
        }
        assert john["candidate_uuid"] == str(candidates[0].id)
        assert john["candidate_email"] == "john.doe@example.com"
        assert john["token_expires_at"] == payload["end_datetime"]
        assert john["score"] == 0

    def test_tokens_are_32_hex_characters_and_unique(self, client, db, bank, candidates, auth_headers_admin):
        data = client.post(URL, json=panel_payload(bank, candidates), headers=auth_headers_admin).json()["data"]
        tokens = [c["token"] for c in data["candidates"]]
        assert all(re.fullmatch(r"[0-9a-f]{32}", token) for token in tokens)
        assert len(set(tokens)) == 2
        stored = db.exec(select(PanelCandidate.token)).all()
        assert sorted(stored) == sorted(tokens)

    def test_rows_are_stored(self, client, db, bank, auth_headers_admin):
        data = client.post(URL, json=panel_payload(bank), headers=auth_headers_admin).json()["data"]
        panel = db.get(InterviewPanel, uuid.UUID(data["uuid"]))
        assert panel.show_scores is True and panel.is_deleted is False
        [row] = db.exec(select(QuestionDistribution)).all()
        assert (row.panel_id, row.easy, row.medium, row.hard) == (panel.id, 2, 1, 1)
        assert data["candidates"] == []

    def test_description_and_candidates_are_optional(self, client, bank, auth_headers_admin):
        payload = panel_payload(bank)
        del payload["description"], payload["candidate_uuids"]
        response = client.post(URL, json=payload, headers=auth_headers_admin)
        assert response.status_code == 201
        assert response.json()["data"]["description"] == ""

    def test_naive_datetimes_are_taken_as_utc(self, client, bank, auth_headers_admin):
        payload = panel_payload(bank, start_datetime="2030-01-01T09:00:00", end_datetime="2030-01-01T12:00:00+02:00")
        data = client.post(URL, json=payload, headers=auth_headers_admin).json()["data"]
        assert (data["start_datetime"], data["end_datetime"]) == ("2030-01-01T09:00:00Z", "2030-01-01T10:00:00Z")

    def test_without_trailing_slash(self, client, bank, auth_headers_admin):
        assert client.post(URL.rstrip("/"), json=panel_payload(bank), headers=auth_headers_admin).status_code == 201

    def test_a_window_in_the_past_gives_an_inactive_panel(self, client, bank, auth_headers_admin):
        payload = panel_payload(bank, start_datetime="2024-12-01T09:00:00Z", end_datetime="2024-12-01T18:00:00Z")
        response = client.post(URL, json=payload, headers=auth_headers_admin)
        assert response.status_code == 201
        assert response.json()["data"]["is_active"] is False

    def test_two_rows(self, client, db, org, bank, auth_headers_admin):
        other = create_subtopic(db, bank.topic, "Tuples")
        create_questions(db, other, hard=2)
        rows = [
            {
                "topic_uuid": str(bank.topic.id),
                "subtopic_uuid": str(bank.subtopic.id),
                "easy": 3,
                "medium": 0,
                "hard": 0,
            },
            {"topic_uuid": str(bank.topic.id), "subtopic_uuid": str(other.id), "easy": 0, "medium": 0, "hard": 2},
        ]
        payload = panel_payload(bank, total_number_of_questions=5, question_distributions=rows)
        data = client.post(URL, json=payload, headers=auth_headers_admin).json()["data"]
        assert [(r["subtopic"], r["total"]) for r in data["question_distributions"]] == [("Lists", 3), ("Tuples", 2)]


class TestValidation:
    def test_missing_fields(self, client, db, auth_headers_admin):
        required = "This field is required."
        _invalid(
            client,
            db,
            auth_headers_admin,
            {},
            {
                "name": [required],
                "total_number_of_questions": [required],
                "start_datetime": [required],
                "end_datetime": [required],
                "category_uuid": [required],
                "question_distributions": [required],
            },
        )

    def test_name_too_long_or_blank(self, client, db, bank, auth_headers_admin):
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, name="x" * 256),
            {"name": ["Ensure this field has no more than 255 characters."]},
        )
        _invalid(
            client, db, auth_headers_admin, panel_payload(bank, name="  "), {"name": ["This field may not be blank."]}
        )

    def test_null_characters_and_out_of_range_datetimes(self, client, db, bank, auth_headers_admin):
        payload = panel_payload(bank, name="a\x00b", start_datetime="0001-01-01T00:00:00+01:00")
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"name": ["Null characters are not allowed."], "start_datetime": ["Datetime is out of range."]},
        )

    def test_total_at_least_one(self, client, db, bank, auth_headers_admin):
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, total_number_of_questions=0),
            {"total_number_of_questions": ["Ensure this value is greater than or equal to 1."]},
        )

    @pytest.mark.parametrize("end", ["2030-01-01T09:00:00Z", "2030-01-01T08:00:00Z"])
    def test_end_must_be_after_start(self, client, db, bank, auth_headers_admin, end):
        payload = panel_payload(bank, start_datetime="2030-01-01T09:00:00Z", end_datetime=end)
        _invalid(
            client, db, auth_headers_admin, payload, {"end_datetime": ["End datetime must be after start datetime."]}
        )

    def test_bad_datetime_and_uuid_formats(self, client, db, bank, auth_headers_admin):
        payload = panel_payload(bank, start_datetime="tomorrow", category_uuid="nope")
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {
                "start_datetime": ["Datetime has wrong format. Use ISO 8601, e.g. 2025-11-15T10:00:00Z."],
                "category_uuid": ["Must be a valid UUID."],
            },
        )

    def test_negative_count(self, client, db, bank, auth_headers_admin):
        payload = panel_payload(bank)
        payload["question_distributions"][0]["easy"] = -1
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"question_distributions.0.easy": ["Ensure this value is greater than or equal to 0."]},
        )

    def test_row_missing_a_count(self, client, db, bank, auth_headers_admin):
        payload = panel_payload(bank)
        del payload["question_distributions"][0]["hard"]
        _invalid(
            client, db, auth_headers_admin, payload, {"question_distributions.0.hard": ["This field is required."]}
        )

    def test_each_row_needs_a_question(self, client, db, bank, auth_headers_admin):
        other = create_subtopic(db, bank.topic)
        rows = [
            {
                "topic_uuid": str(bank.topic.id),
                "subtopic_uuid": str(bank.subtopic.id),
                "easy": 2,
                "medium": 1,
                "hard": 1,
            },
            {"topic_uuid": str(bank.topic.id), "subtopic_uuid": str(other.id), "easy": 0, "medium": 0, "hard": 0},
        ]
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, question_distributions=rows),
            {"question_distributions": ["Row 2: at least one of easy, medium or hard must be greater than 0."]},
        )

    def test_rows_must_add_up_to_the_total(self, client, db, bank, auth_headers_admin):
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, total_number_of_questions=10),
            {
                "question_distributions": [
                    "The distributions add up to 4 questions, but total_number_of_questions is 10."
                ]
            },
        )

    def test_no_rows(self, client, db, bank, auth_headers_admin):
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, question_distributions=[]),
            {"question_distributions": ["This list may not be empty."]},
        )

    def test_no_row_twice(self, client, db, bank, auth_headers_admin):
        row = {
            "topic_uuid": str(bank.topic.id),
            "subtopic_uuid": str(bank.subtopic.id),
            "easy": 1,
            "medium": 1,
            "hard": 0,
        }
        _invalid(
            client,
            db,
            auth_headers_admin,
            panel_payload(bank, question_distributions=[row, row]),
            {"question_distributions": ["Row 2: the same topic and subtopic as row 1."]},
        )

    def test_no_candidate_twice(self, client, db, bank, candidates, auth_headers_admin):
        payload = panel_payload(bank, [candidates[0], candidates[0]])
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"candidate_uuids": [f"Candidate {candidates[0].id} is listed more than once."]},
        )

    def test_unknown_fields_are_refused(self, client, db, bank, auth_headers_admin):
        _invalid(client, db, auth_headers_admin, panel_payload(bank, colour="red"), {"colour": ["Unknown field."]})

    def test_topic_must_be_in_the_category(self, client, db, org, bank, auth_headers_admin):
        elsewhere = create_bank(db, org, topic_name="Networking", subtopic_name="TCP")
        payload = panel_payload(bank)
        payload["question_distributions"][0].update(
            topic_uuid=str(elsewhere.topic.id), subtopic_uuid=str(elsewhere.subtopic.id)
        )
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"question_distributions": [f"Row 1: topic 'Networking' is not in category '{bank.category.name}'."]},
        )

    def test_subtopic_must_be_in_the_topic(self, client, db, org, bank, auth_headers_admin):
        sibling = create_bank(db, org, category=bank.category, topic_name="Algorithms", subtopic_name="Sorting")
        payload = panel_payload(bank)
        payload["question_distributions"][0]["subtopic_uuid"] = str(sibling.subtopic.id)
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"question_distributions": ["Row 1: subtopic 'Sorting' is not in topic 'Data Structures'."]},
        )

    def test_the_bank_must_hold_enough_questions(self, client, db, org, auth_headers_admin):
        bank = create_bank(db, org, topic_name="Data Structures", subtopic_name="Lists", easy=2, medium=0, hard=1)
        payload = panel_payload(bank, total_number_of_questions=6)
        payload["question_distributions"][0].update(easy=2, medium=1, hard=3)
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {
                "question_distributions": [
                    "Row 1 (Data Structures / Lists): needs 1 medium questions, the bank has 0.",
                    "Row 1 (Data Structures / Lists): needs 3 hard questions, the bank has 1.",
                ]
            },
        )

    def test_archived_questions_do_not_count(self, client, db, org, auth_headers_admin):
        bank = create_bank(db, org, topic_name="T", subtopic_name="S", easy=2, medium=1, hard=0)
        create_questions(db, bank.subtopic)  # nothing
        from tests.question_factories import create_question

        create_question(db, bank.subtopic, difficulty="hard", is_archived=True)
        payload = panel_payload(bank)
        _invalid(
            client,
            db,
            auth_headers_admin,
            payload,
            {"question_distributions": ["Row 1 (T / S): needs 1 hard questions, the bank has 0."]},
        )


class TestNotFound:
    def test_unknown_category(self, client, db, bank, auth_headers_admin):
        missing = uuid.uuid4()
        body = _refused(client, db, auth_headers_admin, panel_payload(bank, category_uuid=str(missing)), 404)
        assert body == {
            "success": False,
            "message": "Category not found",
            "errors": {"category_uuid": [f"No category with uuid {missing}."]},
        }

    def test_another_organizations_category(self, client, db, other_org, bank, auth_headers_admin):
        foreign = create_category(db, other_org)
        body = _refused(client, db, auth_headers_admin, panel_payload(bank, category_uuid=str(foreign.id)), 404)
        assert body["message"] == "Category not found"

    def test_unknown_topic(self, client, db, bank, auth_headers_admin):
        payload = panel_payload(bank)
        missing = uuid.uuid4()
        payload["question_distributions"][0]["topic_uuid"] = str(missing)
        body = _refused(client, db, auth_headers_admin, payload, 404)
        assert body == {
            "success": False,
            "message": "Topic not found",
            "errors": {"question_distributions": [f"Row 1: no topic {missing}."]},
        }

    def test_another_organizations_subtopic(self, client, db, other_org, bank, auth_headers_admin):
        foreign = create_bank(db, other_org)
        payload = panel_payload(bank)
        payload["question_distributions"][0]["subtopic_uuid"] = str(foreign.subtopic.id)
        body = _refused(client, db, auth_headers_admin, payload, 404)
        assert body["message"] == "Subtopic not found"

    def test_another_organizations_candidate(self, client, db, other_org, bank, candidates, auth_headers_admin):
        stranger = create_cv(db, other_org)
        body = _refused(client, db, auth_headers_admin, panel_payload(bank, [candidates[0], stranger]), 404)
        assert body == {
            "success": False,
            "message": "Candidate not found",
            "errors": {"candidate_uuids": [f"No candidate {stranger.id}."]},
        }


class TestAccess:
    def test_interviewer_is_forbidden(self, client, db, bank, auth_headers_interviewer):
        body = _refused(client, db, auth_headers_interviewer, panel_payload(bank), 403)
        assert body == {
            "success": False,
            "message": "You do not have permission to perform this action.",
            "errors": {"non_field_errors": ["Only admin or HR users can manage interview panels."]},
        }

    def test_interviewer_gets_403_even_with_an_invalid_body(self, client, db, auth_headers_interviewer):
        assert _refused(client, db, auth_headers_interviewer, {}, 403)["success"] is False

    def test_user_without_organization_is_forbidden(self, client, db, bank):
        loner = create_user(db, None, role="admin")
        body = _refused(client, db, auth_header(loner), panel_payload(bank), 403)
        assert body["message"] == "User must belong to an organization"

    def test_anonymous_is_401_in_the_panel_envelope(self, client, db, bank):
        body = _refused(client, db, {}, panel_payload(bank), 401)
        assert body == {
            "success": False,
            "message": "Authentication credentials were not provided.",
            "errors": {"non_field_errors": ["Provide a Bearer token."]},
        }

    def test_outsider_cannot_use_this_organizations_bank(self, client, db, bank, auth_headers_outsider):
        assert _refused(client, db, auth_headers_outsider, panel_payload(bank), 404)["message"] == "Category not found"
