"""A CV's document: upload (checked by content), stream back, versions, delete, access; refusals store nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlmodel import select

from hr_app.config import get_settings
from hr_app.models import AuditEntry, CvDocument
from hr_app.services import document_check
from tests.documents import (
    docm_bytes,
    docx_bytes,
    encrypted_pdf_bytes,
    odt_bytes,
    odt_with_basic_macro_bytes,
    pdf_bytes,
    rezipped,
    truncated_pdf_bytes,
)
from tests.factories import create_cv, row_counts
from tests.object_storage import stored_files

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT_TYPE = "application/vnd.oasis.opendocument.text"
TEXT_TYPE = "text/plain; charset=utf-8"
NO_DOCUMENT = {
    "success": False,
    "message": "CV document not found",
    "error": "NOT_FOUND",
    "details": "This CV has no document",
}
CV_NOT_FOUND = {
    "success": False,
    "message": "CV not found",
    "error": "NOT_FOUND",
    "details": "The requested CV does not exist",
}
FORBIDDEN = {
    "success": False,
    "message": "You do not have permission to perform this action.",
    "error": "FORBIDDEN",
    "details": "Only admin or hr users can do this.",
}


def url(cv_id) -> str:
    return f"/api/cvs/{cv_id}/document/"


def upload(client, cv_id, headers, name, content, content_type="application/octet-stream"):
    return client.post(url(cv_id), headers=headers, files={"file": (name, content, content_type)})


def refusal(problem: str) -> dict:
    return {
        "success": False,
        "message": "Invalid CV document",
        "error": "VALIDATION_ERROR",
        "details": {"file": [problem]},
    }


def audit_actions(db, cv_id) -> list[str]:
    db.expire_all()
    entries = db.exec(select(AuditEntry).where(AuditEntry.object_id == str(cv_id)).order_by(AuditEntry.id)).all()
    return [entry.action for entry in entries]


class TestUploadAndRead:
    @pytest.mark.parametrize(
        ("name", "content", "kind", "content_type", "disposition"),
        [
            ("Anna Bell CV.pdf", pdf_bytes("Anna Bell", "Python developer"), "pdf", PDF_TYPE, "inline"),
            ("anna.DOCX", docx_bytes("Anna Bell"), "docx", DOCX_TYPE, "attachment"),
            ("anna.odt", odt_bytes("Anna Bell"), "odt", ODT_TYPE, "attachment"),
            ("anna.txt", "Anna Bell · Kochi\nPython\n".encode(), "txt", TEXT_TYPE, "inline"),
        ],
    )
    def test_each_format_is_stored_and_streamed_to_members(
        self, client, db, org, auth_headers_hr, auth_headers_interviewer, name, content, kind, content_type, disposition
    ):
        cv = create_cv(db, org)
        response = upload(client, cv.id, auth_headers_hr, name, content)
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["success"] is True and body["message"] == "CV document uploaded successfully"
        data = body["data"]
        expected_name = Path(name).stem + f".{kind}"
        assert (data["url"], data["version"], data["kind"], data["file_name"]) == (url(cv.id), 1, kind, expected_name)
        assert (data["content_type"], data["size"], data["text_status"]) == (content_type, len(content), "pending")
        [stored] = stored_files()
        assert stored.read_bytes() == content and Path(name).stem not in stored.name

        read = client.get(url(cv.id), headers=auth_headers_interviewer)  # interviewers may read
        assert read.status_code == 200 and read.content == content
        assert read.headers["content-type"] == content_type
        assert read.headers["content-disposition"] == f'{disposition}; filename="{expected_name}"'
        assert read.headers["x-content-type-options"] == "nosniff"
        assert read.headers["accept-ranges"] == "bytes"

    def test_range_request(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        content = pdf_bytes("Anna Bell")
        upload(client, cv.id, auth_headers_hr, "cv.pdf", content)
        part = client.get(url(cv.id), headers={**auth_headers_hr, "Range": "bytes=10-19"})
        assert part.status_code == 206 and part.content == content[10:20]
        assert part.headers["content-range"] == f"bytes 10-19/{len(content)}"

    def test_a_name_without_extension_takes_the_kind_of_its_content(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        response = upload(client, cv.id, auth_headers_hr, "resume", docx_bytes("Anna"))
        assert response.status_code == 201 and response.json()["data"]["file_name"] == "resume.docx"

    def test_a_hostile_file_name_is_made_safe_for_the_header(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        response = upload(client, cv.id, auth_headers_hr, "../../Ré sumé;x=1.pdf", pdf_bytes("Anna"))
        assert response.status_code == 201
        assert response.json()["data"]["file_name"] == "Ré sumé;x=1.pdf"
        read = client.get(url(cv.id), headers=auth_headers_hr)
        assert read.headers["content-disposition"] == (
            "inline; filename=\"R_ sum_x_1.pdf\"; filename*=UTF-8''R%C3%A9%20sum%C3%A9%3Bx%3D1.pdf"
        )

    def test_the_cv_shows_its_current_document(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        assert client.get(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).json()["data"]["document"] is None
        uploaded = upload(client, cv.id, auth_headers_hr, "cv.pdf", pdf_bytes("Anna")).json()["data"]
        assert client.get(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).json()["data"]["document"] == uploaded
        listed = client.get("/api/cvs/", headers=auth_headers_hr).json()["data"]
        assert [row["document"] for row in listed] == [uploaded]

    def test_replacing_keeps_the_previous_version_for_the_audit_trail(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        first, second = pdf_bytes("First"), docx_bytes("Second")
        upload(client, cv.id, auth_headers_hr, "first.pdf", first)
        response = upload(client, cv.id, auth_headers_hr, "second.docx", second)
        assert response.status_code == 201 and response.json()["data"]["version"] == 2
        assert client.get(url(cv.id), headers=auth_headers_hr).content == second
        db.expire_all()
        rows = db.exec(select(CvDocument).order_by(CvDocument.version)).all()
        assert [(r.version, r.is_current, r.replaced_at is not None) for r in rows] == [
            (1, False, True),
            (2, True, False),
        ]
        assert sorted(p.read_bytes() for p in stored_files()) == sorted([first, second])
        assert audit_actions(db, cv.id) == ["document uploaded", "document uploaded"]

    def test_delete_erases_every_file_and_keeps_the_rows(self, client, db, org, auth_headers_admin):
        cv = create_cv(db, org)
        upload(client, cv.id, auth_headers_admin, "first.pdf", pdf_bytes("First"))
        upload(client, cv.id, auth_headers_admin, "second.pdf", pdf_bytes("Second"))
        response = client.delete(url(cv.id), headers=auth_headers_admin)
        assert response.status_code == 200
        assert response.json() == {"success": True, "message": "CV document deleted successfully"}
        assert stored_files() == []
        assert client.get(url(cv.id), headers=auth_headers_admin).json() == NO_DOCUMENT
        db.expire_all()
        rows = db.exec(select(CvDocument)).all()
        assert len(rows) == 2 and all(r.removed_at and r.storage_name is None and not r.is_current for r in rows)
        assert audit_actions(db, cv.id)[-1] == "document deleted"
        assert client.delete(url(cv.id), headers=auth_headers_admin).json() == NO_DOCUMENT
        again = upload(client, cv.id, auth_headers_admin, "third.pdf", pdf_bytes("Third"))
        assert again.json()["data"]["version"] == 3

    def test_deleting_the_cv_removes_its_documents(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        upload(client, cv.id, auth_headers_hr, "cv.pdf", pdf_bytes("Anna"))
        assert client.delete(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).status_code == 200
        db.expire_all()
        assert stored_files() == [] and db.exec(select(CvDocument)).all() == []


class TestAccess:
    def test_another_organizations_cv_is_404(self, client, db, org, auth_headers_hr, auth_headers_outsider):
        cv = create_cv(db, org)
        upload(client, cv.id, auth_headers_hr, "cv.pdf", pdf_bytes("Anna"))
        files, rows = stored_files(), row_counts(db)
        assert client.get(url(cv.id), headers=auth_headers_outsider).json() == CV_NOT_FOUND
        assert upload(client, cv.id, auth_headers_outsider, "x.pdf", pdf_bytes("X")).json() == CV_NOT_FOUND
        assert client.delete(url(cv.id), headers=auth_headers_outsider).json() == CV_NOT_FOUND
        assert stored_files() == files and row_counts(db) == rows

    def test_interviewers_may_not_upload_or_delete(self, client, db, org, auth_headers_hr, auth_headers_interviewer):
        cv = create_cv(db, org)
        upload(client, cv.id, auth_headers_hr, "cv.pdf", pdf_bytes("Anna"))
        files, rows = stored_files(), row_counts(db)
        refused = upload(client, cv.id, auth_headers_interviewer, "x.pdf", pdf_bytes("X"))
        assert refused.status_code == 403 and refused.json() == FORBIDDEN
        deleted = client.delete(url(cv.id), headers=auth_headers_interviewer)
        assert deleted.status_code == 403 and deleted.json() == FORBIDDEN
        assert stored_files() == files and row_counts(db) == rows

    def test_without_a_token_is_401(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        upload(client, cv.id, auth_headers_hr, "cv.pdf", pdf_bytes("Anna"))
        assert client.get(url(cv.id)).status_code == 401
        assert upload(client, cv.id, {}, "x.pdf", pdf_bytes("X")).status_code == 401

    def test_no_document_and_unknown_cv(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        assert client.get(url(cv.id), headers=auth_headers_hr).json() == NO_DOCUMENT
        assert client.get(url(uuid.uuid4()), headers=auth_headers_hr).json() == CV_NOT_FOUND


def _zip_only() -> bytes:
    return rezipped(docx_bytes("x"), replace={"[Content_Types].xml": b"<Types/>"})


REFUSED = [
    (
        "renamed text as pdf",
        "cv.pdf",
        b"Anna Bell\nPython developer\n",
        "The file content is not a valid PDF document.",
    ),
    ("renamed text as docx", "cv.docx", b"Anna Bell\n", "The file content is not a valid DOCX document."),
    ("pdf named odt", "cv.odt", pdf_bytes("Anna"), "The file content is not a valid ODT document."),
    ("encrypted pdf", "cv.pdf", encrypted_pdf_bytes(), document_check.ENCRYPTED_PDF),
    ("truncated pdf", "cv.pdf", truncated_pdf_bytes(), document_check.DAMAGED_PDF),
    ("corrupt pdf", "cv.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n", document_check.DAMAGED_PDF),
    ("docm with project and type", "cv.docx", docm_bytes(), document_check.MACROS),
    ("docm project only", "cv.docx", docm_bytes(with_content_type=False), document_check.MACROS),
    ("docm type only", "cv.docx", docm_bytes(with_project=False), document_check.MACROS),
    ("odt with basic", "cv.odt", odt_with_basic_macro_bytes(), document_check.MACROS),
    ("old word file", "cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, document_check.ENCRYPTED_OFFICE),
    (
        "image",
        "cv.pdf",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "Unsupported file type (image/png). " + document_check.ALLOWED,
    ),
    (
        "other zip",
        "cv.docx",
        _zip_only(),
        "Unsupported file type (an Office file that is not a Word document). " + document_check.ALLOWED,
    ),
    ("truncated docx", "cv.docx", docx_bytes("Anna")[:2000], "The document is damaged or incomplete."),
    (
        "latin-1 text",
        "cv.txt",
        "Ré".encode("latin-1"),
        f"Unsupported file type. {document_check.ALLOWED} Text must be UTF-8.",
    ),
    ("binary text", "cv.txt", b"abc\x00\x01\x02", f"Unsupported file type. {document_check.ALLOWED}"),
    ("unknown extension", "cv.exe", b"Anna Bell\n", f"Unsupported file type. {document_check.ALLOWED}"),
    ("empty", "cv.pdf", b"", "The submitted file is empty."),
]


class TestRefused:
    @pytest.mark.parametrize(("case", "name", "content", "problem"), REFUSED, ids=[case[0] for case in REFUSED])
    def test_refused_with_400_and_nothing_stored(self, client, db, org, auth_headers_hr, case, name, content, problem):
        cv = create_cv(db, org)
        previous = pdf_bytes("The one before")
        upload(client, cv.id, auth_headers_hr, "before.pdf", previous)
        files, rows = stored_files(), row_counts(db)
        response = upload(client, cv.id, auth_headers_hr, name, content)
        assert response.status_code == 400, response.text
        assert response.json() == refusal(problem)
        assert stored_files() == files and row_counts(db) == rows
        assert client.get(url(cv.id), headers=auth_headers_hr).content == previous

    def test_over_max_cv_mb(self, client, db, org, auth_headers_hr, monkeypatch):
        monkeypatch.setattr(get_settings(), "max_cv_mb", 1)
        cv = create_cv(db, org)
        rows = row_counts(db)
        response = upload(client, cv.id, auth_headers_hr, "big.txt", b"a" * (1024 * 1024 + 1))
        assert response.status_code == 400 and response.json() == refusal("File too large. Maximum size is 1 MB.")
        assert stored_files() == [] and row_counts(db) == rows

    def test_a_body_without_length_stops_being_read_past_the_limit(self, client, db, org, auth_headers_hr, monkeypatch):
        monkeypatch.setattr(get_settings(), "max_cv_mb", 1)
        cv = create_cv(db, org)
        boundary = "cv-boundary"

        def body():
            yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n'.encode()
            for _ in range(64):  # 4 MB offered, in 64 KB pieces
                yield b"a" * 65536
            yield f"\r\n--{boundary}--\r\n".encode()

        headers = {**auth_headers_hr, "Content-Type": f"multipart/form-data; boundary={boundary}"}
        response = client.post(url(cv.id), headers=headers, content=body())
        assert response.status_code == 413  # by the body guard, as the body streams in (issue 15)
        assert response.json() == {
            "success": False,
            "message": "Request body too large",
            "error": "PAYLOAD_TOO_LARGE",
            "details": "File too large. Maximum size is 1 MB.",
        }
        assert stored_files() == []

    def test_not_multipart(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        response = client.post(url(cv.id), headers=auth_headers_hr, json={"file": "cv.pdf"})
        assert response.json() == refusal('Send the document as multipart/form-data in the field "file".')

    def test_multipart_without_the_file(self, client, db, org, auth_headers_hr):
        cv = create_cv(db, org)
        response = client.post(url(cv.id), headers=auth_headers_hr, files={"other": ("cv.pdf", pdf_bytes("A"))})
        assert response.status_code == 400 and response.json() == refusal("No file was submitted.")
        assert stored_files() == []
