"""/api/question-bank: categories, topics, subtopics, questions, availability and import."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from hr_app.models import Answer, Category, Question, SubTopic, Topic
from tests.factories import auth_header, create_cv, create_user, row_counts
from tests.question_factories import (
    create_bank,
    create_category,
    create_panel,
    create_question,
    create_subtopic,
    create_topic,
)

BASE = "/api/question-bank"
FORBIDDEN = {
    "success": False,
    "message": "You do not have permission to perform this action.",
    "errors": {"non_field_errors": ["Only admin or HR users can change the question bank."]},
}


def _refused(client, db, method: str, path: str, status: int, headers, **kwargs):
    before = row_counts(db)
    response = client.request(method, BASE + path, headers=headers, **kwargs)
    assert response.status_code == status, response.text
    assert row_counts(db) == before
    return response.json()


class TestCategories:
    def test_create_and_list(self, client, db, org, other_org, auth_headers_hr, auth_headers_interviewer):
        create_category(db, other_org, "Foreign")
        response = client.post(f"{BASE}/categories/", json={"name": " Python "}, headers=auth_headers_hr)
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "Category created successfully"
        assert set(body["data"]) == {"uuid", "name", "created_at"}
        assert body["data"]["name"] == "Python"
        listed = client.get(f"{BASE}/categories/", headers=auth_headers_interviewer).json()
        assert listed["message"] == "Categories retrieved successfully"
        assert [c["name"] for c in listed["data"]["categories"]] == ["Python"]

    def test_duplicate_and_blank_names(self, client, db, org, auth_headers_hr):
        create_category(db, org, "Python")
        body = _refused(client, db, "POST", "/categories/", 400, auth_headers_hr, json={"name": "Python"})
        assert body == {
            "success": False,
            "message": "Invalid data provided",
            "errors": {"name": ["A category with this name already exists."]},
        }
        body = _refused(client, db, "POST", "/categories/", 400, auth_headers_hr, json={"name": "  "})
        assert body["errors"] == {"name": ["This field may not be blank."]}

    def test_rename_and_delete(self, client, db, org, auth_headers_admin):
        category = create_category(db, org, "Pyton")
        response = client.patch(
            f"{BASE}/categories/{category.id}/", json={"name": "Python"}, headers=auth_headers_admin
        )
        assert response.json()["data"]["name"] == "Python"
        response = client.delete(f"{BASE}/categories/{category.id}/", headers=auth_headers_admin)
        assert response.json() == {"success": True, "message": "Category deleted successfully"}
        assert db.exec(select(Category)).all() == []

    def test_delete_cascades_to_the_tree(self, client, db, org, auth_headers_admin):
        bank = create_bank(db, org)
        assert client.delete(f"{BASE}/categories/{bank.category.id}/", headers=auth_headers_admin).status_code == 200
        assert row_counts(db)["question"] == 0 and row_counts(db)["subtopic"] == 0

    def test_a_category_in_use_cannot_be_deleted(self, client, db, org, auth_headers_admin):
        bank = create_bank(db, org)
        create_panel(db, org, bank)
        body = _refused(client, db, "DELETE", f"/categories/{bank.category.id}/", 409, auth_headers_admin)
        assert body == {
            "success": False,
            "message": "Category is in use",
            "errors": {"non_field_errors": ["An interview panel uses this category; it cannot be deleted."]},
        }

    def test_roles_and_organizations(self, client, db, org, auth_headers_interviewer, auth_headers_outsider):
        category = create_category(db, org)
        assert (
            _refused(client, db, "POST", "/categories/", 403, auth_headers_interviewer, json={"name": "X"}) == FORBIDDEN
        )
        assert _refused(client, db, "POST", "/categories/", 403, auth_headers_interviewer, json={}) == FORBIDDEN
        path = f"/categories/{category.id}/"
        _refused(client, db, "PATCH", path, 403, auth_headers_interviewer, json={"name": "X"})
        _refused(client, db, "DELETE", path, 403, auth_headers_interviewer)
        body = _refused(client, db, "PATCH", path, 404, auth_headers_outsider, json={"name": "X"})
        assert body == {
            "success": False,
            "message": "Category not found",
            "errors": {"non_field_errors": [f"No category with uuid {category.id}."]},
        }
        _refused(client, db, "DELETE", path, 404, auth_headers_outsider)
        listed = client.get(f"{BASE}/categories/", headers=auth_headers_outsider).json()["data"]["categories"]
        assert listed == []

    def test_user_without_organization(self, client, db):
        headers = auth_header(create_user(db, None))
        body = _refused(client, db, "GET", "/categories/", 403, headers)
        assert body["message"] == "User must belong to an organization"

    def test_anonymous(self, client, db):
        assert _refused(client, db, "GET", "/categories/", 401, {})["success"] is False


class TestTopicsAndSubtopics:
    def test_topics_are_created_in_and_listed_by_category(self, client, db, org, auth_headers_hr):
        python, java = create_category(db, org, "Python"), create_category(db, org, "Java")
        create_topic(db, java, "Streams")
        response = client.post(
            f"{BASE}/topics/",
            json={"name": "Data Structures", "category_uuid": str(python.id)},
            headers=auth_headers_hr,
        )
        assert response.status_code == 201
        data = response.json()["data"]
        assert set(data) == {"uuid", "name", "category_uuid", "created_at"}
        listed = client.get(f"{BASE}/topics/?category_uuid={python.id}", headers=auth_headers_hr).json()["data"]
        assert [t["name"] for t in listed["topics"]] == ["Data Structures"]
        assert len(client.get(f"{BASE}/topics/", headers=auth_headers_hr).json()["data"]["topics"]) == 2

    def test_topic_in_an_unknown_or_foreign_category(self, client, db, other_org, auth_headers_hr):
        foreign = create_category(db, other_org)
        for category_id in (uuid.uuid4(), foreign.id):
            body = _refused(
                client,
                db,
                "POST",
                "/topics/",
                404,
                auth_headers_hr,
                json={"name": "X", "category_uuid": str(category_id)},
            )
            assert body["errors"] == {"category_uuid": [f"No category with uuid {category_id}."]}
        assert client.get(f"{BASE}/topics/?category_uuid={foreign.id}", headers=auth_headers_hr).status_code == 404

    def test_duplicate_topic_in_a_category(self, client, db, org, auth_headers_hr):
        category = create_category(db, org)
        create_topic(db, category, "Lists")
        body = _refused(
            client,
            db,
            "POST",
            "/topics/",
            400,
            auth_headers_hr,
            json={"name": "Lists", "category_uuid": str(category.id)},
        )
        assert body["errors"] == {"name": ["A topic with this name already exists in this category."]}

    def test_subtopics_by_topic(self, client, db, org, auth_headers_hr):
        topic = create_topic(db, create_category(db, org), "Data Structures")
        response = client.post(
            f"{BASE}/subtopics/", json={"name": "Lists", "topic_uuid": str(topic.id)}, headers=auth_headers_hr
        )
        assert response.status_code == 201
        assert set(response.json()["data"]) == {"uuid", "name", "topic_uuid", "created_at"}
        listed = client.get(f"{BASE}/subtopics/?topic_uuid={topic.id}", headers=auth_headers_hr).json()["data"]
        assert [s["name"] for s in listed["subtopics"]] == ["Lists"]
        subtopic_id = listed["subtopics"][0]["uuid"]
        renamed = client.patch(f"{BASE}/subtopics/{subtopic_id}/", json={"name": "Tuples"}, headers=auth_headers_hr)
        assert renamed.json()["data"]["name"] == "Tuples"

    def test_rows_used_by_a_panel_cannot_be_deleted(self, client, db, org, auth_headers_hr):
        bank = create_bank(db, org)
        create_panel(db, org, bank)
        assert _refused(client, db, "DELETE", f"/topics/{bank.topic.id}/", 409, auth_headers_hr)["message"] == (
            "Topic is in use"
        )
        assert _refused(client, db, "DELETE", f"/subtopics/{bank.subtopic.id}/", 409, auth_headers_hr)["message"] == (
            "Subtopic is in use"
        )

    def test_unused_rows_are_deleted(self, client, db, org, auth_headers_hr):
        bank = create_bank(db, org)
        assert client.delete(f"{BASE}/subtopics/{bank.subtopic.id}/", headers=auth_headers_hr).status_code == 200
        assert client.delete(f"{BASE}/topics/{bank.topic.id}/", headers=auth_headers_hr).status_code == 200
        assert db.exec(select(Topic)).all() == [] and db.exec(select(SubTopic)).all() == []


def _question_body(subtopic, **overrides):
    body = {
        "subtopic_uuid": str(subtopic.id),
        "text": "Which method appends to a list?",
        "difficulty": "easy",
        "options": ["append", "push", "add"],
        "correct_option": 0,
        "explanation": "list.append(x)",
    }
    body.update(overrides)
    return body


@pytest.fixture
def subtopic(db, org):
    return create_subtopic(db, create_topic(db, create_category(db, org), "Data Structures"), "Lists")


class TestQuestions:
    def test_create(self, client, subtopic, auth_headers_hr):
        response = client.post(f"{BASE}/questions/", json=_question_body(subtopic), headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        data = response.json()["data"]
        assert set(data) == {
            "uuid",
            "subtopic_uuid",
            "text",
            "difficulty",
            "options",
            "correct_option",
            "explanation",
            "version",
            "previous_version_uuid",
            "created_at",
            "updated_at",
        }
        assert (data["difficulty"], data["options"], data["version"]) == ("easy", ["append", "push", "add"], 1)

    @pytest.mark.parametrize(
        "overrides, errors",
        [
            ({"options": ["only"]}, {"options": ["Provide between 2 and 6 options (got 1)."]}),
            ({"options": list("abcdefg")}, {"options": ["Provide between 2 and 6 options (got 7)."]}),
            ({"options": ["a", " "]}, {"options": ["Options may not be blank."]}),
            ({"options": ["a", "a"]}, {"options": ["Options must be different from each other."]}),
            ({"correct_option": 3}, {"correct_option": ["Must be the index of an option, from 0 to 2."]}),
            ({"correct_option": -1}, {"correct_option": ["Must be the index of an option, from 0 to 2."]}),
            ({"difficulty": "extreme"}, {"difficulty": ['"extreme" is not a valid choice.']}),
            ({"text": ""}, {"text": ["This field may not be blank."]}),
            ({"text": "a\x00"}, {"text": ["Null characters are not allowed."]}),
            ({"options": ["a", "b\x00"]}, {"options.1": ["Null characters are not allowed."]}),
        ],
    )
    def test_validation(self, client, db, subtopic, auth_headers_hr, overrides, errors):
        body = _refused(
            client, db, "POST", "/questions/", 400, auth_headers_hr, json=_question_body(subtopic, **overrides)
        )
        assert body == {"success": False, "message": "Invalid data provided", "errors": errors}

    def test_foreign_subtopic(self, client, db, other_org, auth_headers_hr):
        foreign = create_bank(db, other_org).subtopic
        assert _refused(client, db, "POST", "/questions/", 404, auth_headers_hr, json=_question_body(foreign))[
            "message"
        ] == ("Subtopic not found")

    def test_list_filters_and_hides_archived(self, client, db, subtopic, auth_headers_interviewer):
        easy = create_question(db, subtopic, difficulty="easy")
        create_question(db, subtopic, difficulty="hard")
        create_question(db, subtopic, difficulty="easy", is_archived=True)
        create_question(db, create_subtopic(db, db.get(Topic, subtopic.topic_id)), difficulty="easy")
        url = f"{BASE}/questions/?subtopic_uuid={subtopic.id}&difficulty=easy"
        data = client.get(url, headers=auth_headers_interviewer).json()["data"]
        assert [q["uuid"] for q in data["questions"]] == [str(easy.id)]
        assert len(client.get(f"{BASE}/questions/", headers=auth_headers_interviewer).json()["data"]["questions"]) == 3

    def test_edit_in_place_when_never_drawn(self, client, db, subtopic, auth_headers_hr):
        question = create_question(db, subtopic)
        response = client.patch(
            f"{BASE}/questions/{question.id}/", json={"text": "New text", "correct_option": 2}, headers=auth_headers_hr
        )
        data = response.json()["data"]
        assert (data["uuid"], data["text"], data["correct_option"], data["version"]) == (
            str(question.id),
            "New text",
            2,
            1,
        )

    def test_edit_of_a_drawn_question_makes_a_new_version(self, client, db, org, auth_headers_hr):
        bank = create_bank(db, org, easy=1, medium=1, hard=1)
        _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        client.get(f"/api/panel/session/{candidate.token}/")
        drawn = db.exec(select(Answer)).first().question_id
        original = db.get(Question, drawn)
        old_text = original.text
        data = client.patch(f"{BASE}/questions/{drawn}/", json={"text": "Better"}, headers=auth_headers_hr).json()[
            "data"
        ]
        assert data["uuid"] != str(drawn)
        assert (data["version"], data["previous_version_uuid"], data["text"]) == (2, str(drawn), "Better")
        db.expire_all()
        assert db.get(Question, drawn).is_archived is True and db.get(Question, drawn).text == old_text
        assert client.get(f"{BASE}/questions/{drawn}/", headers=auth_headers_hr).status_code == 404
        assert client.delete(f"{BASE}/questions/{data['uuid']}/", headers=auth_headers_hr).status_code == 200

    def test_an_empty_edit_of_a_drawn_question_makes_no_version(self, client, db, org, auth_headers_hr):
        bank = create_bank(db, org, easy=1, medium=1, hard=1)
        _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        client.get(f"/api/panel/session/{candidate.token}/")
        drawn = db.exec(select(Answer)).first().question_id
        before = row_counts(db)
        data = client.patch(f"{BASE}/questions/{drawn}/", json={}, headers=auth_headers_hr).json()["data"]
        assert (data["uuid"], data["version"]) == (str(drawn), 1)
        assert row_counts(db) == before

    def test_patch_validates_the_merged_question(self, client, db, subtopic, auth_headers_hr):
        question = create_question(db, subtopic, options=["a", "b", "c", "d"], correct_option=3)
        body = _refused(
            client, db, "PATCH", f"/questions/{question.id}/", 400, auth_headers_hr, json={"options": ["a", "b"]}
        )
        assert body["errors"] == {"correct_option": ["Must be the index of an option, from 0 to 1."]}
        body = _refused(client, db, "PATCH", f"/questions/{question.id}/", 400, auth_headers_hr, json={"text": None})
        assert body["errors"] == {"text": ["This field may not be null."]}

    def test_delete(self, client, db, org, auth_headers_hr):
        bank = create_bank(db, org, easy=1, medium=1, hard=1)
        _, [candidate] = create_panel(db, org, bank, candidates=[create_cv(db, org)])
        client.get(f"/api/panel/session/{candidate.token}/")
        spare_id = create_question(db, bank.subtopic).id  # created after the draw: never drawn
        drawn = db.exec(select(Answer)).first().question_id
        assert client.delete(f"{BASE}/questions/{spare_id}/", headers=auth_headers_hr).status_code == 200
        assert client.delete(f"{BASE}/questions/{drawn}/", headers=auth_headers_hr).status_code == 200
        db.expire_all()
        assert db.exec(select(Question).where(Question.id == spare_id)).first() is None
        assert db.get(Question, drawn).is_archived is True

    def test_roles_and_organizations(self, client, db, subtopic, auth_headers_interviewer, auth_headers_outsider):
        question = create_question(db, subtopic)
        path = f"/questions/{question.id}/"
        assert _refused(client, db, "PATCH", path, 403, auth_headers_interviewer, json={"text": "x"}) == FORBIDDEN
        _refused(client, db, "DELETE", path, 403, auth_headers_interviewer)
        _refused(client, db, "POST", "/questions/", 403, auth_headers_interviewer, json=_question_body(subtopic))
        for method in ("GET", "PATCH", "DELETE"):
            kwargs = {"json": {"text": "x"}} if method == "PATCH" else {}
            assert _refused(client, db, method, path, 404, auth_headers_outsider, **kwargs)["message"] == (
                "Question not found"
            )


class TestAvailability:
    def test_counts_current_questions(self, client, db, subtopic, auth_headers_interviewer):
        for difficulty in ("easy", "easy", "hard"):
            create_question(db, subtopic, difficulty=difficulty)
        create_question(db, subtopic, difficulty="medium", is_archived=True)
        response = client.get(f"{BASE}/availability/?subtopic_uuid={subtopic.id}", headers=auth_headers_interviewer)
        assert response.status_code == 200
        assert response.json() == {
            "success": True,
            "message": "Availability retrieved successfully",
            "data": {"easy": 2, "medium": 0, "hard": 1},
        }

    def test_unknown_or_foreign_or_missing_subtopic(self, client, db, other_org, auth_headers_hr):
        foreign = create_bank(db, other_org).subtopic
        for subtopic_id in (uuid.uuid4(), foreign.id):
            response = client.get(f"{BASE}/availability/?subtopic_uuid={subtopic_id}", headers=auth_headers_hr)
            assert response.status_code == 404
        response = client.get(f"{BASE}/availability/", headers=auth_headers_hr)
        assert response.status_code == 400
        assert response.json()["errors"] == {"subtopic_uuid": ["This field is required."]}


def _row(**overrides):
    row = {
        "category": "Python",
        "topic": "Data Structures",
        "subtopic": "Lists",
        "text": "Which method appends?",
        "difficulty": "easy",
        "options": ["append", "push"],
        "correct_option": 0,
    }
    row.update(overrides)
    return row


CSV = (
    "category,topic,subtopic,text,difficulty,option_1,option_2,option_3,option_4,correct_option,explanation\n"
    'Python,Data Structures,Lists,"Which method appends, at the end?",easy,append,push,,,0,list.append\n'
    "Python,Data Structures,Tuples,Are tuples mutable?,medium,yes,no,,,1,\n"
)


class TestImport:
    def test_json_creates_the_tree_by_name(self, client, db, org, auth_headers_hr):
        existing = create_category(db, org, "Python")
        rows = [_row(), _row(text="Second", difficulty="hard"), _row(category="Java", topic="Streams", subtopic="Map")]
        response = client.post(f"{BASE}/import/", json={"questions": rows}, headers=auth_headers_hr)
        assert response.status_code == 201, response.text
        assert response.json() == {
            "success": True,
            "message": "Questions imported successfully",
            "data": {"imported": 3, "created_categories": 1, "created_topics": 2, "created_subtopics": 2},
        }
        assert {c.name for c in db.exec(select(Category)).all()} == {"Python", "Java"}
        assert db.exec(select(Topic).where(Topic.category_id == existing.id)).one().name == "Data Structures"

    def test_all_or_nothing_with_per_row_errors(self, client, db, org, auth_headers_hr):
        rows = [_row(), _row(difficulty="extreme", correct_option=5), _row(options=["one"]), "nonsense"]
        body = _refused(client, db, "POST", "/import/", 400, auth_headers_hr, json={"questions": rows})
        assert body == {
            "success": False,
            "message": "Import failed: no question was imported",
            "errors": {
                "rows.2.difficulty": ['"extreme" is not a valid choice.'],
                "rows.3.options": ["Provide between 2 and 6 options (got 1)."],
                "rows.4": ["Invalid data. Expected a dictionary."],
            },
        }

    def test_out_of_range_answer_in_a_row(self, client, db, auth_headers_hr):
        body = _refused(
            client, db, "POST", "/import/", 400, auth_headers_hr, json={"questions": [_row(correct_option=2)]}
        )
        assert body["errors"] == {"rows.1.correct_option": ["Must be the index of an option, from 0 to 1."]}

    def test_wrong_json_shape_and_empty(self, client, db, auth_headers_hr):
        body = _refused(client, db, "POST", "/import/", 400, auth_headers_hr, json={"rows": []})
        assert body["errors"] == {"questions": ['Send {"questions": [...]}, a list of question objects.']}
        body = _refused(client, db, "POST", "/import/", 400, auth_headers_hr, json={"questions": []})
        assert body["errors"] == {"rows": ["There are no questions to import."]}

    def test_csv_body(self, client, db, auth_headers_hr):
        headers = {**auth_headers_hr, "content-type": "text/csv"}
        response = client.post(f"{BASE}/import/", content=CSV.encode(), headers=headers)
        assert response.status_code == 201, response.text
        assert response.json()["data"]["imported"] == 2
        questions = {q.text: q for q in db.exec(select(Question)).all()}
        first = questions["Which method appends, at the end?"]
        assert (first.options, first.explanation) == (["append", "push"], "list.append")
        assert questions["Are tuples mutable?"].correct_option == 1

    def test_csv_upload(self, client, db, auth_headers_hr):
        files = {"file": ("questions.csv", CSV.encode(), "text/csv")}
        response = client.post(f"{BASE}/import/", files=files, headers=auth_headers_hr)
        assert response.status_code == 201, response.text

    def test_csv_missing_columns(self, client, db, auth_headers_hr):
        headers = {**auth_headers_hr, "content-type": "text/csv"}
        body = _refused(client, db, "POST", "/import/", 400, headers, content=b"category,text\nPython,Q\n")
        assert body["errors"] == {
            "file": ["Missing columns: topic, subtopic, difficulty, correct_option, option_1, option_2."]
        }

    def test_interviewer_cannot_import(self, client, db, auth_headers_interviewer):
        assert _refused(
            client, db, "POST", "/import/", 403, auth_headers_interviewer, json={"questions": [_row()]}
        ) == (FORBIDDEN)
