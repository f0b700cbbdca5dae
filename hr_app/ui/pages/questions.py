"""/questions: the question bank."""

from __future__ import annotations

import reflex as rx

from hr_app.models import Difficulty
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.question_editor import QuestionEditorState, editor
from hr_app.ui.components.question_import import import_dialog
from hr_app.ui.components.widgets import field_error, skeleton_rows
from hr_app.ui.states.questions import QuestionRow, QuestionsState, TreeNode

Q = QuestionsState
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
                rx.cond(
                    question.kind_label != "",
                    rx.badge(question.kind_label, variant="soft", color_scheme="blue", class_name="question-type"),
                ),
                rx.spacer(),
                rx.cond(
                    Q.can_manage,
                    rx.icon_button(
                        rx.icon("pencil", size=14),
                        size="1",
                        variant="ghost",
                        on_click=QuestionEditorState.edit_question(question.id),
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
                            question.correct_options.contains(index),
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
            rx.cond(
                question.figures != "",
                rx.hstack(
                    rx.text(question.figures, size="1", color_scheme="gray"),
                    rx.foreach(
                        question.flags, lambda flag: rx.badge(flag, color_scheme="orange", variant="soft", size="1")
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                    class_name="question-figures",
                ),
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
                    rx.hstack(
                        rx.button(
                            rx.icon("download", size=14),
                            "Statistics (CSV)",
                            variant="soft",
                            on_click=Q.export_statistics,
                            id="export-statistics",
                        ),
                        rx.button(
                            rx.icon("plus", size=14),
                            "Add question",
                            on_click=QuestionEditorState.new_question,
                            id="add-question",
                        ),
                        spacing="2",
                    ),
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
