"""POST /api/auth/token/ and GET /api/auth/me/: good login, every way a token can be wrong."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from hr_app.config import get_settings
from hr_app.services.security import ALGORITHM
from tests.factories import PASSWORD, create_user, row_counts

UNAUTHORIZED_HEADERS = {"www-authenticate": "Bearer"}


def _token(client, email: str, password: str = PASSWORD):
    return client.post("/api/auth/token/", json={"email": email, "password": password})


class TestObtainToken:
    def test_json_credentials_give_a_bearer_token(self, client, admin):
        response = _token(client, "admin@acme.test")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == {"access_token", "token_type", "expires_in"}
        assert body["token_type"] == "bearer"
        assert body["expires_in"] == 3600
        claims = jwt.decode(body["access_token"], get_settings().secret_key, algorithms=[ALGORITHM])
        assert claims["sub"] == str(admin.id)
        assert claims["org"] == str(admin.organization_id)

    def test_oauth2_form_works_for_swagger_authorize(self, client, admin):
        response = client.post("/api/auth/token/", data={"username": "admin@acme.test", "password": PASSWORD})
        assert response.status_code == 200
        assert response.json()["token_type"] == "bearer"

    def test_email_is_case_insensitive(self, client, admin):
        assert _token(client, "  Admin@ACME.test ").status_code == 200

    def test_wrong_password_and_unknown_email_get_the_identical_answer(self, client, admin):
        wrong_password = _token(client, "admin@acme.test", "not-the-password")
        unknown_email = _token(client, "nobody@acme.test")
        assert wrong_password.status_code == unknown_email.status_code == 401
        assert (
            wrong_password.json()
            == unknown_email.json()
            == {
                "success": False,
                "message": "Invalid email or password",
                "error": "UNAUTHORIZED",
                "details": "Unable to log in with provided credentials",
            }
        )
        assert wrong_password.headers["www-authenticate"] == "Bearer"

    def test_a_password_with_a_nul_byte_is_a_wrong_password_not_a_500(self, client, admin, db):
        logins_before = row_counts(db)

        response = _token(client, "admin@acme.test", PASSWORD + "\x00")

        assert response.status_code == 401
        assert response.json() == {
            "success": False,
            "message": "Invalid email or password",
            "error": "UNAUTHORIZED",
            "details": "Unable to log in with provided credentials",
        }
        # Nothing changed but the audit trail's one failed sign-in (issue 15)
        assert row_counts(db) == {**logins_before, "audit_entry": logins_before["audit_entry"] + 1}

    def test_inactive_user_cannot_log_in(self, client, db, org):
        create_user(db, org, email="gone@acme.test", is_active=False)
        assert _token(client, "gone@acme.test").status_code == 401

    def test_missing_fields_are_a_validation_error(self, client):
        response = client.post("/api/auth/token/", json={})
        assert response.status_code == 400
        assert response.json() == {
            "success": False,
            "message": "Invalid data provided",
            "error": "VALIDATION_ERROR",
            "details": {"email": ["This field is required."], "password": ["This field is required."]},
        }

    def test_malformed_json_is_a_validation_error(self, client):
        response = client.post("/api/auth/token/", content=b"{not json", headers={"content-type": "application/json"})
        assert response.status_code == 400
        assert response.json()["details"] == {
            "non_field_errors": ["JSON parse error: the request body is not valid JSON."]
        }

    def test_unknown_fields_are_refused(self, client, admin):
        response = client.post("/api/auth/token/", json={"email": "admin@acme.test", "password": PASSWORD, "x": 1})
        assert response.status_code == 400
        assert response.json()["details"] == {"x": ["Unknown field."]}

    def test_path_without_trailing_slash_answers_the_same(self, client, admin):
        assert (
            client.post("/api/auth/token", json={"email": "admin@acme.test", "password": PASSWORD}).status_code == 200
        )


class TestMe:
    def test_returns_user_and_organization(self, client, admin, auth_headers_admin):
        response = client.get("/api/auth/me/", headers=auth_headers_admin)
        assert response.status_code == 200
        assert response.json() == {
            "success": True,
            "message": "Current user retrieved successfully",
            "data": {
                "user": {
                    "id": admin.id,
                    "email": "admin@acme.test",
                    "first_name": "Asha",
                    "last_name": "Admin",
                    "job_role": "HR Manager",
                    "role": "admin",
                },
                "organization": {"uuid": str(admin.organization_id), "name": "Acme Corp"},
            },
        }

    def _assert_unauthorized(self, response, message: str) -> None:
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        body = response.json()
        assert body["success"] is False
        assert body["error"] == "UNAUTHORIZED"
        assert body["message"] == message

    def test_missing_header(self, client):
        self._assert_unauthorized(client.get("/api/auth/me/"), "Authentication credentials were not provided.")

    @pytest.mark.parametrize("header", ["Bearer", "Bearer not.a.jwt", "Basic abc", "Bearer a.b"])
    def test_malformed_token(self, client, header):
        response = client.get("/api/auth/me/", headers={"Authorization": header})
        assert response.status_code == 401
        assert response.json()["error"] == "UNAUTHORIZED"

    def test_bad_signature(self, client, admin):
        forged = jwt.encode(
            {"sub": str(admin.id), "org": str(admin.organization_id), "exp": datetime.now(UTC) + timedelta(hours=1)},
            "some-other-secret-that-is-long-enough",
            algorithm=ALGORITHM,
        )
        self._assert_unauthorized(
            client.get("/api/auth/me/", headers={"Authorization": f"Bearer {forged}"}), "Invalid token"
        )

    def test_expired_token(self, client, admin):
        expired = jwt.encode(
            {"sub": str(admin.id), "org": str(admin.organization_id), "exp": datetime.now(UTC) - timedelta(seconds=1)},
            get_settings().secret_key,
            algorithm=ALGORITHM,
        )
        self._assert_unauthorized(
            client.get("/api/auth/me/", headers={"Authorization": f"Bearer {expired}"}), "Token has expired"
        )

    def test_none_algorithm_is_refused(self, client, admin):
        unsigned = jwt.encode({"sub": str(admin.id), "exp": datetime.now(UTC) + timedelta(hours=1)}, None, "none")
        self._assert_unauthorized(
            client.get("/api/auth/me/", headers={"Authorization": f"Bearer {unsigned}"}), "Invalid token"
        )

    def test_token_of_a_deactivated_user(self, client, db, admin, auth_headers_admin):
        admin.is_active = False
        db.add(admin)
        db.commit()
        self._assert_unauthorized(client.get("/api/auth/me/", headers=auth_headers_admin), "User not found or inactive")

    def test_token_of_a_deleted_user(self, client, db, admin, auth_headers_admin):
        db.delete(admin)
        db.commit()
        self._assert_unauthorized(client.get("/api/auth/me/", headers=auth_headers_admin), "User not found or inactive")


class TestLoginRateLimit:
    def test_account_is_limited_after_repeated_failures_with_retry_after(self, client, admin):
        for _ in range(10):
            assert _token(client, "admin@acme.test", "wrong-password").status_code == 401
        limited = _token(client, "admin@acme.test")  # even the right password waits out the window
        assert limited.status_code == 429
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert limited.json() == {
            "success": False,
            "message": "Too many login attempts. Try again later.",
            "error": "RATE_LIMITED",
            "details": None,
        }

    def test_other_accounts_are_not_locked_by_someone_elses_failures(self, client, admin, hr_user):
        for _ in range(10):
            _token(client, "admin@acme.test", "wrong-password")
        assert _token(client, "hr@acme.test").status_code == 200

    def test_a_success_resets_the_account_counter(self, client, admin):
        for _ in range(9):
            _token(client, "admin@acme.test", "wrong-password")
        assert _token(client, "admin@acme.test").status_code == 200
        for _ in range(9):
            _token(client, "admin@acme.test", "wrong-password")
        assert _token(client, "admin@acme.test").status_code == 200
