"""Every route of the OpenAPI document x every way a caller can be wrong.

| caller                          | expected |
|---------------------------------|----------|
| no token, malformed, bad signature, expired, inactive user | 401 |
| another organization's object   | 404      |
| a role without the right        | 403      |

Each answer comes in its route's envelope. A route that is not in ROUTES fails the first test, so a new
route cannot ship without its access rules being decided here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from sqlmodel import select

from hr_app.api.app import create_api
from hr_app.api.envelopes import uses_panel_envelope
from hr_app.config import get_settings
from hr_app.models import Evaluation, Question, Role
from hr_app.services import cv_people
from hr_app.services.security import ALGORITHM
from tests.api.interview_support import wav_bytes
from tests.factories import auth_header, create_cv, create_job_title, create_user
from tests.question_factories import create_bank, create_panel, panel_payload


@dataclass
class World:
    """One of each object, in the organization `org`."""

    interview_id: str
    cv_id: str
    pending_cv_id: str
    panel_id: str
    category_id: str
    topic_id: str
    subtopic_id: str
    question_id: str
    interviewer_id: int
    payload: dict[str, Any]
    job_title_id: str
    note_id: str
    scorecard_id: str


Body = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Rule:
    role_needed: str | None = None  # "manager" (admin or hr), "admin", or None (any member)
    json: Body | None = None
    files: bool = False  # multipart upload
    public: bool = False  # the token in the path is the credential (candidate sessions)


def _when(hours: int = 24) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


MANAGER, ADMIN = "manager", "admin"
ROUTES: dict[str, Rule] = {
    "GET /api/audit/": Rule(),
    "POST /api/auth/accept-invite/": Rule(public=True),
    "POST /api/auth/logout/": Rule(),
    "POST /api/auth/password/change/": Rule(
        json=lambda w: {"current_password": "wrong-one", "new_password": "tangerine-violin-orbit-42"}
    ),
    "POST /api/auth/password/reset/": Rule(public=True),
    "POST /api/auth/password/reset/confirm/": Rule(public=True),
    "GET /api/organization/": Rule(),
    "GET /api/outbox/": Rule(ADMIN),
    "PATCH /api/organization/": Rule(ADMIN, json=lambda w: {"time_zone": "Asia/Kolkata"}),
    "PATCH /api/job-titles/{job_title_id}/": Rule(MANAGER, json=lambda w: {"name": "Renamed title"}),
    "DELETE /api/job-titles/{job_title_id}/": Rule(MANAGER),
    "POST /api/users/invite/": Rule(
        ADMIN,
        json=lambda w: {"email": "invited@example.com", "first_name": "In", "last_name": "Vited", "role": "hr"},
    ),
    "PATCH /api/users/{user_id}/": Rule(ADMIN, json=lambda w: {"role": "hr"}),
    "POST /api/users/{user_id}/invite/resend/": Rule(ADMIN),
    "DELETE /api/users/{user_id}/invite/": Rule(ADMIN),
    "GET /api/auth/me/": Rule(),
    "POST /api/auth/token/": Rule(public=True),
    "GET /api/cvs/": Rule(),
    "POST /api/cvs/": Rule(MANAGER, json=lambda w: {"name": "New Person", "email": "new.person@example.com"}),
    "POST /api/cvs/import/": Rule(MANAGER, files=True),
    "POST /api/cvs/import-documents/": Rule(MANAGER, files=True),
    "DELETE /api/cvs/{cv_id}/": Rule(MANAGER),
    "GET /api/cvs/{cv_id}/": Rule(),
    "POST /api/cvs/{cv_id}/document/": Rule(MANAGER, files=True),
    "GET /api/cvs/{cv_id}/document/": Rule(),
    "GET /api/cvs/{cv_id}/duplicates/": Rule(),
    "POST /api/cvs/{cv_id}/merge/": Rule(MANAGER, json=lambda w: {"duplicate_id": w.pending_cv_id}),
    "DELETE /api/cvs/{cv_id}/document/": Rule(MANAGER),
    "PATCH /api/cvs/{cv_id}/": Rule(MANAGER, json=lambda w: {"place": "Kollam"}),
    "GET /api/cvs/{cv_id}/tags/": Rule(),
    "PUT /api/cvs/{cv_id}/tags/": Rule(MANAGER, json=lambda w: {"tags": ["python"]}),
    "PUT /api/cvs/{cv_id}/source/": Rule(MANAGER, json=lambda w: {"source": "referral"}),
    "GET /api/cvs/{cv_id}/notes/": Rule(),
    "POST /api/cvs/{cv_id}/notes/": Rule(json=lambda w: {"text": "Strong on SQL"}),
    "PATCH /api/cvs/{cv_id}/notes/{note_id}/": Rule(json=lambda w: {"text": "Reworded"}),  # the author: 403 else
    "DELETE /api/cvs/{cv_id}/notes/{note_id}/": Rule(),  # the author or an admin
    "GET /api/dashboard/": Rule(),
    "GET /api/interview-management/": Rule(),
    "GET /api/interview-management/agenda/": Rule(),
    "POST /api/interview-management/bulk-reject/": Rule(
        MANAGER, json=lambda w: {"candidate_ids": [w.pending_cv_id], "remark": "Not now"}
    ),
    "POST /api/interview-management/bulk-start/": Rule(
        MANAGER,
        json=lambda w: {"candidate_ids": [w.pending_cv_id], "interviewer_id": w.interviewer_id, "first_slot": _when()},
    ),
    "GET /api/interview-management/cvs-for-interview/": Rule(),
    "GET /api/interview-management/export.csv": Rule(),
    "GET /api/interview-management/ongoing-interviews/": Rule(),
    "POST /api/interview-management/start-interview/": Rule(
        json=lambda w: {"candidate_id": w.pending_cv_id, "scheduled_at": _when()}
    ),
    "DELETE /api/interview-management/{interview_id}/": Rule(MANAGER),
    "GET /api/interview-management/{interview_id}/": Rule(),
    "PATCH /api/interview-management/{interview_id}/evaluation/": Rule(json=lambda w: {"appearance": 5}),
    "POST /api/interview-management/{interview_id}/evaluation/": Rule(json=lambda w: {"appearance": 5}),
    "PUT /api/interview-management/{interview_id}/evaluation/": Rule(json=lambda w: {"appearance": 5}),
    "GET /api/interview-management/{interview_id}/invite.ics": Rule(),
    "PUT /api/interview-management/{interview_id}/interviewers/": Rule(
        MANAGER, json=lambda w: {"interviewer_ids": [w.interviewer_id]}
    ),
    "GET /api/interview-management/{interview_id}/scorecards/": Rule(),
    "GET /api/interview-management/{interview_id}/scorecards/{scorecard_id}/voice-note/": Rule(),
    "PUT /api/interview-management/{interview_id}/scorecards/mine/": Rule(
        json=lambda w: {"ratings": {"knowledge": {"rating": 5}}}
    ),
    "POST /api/interview-management/{interview_id}/scorecards/mine/reopen/": Rule(json=lambda w: {"reason": "Typo"}),
    "POST /api/interview-management/{interview_id}/scorecards/mine/submit/": Rule(json=lambda w: {}),
    "POST /api/interview-management/{interview_id}/next-round/": Rule(
        MANAGER, json=lambda w: {"scheduled_at": _when(72), "interviewer_id": w.interviewer_id}
    ),
    "PATCH /api/interview-management/{interview_id}/reschedule/": Rule(json=lambda w: {"scheduled_at": _when(48)}),
    "PATCH /api/interview-management/{interview_id}/update-status/": Rule(
        MANAGER, json=lambda w: {"status": "selected"}
    ),
    "GET /api/interview-management/{interview_id}/voice-note/": Rule(),
    "GET /api/job-titles/": Rule(),
    "GET /api/job-titles/{job_title_id}/scorecard-template/": Rule(MANAGER),
    "PUT /api/job-titles/{job_title_id}/scorecard-template/": Rule(
        MANAGER, json=lambda w: {"criteria": [{"name": "Python"}]}
    ),
    "POST /api/job-titles/": Rule(MANAGER, json=lambda w: {"name": "Data Engineer"}),
    "POST /api/panel/create/": Rule(MANAGER, json=lambda w: w.payload),
    "DELETE /api/panel/delete/{interview_panel_uuid}/": Rule(MANAGER),
    # The spec's "Admin or HR role" for every panel endpoint, reads included (a panel lists the session tokens).
    "GET /api/panel/get/": Rule(MANAGER),
    "GET /api/panel/get/{interview_panel_uuid}/": Rule(MANAGER),
    "GET /api/panel/get/{interview_panel_uuid}/results.csv": Rule(MANAGER),
    "GET /api/panel/get/{interview_panel_uuid}/answers.csv": Rule(MANAGER),
    "GET /api/panel/results/{interview_panel_uuid}/": Rule(MANAGER),
    "POST /api/panel/reissue-link/{interview_panel_uuid}/{candidate_uuid}/": Rule(MANAGER),
    "POST /api/panel/extend-session/{interview_panel_uuid}/{candidate_uuid}/": Rule(
        MANAGER, json=lambda w: {"minutes": 5, "reason": "Network outage"}
    ),
    "POST /api/panel/send-links/{interview_panel_uuid}/": Rule(MANAGER),
    "GET /api/panel/signals/{interview_panel_uuid}/": Rule(MANAGER),
    "GET /api/panel/written-answers/{interview_panel_uuid}/": Rule(MANAGER),
    "POST /api/panel/hand-score/{interview_panel_uuid}/{candidate_uuid}/": Rule(
        MANAGER, json=lambda w: {"question_uuid": w.question_id, "score": 5}
    ),
    "POST /api/panel/add-candidates/{interview_panel_uuid}/": Rule(
        MANAGER, json=lambda w: {"candidate_uuids": [w.pending_cv_id]}
    ),
    "POST /api/panel/remove-candidate/{interview_panel_uuid}/": Rule(
        MANAGER, json=lambda w: {"candidate_uuid": w.cv_id}
    ),
    "GET /api/panel/session/{token}/": Rule(public=True),
    "PUT /api/panel/session/{token}/answers/": Rule(public=True),
    "POST /api/panel/session/{token}/start/": Rule(public=True),
    "POST /api/panel/session/{token}/submit/": Rule(public=True),
    "PUT /api/panel/session/{token}/viewing/": Rule(public=True),
    "PUT /api/panel/update/{interview_panel_uuid}/": Rule(MANAGER, json=lambda w: {"name": "Renamed panel"}),
    "GET /api/question-bank/availability/": Rule(),
    "GET /api/question-bank/categories/": Rule(),
    "POST /api/question-bank/categories/": Rule(MANAGER, json=lambda w: {"name": "Databases"}),
    "DELETE /api/question-bank/categories/{category_uuid}/": Rule(MANAGER),
    "PATCH /api/question-bank/categories/{category_uuid}/": Rule(MANAGER, json=lambda w: {"name": "Renamed"}),
    "POST /api/question-bank/import/": Rule(MANAGER, json=lambda w: {"rows": []}),
    "GET /api/question-bank/questions/": Rule(),
    "POST /api/question-bank/questions/": Rule(
        MANAGER,
        json=lambda w: {
            "subtopic_uuid": w.subtopic_id,
            "text": "What is 2 + 2?",
            "difficulty": "easy",
            "options": ["3", "4"],
            "correct_option": 1,
        },
    ),
    "DELETE /api/question-bank/questions/{question_uuid}/": Rule(MANAGER),
    "GET /api/question-bank/questions/{question_uuid}/": Rule(),
    "PATCH /api/question-bank/questions/{question_uuid}/": Rule(MANAGER, json=lambda w: {"text": "Reworded?"}),
    "GET /api/question-bank/questions/{question_uuid}/stats/": Rule(MANAGER),
    "GET /api/question-bank/statistics.csv": Rule(MANAGER),
    "GET /api/question-bank/subtopics/": Rule(),
    "POST /api/question-bank/subtopics/": Rule(MANAGER, json=lambda w: {"name": "Tuples", "topic_uuid": w.topic_id}),
    "DELETE /api/question-bank/subtopics/{subtopic_uuid}/": Rule(MANAGER),
    "PATCH /api/question-bank/subtopics/{subtopic_uuid}/": Rule(MANAGER, json=lambda w: {"name": "Renamed"}),
    "GET /api/question-bank/topics/": Rule(),
    "POST /api/question-bank/topics/": Rule(MANAGER, json=lambda w: {"name": "Sets", "category_uuid": w.category_id}),
    "DELETE /api/question-bank/topics/{topic_uuid}/": Rule(MANAGER),
    "PATCH /api/question-bank/topics/{topic_uuid}/": Rule(MANAGER, json=lambda w: {"name": "Renamed"}),
    "GET /api/users/": Rule(),
    "POST /api/users/": Rule(
        ADMIN, json=lambda w: {"email": "new.user@example.com", "password": "long-enough-1", "first_name": "New"}
    ),
}

PATH_PARAMS = {
    "cv_id": "cv_id",
    "interview_id": "interview_id",
    "interview_panel_uuid": "panel_id",
    "candidate_uuid": "cv_id",  # the panel's candidate (started_cv)
    "category_uuid": "category_id",
    "topic_uuid": "topic_id",
    "subtopic_uuid": "subtopic_id",
    "question_uuid": "question_id",
    "job_title_id": "job_title_id",
    "user_id": "interviewer_id",
    "note_id": "note_id",
    "scorecard_id": "scorecard_id",
}
INT_PARAMS = {"job_title_id", "user_id"}
PROTECTED = sorted(key for key, rule in ROUTES.items() if not rule.public)
WITH_OBJECT = sorted(key for key in PROTECTED if "{" in key)
ROLE_BOUND = sorted(key for key in PROTECTED if ROUTES[key].role_needed)


def _openapi_routes() -> set[str]:
    paths = create_api().openapi()["paths"]
    return {f"{method.upper()} {path}" for path, operations in paths.items() for method in operations}


def test_every_route_is_in_the_matrix():
    assert _openapi_routes() == set(ROUTES)


def _url(key: str, world: World | None) -> str:
    path = key.split(" ", 1)[1]

    def fill(match: re.Match[str]) -> str:
        if world is None:
            return "1" if match.group(1) in INT_PARAMS else str(uuid.uuid4())
        return str(getattr(world, PATH_PARAMS[match.group(1)]))

    return re.sub(r"\{(\w+)\}", fill, path)


def _call(client, key: str, headers: dict[str, str], world: World | None):
    method = key.split(" ", 1)[0]
    rule = ROUTES[key]
    kwargs: dict[str, Any] = {"headers": headers}
    if rule.files:
        kwargs["files"] = {"file": ("cvs.csv", b"name,email\nA Person,a.person@example.com\n", "text/csv")}
    elif rule.json and world is not None:
        kwargs["json"] = rule.json(world)
    return client.request(method, _url(key, world), **kwargs)


def _assert_envelope(key: str, response, status: int, code: str) -> None:
    assert response.status_code == status, (key, response.status_code, response.text[:300])
    body = response.json()
    assert body["success"] is False
    assert isinstance(body["message"], str) and body["message"]
    if uses_panel_envelope(key.split(" ", 1)[1]):
        assert set(body) == {"success", "message", "errors"}, (key, body)
        assert isinstance(body["errors"], dict) and body["errors"]
    else:
        assert set(body) == {"success", "message", "error", "details"}, (key, body)
        assert body["error"] == code


def _token(claims: dict[str, Any], secret: str | None = None) -> str:
    return jwt.encode(claims, secret or get_settings().secret_key, algorithm=ALGORITHM)


BAD_CREDENTIALS = ["none", "malformed", "bad-signature", "expired", "inactive-user"]


def _bad_headers(kind: str, user) -> dict[str, str]:
    future = datetime.now(UTC) + timedelta(hours=1)
    claims = {"sub": str(user.id), "org": str(user.organization_id), "exp": future}
    if kind == "none":
        return {}
    if kind == "malformed":
        return {"Authorization": "Bearer not-a-jwt"}
    if kind == "bad-signature":
        return {"Authorization": f"Bearer {_token(claims, 'another-secret-of-enough-length-000')}"}
    if kind == "expired":
        return {"Authorization": f"Bearer {_token({**claims, 'exp': datetime.now(UTC) - timedelta(minutes=1)})}"}
    return auth_header(user)  # inactive-user: the user is deactivated by the test


@pytest.mark.parametrize("kind", BAD_CREDENTIALS)
def test_bad_credentials_get_401_on_every_protected_route(client, db, org, kind):
    user = create_user(db, org, role=Role.ADMIN, is_active=kind != "inactive-user")
    headers = _bad_headers(kind, user)
    for key in PROTECTED:
        response = _call(client, key, headers, None)
        _assert_envelope(key, response, 401, "UNAUTHORIZED")
        assert response.headers["www-authenticate"] == "Bearer", key


@pytest.fixture
def world(client, db, org, hr_user, interviewer) -> World:
    job_title = create_job_title(db, org, "Backend Developer")
    started_cv = create_cv(db, org, job_title=job_title, name="Started Sam")
    pending_cv = create_cv(db, org, job_title=job_title, name="Pending Pia")
    started = client.post(
        "/api/interview-management/start-interview/",
        headers=auth_header(hr_user),
        # begun an hour ago: scorecards open at the scheduled start (issue 18)
        json={"candidate_id": str(started_cv.id), "scheduled_at": _when(-1), "interviewer_id": interviewer.id},
    )
    interview_id = started.json()["data"]["id"]
    saved = client.post(
        f"/api/interview-management/{interview_id}/evaluation/",
        headers=auth_header(hr_user),
        data={"appearance": "7"},
        files={"voice_note": ("note.wav", wav_bytes(), "audio/wav")},
    )
    assert saved.status_code == 201, saved.text
    bank = create_bank(db, org)
    panel, _ = create_panel(db, org, bank, candidates=[started_cv])
    question_id = str(db.exec(select(Question.id).where(Question.subtopic_id == bank.subtopic.id)).first())
    note_id = str(cv_people.add_note(db, actor=hr_user, cv_id=started_cv.id, text="A note").note.id)
    db.commit()
    return World(
        interview_id=interview_id,
        cv_id=str(started_cv.id),
        pending_cv_id=str(pending_cv.id),
        panel_id=str(panel.id),
        category_id=str(bank.category.id),
        topic_id=str(bank.topic.id),
        subtopic_id=str(bank.subtopic.id),
        question_id=question_id,
        interviewer_id=interviewer.id,
        payload=panel_payload(bank, [pending_cv]),
        job_title_id=str(create_job_title(db, org, "Unused Title").id),
        note_id=note_id,
        scorecard_id=str(
            db.exec(select(Evaluation.id).where(Evaluation.interview_id == uuid.UUID(interview_id))).one()
        ),
    )


def test_another_organizations_objects_are_404(client, world, auth_headers_outsider):
    for key in WITH_OBJECT:
        _assert_envelope(key, _call(client, key, auth_headers_outsider, world), 404, "NOT_FOUND")


def test_roles_without_the_right_get_403(client, db, org, world, auth_headers_interviewer, auth_headers_hr):
    for key in ROLE_BOUND:
        headers = auth_headers_hr if ROUTES[key].role_needed == ADMIN else auth_headers_interviewer
        _assert_envelope(key, _call(client, key, headers, world), 403, "FORBIDDEN")
