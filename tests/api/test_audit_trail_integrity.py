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
from tests.factories import PASSWORD, create_user

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
