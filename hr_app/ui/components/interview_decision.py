"""The interview page's decision view (issue 18): the submitted scorecards side by side, each criterion's mean and
spread, disagreement highlighted (a spread of 4 or more, or recommendations on both sides of yes/no), and who
has not submitted yet. Shown to whom the blind rule lets see the others' scorecards (admin and hr; interviewers
once they submitted theirs); everyone sees the progress. The numbers come from services/scorecard_decision.py."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.interview_scorecard import ScorecardState as S
from hr_app.ui.components.scorecard_data import DecisionCell, DecisionColumn, DecisionRow

FLAG = rx.color("amber", 3)


def _head(column: DecisionColumn) -> rx.Component:
    return rx.table.column_header_cell(column.name, class_name="dc-author")


def _cell(cell: DecisionCell) -> rx.Component:
    return rx.table.cell(
        rx.text(cell.rating),
        rx.cond(cell.note != "", rx.text(cell.note, size="1", color_scheme="gray", white_space="pre-wrap")),
        overflow_wrap="anywhere",
    )


def _criterion_row(row: DecisionRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.hstack(rx.cond(row.split, rx.icon("triangle-alert", size=14, color=rx.color("amber", 10))), row.name),
        ),
        rx.foreach(row.cells, _cell),
        rx.table.cell(rx.text.strong(row.mean)),
        rx.table.cell(row.spread),
        background=rx.cond(row.split, FLAG, "transparent"),
        class_name=rx.cond(row.split, "dc-row dc-split", "dc-row"),
    )


def _text_row(label: str, cells: rx.Var, **props) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(label),
        rx.foreach(cells, lambda text: rx.table.cell(text, white_space="pre-wrap", overflow_wrap="anywhere")),
        rx.table.cell(),
        rx.table.cell(),
        **props,
    )


def _table() -> rx.Component:
    recommendations = S.dc_columns.map(lambda column: column.recommendation)
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell("Criterion"),
                rx.foreach(S.dc_columns, _head),
                rx.table.column_header_cell("Mean"),
                rx.table.column_header_cell("Spread"),
            )
        ),
        rx.table.body(
            rx.foreach(S.dc_rows, _criterion_row),
            _text_row(
                "Recommendation",
                recommendations,
                background=rx.cond(S.dc_recommendations_split, FLAG, "transparent"),
                id="dc-recommendations",
            ),
            _text_row("Strengths", S.dc_columns.map(lambda column: column.strengths)),
            _text_row("Concerns", S.dc_columns.map(lambda column: column.concerns)),
        ),
        size="1",
        variant="surface",
        width="100%",
        id="decision-table",
    )


def _flag() -> rx.Component:
    return rx.cond(
        S.dc_disagreement,
        rx.callout(
            rx.cond(
                S.dc_recommendations_split,
                "The interviewers disagree: recommendations on both sides of yes/no. Talk it through before deciding.",
                "The interviewers disagree on a criterion (a spread of 4 or more): talk it through before deciding.",
            ),
            icon="triangle-alert",
            color_scheme="amber",
            size="1",
            id="disagreement-flag",
            role="status",
        ),
    )


def _blind_note() -> rx.Component:
    return rx.text(
        rx.cond(
            S.sc_interviewer,
            "Blind until you submit: the others' scorecards show once your own is submitted.",
            "Scorecards are shown to admin and HR, and to each interviewer once they submitted their own.",
        ),
        size="2",
        color_scheme="gray",
        id="dc-blind",
    )


def decision_view() -> rx.Component:
    return rx.cond(
        S.sc_loaded,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading("Scorecards", size="4"),
                    rx.spacer(),
                    rx.badge(S.dc_progress, color_scheme="indigo", id="dc-progress"),
                    align="center",
                    width="100%",
                ),
                rx.cond(
                    S.dc_waiting != "",
                    rx.text("Waiting for: ", S.dc_waiting, size="2", id="dc-waiting"),
                ),
                rx.cond(
                    S.dc_sees_all,
                    rx.cond(
                        S.dc_columns.length() > 0,
                        rx.vstack(
                            _flag(), rx.box(_table(), overflow_x="auto", width="100%"), spacing="2", width="100%"
                        ),
                        rx.text("No scorecard submitted yet.", size="2", color_scheme="gray", id="dc-empty"),
                    ),
                    _blind_note(),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="decision-view",
        ),
    )
