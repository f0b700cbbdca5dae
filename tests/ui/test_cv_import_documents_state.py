"""The CVs page's "Import documents" dialog as its state drives it: a ZIP becomes one CV per document and the
list reloads; a refused archive names each refused document and imports nothing (the rules:
tests/api/test_cv_import_documents.py)."""

from __future__ import annotations

from hr_app.ui.components.cv_import_documents import ImportDocumentsDialogState
from hr_app.ui.upload_guard import upload_caps
from tests.api.test_cv_import_documents import zipped
from tests.documents import pdf_bytes
from tests.factories import row_counts
from tests.ui.conftest import drain
from tests.ui.test_cv_profile_state import rx_file


def test_a_zip_imports_one_cv_per_document_or_nothing(make_state, db, hr_user):
    dialog = make_state(ImportDocumentsDialogState, hr_user)
    drain(dialog.parent_state.load())
    drain(dialog.set_zip_open(True))
    before = row_counts(db)
    refused = zipped({"Ada_Lovelace.pdf": pdf_bytes("Ada"), "team/fake.pdf": b"text, renamed"})
    drain(dialog.import_zip([rx_file("cvs.zip", refused)]))
    assert [(line.outcome, line.text) for line in dialog.zip_lines] == [
        ("problem", "team/fake.pdf: The file content is not a valid PDF document.")
    ]
    assert not dialog.zip_ok and dialog.zip_message.startswith("Nothing was imported")
    assert row_counts(db) == before

    drain(dialog.import_zip([rx_file("cvs.zip", zipped({"Ada_Lovelace.pdf": pdf_bytes("Ada"), "Bo.txt": b"Bo"}))]))
    assert dialog.zip_ok and dialog.zip_message == "Imported 2 CVs: confirm each e-mail on its page."
    assert [line.text for line in dialog.zip_lines] == ["Ada Lovelace", "Bo"]
    assert sorted(row.name for row in dialog.parent_state.page_rows) == ["Ada Lovelace", "Bo"]
    drain(dialog.import_zip([]))
    assert dialog.zip_message == "Choose a ZIP file first."
    assert f"{ImportDocumentsDialogState.get_full_name()}.import_zip" in upload_caps()
