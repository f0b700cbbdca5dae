"""The question bank's "Add question" / "Edit question" dialog and its state (a substate of QuestionsState)."""

from __future__ import annotations

import uuid

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, QuestionType
from hr_app.services import question_bank
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.widgets import field_error, labelled
from hr_app.ui.states.questions import LEVELS, MAX_OPTIONS, MIN_OPTIONS, TYPE_LABELS, QuestionsState, problems


def _save_question(session: Session, actor: AppUser, editing_id: str, subtopic_id: str, values: dict) -> None:
    if editing_id:
        question_bank.update_question(session, actor=actor, question_id=uuid.UUID(editing_id), changes=values)
    else:
        question_bank.create_question(session, actor=actor, subtopic_id=uuid.UUID(subtopic_id), **values)


CHOICE_KINDS = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE)
KIND_CHOICES = [(kind, TYPE_LABELS[kind]) for kind in QuestionType]


def _typed_values(kind: str, options: list[str], correct: str, correct_set: list[str], partial: bool) -> dict:
    """What the type takes (question_bank.typed_question): nothing of another type is sent."""
    if kind == QuestionType.FREE_TEXT:
        return {}
    if kind == QuestionType.TRUE_FALSE:
        return {"correct_option": int(correct or 0)}
    stripped = [option.strip() for option in options]
    if kind == QuestionType.MULTIPLE_CHOICE:
        return {"options": stripped, "correct_options": [int(i) for i in correct_set], "partial_credit": partial}
    return {"options": stripped, "correct_option": int(correct or 0)}


class QuestionEditorState(QuestionsState):
    editor_open: bool = False
    editing_id: str = ""
    q_text: str = ""
    q_difficulty: str = "easy"
    q_options: list[str] = ["", ""]
    q_correct: str = "0"
    q_explanation: str = ""
    q_kind: str = QuestionType.SINGLE_CHOICE
    q_correct_set: list[str] = []  # multiple choice: the correct options' indexes, as text
    q_partial: bool = False
    q_errors: dict[str, str] = {}

    @rx.var
    def option_indexes(self) -> list[str]:
        return [str(index) for index in range(len(self.q_options))]

    @rx.event
    def new_question(self) -> None:
        self.editing_id, self.q_text, self.q_difficulty = "", "", "easy"
        self.q_options, self.q_correct, self.q_explanation, self.q_errors = ["", ""], "0", "", {}
        self.q_kind, self.q_correct_set, self.q_partial = QuestionType.SINGLE_CHOICE, [], False
        self.editor_open = True

    @rx.event
    def edit_question(self, question_id: str) -> None:
        for question in self.questions:
            if question.id == question_id:
                self.editing_id, self.q_text, self.q_difficulty = question.id, question.text, question.difficulty
                self.q_options = list(question.options)
                self.q_correct, self.q_explanation = str(question.correct_option), question.explanation
                self.q_kind, self.q_partial = question.kind, question.partial_credit
                self.q_correct_set = [str(index) for index in question.correct_options]
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
    def set_kind(self, kind: str) -> None:
        """Another type: true/false starts on True, choice types need their options back (at least two)."""
        self.q_kind = kind
        if kind in CHOICE_KINDS and len(self.q_options) < MIN_OPTIONS:
            self.q_options = [*self.q_options, *[""] * (MIN_OPTIONS - len(self.q_options))]
        if kind == QuestionType.TRUE_FALSE and self.q_correct not in ("0", "1"):
            self.q_correct = "0"
        self.q_errors = {}

    @rx.event
    def toggle_correct(self, index: str, checked: bool) -> None:
        chosen = set(self.q_correct_set) - {index} | ({index} if checked else set())
        self.q_correct_set = sorted(chosen, key=int)
        self.q_errors.pop("correct_options", None)

    @rx.event
    def set_partial(self, value: bool) -> None:
        self.q_partial = value

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
            kept = (int(i) for i in self.q_correct_set if int(i) != index)
            self.q_correct_set = [str(i - 1 if i > index else i) for i in kept]

    @rx.event
    async def save_question(self, _form_data: dict | None = None):
        values = {
            "text": self.q_text,
            "difficulty": self.q_difficulty,
            "question_type": self.q_kind,
            "explanation": self.q_explanation.strip() or None,
            **_typed_values(self.q_kind, self.q_options, self.q_correct, self.q_correct_set, self.q_partial),
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
        rx.cond(
            E.q_kind == QuestionType.MULTIPLE_CHOICE,
            rx.checkbox(
                checked=E.q_correct_set.contains(index.to_string()),
                on_change=lambda checked: E.toggle_correct(index.to_string(), checked),
                aria_label="Correct option",
                class_name="correct-box",
            ),
            rx.radio_group.root(
                rx.radio_group.item(value=index.to_string(), aria_label="Correct option"),
                value=E.q_correct,
                on_change=lambda value: E.set_q("q_correct", value),
            ),
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


def _true_false_answer() -> rx.Component:
    return labelled(
        "The statement is",
        rx.radio_group.root(
            rx.hstack(rx.radio_group.item("True", value="0"), rx.radio_group.item("False", value="1"), spacing="4"),
            value=E.q_correct,
            on_change=lambda value: E.set_q("q_correct", value),
            id="q-true-false",
        ),
        "q-true-false",
        E.q_errors.get("correct_option", ""),
    )


def _choice_options() -> rx.Component:
    return rx.vstack(
        rx.cond(
            E.q_kind == QuestionType.MULTIPLE_CHOICE,
            rx.text("Options (tick every correct one)", size="2", weight="medium"),
            rx.text("Options (mark the correct one)", size="2", weight="medium"),
        ),
        rx.vstack(rx.foreach(E.q_options, _option_input), spacing="2", width="100%", id="q-options"),
        field_error(E.q_errors.get("options", ""), "q-options-error"),
        field_error(E.q_errors.get("correct_option", ""), "q-correct-error"),
        field_error(E.q_errors.get("correct_options", ""), "q-correct-options-error"),
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
        rx.cond(
            E.q_kind == QuestionType.MULTIPLE_CHOICE,
            rx.el.label(
                rx.hstack(
                    rx.checkbox(checked=E.q_partial, on_change=E.set_partial, id="q-partial"),
                    rx.text("Partial credit (right ticks minus wrong ticks, at least 0)", size="2"),
                    align="center",
                ),
                html_for="q-partial",
            ),
        ),
        spacing="2",
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
        labelled(
            "Type",
            rx.select.root(
                rx.select.trigger(id="q-type", width="100%"),
                rx.select.content(*(rx.select.item(label, value=kind) for kind, label in KIND_CHOICES)),
                value=E.q_kind,
                on_change=E.set_kind,
            ),
            "q-type",
        ),
        rx.match(
            E.q_kind,
            ("true_false", _true_false_answer()),
            ("free_text", rx.text("Candidates write a short answer; HR scores it by hand (0 to 10).", size="2")),
            _choice_options(),
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
