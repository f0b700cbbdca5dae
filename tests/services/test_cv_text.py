"""CV document text: read by the real worker (huey, immediate mode) after the upload commits, from real files
made by the libraries that write them; scans are marked, suggestions only fill what the CV leaves empty."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator

import pytest
from sqlmodel import select

from hr_app.models import CvDocument, DocumentKind, TextStatus
from hr_app.services import cv_text
from tests.documents import docx_bytes, odt_bytes, pdf_bytes
from tests.factories import create_cv

ANNA = ("Anna Bell", "Python developer in Kochi", "E-mail: Anna.Bell@Example.org", "Phone: +358 40 123 4567")


@pytest.fixture
def worker() -> Iterator[object]:
    """The real worker module in huey's immediate mode: an upload's commit extracts its text before returning."""
    from hr_app import worker as module

    module.install()
    module.huey.immediate = True
    yield module
    module.huey.immediate = False


def upload(client, cv_id, headers, name: str, content: bytes):
    response = client.post(f"/api/cvs/{cv_id}/document/", headers=headers, files={"file": (name, content)})
    assert response.status_code == 201, response.text
    return response


def document_of(db, cv_id) -> CvDocument:
    db.expire_all()
    return db.exec(select(CvDocument).where(CvDocument.cv_id == cv_id, CvDocument.is_current)).one()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("anna.pdf", pdf_bytes(*ANNA)),
        ("anna.docx", docx_bytes(*ANNA)),
        ("anna.odt", odt_bytes(*ANNA)),
        ("anna.txt", ("\ufeff" + "\r\n".join(ANNA) + "\r\n").encode()),
    ],
)
def test_each_format_gets_its_text_and_suggestions_after_the_upload(
    client, db, org, auth_headers_hr, worker, name, content
):
    cv = create_cv(db, org, email="", phone_number="")
    upload(client, cv.id, auth_headers_hr, name, content)
    document = document_of(db, cv.id)
    assert document.text_status == TextStatus.DONE
    assert document.text == "\n".join(ANNA)
    assert (document.suggested_email, document.suggested_phone) == ("anna.bell@example.org", "+358 40 123 4567")
    shown = client.get(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).json()["data"]["document"]
    assert (shown["text_status"], shown["suggested_email"], shown["suggested_phone"]) == (
        "done",
        "anna.bell@example.org",
        "+358 40 123 4567",
    )


def test_a_docx_table_and_heading_are_read_in_order(client, db, org, auth_headers_hr, worker):
    import docx

    document = docx.Document()
    document.add_heading("Anna Bell", level=1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "2019", "Reflex"
    document.add_paragraph("Mobile 040 1234567")
    out = io.BytesIO()
    document.save(out)
    cv = create_cv(db, org, phone_number="")
    upload(client, cv.id, auth_headers_hr, "anna.docx", out.getvalue())
    stored = document_of(db, cv.id)
    assert stored.text == "Anna Bell\n2019\nReflex\nMobile 040 1234567"
    assert (stored.suggested_email, stored.suggested_phone) == (None, "040 1234567")  # the CV has an e-mail


def test_a_scanned_pdf_is_marked_no_text_found(client, db, org, auth_headers_hr, worker):
    cv = create_cv(db, org, phone_number="")
    upload(client, cv.id, auth_headers_hr, "scan.pdf", pdf_bytes())  # a page with no text layer
    document = document_of(db, cv.id)
    assert (document.text_status, document.text, document.suggested_phone) == (TextStatus.NO_TEXT, None, None)
    assert client.get(f"/api/cvs/{cv.id}/", headers=auth_headers_hr).json()["data"]["document"]["text_status"] == (
        "no_text"
    )


def test_a_file_the_library_cannot_read_is_marked_failed(db, org, tmp_path):
    from hr_app import storage

    stored = storage.get_storage().save(
        [b"PK\x03\x04 not really a docx"], folder="cv_documents", suffix=".docx", max_bytes=1000
    )
    assert cv_text.extract_stored(DocumentKind.DOCX, stored.name) == (cv_text.Extracted(TextStatus.FAILED, None))


def test_suggestions_leave_filled_fields_alone_and_the_record_hides_them_once_filled(
    client, db, org, auth_headers_hr, worker
):
    cv = create_cv(db, org, phone_number="")
    upload(client, cv.id, auth_headers_hr, "anna.txt", "\n".join(ANNA).encode())
    document = document_of(db, cv.id)
    assert (document.suggested_email, document.suggested_phone) == (None, "+358 40 123 4567")
    # HR confirms the suggestion with the ordinary update; the record stops suggesting it
    confirmed = client.patch(f"/api/cvs/{cv.id}/", headers=auth_headers_hr, json={"phone_number": "+358 40 123 4567"})
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["data"]["document"]["suggested_phone"] is None


def test_the_request_never_extracts_without_the_worker(client, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    upload(client, cv.id, auth_headers_hr, "anna.txt", b"Anna Bell")
    document = document_of(db, cv.id)
    assert (document.text_status, document.text) == (TextStatus.PENDING, None)
    # the worker's periodic sweep picks up a document whose enqueue was lost
    from hr_app import worker as module

    module.extract_pending_cv_texts.call_local()
    document = document_of(db, cv.id)
    assert (document.text_status, document.text) == (TextStatus.DONE, "Anna Bell")
    assert cv_text.extract_document(document.id) is None  # a second run changes nothing


def test_a_document_deleted_before_the_worker_runs_stays_without_text(client, db, org, auth_headers_hr):
    cv = create_cv(db, org)
    upload(client, cv.id, auth_headers_hr, "anna.txt", b"Anna Bell")
    document_id = document_of(db, cv.id).id
    assert client.delete(f"/api/cvs/{cv.id}/document/", headers=auth_headers_hr).status_code == 200
    assert cv_text.extract_document(document_id) is None
    db.expire_all()
    assert db.get(CvDocument, document_id).text is None


def test_text_is_cleaned_and_capped():
    raw = "  Anna\x00 Bell \t\r\n\n\n\nKochi" + "x" * 300_000
    cleaned = cv_text.clean_text(raw)
    assert cleaned.startswith("Anna Bell\n\nKochi") and "\x00" not in cleaned
    assert len(cleaned) == cv_text.CV_TEXT_MAX_CHARS


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Worked 2019 - 2023 at Acme", None),
        ("Worked 01.2019-12.2023", None),
        ("Tel. 040 123 4567", "040 123 4567"),
        ("+91 98765 43210", "+91 98765 43210"),
        ("call 0401234567", "0401234567"),
        ("Postcode 00100", None),
    ],
)
def test_phone_suggestions(text, phone):
    assert cv_text.find_phone(text) == phone


def test_email_suggestion_skips_what_is_not_an_address():
    assert cv_text.find_email("name@localhost then Real.Person@mail.example.com.") == "real.person@mail.example.com"
    assert cv_text.find_email("no address here") is None


def test_unknown_document_id_is_nothing_to_do():
    assert cv_text.extract_document(uuid.uuid4()) is None


def test_on_s3_the_sweep_reads_the_text_and_an_outage_leaves_it_pending(client, db, org, auth_headers_hr, s3_storage):
    from hr_app.config import get_settings

    cv = create_cv(db, org)
    upload(client, cv.id, auth_headers_hr, "anna.txt", b"Anna Bell")
    document_id = document_of(db, cv.id).id
    settings = get_settings()
    reachable = settings.aws_endpoint_url
    settings.aws_endpoint_url = "http://127.0.0.1:9"  # nothing listens there: storage is down
    try:
        assert cv_text.extract_document(document_id) is None
    finally:
        settings.aws_endpoint_url = reachable
    assert document_of(db, cv.id).text_status == TextStatus.PENDING  # not failed: tried again by the sweep
    assert cv_text.extract_document(document_id) == TextStatus.DONE
    assert document_of(db, cv.id).text == "Anna Bell"
