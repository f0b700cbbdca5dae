"""The question bank's "Add question" / "Edit question" dialog and its state (a substate of QuestionsState)."""

from __future__ import annotations

import uuid

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser
from hr_app.services import question_bank
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.widgets import field_error, labelled
from hr_app.ui.states.questions import LEVELS, MAX_OPTIONS, MIN_OPTIONS, QuestionsState, problems


def _save_question(session: Session, actor: AppUser, editing_id: str, subtopic_id: str, values: dict) -> None:
    if editing_id:
        question_bank.update_question(session, actor=actor, question_id=uuid.UUID(editing_id), changes=values)
    else:
        question_bank.create_question(session, actor=actor, subtopic_id=uuid.UUID(subtopic_id), **values)


class QuestionEditorState(QuestionsState):
    editor_open: bool = False
    editing_id: str = ""
    q_text: str = ""
    q_difficulty: str = "easy"
    q_options: list[str] = ["", ""]
    q_correct: str = "0"
    q_explanation: str = ""
    q_errors: dict[str, str] = {}

    @rx.var
    def option_indexes(self) -> list[str]:
        return [str(index) for index in range(len(self.q_options))]

    @rx.event
    def new_question(self) -> None:
        self.editing_id, self.q_text, self.q_difficulty = "", "", "easy"
        self.q_options, self.q_correct, self.q_explanation, self.q_errors = ["", ""], "0", "", {}
        self.editor_open = True

    @rx.event
    def edit_question(self, question_id: str) -> None:
        for question in self.questions:
            if question.id == question_id:
                self.editing_id, self.q_text, self.q_difficulty = question.id, question.text, question.difficulty
                self.q_options = list(question.options)
                self.q_correct, self.q_explanation = str(question.correct_option), question.explanation
                self.q_errors, self.editor_open = {}, True
                return

    @rx.event
    def set_editor_open(self, value: bool) -> None:
        self.editor_open = value

    @rx.event
    def set_q(self, field: str, value: str) -> None:
        if field in ("q_text", "q_difficulty", "q_correct", "q_explanation"):
            setattr(self, field, value)
            self.q_errors.pop(field.removeprefix("q_"), None)

    @rx.event
    def set_option(self, index: int, value: str) -> None:
        options = list(self.q_options)
        options[int(index)] = value
        self.q_options = options
        self.q_errors.pop("options", None)

    @rx.event
    def add_option(self) -> None:
        if len(self.q_options) < MAX_OPTIONS:
            self.q_options = [*self.q_options, ""]

    @rx.event
    def remove_option(self, index: int) -> None:
        index = int(index)
        if len(self.q_options) > MIN_OPTIONS:
            self.q_options = [o for i, o in enumerate(self.q_options) if i != index]
            correct = int(self.q_correct)
            self.q_correct = str(correct - 1 if correct > index else (0 if correct == index else correct))

    @rx.event
    async def save_question(self, _form_data: dict | None = None):
        values = {
            "text": self.q_text,
            "difficulty": self.q_difficulty,
            "options": [option.strip() for option in self.q_options],
            "correct_option": int(self.q_correct or 0),
            "explanation": self.q_explanation.strip() or None,
        }
        editing, subtopic = self.editing_id, self.selected
        try:
            await self._as_actor(lambda session, actor: _save_question(session, actor, editing, subtopic, values))
        except Invalid as error:
            self.q_errors = problems(error)
            return None
        except DomainError as error:
            return self._handle_domain_error(error)
        self.editor_open = False
        await self._reload()
        return rx.toast.success("Question saved")


E = QuestionEditorState


def _option_input(option: rx.Var, index: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.radio_group.root(
            rx.radio_group.item(value=index.to_string(), aria_label="Correct option"),
            value=E.q_correct,
            on_change=lambda value: E.set_q("q_correct", value),
        ),
        rx.input(
            value=option,
            on_change=lambda value: E.set_option(index, value),
            placeholder="Option",
            width="100%",
            class_name="option-input",
            aria_label="Option",
        ),
        rx.icon_button(
            rx.icon("x", size=12),
            size="1",
            variant="ghost",
            color_scheme="gray",
            type="button",
            on_click=E.remove_option(index),
            disabled=E.q_options.length() <= MIN_OPTIONS,
            aria_label="Remove option",
        ),
        align="center",
        width="100%",
    )


def editor() -> rx.Component:
    return form_dialog(
        rx.cond(E.editing_id == "", "Add question", "Edit question"),
        E.selected_path,
        labelled(
            "Question",
            rx.text_area(
                id="q-text",
                name="text",
                value=E.q_text,
                on_change=lambda v: E.set_q("q_text", v),
                rows="3",
                width="100%",
            ),
            "q-text",
            E.q_errors.get("text", ""),
        ),
        labelled(
            "Difficulty",
            rx.segmented_control.root(
                *(rx.segmented_control.item(level.capitalize(), value=level) for level in LEVELS),
                value=E.q_difficulty,
                on_change=lambda v: E.set_q("q_difficulty", v),
                id="q-difficulty",
            ),
            "q-difficulty",
            E.q_errors.get("difficulty", ""),
        ),
        rx.text("Options (mark the correct one)", size="2", weight="medium"),
        rx.vstack(rx.foreach(E.q_options, _option_input), spacing="2", width="100%", id="q-options"),
        field_error(E.q_errors.get("options", ""), "q-options-error"),
        field_error(E.q_errors.get("correct_option", ""), "q-correct-error"),
        rx.button(
            rx.icon("plus", size=12),
            "Add option",
            size="1",
            variant="soft",
            type="button",
            on_click=E.add_option,
            disabled=E.q_options.length() >= MAX_OPTIONS,
            id="q-add-option",
        ),
        labelled(
            "Explanation (optional)",
            rx.input(
                id="q-explanation",
                name="explanation",
                value=E.q_explanation,
                on_change=lambda v: E.set_q("q_explanation", v),
                width="100%",
            ),
            "q-explanation",
        ),
        field_error(E.q_errors.get("non_field_errors", ""), "q-error"),
        submit=rx.button("Save question", type="submit", id="q-save"),
        on_submit=E.save_question,
        open=E.editor_open,
        on_open_change=E.set_editor_open,
        max_width="36rem",
    )
