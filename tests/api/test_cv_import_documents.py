"""POST /api/cvs/import-documents/: a ZIP of documents, one CV per document named from its file name, all or nothing,
and safe against ZIP bombs (entries, unpacked total, packing ratio); the e-mail and phone follow from the text."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlmodel import select

from hr_app.models import CvDocument, UserCvData
from hr_app.services import cv_bulk_documents, cv_text
from tests.documents import docx_bytes, pdf_bytes
from tests.factories import row_counts
from tests.object_storage import stored_files

URL = "/api/cvs/import-documents/"


def zipped(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def send(client, headers, content: bytes, name: str = "cvs.zip"):
    return client.post(URL, headers=headers, files={"file": (name, content, "application/zip")})


def refusal(details: dict[str, list[str]]) -> dict:
    return {"success": False, "message": "Invalid ZIP of CV documents", "error": "VALIDATION_ERROR", "details": details}


def test_one_cv_per_document_named_from_its_file_then_the_text_suggests_the_contact(client, db, org, auth_headers_hr):
    archive = zipped(
        {
            "Anna_Bell.pdf": pdf_bytes("Anna Bell", "anna.bell@example.org", "Phone +358 40 765 4321"),
            "team/Bo  Chen.docx": docx_bytes("Bo Chen", "Kotlin developer"),
            "cy-text.txt": b"Cy Text\ncy@example.org\n",
            "team/": b"",
            "__MACOSX/team/._Bo  Chen.docx": b"resource fork",
            ".DS_Store": b"finder",
        }
    )
    response = send(client, auth_headers_hr, archive)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["message"] == "Imported 3 CV(s)"
    by_name = {row["name"]: row for row in body["data"]}
    assert sorted(by_name) == ["Anna Bell", "Bo Chen", "cy-text"]
    assert {row["email"] for row in body["data"]} == {""}
    assert by_name["Bo Chen"]["document"]["file_name"] == "Bo  Chen.docx"
    assert by_name["Anna Bell"]["document"]["text_status"] == "pending"

    db.expire_all()
    for document in db.exec(select(CvDocument).where(CvDocument.organization_id == org.id)):
        cv_text.extract_document(document.id)
    anna = client.get(f"/api/cvs/{by_name['Anna Bell']['id']}/", headers=auth_headers_hr).json()["data"]
    assert (anna["document"]["suggested_email"], anna["document"]["suggested_phone"]) == (
        "anna.bell@example.org",
        "+358 40 765 4321",
    )
    confirmed = client.patch(
        f"/api/cvs/{anna['id']}/", headers=auth_headers_hr, json={"email": anna["document"]["suggested_email"]}
    )
    assert confirmed.status_code == 200 and confirmed.json()["data"]["document"]["suggested_email"] is None


@pytest.mark.parametrize(
    ("archive", "details"),
    [
        (b"not a zip at all", {"file": ["The file is not a ZIP archive."]}),
        (zipped({"empty/": b"", ".hidden": b"x"}), {"file": ["The ZIP archive has no documents."]}),
        (
            zipped({"Good One.pdf": pdf_bytes("Good One"), "fake.pdf": b"plain text, renamed"}),
            {"files.fake.pdf": ["The file content is not a valid PDF document."]},
        ),
        (
            zipped({"Good One.txt": b"Good One", "bomb.txt": b"\0" * (4 * 1024 * 1024)}),
            {"files.bomb.txt": ["This entry unpacks far larger than it is packed (a ZIP bomb?)."]},
        ),
        (
            zipped({f"cv{number}.txt": b"x" for number in range(201)}, zipfile.ZIP_STORED),
            {"file": ["Import at most 200 documents at a time."]},
        ),
        (zipped({"___.txt": b"no name"}), {"files.___.txt": ["This field may not be blank."]}),
    ],
    ids=["not-zip", "no-documents", "one-bad-document", "bomb-ratio", "too-many", "no-name"],
)
def test_a_refused_archive_creates_nothing(client, db, org, auth_headers_hr, archive, details):
    before, files_before = row_counts(db), stored_files()
    response = send(client, auth_headers_hr, archive)
    assert response.status_code == 400, response.text
    assert response.json() == refusal(details)
    assert row_counts(db) == before and stored_files() == files_before


def test_the_unpacked_total_is_capped_as_declared(client, db, auth_headers_hr, monkeypatch):
    monkeypatch.setattr(cv_bulk_documents, "IMPORT_ZIP_MAX_UNPACKED_BYTES", 1024 * 1024)
    before = row_counts(db)
    archive = zipped({"Ada One.txt": b"a" * (600 * 1024), "Bo Two.txt": b"b" * (600 * 1024)}, zipfile.ZIP_STORED)
    response = send(client, auth_headers_hr, archive)
    assert response.json() == refusal({"file": ["The documents unpack to more than 1 MB."]})
    assert row_counts(db) == before


def test_interviewers_may_not_import(client, db, org, auth_headers_interviewer):
    response = send(client, auth_headers_interviewer, zipped({"Ada.txt": b"Ada"}))
    assert response.status_code == 403
    assert db.exec(select(UserCvData).where(UserCvData.organization_id == org.id)).all() == []
