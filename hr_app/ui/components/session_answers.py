"""The candidate's answer controls beyond the radio group (issue 19): checkboxes for a multiple-choice question and
a text area for a free-text one. Both are native-keyboard controls: Tab moves between boxes, Space ticks one, and
the text is saved when the candidate leaves the box (Tab, a click elsewhere, the submit button)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.limits import TEXT_ANSWER_MAX_LENGTH
from hr_app.ui.states.session import CandidateSessionState, QuestionItem

S = CandidateSessionState


def _box_row(question: QuestionItem, option: rx.Var, index: rx.Var) -> rx.Component:
    value = index.to_string()
    box_id = f"option-{question.number}-" + value
    ticked = question.picked.contains(value)
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=ticked,
                on_change=lambda checked: S.toggle(question.uuid, value, checked),
                id=box_id,
                class_name="session-option-box",
            ),
            rx.text(option, size="3"),
            align="center",
            spacing="3",
        ),
        html_for=box_id,
        display="block",
        width="100%",
        padding="0.75rem",
        border_radius="var(--radius-3)",
        cursor="pointer",
        border=rx.cond(ticked, f"1px solid {rx.color('accent', 8)}", f"1px solid {rx.color('gray', 6)}"),
        background=rx.cond(ticked, rx.color("accent", 3), "transparent"),
        _hover={"background": rx.color("accent", 2)},
    )


def checkbox_answer(question: QuestionItem) -> rx.Component:
    """Several options may be right: tick every one that is."""
    return rx.vstack(
        rx.text("Tick every correct option.", size="2", color_scheme="gray", id=f"question-hint-{question.number}"),
        rx.foreach(question.options, lambda option, index: _box_row(question, option, index)),
        role="group",
        aria_label=f"Answer to question {question.number} (tick every correct option)",
        spacing="2",
        width="100%",
        id=f"question-{question.number}",
    )


def text_answer(question: QuestionItem) -> rx.Component:
    area_id = f"answer-text-{question.number}"
    return rx.vstack(
        rx.el.label(
            f"Your answer to question {question.number} (up to {TEXT_ANSWER_MAX_LENGTH} characters)",
            html_for=area_id,
            font_size="var(--font-size-2)",
            color=rx.color("gray", 11),
        ),
        rx.text_area(
            default_value=question.answer_text,
            key=question.uuid,  # a new question in the same place is a new box (the default value is read once)
            on_blur=lambda text: S.write(question.uuid, text),
            max_length=TEXT_ANSWER_MAX_LENGTH,
            rows="6",
            width="100%",
            id=area_id,
            class_name="session-text-answer",
        ),
        rx.text("Scored by hand by HR after you submit.", size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
        id=f"question-{question.number}",
    )
