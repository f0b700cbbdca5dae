"""The candidate profile's document upload (admin and hr): the same service and checks as
POST /api/cvs/{id}/document/; the text follows once the worker has read it (a live push)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.errors import DomainError, Invalid
from hr_app.services import cv_documents, cv_profile
from hr_app.ui.components.upload import CV_DOCUMENT_ACCEPT, chosen_document
from hr_app.ui.states.cv_profile import CvProfileState

DOCUMENT_UPLOAD_ID = "cv-document-upload"


class CvDocumentUploadState(CvProfileState):
    document_error: str = ""
    document_uploading: bool = False

    def _close(self) -> None:
        self.document_error, self.document_uploading = "", False

    @rx.event
    async def upload_cv_document(self, files: list[rx.UploadFile]):
        self.document_error = ""
        upload = chosen_document(files)
        if upload is None:
            self.document_error = "Choose a PDF, DOCX, ODT or text file first."
            return
        cv_id = self.cv_id

        def store(session, actor) -> cv_profile.CvProfile:  # noqa: ANN001 (the unit of work's session and user)
            cv_documents.upload_document(session, actor=actor, cv_id=cv_id, upload=upload)
            return cv_profile.cv_profile(session, actor=actor, cv_id=cv_id)

        self.document_uploading = True
        yield
        try:
            profile = await self._as_actor(store)
        except Invalid as error:
            self.document_uploading = False
            self.document_error = " ".join(error.field_errors.get("file", [error.message]))
            return
        except DomainError as error:
            self.document_uploading = False
            yield self._handle_domain_error(error)
            return
        self.document_uploading = False
        self._apply(profile)
        yield rx.clear_selected_files(DOCUMENT_UPLOAD_ID)
        yield CvDocumentUploadState.load_document
        yield rx.toast.success("Document uploaded; its text is read in the background")


def document_upload() -> rx.Component:
    state = CvDocumentUploadState
    return rx.cond(
        CvProfileState.can_manage,
        rx.vstack(
            rx.hstack(
                rx.upload.root(
                    rx.button(rx.icon("paperclip", size=14), "Choose file", variant="soft", type="button", size="1"),
                    id=DOCUMENT_UPLOAD_ID,
                    accept=CV_DOCUMENT_ACCEPT,
                    max_files=1,
                    multiple=False,
                    no_drag=True,
                ),
                rx.button(
                    rx.cond(state.document_uploading, rx.spinner(size="1"), rx.icon("upload", size=14)),
                    rx.cond(CvProfileState.has_document, "Replace document", "Upload document"),
                    size="1",
                    on_click=state.upload_cv_document(rx.upload_files(upload_id=DOCUMENT_UPLOAD_ID)),
                    disabled=state.document_uploading | (rx.selected_files(DOCUMENT_UPLOAD_ID).length() == 0),
                    id="cv-document-upload-submit",
                ),
                spacing="2",
                align="center",
            ),
            rx.foreach(
                rx.selected_files(DOCUMENT_UPLOAD_ID),
                lambda name: rx.text(name, size="1", color_scheme="gray", class_name="selected-file"),
            ),
            rx.cond(
                state.document_error != "",
                rx.text(state.document_error, color_scheme="red", size="2", role="alert", id="cv-document-error"),
            ),
            spacing="1",
            width="100%",
        ),
    )
