"""The upload pickers (CSV files, CV documents) and the CSV import dialog that the CVs and question pages share."""

from __future__ import annotations

from typing import Any

import reflex as rx

from hr_app.services.cv_documents import DocumentUpload

# What the CV document pickers offer (the service checks the content whatever the browser lets through).
CV_DOCUMENT_ACCEPT = {
    "application/pdf": [".pdf"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": [".docx"],
    "application/vnd.oasis.opendocument.text": [".odt"],
    "text/plain": [".txt"],
}


def chosen_document(files: list[rx.UploadFile]) -> DocumentUpload | None:
    """The one file a CV document picker sent, as the document service reads it (None: no file chosen)."""
    return DocumentUpload(file=files[0].file, filename=files[0].filename) if files else None


def drop_zone(upload_id: str, *, accept: dict[str, list[str]], prompt: str, icon: str, **props: Any) -> rx.Component:
    """A one-file picker (drop or click) that shows the chosen file's name."""
    return rx.upload.root(
        rx.vstack(
            rx.icon(icon, size=28, color=rx.color("gray", 9)),
            rx.text(prompt, size="2"),
            rx.foreach(rx.selected_files(upload_id), lambda name: rx.text(name, size="2", weight="bold")),
            align="center",
            spacing="2",
        ),
        id=upload_id,
        accept=accept,
        max_files=1,
        multiple=False,
        border=f"1px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-3)",
        padding="1.5rem",
        width="100%",
        cursor="pointer",
        **props,
    )


def csv_drop_zone(upload_id: str) -> rx.Component:
    """A one-file .csv picker (drop or click) that shows the chosen file's name."""
    return drop_zone(
        upload_id,
        accept={"text/csv": [".csv"]},
        prompt="Drop a .csv file here or click to choose",
        icon="file-spreadsheet",
    )


def csv_import_dialog(
    title: str,
    description: str,
    *,
    upload_id: str,
    trigger_id: str,
    importing: rx.Var[bool],
    message: rx.Var[str],
    ok: rx.Var[bool],
    message_id: str,
    results: rx.Component,
    results_height: str,
    on_import: Any,
    submit_id: str,
    progress: rx.Var[int] | None = None,
    open: rx.Var[bool] | None = None,  # the Radix prop's name
    on_open_change: Any = None,
    zone: rx.Component | None = None,  # another picker than the CSV one (the ZIP of CV documents)
    trigger_label: str = "Import CSV",
) -> rx.Component:
    """The CSV import dialog of the CVs and question pages: drop zone, upload progress (when the state
    reports it), the outcome in green or red, the per-line results, then Close / Import."""
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(rx.icon("upload", size=16), trigger_label, variant="soft", id=trigger_id)),
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(description, size="2", color_scheme="gray"),
            rx.vstack(
                zone if zone is not None else csv_drop_zone(upload_id),
                *(
                    [
                        rx.cond(
                            importing,
                            rx.progress(
                                value=progress, width="100%", id="import-progress", aria_label="Import progress"
                            ),
                        )
                    ]
                    if progress is not None
                    else []
                ),
                rx.cond(
                    message != "",
                    rx.callout(
                        message,
                        icon=rx.cond(ok, "circle-check", "triangle-alert"),
                        color_scheme=rx.cond(ok, "green", "red"),
                        id=message_id,
                        width="100%",
                    ),
                ),
                rx.scroll_area(results, max_height=results_height, type="auto"),
                rx.hstack(
                    rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                    rx.button(
                        rx.cond(importing, rx.spinner(size="1"), rx.icon("upload", size=14)),
                        "Import",
                        on_click=on_import,
                        # No file chosen yet: nothing to send (an empty upload also stalled the next one).
                        disabled=importing | (rx.selected_files(upload_id).length() == 0),
                        id=submit_id,
                    ),
                    justify="end",
                    width="100%",
                    spacing="3",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="36rem",
        ),
        **({"open": open, "on_open_change": on_open_change} if open is not None else {}),
    )
