"""The CVs page's CSV import dialog and its state (a substate of CvsState: it reloads the list it imports into)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import AsyncIterator

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.services import cvs
from hr_app.ui.components.upload import csv_import_dialog
from hr_app.ui.states.cvs import CvsState

UPLOAD_ID = "cv-csv"
_ROW_ERROR = re.compile(r"rows\.(\d+)(?:\.(\w+))?")  # a field's problem, or the whole row's (extra fields)


@dataclasses.dataclass
class ImportLine:
    line: int = 0
    outcome: str = ""  # "added" or "problem"
    text: str = ""


def import_lines(error: Invalid) -> list[ImportLine]:
    """Per-row problems of a refused CSV file, in line order."""
    by_line: dict[int, list[str]] = {}
    other: list[str] = []
    for key, problems in error.field_errors.items():
        match = _ROW_ERROR.fullmatch(key)
        if match:
            field = f"{match.group(2)}: " if match.group(2) else ""
            by_line.setdefault(int(match.group(1)), []).append(field + " ".join(problems))
        else:
            other.extend(problems)
    lines = [ImportLine(line=0, outcome="problem", text=text) for text in other]
    lines += [
        ImportLine(line=line, outcome="problem", text="; ".join(texts)) for line, texts in sorted(by_line.items())
    ]
    return lines


def imported_lines(session: Session, actor: AppUser, content: bytes) -> list[ImportLine]:
    """Import a CSV file (all rows or none); one line per CV added, numbered as in the file (after its header)."""
    records = cvs.import_cvs_csv(session, actor=actor, content=content)
    return [
        ImportLine(line=number, outcome="added", text=f"{record.cv.name} <{record.cv.email}>")
        for number, record in enumerate(records, start=2)
    ]


class ImportCvsDialogState(CvsState):
    import_open: bool = False
    importing: bool = False
    import_progress: int = 0
    import_message: str = ""
    import_ok: bool = False
    import_lines: list[ImportLine] = []

    @rx.event
    def set_import_open(self, value: bool) -> None:
        self.import_open = value
        if value:
            self.import_message, self.import_lines, self.import_ok, self.import_progress = "", [], False, 0

    @rx.event
    def on_import_progress(self, progress: dict) -> None:
        self.importing = True
        self.import_progress = round(float(progress.get("progress", 0)) * 100)

    @rx.event
    async def import_csv(self, files: list[rx.UploadFile]) -> AsyncIterator[rx.event.EventSpec | None]:
        """An upload handler (never a background event): the file is read here, parsed and saved in a thread."""
        self.import_lines, self.import_message, self.import_ok = [], "", False
        if not files:
            self.import_message = "Choose a CSV file first."
            return
        content = await files[0].read()
        self.importing = True
        yield
        try:
            added = await self._as_actor(lambda session, actor: imported_lines(session, actor, content))
        except Invalid as error:
            self.importing = False
            self.import_lines = import_lines(error)
            self.import_message = "Nothing was imported. Fix the rows below and import the file again."
            return
        except DomainError as error:
            self.importing = False
            yield self._handle_domain_error(error)
            return
        self.importing = False
        self.import_ok = True
        self.import_lines = added
        self.import_message = f"Imported {len(added)} CV{'s' if len(added) != 1 else ''}."
        await self._reload()
        yield rx.clear_selected_files(UPLOAD_ID)


def import_line(line: ImportLine) -> rx.Component:
    return rx.hstack(
        rx.cond(
            line.outcome == "added",
            rx.icon("circle-check", size=16, color=rx.color("green", 10)),
            rx.icon("circle-x", size=16, color=rx.color("red", 10)),
        ),
        rx.text(rx.cond(line.line > 0, rx.fragment("Line ", line.line.to_string(), ": "), ""), line.text, size="2"),
        align="center",
        spacing="2",
        class_name="import-line",
    )


def import_dialog() -> rx.Component:
    state = ImportCvsDialogState
    return csv_import_dialog(
        "Import CVs from CSV",
        "Columns: name, email (required), phone_number, job_title, place, district. "
        "The whole file is imported, or nothing if a row has a problem.",
        upload_id=UPLOAD_ID,
        trigger_id="import-cvs",
        importing=state.importing,
        progress=state.import_progress,
        message=state.import_message,
        ok=state.import_ok,
        message_id="import-message",
        results=rx.vstack(rx.foreach(state.import_lines, import_line), spacing="1", id="import-lines"),
        results_height="14rem",
        on_import=state.import_csv(rx.upload_files(upload_id=UPLOAD_ID, on_upload_progress=state.on_import_progress)),
        submit_id="import-submit",
        open=state.import_open,
        on_open_change=state.set_import_open,
    )
