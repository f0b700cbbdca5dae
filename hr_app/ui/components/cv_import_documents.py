"""The CVs page's "Import documents" dialog: a ZIP of CV documents, one new CV per document (issue 17), through
the same service as POST /api/cvs/import-documents/ (all or nothing, ZIP-bomb bounds: `cv_bulk_documents`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import reflex as rx

from hr_app.kit.errors import DomainError, Invalid
from hr_app.services import cv_bulk_documents
from hr_app.ui.components.cv_import import ImportLine, import_line
from hr_app.ui.components.upload import csv_import_dialog, drop_zone
from hr_app.ui.states.cvs import CvsState

ZIP_UPLOAD_ID = "cv-documents-zip"
_FILE_KEY = "files."


def refused_lines(error: Invalid) -> list[ImportLine]:
    """The archive's problem, or each refused document's, named by its path in the archive."""
    return [
        ImportLine(outcome="problem", text=(f"{key.removeprefix(_FILE_KEY)}: " if key != "file" else "") + text)
        for key, problems in error.field_errors.items()
        for text in problems
    ]


class ImportDocumentsDialogState(CvsState):
    zip_open: bool = False
    zip_importing: bool = False
    zip_message: str = ""
    zip_ok: bool = False
    zip_lines: list[ImportLine] = []

    @rx.event
    def set_zip_open(self, value: bool) -> None:
        self.zip_open = value
        self.zip_message, self.zip_lines, self.zip_ok = "", [], False

    @rx.event
    async def import_zip(self, files: list[rx.UploadFile]) -> AsyncIterator[rx.event.EventSpec | None]:
        """An upload handler: the archive is unpacked, checked and stored in a thread, in one unit of work."""
        self.zip_lines, self.zip_message, self.zip_ok = [], "", False
        if not files:
            self.zip_message = "Choose a ZIP file first."
            return
        archive = files[0].file
        self.zip_importing = True
        yield
        try:
            names = await self._as_actor(
                lambda session, actor: [
                    cv.name for cv in cv_bulk_documents.import_documents(session, actor=actor, archive=archive)
                ]
            )
        except Invalid as error:
            self.zip_importing, self.zip_lines = False, refused_lines(error)
            self.zip_message = "Nothing was imported. Fix the documents below and import the ZIP again."
            return
        except DomainError as error:
            self.zip_importing = False
            yield self._handle_domain_error(error)
            return
        self.zip_importing, self.zip_ok = False, True
        self.zip_lines = [ImportLine(outcome="added", text=name) for name in names]
        self.zip_message = f"Imported {len(names)} CV{'s' if len(names) != 1 else ''}: confirm each e-mail on its page."
        await self._reload()
        yield rx.clear_selected_files(ZIP_UPLOAD_ID)


def import_documents_dialog() -> rx.Component:
    state = ImportDocumentsDialogState
    return csv_import_dialog(
        "Import CVs from documents",
        "A ZIP of PDF, DOCX, ODT or text files: one CV per document, named from its file name. The e-mail and "
        "phone are suggested from the text once it is read. Every document is imported, or none.",
        upload_id=ZIP_UPLOAD_ID,
        trigger_id="import-documents",
        importing=state.zip_importing,
        message=state.zip_message,
        ok=state.zip_ok,
        message_id="import-documents-message",
        results=rx.vstack(rx.foreach(state.zip_lines, import_line), spacing="1", id="import-documents-lines"),
        results_height="14rem",
        on_import=state.import_zip(rx.upload_files(upload_id=ZIP_UPLOAD_ID)),
        submit_id="import-documents-submit",
        open=state.zip_open,
        on_open_change=state.set_zip_open,
        zone=drop_zone(
            ZIP_UPLOAD_ID,
            accept={"application/zip": [".zip"]},
            prompt="Drop a .zip file here or click to choose",
            icon="file-archive",
        ),
        trigger_label="Import documents",
    )
