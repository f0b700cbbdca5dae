"""The add-CV dialog with its optional document, as the state drives it: the CV and the document are stored in one
unit of work with the document service's checks, so a refused file is shown under its field, keeps the dialog open
and leaves no CV, no document and no file (the checks themselves: tests/api/test_cv_documents.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from hr_app.models import CvDocument, UserCvData
from hr_app.ui.components.cv_add import AddCvDialogState
from hr_app.ui.upload_guard import upload_caps
from tests.documents import docx_bytes, encrypted_pdf_bytes
from tests.factories import row_counts
from tests.object_storage import stored_files
from tests.ui.conftest import drain
from tests.ui.test_cv_profile_state import rx_file


@pytest.fixture
def dialog(make_state, hr_user) -> AddCvDialogState:
    state = make_state(AddCvDialogState, hr_user)
    drain(state.parent_state.load())
    drain(state.set_add_open(True))
    return state


def _form(name: str, email: str) -> dict[str, str]:
    return {"name": name, "email": email, "phone_number": "", "place": "Oulu", "district": ""}


@pytest.mark.parametrize(
    ("file_name", "content", "problem"),
    [
        ("cv.pdf", b"plain text, renamed", "The file content is not a valid PDF document."),
        ("locked.pdf", encrypted_pdf_bytes(), "Password-protected PDFs are not accepted"),
        ("empty.txt", b"", "The submitted file is empty."),
    ],
)
def test_a_refused_document_keeps_the_dialog_open_and_creates_no_cv(dialog, db, file_name, content, problem):
    before, files_before = row_counts(db), stored_files()
    drain(dialog.add_cv_with_document([rx_file(file_name, content)], _form("Rita Refused", "rita@example.org")))
    assert dialog.add_errors["file"].startswith(problem)
    assert dialog.add_open and not dialog.adding
    assert row_counts(db) == before and stored_files() == files_before
    assert dialog.parent_state.page_rows == []


def test_the_cv_and_its_document_are_stored_together_or_the_form_errors_are_shown(dialog, db):
    before = row_counts(db)
    document = docx_bytes("Dana Document", "dana@example.org", "Kotlin and SQL")
    drain(dialog.add_cv_with_document([rx_file("dana.docx", document)], _form("", "not an address")))
    assert set(dialog.add_errors) == {"name", "email"} and dialog.add_open
    assert row_counts(db) == before and stored_files() == []

    events = drain(dialog.add_cv_with_document([rx_file("dana.docx", document)], _form("Dana Doc", "dana@example.org")))
    assert dialog.add_errors == {} and not dialog.add_open
    assert "Dana Doc added with its document" in str(events)
    cv = db.exec(select(UserCvData).where(UserCvData.email == "dana@example.org")).one()
    stored = db.exec(select(CvDocument).where(CvDocument.cv_id == cv.id)).one()
    assert (stored.file_name, stored.kind, stored.version, stored.is_current) == ("dana.docx", "docx", 1, True)
    assert [row.name for row in dialog.parent_state.page_rows] == ["Dana Doc"]

    drain(dialog.set_add_open(True))
    drain(dialog.add_cv_with_document([], _form("Nils No-File", "nils@example.org")))  # the document is optional
    nils = db.exec(select(UserCvData).where(UserCvData.email == "nils@example.org")).one()
    assert db.exec(select(CvDocument).where(CvDocument.cv_id == nils.id)).all() == []
    assert upload_caps()[f"{AddCvDialogState.get_full_name()}.add_cv_with_document"] > 10 * 1024 * 1024
