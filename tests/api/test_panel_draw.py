"""The shuffle through the API (issue 19, beyond the spec): `shuffle` on create and update, and answers that index
the candidate's own option order."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from hr_app.models import Answer, InterviewPanel, Question
from tests.factories import create_cv, row_counts
from tests.question_factories import create_bank, create_panel, panel_payload


@pytest.fixture
def bank(db, org):
    return create_bank(db, org, easy=4, medium=4, hard=4)


def test_create_and_update_take_shuffle_and_refuse_a_non_boolean(client, db, bank, auth_headers_hr):
    created = client.post("/api/panel/create/", headers=auth_headers_hr, json=panel_payload(bank, shuffle=True))
    assert created.status_code == 201, created.text
    assert "shuffle" not in created.json()["data"]  # the spec's panel object stays exact
    panel_id = created.json()["data"]["uuid"]
    assert db.get(InterviewPanel, uuid.UUID(panel_id)).shuffle is True
    before = row_counts(db)
    for method, path in (("post", "/api/panel/create/"), ("put", f"/api/panel/update/{panel_id}/")):
        body = panel_payload(bank, shuffle="maybe") if method == "post" else {"shuffle": "maybe"}
        response = getattr(client, method)(path, headers=auth_headers_hr, json=body)
        assert (response.status_code, response.json()) == (
            400,
            {"success": False, "message": "Invalid data provided", "errors": {"shuffle": ["Must be a valid boolean."]}},
        )
    refused = client.put(f"/api/panel/update/{panel_id}/", headers=auth_headers_hr, json={"shuffle": None})
    assert refused.json()["errors"] == {"shuffle": ["This field may not be null."]}
    assert row_counts(db) == before
    assert (
        client.put(f"/api/panel/update/{panel_id}/", headers=auth_headers_hr, json={"shuffle": False}).status_code
        == 200
    )
    db.expire_all()
    assert db.get(InterviewPanel, uuid.UUID(panel_id)).shuffle is False


def test_a_shuffled_session_scores_the_candidates_indexes(client, db, org, bank):
    _, [candidate] = create_panel(
        db, org, bank, candidates=[create_cv(db, org)], easy=2, medium=2, hard=2, shuffle=True
    )
    url = f"/api/panel/session/{candidate.token}/"
    questions = client.get(url).json()["data"]["questions"]
    correct_text = {str(q.id): q.options[q.correct_option] for q in db.exec(select(Question))}
    answers = {q["uuid"]: q["options"].index(correct_text[q["uuid"]]) for q in questions}
    saved = client.put(url + "answers/", json={"answers": answers})
    assert saved.json()["data"] == {"answers": answers, "answered": 6, "total": 6}
    assert client.get(url).json()["data"]["answers"] == answers
    before = row_counts(db)
    bad = client.put(url + "answers/", json={"answers": {questions[0]["uuid"]: 4}})
    assert (bad.status_code, bad.json()["errors"]) == (
        400,
        {f"answers.{questions[0]['uuid']}": ["Must be the index of an option, from 0 to 3."]},
    )
    assert row_counts(db) == before
    result = client.post(url + "submit/").json()["data"]
    assert (result["score"], result["total"]) == (6, 6)
    db.expire_all()
    assert all(a.is_correct for a in db.exec(select(Answer)))
