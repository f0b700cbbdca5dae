"""The add-CV dialog's optional CV document (issue 17): a drop zone under the contact fields. The file travels with
the form in one upload (Reflex's bound upload args), and the dialog stores the CV and its document in one unit of
work (`cv_documents.upload_document` after `cvs.create_cv`): a refused file is shown under the zone and leaves no CV.
"""

from __future__ import annotations

import reflex as rx

from hr_app.config import get_settings
from hr_app.ui.components.upload import CV_DOCUMENT_ACCEPT, drop_zone
from hr_app.ui.components.widgets import describe_with_error, field_error

ADD_DOCUMENT_ID = "add-document"
ERROR_ID = f"{ADD_DOCUMENT_ID}-error"


def document_field(error: rx.Var[str]) -> rx.Component:
    """ "CV document (optional)", the zone with the chosen file's name, the accepted kinds, then the refusal."""
    zone = drop_zone(
        ADD_DOCUMENT_ID,
        accept=CV_DOCUMENT_ACCEPT,
        prompt="Drop the CV document here or click to choose",
        icon="file-text",
        aria_label="CV document (optional)",
        max_size=get_settings().max_cv_bytes,  # a bigger file is refused in the browser (a toast), never sent
    )
    return rx.vstack(
        rx.text("CV document (optional)", size="2", weight="medium"),
        describe_with_error(zone, error, ERROR_ID),
        rx.text(f"PDF, DOCX, ODT or plain text, at most {get_settings().max_cv_mb} MB.", size="1", color_scheme="gray"),
        field_error(error, ERROR_ID),
        spacing="1",
        width="100%",
    )
