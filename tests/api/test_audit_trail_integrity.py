"""The audit trail records sign-ins (with the address) and lock-outs, and nothing in the code can change it.

The database refuses UPDATE and DELETE itself (revision 0006): tests/services/test_migrations.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError
from sqlmodel import select

from hr_app.db import session_scope
from hr_app.models import AppUser, AuditEntry
from tests.factories import PASSWORD, auth_header, create_user

TOKEN = "/api/auth/token/"


def _sign_ins(db) -> list[tuple]:
    db.expire_all()
    rows = db.exec(select(AuditEntry).where(AuditEntry.object_type == "user").order_by(AuditEntry.id)).all()
    return [(row.organization_id, row.actor_id, row.object_id, row.action, row.after) for row in rows]


def test_success_and_failures_with_the_address(client, db, org, hr_user):
    assert client.post(TOKEN, json={"email": hr_user.email, "password": PASSWORD}).status_code == 200
    assert client.post(TOKEN, json={"email": hr_user.email, "password": "wrong-password"}).status_code == 401
    assert client.post(TOKEN, json={"email": "nobody@nowhere.test", "password": "x"}).status_code == 401
    address = {"address": "testclient"}
    assert _sign_ins(db) == [
        (org.id, hr_user.id, str(hr_user.id), "sign_in", {"email": hr_user.email, **address}),
        (org.id, hr_user.id, str(hr_user.id), "sign_in_failed", {"email": hr_user.email, **address}),
        (None, None, "", "sign_in_failed", {"email": "nobody@nowhere.test", **address}),
    ]


def test_a_lock_out_is_recorded(client, db, org, hr_user):
    statuses = []
    for _ in range(100):
        statuses.append(client.post(TOKEN, json={"email": hr_user.email, "password": "wrong-password"}).status_code)
        if statuses[-1] == 429:
            break
    assert statuses[-1] == 429 and set(statuses[:-1]) == {401}
    actions = [entry[3] for entry in _sign_ins(db)]
    assert actions == ["sign_in_failed"] * (len(statuses) - 1) + ["sign_in_locked_out"]


def test_the_trail_survives_the_deletion_of_its_actor(client, db, org):
    user = create_user(db, org, email="gone@acme.test")
    user_id = user.id
    assert client.post(TOKEN, json={"email": user.email, "password": PASSWORD}).status_code == 200
    with session_scope() as session:
        session.delete(session.get(AppUser, user_id))
    assert [entry[1:4] for entry in _sign_ins(db)] == [(user_id, str(user_id), "sign_in")]


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_database_refuses_to_change_an_entry(client, db, org, hr_user, change):
    client.post(TOKEN, json={"email": hr_user.email, "password": PASSWORD})
    with pytest.raises(DatabaseError, match="append-only"), session_scope() as session:
        entry = session.exec(select(AuditEntry)).one()
        if change == "update":
            entry.action = "forged"
        else:
            session.delete(entry)
    assert [entry[3] for entry in _sign_ins(db)] == ["sign_in"]


def test_no_code_path_updates_or_deletes_audit_entries():
    root = Path(__file__).resolve().parents[2] / "hr_app"
    pattern = re.compile(r"(update|delete)\(\s*AuditEntry|AuditEntry\.__table__\.(update|delete)|audit_entry\s+SET")
    offenders = [
        str(path.relative_to(root)) for path in root.rglob("*.py") if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _entries(db, object_type: str) -> list[tuple]:
    db.expire_all()
    rows = db.exec(select(AuditEntry).where(AuditEntry.object_type == object_type).order_by(AuditEntry.id)).all()
    return [(row.object_id, row.action, row.actor_label, row.before, row.after) for row in rows]


def test_user_and_role_changes(client, db, org, admin, auth_headers_admin, interviewer):
    user_id = str(interviewer.id)
    assert client.patch(f"/api/users/{user_id}/", headers=auth_headers_admin, json={"role": "hr"}).status_code == 200
    assert client.patch(f"/api/users/{user_id}/", headers=auth_headers_admin, json={"role": "hr"}).status_code == 200
    invited = client.post(
        "/api/users/invite/",
        headers=auth_headers_admin,
        json={"email": "new.one@example.com", "first_name": "New", "last_name": "One", "role": "interviewer"},
    )
    assert invited.status_code == 201, invited.text
    new_id = str(invited.json()["data"]["id"])
    assert client.delete(f"/api/users/{new_id}/invite/", headers=auth_headers_admin).status_code == 200
    snapshot = {
        "email": "new.one@example.com",
        "first_name": "New",
        "last_name": "One",
        "job_role": "",
        "role": "interviewer",
        "is_active": False,
    }
    by = admin.full_name
    assert _entries(db, "user") == [
        (user_id, "updated", by, {"role": "interviewer"}, {"role": "hr"}),  # the second PATCH changed nothing
        (new_id, "invited", by, None, snapshot),
        (new_id, "invite_revoked", by, snapshot, None),  # kept after the user row is gone
    ]


def test_question_bank_edits_a_changed_correct_option_above_all(client, db, org, hr_user, auth_headers_hr):
    bank = "/api/question-bank"
    category = client.post(f"{bank}/categories/", headers=auth_headers_hr, json={"name": "Python"}).json()["data"]
    topic = client.post(
        f"{bank}/topics/", headers=auth_headers_hr, json={"name": "Lists", "category_uuid": category["uuid"]}
    ).json()["data"]
    subtopic = client.post(
        f"{bank}/subtopics/", headers=auth_headers_hr, json={"name": "Append", "topic_uuid": topic["uuid"]}
    ).json()["data"]
    question = {
        "subtopic_uuid": subtopic["uuid"],
        "text": "2 + 2?",
        "difficulty": "easy",
        "options": ["3", "4"],
        "correct_option": 1,
    }
    created = client.post(f"{bank}/questions/", headers=auth_headers_hr, json=question)
    assert created.status_code == 201, created.text
    question_id = created.json()["data"]["uuid"]
    url = f"{bank}/questions/{question_id}/"
    assert client.patch(url, headers=auth_headers_hr, json={"correct_option": 0}).status_code == 200
    assert client.delete(url, headers=auth_headers_hr).status_code == 200
    imported = client.post(
        f"{bank}/import/",
        headers=auth_headers_hr,
        json={"questions": [{**{k: v for k, v in question.items() if k != "subtopic_uuid"}, **TREE}]},
    )
    assert imported.status_code == 201, imported.text
    trail = _entries(db, "question")
    assert [(entry[0] == question_id, entry[1]) for entry in trail] == [
        (True, "created"),
        (True, "updated"),
        (True, "deleted"),
        (False, "imported"),
    ]
    assert trail[1][3:] == ({"correct_option": 1}, {"correct_option": 0})
    assert trail[0][4]["correct_option"] == 1 and trail[2][3]["correct_option"] == 0


TREE = {"category": "Python", "topic": "Lists", "subtopic": "Append"}


def test_password_change_and_reset(client, db, org, interviewer):
    from tests.api.test_team import STRONG, _fresh_link

    user_id = str(interviewer.id)
    weak = {"current_password": PASSWORD, "new_password": "qwertyuiop12"}
    assert client.post("/api/auth/password/change/", headers=auth_header(interviewer), json=weak).status_code == 400
    changed = client.post(
        "/api/auth/password/change/",
        headers=auth_header(interviewer),
        json={"current_password": PASSWORD, "new_password": STRONG},
    )
    assert changed.status_code == 200, changed.text
    assert client.post("/api/auth/password/reset/", json={"email": interviewer.email}).status_code == 200
    token = _fresh_link(interviewer.id, "reset")
    done = client.post("/api/auth/password/reset/confirm/", json={"token": token, "password": "x" + STRONG})
    assert done.status_code == 200, done.text
    assert [entry[:2] for entry in _entries(db, "user")] == [(user_id, "password_changed"), (user_id, "password_reset")]


def test_the_bank_tree(client, db, org, hr_user, auth_headers_hr):
    bank = "/api/question-bank"
    category = client.post(f"{bank}/categories/", headers=auth_headers_hr, json={"name": "Python"}).json()["data"]
    url = f"{bank}/categories/{category['uuid']}/"
    assert client.patch(url, headers=auth_headers_hr, json={"name": "Python 3"}).status_code == 200
    assert client.patch(url, headers=auth_headers_hr, json={"name": "Python 3"}).status_code == 200  # no change
    assert client.delete(url, headers=auth_headers_hr).status_code == 200
    scope = {"organization_id": str(org.id)}
    assert [entry[1:] for entry in _entries(db, "category")] == [
        ("created", hr_user.full_name, None, {"name": "Python", **scope}),
        ("renamed", hr_user.full_name, {"name": "Python"}, {"name": "Python 3"}),
        ("deleted", hr_user.full_name, {"name": "Python 3", **scope}, None),
    ]
