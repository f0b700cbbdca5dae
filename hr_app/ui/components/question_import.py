"""The question bank's CSV import dialog and its state (a substate of QuestionsState: it reloads the tree)."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.schemas.questions import ImportResult
from hr_app.services import question_bank
from hr_app.ui.components.upload import csv_import_dialog
from hr_app.ui.states.questions import QuestionsState, problems

UPLOAD_ID = "question-csv"


def _import_csv(session: Session, actor: AppUser, raw: bytes) -> ImportResult:
    """Decode (UnicodeDecodeError for a non-UTF-8 file) and import, in the worker thread."""
    rows = question_bank.rows_from_csv(raw.decode("utf-8-sig"))
    return question_bank.import_questions(session, actor=actor, rows=rows)


class QuestionImportState(QuestionsState):
    import_message: str = ""
    import_ok: bool = False
    import_problems: list[str] = []
    importing: bool = False

    @rx.event
    async def import_csv(self, files: list[rx.UploadFile]):
        self.import_message, self.import_problems, self.import_ok = "", [], False
        if not files:
            self.import_message = "Choose a CSV file first."
            return
        raw = await files[0].read()
        self.importing = True
        yield
        try:
            result = await self._as_actor(lambda session, actor: _import_csv(session, actor, raw))
        except UnicodeDecodeError:
            self.importing, self.import_message = False, "The file must be UTF-8 encoded CSV."
            return
        except Invalid as error:
            self.importing = False
            self.import_message = error.message
            self.import_problems = [f"{field}: {text}" for field, text in problems(error).items()]
            return
        except DomainError as error:
            self.importing = False
            yield self._handle_domain_error(error)
            return
        self.importing, self.import_ok = False, True
        self.import_message = (
            f"Imported {result.imported} questions ({result.created_categories} new categories, "
            f"{result.created_topics} topics, {result.created_subtopics} subtopics)."
        )
        await self._reload()
        yield rx.clear_selected_files(UPLOAD_ID)


def import_dialog() -> rx.Component:
    state = QuestionImportState
    return csv_import_dialog(
        "Import questions",
        "Columns: category, topic, subtopic, text, difficulty, option_1 .. option_6, correct_option "
        "(0-based), explanation; optional type (single_choice, multiple_choice, true_false, free_text), "
        "correct_options (e.g. 0;2) and partial_credit (yes/no). Missing categories, topics and subtopics are "
        "created. All rows or none.",
        upload_id=UPLOAD_ID,
        trigger_id="import-questions",
        importing=state.importing,
        message=state.import_message,
        ok=state.import_ok,
        message_id="question-import-message",
        results=rx.vstack(rx.foreach(state.import_problems, lambda p: rx.text(p, size="1")), spacing="1"),
        results_height="12rem",
        on_import=state.import_csv(rx.upload_files(upload_id=UPLOAD_ID)),
        submit_id="question-import-submit",
    )
