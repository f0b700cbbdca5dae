"""The interview page's decision view (issue 18): the submitted scorecards side by side, each criterion's mean and
spread, disagreement highlighted (a spread of 4 or more, or recommendations on both sides of yes/no), and who
has not submitted yet. Shown to whom the blind rule lets see the others' scorecards (admin and hr; interviewers
once they submitted theirs); everyone sees the progress. The numbers come from services/scorecard_decision.py.
Below it admin and hr Select or Reject through the page's status dialog (decision 113), and the outcome shows."""

from __future__ import annotations

import reflex as rx

from hr_app.models import InterviewStatus
from hr_app.ui.components.interview_scorecard import ScorecardState
from hr_app.ui.components.interview_status import StatusDialogState
from hr_app.ui.components.scorecard_data import DecisionCell, DecisionColumn, DecisionRow
from hr_app.ui.components.widgets import status_badge
from hr_app.ui.states.interview import InterviewState

S = ScorecardState
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


@rx.memo
def decision_voice_player(url: rx.Var[str], player_id: rx.Var[str], label: rx.Var[str]) -> rx.Component:
    """A memo, so its on_mount sees this column's URL (a foreach's loop variable is not in scope of a hook)."""
    return rx.el.audio(
        id=player_id,
        on_mount=S.load_decision_voice(url, player_id),
        controls=True,
        preload="metadata",
        aria_label=label,
        class_name="dc-voice",
        style={"width": "12rem"},
    )


def _voice_cell(column: DecisionColumn) -> rx.Component:
    return rx.table.cell(
        rx.cond(
            column.voice_url != "",
            rx.box(  # keyed by the file: a new note remounts the player, and its on_mount fetches it
                decision_voice_player(url=column.voice_url, player_id=column.voice_player, label=column.voice_label),
                key=column.voice_key,
            ),
            rx.text("—", color_scheme="gray"),
        ),
    )


def _voice_row() -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell("Voice note"),
        rx.foreach(S.dc_columns, _voice_cell),
        rx.table.cell(),
        rx.table.cell(),
        id="dc-voice-notes",
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
            rx.cond(S.dc_has_voice, _voice_row()),
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


def _outcome() -> rx.Component:
    decision = InterviewState.last_decision
    return rx.cond(
        decision.to_status != "",
        rx.vstack(
            rx.hstack(
                rx.text("Decision", size="2", weight="medium"),
                status_badge(decision.to_status),
                rx.text(
                    decision.when,
                    rx.cond(decision.changed_by != "", rx.fragment(" · by ", decision.changed_by)),
                    size="1",
                    color_scheme="gray",
                ),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.cond(
                decision.remark != "",
                rx.text(decision.remark, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
            ),
            spacing="1",
            width="100%",
            id="dc-outcome",
            role="status",
        ),
    )


def _decide(target: InterviewStatus, label: str, icon: str, color: str) -> rx.Component:
    """The status dialog of the Decision card (remark, the candidate's message): the same service, one place."""
    return rx.button(
        rx.icon(icon, size=14),
        label,
        color_scheme=color,
        on_click=StatusDialogState.open_status(target),
        disabled=InterviewState.status == target,
        id=f"dc-{label.lower()}",
    )


def _decision() -> rx.Component:
    return rx.vstack(
        rx.divider(),
        _outcome(),
        rx.cond(
            InterviewState.can_manage,
            rx.hstack(
                _decide(InterviewStatus.SELECTED, "Select", "check", "green"),
                _decide(InterviewStatus.REJECTED, "Reject", "x", "red"),
                rx.text("with a remark, kept in the history", size="1", color_scheme="gray"),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
        ),
        spacing="2",
        width="100%",
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
                _decision(),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="decision-view",
        ),
    )
