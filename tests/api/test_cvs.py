"""GET|POST /api/cvs/, GET|PATCH|DELETE /api/cvs/{id}/ and POST /api/cvs/import/."""

from __future__ import annotations

import uuid

import pytest
from sqlmodel import select

from hr_app.models import UserCvData
from tests.api.interview_support import FORBIDDEN, UNAUTHORIZED, cv_row, make_interview, validation_error
from tests.factories import create_cv, create_job_title, row_counts

URL = "/api/cvs/"
CV_NOT_FOUND = {
    "success": False,
    "message": "CV not found",
    "error": "NOT_FOUND",
    "details": "The requested CV does not exist",
}


def _cv_object(cv, job_title, **overrides):
    return {
        "id": str(cv.id),
        "name": cv.name,
        "job_title": job_title.id if job_title else None,
        "job_title_name": job_title.name if job_title else None,
        "place": cv.place,
        "email": cv.email,
        "phone_number": cv.phone_number,
        "interview_status": cv.status,
        "district": cv.district,
        "document": None,
        **overrides,
    }


class TestReadCvs:
    def test_list_with_status_filter(self, client, db, org, other_org, auth_headers_interviewer):
        job_title = create_job_title(db, org, "Software Developer")
        pending = create_cv(db, org, job_title=job_title, name="Alice")
        create_cv(db, org, name="Bob", status="selected")
        create_cv(db, other_org, name="Hidden")
        everything = client.get(URL, headers=auth_headers_interviewer).json()
        assert everything["message"] == "Found 2 CV(s)"
        assert [c["name"] for c in everything["data"]] == ["Alice", "Bob"]
        only_pending = client.get(f"{URL}?status=pending", headers=auth_headers_interviewer).json()
        listed = {**_cv_object(pending, job_title), "match": None}  # a list row's match: only with ?search=
        assert only_pending == {"success": True, "message": "Found 1 CV(s)", "data": [listed]}

    def test_bad_status_filter(self, client, auth_headers_hr):
        response = client.get(f"{URL}?status=hired", headers=auth_headers_hr)
        assert response.status_code == 400
        assert response.json() == validation_error({"status": ['"hired" is not a valid choice.']})

    def test_get_one(self, client, db, org, auth_headers_hr):
        job_title = create_job_title(db, org)
        cv = create_cv(db, org, job_title=job_title)
        response = client.get(f"{URL}{cv.id}/", headers=auth_headers_hr)
        assert response.json() == {
            "success": True,
            "message": "CV retrieved successfully",
            "data": _cv_object(cv, job_title),
        }

    @pytest.mark.parametrize("cv_id", [pytest.param(str(uuid.uuid4()), id="unknown"), "garbage"])
    def test_unknown_is_404(self, client, auth_headers_hr, cv_id):
        response = client.get(f"{URL}{cv_id}/", headers=auth_headers_hr)
        assert response.status_code == 404 and response.json() == CV_NOT_FOUND

    def test_without_token_is_401(self, client):
        assert client.get(URL).json() == UNAUTHORIZED


class TestCreateCv:
    def test_201_pending_with_district(self, client, db, org, auth_headers_hr):
        job_title = create_job_title(db, org, "Software Developer")
        body = {
            "name": "John Doe",
            "email": "John@Example.com",
            "phone_number": "+91 9876543210",
            "job_title": job_title.id,
            "place": "Kochi",
            "district": "Ernakulam",
        }
        response = client.post(URL, headers=auth_headers_hr, json=body)
        assert response.status_code == 201
        cv = db.exec(select(UserCvData)).one()
        assert cv.status == "pending" and cv.organization_id == org.id and cv.email == "john@example.com"
        assert response.json() == {
            "success": True,
            "message": "CV created successfully",
            "data": _cv_object(cv, job_title),
        }

    def test_only_name_and_email_are_required(self, client, db, auth_headers_admin):
        response = client.post(URL, headers=auth_headers_admin, json={"name": "Solo", "email": "solo@example.com"})
        assert response.status_code == 201
        data = response.json()["data"]
        assert (data["job_title"], data["job_title_name"], data["place"], data["district"]) == (None, None, "", "")

    def test_invalid_fields(self, client, db, org, other_org, auth_headers_hr):
        foreign_title = create_job_title(db, other_org)
        create_cv(db, org, email="taken@example.com")
        before = row_counts(db)
        response = client.post(
            URL,
            headers=auth_headers_hr,
            json={
                "name": " ",
                "email": "nope",
                "job_title": foreign_title.id,
                "phone_number": "1" * 40,
                "status": "selected",
            },
        )
        assert response.status_code == 400
        assert response.json() == validation_error({"status": ["Unknown field."]})
        response = client.post(
            URL,
            headers=auth_headers_hr,
            json={"name": " ", "email": "nope", "job_title": foreign_title.id, "phone_number": "1" * 40},
        )
        assert response.json() == validation_error(
            {
                "name": ["This field may not be blank."],
                "email": ["Enter a valid email address."],
                "phone_number": ["Ensure this field has no more than 32 characters."],
                "job_title": [f'Invalid pk "{foreign_title.id}" - object does not exist.'],
            }
        )
        duplicate = client.post(URL, headers=auth_headers_hr, json={"name": "Again", "email": "TAKEN@example.com"})
        assert duplicate.json() == validation_error({"email": ["A CV with this email already exists."]})
        assert row_counts(db) == before

    def test_missing_fields(self, client, db, auth_headers_hr):
        response = client.post(URL, headers=auth_headers_hr, json={})
        assert response.json() == validation_error(
            {"name": ["This field is required."], "email": ["This field is required."]}
        )

    def test_interviewer_cannot_create(self, client, db, auth_headers_interviewer):
        before = row_counts(db)
        response = client.post(URL, headers=auth_headers_interviewer, json={"name": "A", "email": "a@example.com"})
        assert response.status_code == 403 and response.json() == FORBIDDEN
        assert row_counts(db) == before


class TestUpdateCv:
    def test_patch_changes_only_the_fields_given(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        new_title = create_job_title(db, org, "Tester")
        response = client.patch(
            f"{URL}{cv.id}/", headers=auth_headers_hr, json={"place": "Kollam", "job_title": new_title.id}
        )
        assert response.status_code == 200
        assert response.json()["message"] == "CV updated successfully"
        stored = cv_row(db, cv.id)
        assert (stored.place, stored.job_title_id, stored.name) == ("Kollam", new_title.id, "John Doe")
        assert response.json()["data"] == _cv_object(stored, new_title)

    def test_status_cannot_be_patched(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        response = client.patch(f"{URL}{cv.id}/", headers=auth_headers_hr, json={"status": "selected"})
        assert response.status_code == 400 and cv_row(db, cv.id).status == "pending"

    def test_another_organizations_cv_is_404(self, client, db, other_org, auth_headers_hr):
        cv = create_cv(db, other_org)
        response = client.patch(f"{URL}{cv.id}/", headers=auth_headers_hr, json={"name": "Mine now"})
        assert response.status_code == 404 and response.json() == CV_NOT_FOUND
        assert cv_row(db, cv.id).name == "John Doe"
        assert client.get(f"{URL}{cv.id}/", headers=auth_headers_hr).status_code == 404

    def test_interviewer_cannot_patch(self, client, db, org, auth_headers_interviewer):
        cv = create_cv(db, org)
        response = client.patch(f"{URL}{cv.id}/", headers=auth_headers_interviewer, json={"name": "X"})
        assert response.status_code == 403 and cv_row(db, cv.id).name == "John Doe"


class TestDeleteCv:
    def test_delete(self, client, db, org, auth_headers_hr):
        cv_id = create_cv(db, org).id
        response = client.delete(f"{URL}{cv_id}/", headers=auth_headers_hr)
        assert response.json() == {"success": True, "message": "CV deleted successfully"}
        db.expire_all()
        assert db.get(UserCvData, cv_id) is None

    def test_cv_with_an_interview_cannot_be_deleted(self, client, db, org, auth_headers_hr):
        interview = make_interview(db, org)
        before = row_counts(db)
        response = client.delete(f"{URL}{interview.candidate_id}/", headers=auth_headers_hr)
        assert response.status_code == 400
        assert response.json() == {
            "success": False,
            "message": "Cannot delete CV",
            "error": "VALIDATION_ERROR",
            "details": "This CV has interviews or panel sessions; delete those first.",
        }
        assert row_counts(db) == before

    def test_another_organizations_cv_is_404(self, client, db, other_org, auth_headers_hr):
        cv = create_cv(db, other_org)
        before = row_counts(db)
        response = client.delete(f"{URL}{cv.id}/", headers=auth_headers_hr)
        assert response.status_code == 404 and response.json() == CV_NOT_FOUND
        assert row_counts(db) == before

    def test_interviewer_cannot_delete(self, client, db, org, auth_headers_interviewer):
        cv = create_cv(db, org)
        before = row_counts(db)
        assert client.delete(f"{URL}{cv.id}/", headers=auth_headers_interviewer).json() == FORBIDDEN
        assert row_counts(db) == before


class TestImport:
    def _import(self, client, headers, text: str, name: str = "cvs.csv"):
        return client.post(f"{URL}import/", headers=headers, files={"file": (name, text.encode(), "text/csv")})

    def test_all_rows_imported_with_job_titles_by_name(self, client, db, org, auth_headers_hr):
        developer = create_job_title(db, org, "Software Developer")
        text = (
            "\ufeffname,email,phone_number,job_title,place,district\n"
            "John Doe,john@example.com,+91 9876543210,software developer,Kochi,Ernakulam\n"
            "Jane Smith,jane@example.com,,,Thiruvananthapuram,Thiruvananthapuram\n"
        )
        response = self._import(client, auth_headers_hr, text)
        assert response.status_code == 201
        body = response.json()
        assert body["message"] == "Imported 2 CV(s)"
        assert [(c["name"], c["job_title"], c["interview_status"]) for c in body["data"]] == [
            ("John Doe", developer.id, "pending"),
            ("Jane Smith", None, "pending"),
        ]
        assert len(db.exec(select(UserCvData)).all()) == 2

    def test_one_bad_row_imports_nothing_and_names_every_problem(self, client, db, org, auth_headers_hr):
        create_cv(db, org, email="old@example.com")
        before = row_counts(db)
        text = (
            "name,email,job_title\n"
            "Good One,good@example.com,\n"
            ",not-an-email,Astronaut\n"
            "Again,old@example.com,\n"
            "Twice,good@example.com,\n"
        )
        response = self._import(client, auth_headers_hr, text)
        assert response.status_code == 400
        assert response.json() == validation_error(
            {
                "rows.3.name": ["This field may not be blank."],
                "rows.3.email": ["Enter a valid email address."],
                "rows.3.job_title": ["Job title 'Astronaut' does not exist."],
                "rows.4.email": ["A CV with this email already exists."],
                "rows.5.email": ["A CV with this email already exists."],
            }
        )
        assert row_counts(db) == before

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            ("name,phone_number\nA,1\n", "Missing column(s): email."),
            ("name,email,age\nA,a@example.com,3\n", "Unknown column(s): age."),
            ("name,email\n", "The CSV file has no rows."),
        ],
    )
    def test_bad_files(self, client, db, auth_headers_hr, text, problem):
        before = row_counts(db)
        response = self._import(client, auth_headers_hr, text)
        assert response.status_code == 400
        assert response.json() == validation_error({"file": [problem]})
        assert row_counts(db) == before

    def test_not_utf8(self, client, auth_headers_hr):
        response = client.post(
            f"{URL}import/",
            headers=auth_headers_hr,
            files={"file": ("a.csv", "name,email\nJosé,j@x.io\n".encode("latin-1"))},
        )
        assert response.json() == validation_error({"file": ["The file must be a UTF-8 encoded CSV file."]})

    def test_missing_file(self, client, auth_headers_hr):
        response = client.post(f"{URL}import/", headers=auth_headers_hr, data={"x": "1"})
        assert response.status_code == 400
        assert response.json() == validation_error({"file": ["This field is required."]})

    def test_interviewer_cannot_import(self, client, db, auth_headers_interviewer):
        before = row_counts(db)
        response = self._import(client, auth_headers_interviewer, "name,email\nA,a@example.com\n")
        assert response.status_code == 403 and row_counts(db) == before
