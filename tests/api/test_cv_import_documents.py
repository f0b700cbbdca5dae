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


# --- a CSV beside the ZIP: the CVs' details from the CSV, each with the document its row names ---------------

CSV_HEADER = "name,email,phone_number,place,file\n"


def send_with_csv(client, headers, archive: bytes, csv_text: str):
    files = {"file": ("cvs.zip", archive, "application/zip"), "csv": ("cvs.csv", csv_text.encode(), "text/csv")}
    return client.post(URL, headers=headers, files=files)


def test_a_csv_gives_each_cv_its_details_and_the_document_its_row_names(client, db, org, auth_headers_hr):
    archive = zipped({"docs/anna.pdf": pdf_bytes("Anna Bell"), "bo.docx": docx_bytes("Bo Chen")})
    csv_text = CSV_HEADER + (
        "Anna Bell,anna@example.org,+358 40 1,Espoo,docs/anna.pdf\n"  # by its path in the archive
        "Bo Chen,bo@example.org,,Turku,bo.docx\n"  # by its name
        "Cy Nodoc,cy@example.org,,Oulu,\n"  # a CV without a document
    )
    response = send_with_csv(client, auth_headers_hr, archive, csv_text)
    assert response.status_code == 201, response.text
    rows = {row["name"]: row for row in response.json()["data"]}
    assert (rows["Anna Bell"]["email"], rows["Anna Bell"]["place"]) == ("anna@example.org", "Espoo")
    assert rows["Anna Bell"]["document"]["file_name"] == "anna.pdf"
    assert rows["Bo Chen"]["document"]["file_name"] == "bo.docx"
    assert rows["Cy Nodoc"]["document"] is None


@pytest.mark.parametrize(
    ("entries", "csv_rows", "details"),
    [
        (
            {"anna.pdf": pdf_bytes("Anna")},
            "Anna,anna@example.org,,,anna.pdf\nBo,bo@example.org,,,missing.pdf\n",
            {"rows.3.file": ['No document "missing.pdf" in the ZIP archive.']},
        ),
        (
            {"anna.pdf": pdf_bytes("Anna"), "extra.pdf": pdf_bytes("Extra")},
            "Anna,anna@example.org,,,anna.pdf\n",
            {"files.extra.pdf": ["No row of the CSV names this document."]},
        ),
        (
            {"anna.pdf": pdf_bytes("Anna")},
            "Anna,anna@example.org,,,anna.pdf\nAnne,anne@example.org,,,anna.pdf\n",
            {"rows.3.file": ["Another row names this document already."]},
        ),
        (
            {"a/cv.pdf": pdf_bytes("A"), "b/cv.pdf": pdf_bytes("B")},
            "A,a@example.org,,,cv.pdf\nB,b@example.org,,,b/cv.pdf\n",
            {
                "rows.2.file": ['Several documents are called "cv.pdf": give its path in the archive.'],
                "files.a/cv.pdf": ["No row of the CSV names this document."],
            },
        ),
        (
            {"fake.pdf": b"plain text, renamed"},
            "Fay,fay@example.org,,,fake.pdf\n",
            {"files.fake.pdf": ["The file content is not a valid PDF document."]},
        ),
    ],
)
def test_a_mismatch_between_csv_and_zip_imports_nothing(client, db, org, auth_headers_hr, entries, csv_rows, details):
    before = row_counts(db), stored_files()
    response = send_with_csv(client, auth_headers_hr, zipped(entries), CSV_HEADER + csv_rows)
    assert response.status_code == 400, response.text
    assert response.json() == {
        "success": False,
        "message": "Invalid CSV and ZIP of CV documents",
        "error": "VALIDATION_ERROR",
        "details": details,
    }
    db.expire_all()
    assert (row_counts(db), stored_files()) == before


def test_the_csvs_own_rules_still_hold(client, db, org, auth_headers_hr):
    before = row_counts(db), stored_files()
    csv_text = "name,email,file,colour\nAnna,anna@example.org,anna.pdf,blue\n"
    response = send_with_csv(client, auth_headers_hr, zipped({"anna.pdf": pdf_bytes("Anna")}), csv_text)
    assert (response.status_code, response.json()["details"]) == (400, {"csv": ["Unknown column(s): colour."]})
    assert (row_counts(db), stored_files()) == before
