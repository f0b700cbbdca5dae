"""The CSV drop zone the import dialogs share."""

from __future__ import annotations

import reflex as rx


def csv_drop_zone(upload_id: str) -> rx.Component:
    """A one-file .csv picker (drop or click) that shows the chosen file's name."""
    return rx.upload.root(
        rx.vstack(
            rx.icon("file-spreadsheet", size=28, color=rx.color("gray", 9)),
            rx.text("Drop a .csv file here or click to choose", size="2"),
            rx.foreach(rx.selected_files(upload_id), lambda name: rx.text(name, size="2", weight="bold")),
            align="center",
            spacing="2",
        ),
        id=upload_id,
        accept={"text/csv": [".csv"]},
        max_files=1,
        multiple=False,
        border=f"1px dashed {rx.color('gray', 7)}",
        border_radius="var(--radius-3)",
        padding="1.5rem",
        width="100%",
        cursor="pointer",
    )
