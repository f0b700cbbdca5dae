"""/questions: the question bank."""

from __future__ import annotations

import reflex as rx

from hr_app.models import Difficulty
from hr_app.ui.components.dialogs import form_dialog
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.upload import csv_import_dialog
from hr_app.ui.components.widgets import field_error, labelled, skeleton_rows
from hr_app.ui.states.questions import MAX_OPTIONS, MIN_OPTIONS, QuestionRow, QuestionsState, TreeNode

Q = QuestionsState
UPLOAD_ID = "question-csv"
LEVEL_COLORS = {Difficulty.EASY: "green", Difficulty.MEDIUM: "amber", Difficulty.HARD: "red"}


def _node(node: TreeNode) -> rx.Component:
    chosen = Q.selected == node.id
    return rx.el.button(
        rx.match(
            node.kind,
            ("category", rx.icon("folder", size=14)),
            ("topic", rx.icon("folder-open", size=14)),
            rx.icon("file-text", size=14),
        ),
        rx.text(node.name, size="2", weight=rx.cond(node.kind == "category", "bold", "regular"), trim="both"),
        rx.spacer(),
        rx.badge(node.count, variant="soft", color_scheme="gray", radius="full"),
        on_click=Q.select(node.id, node.kind),
        type="button",
        class_name="tree-node",
        custom_attrs={"data-name": node.name, "data-kind": node.kind, "aria-pressed": chosen},
        style={
            "display": "flex",
            "align_items": "center",
            "gap": "0.5rem",
            "width": "100%",
            "border": "none",
            "cursor": "pointer",
            "text_align": "left",
            "padding": "0.35rem 0.5rem",
            "padding_left": rx.match(node.kind, ("category", "0.5rem"), ("topic", "1.5rem"), "2.5rem"),
            "border_radius": "var(--radius-2)",
            "color": rx.cond(chosen, rx.color("accent", 11), rx.color("gray", 12)),
            "background": rx.cond(chosen, rx.color("accent", 3), "transparent"),
            "_hover": {"background": rx.color("gray", 3)},
        },
    )


def tree_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Categories", size="3"),
            rx.cond(
                Q.tree.length() == 0,
                rx.text("No categories yet.", size="2", color_scheme="gray"),
                rx.vstack(rx.foreach(Q.tree, _node), spacing="1", width="100%", id="tree"),
            ),
            rx.cond(
                Q.can_manage & (Q.add_label != ""),
                rx.form(
                    rx.vstack(
                        rx.hstack(
                            rx.input(
                                id="tree-new-name",
                                name="name",
                                value=Q.new_name,
                                on_change=Q.set_new_name,
                                placeholder=Q.add_label,
                                aria_label=Q.add_label,
                                width="100%",
                            ),
                            rx.button(rx.icon("plus", size=14), type="submit", id="tree-add", aria_label=Q.add_label),
                            width="100%",
                        ),
                        field_error(Q.name_error, "tree-error"),
                        spacing="1",
                        width="100%",
                    ),
                    on_submit=Q.add_node,
                    reset_on_submit=False,
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _question(question: QuestionRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(question.text, weight="medium", white_space="pre-wrap", overflow_wrap="anywhere"),
                rx.spacer(),
                rx.cond(
                    Q.can_manage,
                    rx.icon_button(
                        rx.icon("pencil", size=14),
                        size="1",
                        variant="ghost",
                        on_click=Q.edit_question(question.id),
                        aria_label="Edit question",
                        class_name="edit-question",
                    ),
                ),
                width="100%",
                align="start",
            ),
            rx.vstack(
                rx.foreach(
                    question.options,
                    lambda option, index: rx.hstack(
                        rx.cond(
                            index == question.correct_option,
                            rx.icon("circle-check", size=14, color=rx.color("green", 10)),
                            rx.icon("circle", size=14, color=rx.color("gray", 8)),
                        ),
                        rx.text(option, size="2"),
                        align="center",
                        spacing="2",
                    ),
                ),
                spacing="1",
            ),
            spacing="2",
            width="100%",
        ),
        class_name="question-card",
        width="100%",
    )


def _level(level: Difficulty, rows: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.badge(level.capitalize(), color_scheme=LEVEL_COLORS[level], size="2"),
            rx.text(rows.length().to_string(), size="2", color_scheme="gray", id=f"count-{level}"),
            align="center",
        ),
        rx.cond(
            rows.length() == 0,
            rx.text("None yet.", size="2", color_scheme="gray"),
            rx.vstack(rx.foreach(rows, _question), spacing="2", width="100%"),
        ),
        spacing="2",
        width="100%",
        id=f"level-{level}",
    )


def questions_panel() -> rx.Component:
    return rx.cond(
        Q.selected_kind == "subtopic",
        rx.vstack(
            rx.hstack(
                rx.heading(Q.selected_path, size="4", id="selected-path"),
                rx.spacer(),
                rx.cond(
                    Q.can_manage,
                    rx.button(rx.icon("plus", size=14), "Add question", on_click=Q.new_question, id="add-question"),
                ),
                width="100%",
                align="center",
            ),
            _level(Difficulty.EASY, Q.easy_questions),
            _level(Difficulty.MEDIUM, Q.medium_questions),
            _level(Difficulty.HARD, Q.hard_questions),
            spacing="4",
            width="100%",
        ),
        empty_state(
            "library",
            "Pick a subtopic",
            "Choose a subtopic on the left to see its questions by difficulty.",
        ),
    )


def _option_input(option: rx.Var, index: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.radio_group.root(
            rx.radio_group.item(value=index.to_string(), aria_label="Correct option"),
            value=Q.q_correct,
            on_change=lambda value: Q.set_q("q_correct", value),
        ),
        rx.input(
            value=option,
            on_change=lambda value: Q.set_option(index, value),
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
            on_click=Q.remove_option(index),
            disabled=Q.q_options.length() <= MIN_OPTIONS,
            aria_label="Remove option",
        ),
        align="center",
        width="100%",
    )


def editor() -> rx.Component:
    return form_dialog(
        rx.cond(Q.editing_id == "", "Add question", "Edit question"),
        Q.selected_path,
        labelled(
            "Question",
            rx.text_area(
                id="q-text",
                name="text",
                value=Q.q_text,
                on_change=lambda v: Q.set_q("q_text", v),
                rows="3",
                width="100%",
            ),
            "q-text",
            Q.q_errors.get("text", ""),
        ),
        labelled(
            "Difficulty",
            rx.segmented_control.root(
                *(rx.segmented_control.item(level.capitalize(), value=level) for level in LEVEL_COLORS),
                value=Q.q_difficulty,
                on_change=lambda v: Q.set_q("q_difficulty", v),
                id="q-difficulty",
            ),
            "q-difficulty",
            Q.q_errors.get("difficulty", ""),
        ),
        rx.text("Options (mark the correct one)", size="2", weight="medium"),
        rx.vstack(rx.foreach(Q.q_options, _option_input), spacing="2", width="100%", id="q-options"),
        field_error(Q.q_errors.get("options", ""), "q-options-error"),
        field_error(Q.q_errors.get("correct_option", ""), "q-correct-error"),
        rx.button(
            rx.icon("plus", size=12),
            "Add option",
            size="1",
            variant="soft",
            type="button",
            on_click=Q.add_option,
            disabled=Q.q_options.length() >= MAX_OPTIONS,
            id="q-add-option",
        ),
        labelled(
            "Explanation (optional)",
            rx.input(
                id="q-explanation",
                name="explanation",
                value=Q.q_explanation,
                on_change=lambda v: Q.set_q("q_explanation", v),
                width="100%",
            ),
            "q-explanation",
        ),
        field_error(Q.q_errors.get("non_field_errors", ""), "q-error"),
        submit=rx.button("Save question", type="submit", id="q-save"),
        on_submit=Q.save_question,
        open=Q.editor_open,
        on_open_change=Q.set_editor_open,
        max_width="36rem",
    )


def import_dialog() -> rx.Component:
    return csv_import_dialog(
        "Import questions",
        "Columns: category, topic, subtopic, text, difficulty, option_1 .. option_6, correct_option "
        "(0-based), explanation. Missing categories, topics and subtopics are created. All rows or none.",
        upload_id=UPLOAD_ID,
        trigger_id="import-questions",
        importing=Q.importing,
        message=Q.import_message,
        ok=Q.import_ok,
        message_id="question-import-message",
        results=rx.vstack(rx.foreach(Q.import_problems, lambda p: rx.text(p, size="1")), spacing="1"),
        results_height="12rem",
        on_import=Q.import_csv(rx.upload_files(upload_id=UPLOAD_ID)),
        submit_id="question-import-submit",
    )


def questions_page() -> rx.Component:
    return workspace(
        "Question bank",
        rx.cond(
            ~Q.loaded,
            skeleton_rows(5),
            rx.grid(
                tree_panel(),
                questions_panel(),
                columns=rx.breakpoints(initial="1", md="280px 1fr"),
                spacing="4",
                width="100%",
            ),
        ),
        editor(),
        actions=rx.cond(Q.can_manage, import_dialog()),
    )
