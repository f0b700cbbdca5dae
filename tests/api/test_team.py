"""Issue 16 over the API: invitations, roles, the last-admin rule, ending sessions, passwords, settings, job titles.

Every refusal is checked for its exact status and envelope and for leaving the database as it was.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from hr_app.db import get_engine
from hr_app.models import AccountToken, AppUser, Organization, Role
from hr_app.services import team
from hr_app.services.security import hash_one_time_token
from tests.factories import PASSWORD, auth_header, create_cv, create_job_title, create_user, row_counts

STRONG = "tangerine-violin-orbit-42"
INVITE = {
    "email": "new.person@example.com",
    "first_name": "Nia",
    "last_name": "New",
    "role": "hr",
    "job_role": "Recruiter",
}


def _error(response, status: int, code: str, message: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"success", "message", "error", "details"} and body["success"] is False
    assert body["error"] == code
    if message is not None:
        assert body["message"] == message
    return body


def _fresh_link(user_id: int, purpose: str = "invite") -> str:
    """A new link token for the user, as the e-mail would carry it (the stored hash cannot be reversed)."""
    with Session(get_engine(), expire_on_commit=False) as session:
        user = session.get(AppUser, user_id)
        token = team._issue(
            session, user, purpose, team.INVITE_LIFETIME if purpose == "invite" else team.RESET_LIFETIME
        )
        session.commit()
    return token.token


def _invite(client, headers, **fields) -> dict:
    response = client.post("/api/users/invite/", headers=headers, json={**INVITE, **fields})
    assert response.status_code == 201, response.text
    return response.json()["data"]


def _sign_in(client, email: str, password: str):
    return client.post("/api/auth/token/", json={"email": email, "password": password})


# --- invitations ------------------------------------------------------------------------------------------


def test_invite_accept_and_sign_in(client, db, admin, auth_headers_admin):
    data = _invite(client, auth_headers_admin)
    assert data["status"] == "invited" and data["is_active"] is False and data["role"] == "hr"
    stored = db.exec(select(AccountToken).where(AccountToken.user_id == data["id"])).one()
    assert len(stored.token_hash) == 64 and stored.purpose == "invite"
    assert timedelta(hours=71, minutes=59) < stored.expires_at - stored.created_at <= timedelta(hours=72)
    assert _sign_in(client, INVITE["email"], STRONG).status_code == 401  # not before accepting

    token = _fresh_link(data["id"])
    assert len(token) >= 22  # >= 128 bits, url-safe base64
    db.expire_all()
    assert db.exec(select(AccountToken).where(AccountToken.token_hash == hash_one_time_token(token))).one()
    accepted = client.post("/api/auth/accept-invite/", json={"token": token, "password": STRONG})
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["data"]["email"] == INVITE["email"]
    signed_in = _sign_in(client, INVITE["email"], STRONG)
    assert signed_in.status_code == 200
    me = client.get("/api/auth/me/", headers={"Authorization": f"Bearer {signed_in.json()['access_token']}"})
    assert me.json()["data"]["user"]["role"] == "hr"

    again = client.post("/api/auth/accept-invite/", json={"token": token, "password": "another-" + STRONG})
    _error(again, 400, "VALIDATION_ERROR", team.BAD_LINK)  # single use


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"first_name": "  "}, "first_name"),
        ({"role": "owner"}, "role"),
    ],
)
def test_invite_refuses_bad_input_and_changes_nothing(client, db, admin, auth_headers_admin, fields, field):
    before = row_counts(db)
    response = client.post("/api/users/invite/", headers=auth_headers_admin, json={**INVITE, **fields})
    body = _error(response, 400, "VALIDATION_ERROR")
    assert field in body["details"]
    assert row_counts(db) == before


def test_invite_refuses_an_address_already_in_use(client, db, admin, auth_headers_admin):
    _invite(client, auth_headers_admin)
    before = row_counts(db)
    body = _error(client.post("/api/users/invite/", headers=auth_headers_admin, json=INVITE), 400, "VALIDATION_ERROR")
    assert body["details"] == {"email": ["A user with this email already exists."]}
    assert row_counts(db) == before


def test_accept_refuses_weak_password_unknown_and_expired_tokens(client, db, admin, auth_headers_admin):
    user_id = _invite(client, auth_headers_admin)["id"]
    token = _fresh_link(user_id)
    for password, reason in [("short-1", "at least 12 characters"), ("password1234", "very common password")]:
        body = _error(
            client.post("/api/auth/accept-invite/", json={"token": token, "password": password}),
            400,
            "VALIDATION_ERROR",
        )
        assert reason in body["details"]["password"][0]
    _error(
        client.post("/api/auth/accept-invite/", json={"token": "x" * 43, "password": STRONG}),
        400,
        "VALIDATION_ERROR",
        team.BAD_LINK,
    )
    row = db.exec(select(AccountToken).where(AccountToken.token_hash == hash_one_time_token(token))).one()
    row.expires_at = row.created_at - timedelta(seconds=1)
    db.add(row)
    db.commit()
    before = row_counts(db)
    _error(
        client.post("/api/auth/accept-invite/", json={"token": token, "password": STRONG}),
        400,
        "VALIDATION_ERROR",
        team.BAD_LINK,
    )
    db.expire_all()
    user = db.get(AppUser, user_id)
    assert user.is_active is False and user.password_set_at is None and row_counts(db) == before


def test_resend_ends_the_old_link_and_revoke_removes_the_invitation(client, db, admin, auth_headers_admin):
    user_id = _invite(client, auth_headers_admin)["id"]
    old = _fresh_link(user_id)
    assert client.post(f"/api/users/{user_id}/invite/resend/", headers=auth_headers_admin).status_code == 200
    _error(client.post("/api/auth/accept-invite/", json={"token": old, "password": STRONG}), 400, "VALIDATION_ERROR")
    assert client.delete(f"/api/users/{user_id}/invite/", headers=auth_headers_admin).status_code == 200
    db.expire_all()
    assert db.get(AppUser, user_id) is None
    assert db.exec(select(AccountToken).where(AccountToken.user_id == user_id)).first() is None


def test_resend_and_revoke_refuse_an_accepted_user(client, db, admin, interviewer, auth_headers_admin):
    before = row_counts(db)
    _error(
        client.post(f"/api/users/{interviewer.id}/invite/resend/", headers=auth_headers_admin), 400, "VALIDATION_ERROR"
    )
    _error(client.delete(f"/api/users/{interviewer.id}/invite/", headers=auth_headers_admin), 400, "VALIDATION_ERROR")
    assert row_counts(db) == before


# --- roles, deactivation, the last admin -------------------------------------------------------------------


def test_the_last_active_admin_can_be_neither_demoted_nor_deactivated(client, db, admin, auth_headers_admin):
    for change in ({"role": "hr"}, {"is_active": False}):
        response = client.patch(f"/api/users/{admin.id}/", headers=auth_headers_admin, json=change)
        _error(response, 400, "VALIDATION_ERROR", team.LAST_ADMIN)
        db.expire_all()
        stored = db.get(AppUser, admin.id)
        assert stored.role == Role.ADMIN and stored.is_active and stored.token_version == 0
    second = create_user(db, db.get(Organization, admin.organization_id), role=Role.ADMIN)
    assert client.patch(f"/api/users/{admin.id}/", headers=auth_header(second), json={"role": "hr"}).status_code == 200
    response = client.patch(f"/api/users/{second.id}/", headers=auth_header(second), json={"is_active": False})
    _error(response, 400, "VALIDATION_ERROR", team.LAST_ADMIN)


def test_role_change_and_deactivation_end_sessions_at_once(client, db, admin, interviewer, auth_headers_admin):
    headers = auth_header(interviewer)
    assert client.get("/api/auth/me/", headers=headers).status_code == 200
    changed = client.patch(f"/api/users/{interviewer.id}/", headers=auth_headers_admin, json={"role": "hr"})
    assert changed.status_code == 200 and changed.json()["data"]["role"] == "hr"
    _error(client.get("/api/auth/me/", headers=headers), 401, "UNAUTHORIZED", "Token has been revoked")
    db.expire_all()
    headers = auth_header(db.get(AppUser, interviewer.id))
    assert client.get("/api/auth/me/", headers=headers).status_code == 200
    off = client.patch(f"/api/users/{interviewer.id}/", headers=auth_headers_admin, json={"is_active": False})
    assert off.json()["data"]["status"] == "inactive"
    _error(client.get("/api/auth/me/", headers=headers), 401, "UNAUTHORIZED")
    _error(_sign_in(client, interviewer.email, PASSWORD), 401, "UNAUTHORIZED")
    on = client.patch(f"/api/users/{interviewer.id}/", headers=auth_headers_admin, json={"is_active": True})
    assert on.json()["data"]["status"] == "active"
    assert _sign_in(client, interviewer.email, PASSWORD).status_code == 200


def test_a_name_change_keeps_sessions_and_anyone_may_change_their_own(client, db, interviewer):
    headers = auth_header(interviewer)
    response = client.patch(
        f"/api/users/{interviewer.id}/", headers=headers, json={"first_name": "Ivana", "job_role": "Staff"}
    )
    assert response.status_code == 200 and response.json()["data"]["first_name"] == "Ivana"
    assert client.get("/api/auth/me/", headers=headers).status_code == 200
    before = row_counts(db)
    _error(client.patch(f"/api/users/{interviewer.id}/", headers=headers, json={"role": "admin"}), 403, "FORBIDDEN")
    _error(
        client.patch(f"/api/users/{interviewer.id}/", headers=headers, json={"first_name": " "}),
        400,
        "VALIDATION_ERROR",
    )
    _error(
        client.patch(f"/api/users/{interviewer.id}/", headers=headers, json={"role": "boss"}), 400, "VALIDATION_ERROR"
    )
    db.expire_all()
    assert db.get(AppUser, interviewer.id).role == Role.INTERVIEWER and row_counts(db) == before


def test_an_invited_user_cannot_be_activated_before_accepting(client, db, admin, auth_headers_admin):
    user_id = _invite(client, auth_headers_admin)["id"]
    body = _error(
        client.patch(f"/api/users/{user_id}/", headers=auth_headers_admin, json={"is_active": True}),
        400,
        "VALIDATION_ERROR",
    )
    assert "is_active" in body["details"]
    db.expire_all()
    assert db.get(AppUser, user_id).is_active is False


# --- sign-out and passwords -------------------------------------------------------------------------------


def test_logout_ends_the_token(client, interviewer):
    headers = auth_header(interviewer)
    assert client.post("/api/auth/logout/", headers=headers).status_code == 200
    _error(client.get("/api/auth/me/", headers=headers), 401, "UNAUTHORIZED", "Token has been revoked")
    _error(client.post("/api/auth/logout/", headers=headers), 401, "UNAUTHORIZED")


def test_password_change(client, db, interviewer):
    headers = auth_header(interviewer)
    before = row_counts(db)
    wrong = client.post(
        "/api/auth/password/change/", headers=headers, json={"current_password": "nope", "new_password": STRONG}
    )
    assert "current_password" in _error(wrong, 400, "VALIDATION_ERROR")["details"]
    weak = client.post(
        "/api/auth/password/change/",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "qwertyuiop12"},
    )
    assert "new_password" in _error(weak, 400, "VALIDATION_ERROR")["details"]
    db.expire_all()
    assert db.get(AppUser, interviewer.id).token_version == 0 and row_counts(db) == before
    ok = client.post(
        "/api/auth/password/change/", headers=headers, json={"current_password": PASSWORD, "new_password": STRONG}
    )
    assert ok.status_code == 200, ok.text
    _error(client.get("/api/auth/me/", headers=headers), 401, "UNAUTHORIZED")
    assert _sign_in(client, interviewer.email, PASSWORD).status_code == 401
    assert _sign_in(client, interviewer.email, STRONG).status_code == 200


def test_password_reset_same_answer_single_use_and_rate_limited(client, db, interviewer):
    known = client.post("/api/auth/password/reset/", json={"email": interviewer.email})
    unknown = client.post("/api/auth/password/reset/", json={"email": "nobody@acme.test"})
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()
    rows = db.exec(select(AccountToken).where(AccountToken.user_id == interviewer.id)).all()
    assert [(r.purpose, r.expires_at - r.created_at) for r in rows] == [("reset", timedelta(hours=1))]

    old_headers = auth_header(interviewer)
    token = _fresh_link(interviewer.id, "reset")
    weak = client.post("/api/auth/password/reset/confirm/", json={"token": token, "password": "123456789012"})
    assert "password" in _error(weak, 400, "VALIDATION_ERROR")["details"]
    done = client.post("/api/auth/password/reset/confirm/", json={"token": token, "password": STRONG})
    assert done.status_code == 200
    _error(client.get("/api/auth/me/", headers=old_headers), 401, "UNAUTHORIZED")
    assert _sign_in(client, interviewer.email, STRONG).status_code == 200
    again = client.post("/api/auth/password/reset/confirm/", json={"token": token, "password": "x" + STRONG})
    _error(again, 400, "VALIDATION_ERROR", team.BAD_LINK)

    for _ in range(team.RESETS_PER_MINUTE_PER_ADDRESS - 1):
        assert client.post("/api/auth/password/reset/", json={"email": interviewer.email}).status_code == 200
    before = row_counts(db)
    limited = client.post("/api/auth/password/reset/", json={"email": interviewer.email})
    _error(limited, 429, "RATE_LIMITED")
    assert row_counts(db) == before


def test_password_reset_is_limited_per_ip(client):
    for number in range(team.RESETS_PER_MINUTE_PER_IP):
        assert client.post("/api/auth/password/reset/", json={"email": f"n{number}@acme.test"}).status_code == 200
    _error(client.post("/api/auth/password/reset/", json={"email": "other@acme.test"}), 429, "RATE_LIMITED")


# --- organization settings --------------------------------------------------------------------------------


def test_organization_settings(client, db, admin, hr_user, auth_headers_admin, auth_headers_hr):
    got = client.get("/api/organization/", headers=auth_headers_hr).json()["data"]
    assert got["time_zone"] == "UTC" and got["decision_messages"] is False
    patched = client.patch(
        "/api/organization/",
        headers=auth_headers_admin,
        json={
            "time_zone": "Asia/Kolkata",
            "interview_minutes": 30,
            "sender_name": "Acme Hiring",
            "decision_messages": True,
        },
    )
    assert patched.status_code == 200, patched.text
    data = patched.json()["data"]
    assert (data["time_zone"], data["interview_minutes"], data["sender_name"], data["decision_messages"]) == (
        "Asia/Kolkata",
        30,
        "Acme Hiring",
        True,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"interview_minutes": 0}, "interview_minutes"),
        ({"clash_window_minutes": 100000}, "clash_window_minutes"),
        ({"panel_pass_mark": 101}, "panel_pass_mark"),
        ({"name": " "}, "name"),
        ({"sender_name": "x" * 101}, "sender_name"),
    ],
)
def test_organization_settings_refuse_bad_values(client, db, admin, auth_headers_admin, change, field):
    before = client.get("/api/organization/", headers=auth_headers_admin).json()["data"]
    body = _error(client.patch("/api/organization/", headers=auth_headers_admin, json=change), 400, "VALIDATION_ERROR")
    assert field in body["details"]
    assert client.get("/api/organization/", headers=auth_headers_admin).json()["data"] == before


# --- job titles -------------------------------------------------------------------------------------------


def test_job_titles_rename_and_delete(client, db, org, auth_headers_hr):
    used = create_job_title(db, org, "Used Title")
    create_cv(db, org, job_title=used)
    create_cv(db, org, job_title=used)
    free = create_job_title(db, org, "Free Title")
    renamed = client.patch(f"/api/job-titles/{free.id}/", headers=auth_headers_hr, json={"name": "Fresh Title"})
    assert renamed.status_code == 200 and renamed.json()["data"]["name"] == "Fresh Title"
    before = row_counts(db)
    _error(
        client.patch(f"/api/job-titles/{free.id}/", headers=auth_headers_hr, json={"name": "used title"}),
        400,
        "VALIDATION_ERROR",
    )
    _error(
        client.patch(f"/api/job-titles/{free.id}/", headers=auth_headers_hr, json={"name": ""}), 400, "VALIDATION_ERROR"
    )
    refused = client.delete(f"/api/job-titles/{used.id}/", headers=auth_headers_hr)
    _error(refused, 409, "CONFLICT", "This job title is used by 2 CV(s) and cannot be deleted.")
    assert row_counts(db) == before
    assert client.delete(f"/api/job-titles/{free.id}/", headers=auth_headers_hr).status_code == 200
    _error(client.delete(f"/api/job-titles/{free.id}/", headers=auth_headers_hr), 404, "NOT_FOUND")


def test_ids_beyond_the_database_range_are_404(client, admin, auth_headers_admin):
    for method, path in [
        ("PATCH", "/api/users/9223372036854775808/"),
        ("POST", "/api/users/9223372036854775808/invite/resend/"),
        ("DELETE", "/api/users/0/invite/"),
        ("PATCH", "/api/job-titles/9223372036854775808/"),
        ("DELETE", "/api/job-titles/-5/"),
    ]:
        body = {"name": "X"} if "job-titles" in path and method == "PATCH" else {}
        response = client.request(method, path, headers=auth_headers_admin, json=body)
        _error(response, 404, "NOT_FOUND")


def test_invitation_and_reset_mails_carry_a_working_link(client, db, admin, interviewer, auth_headers_admin):
    from hr_app.models.outbox import OutboxMessage

    _invite(client, auth_headers_admin)
    client.post("/api/auth/password/reset/", json={"email": interviewer.email})
    client.post("/api/auth/password/reset/", json={"email": "nobody@example.com"})
    messages = {m.kind: m for m in db.exec(select(OutboxMessage))}
    assert set(messages) == {"invitation", "password_reset"}
    assert messages["invitation"].recipient == INVITE["email"]
    invite_token = messages["invitation"].text_body.split("/accept-invite/")[1].split()[0]
    reset_token = messages["password_reset"].text_body.split("/reset-password/")[1].split()[0]
    accepted = client.post("/api/auth/accept-invite/", json={"token": invite_token, "password": STRONG})
    assert accepted.status_code == 200, accepted.text
    reset = client.post("/api/auth/password/reset/confirm/", json={"token": reset_token, "password": STRONG})
    assert reset.status_code == 200, reset.text
