"""/interviews/[interview_id]: the interview page."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.limits import RATING_MAX, RATING_MIN
from hr_app.models import RATING_FIELDS, InterviewStatus
from hr_app.ui import routes
from hr_app.ui.components.activity import activity_panel, interview_tools
from hr_app.ui.components.interview_decision import decision_view
from hr_app.ui.components.interview_delete import delete_control
from hr_app.ui.components.interview_next_round import next_round_button, next_round_dialog
from hr_app.ui.components.interview_scorecard import my_scorecard
from hr_app.ui.components.interview_status import status_action, status_dialog
from hr_app.ui.components.interview_voice import voice_note
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.widgets import field_error, labelled, skeleton_rows, status_badge
from hr_app.ui.states.interview import HistoryRow, InterviewState


def _detail(icon: str, value: rx.Var, element_id: str) -> rx.Component:
    return rx.cond(
        value != "",
        rx.hstack(
            rx.icon(icon, size=14, color=rx.color("gray", 10)),
            rx.text(value, size="2", id=element_id),
            align="center",
            spacing="2",
        ),
    )


def candidate_card() -> rx.Component:
    c = InterviewState.candidate
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(c["name"], size="5", id="candidate-name"),
                rx.spacer(),
                status_badge(InterviewState.status, id="interview-status"),
                align="center",
                width="100%",
            ),
            _detail("briefcase", c["job_title"], "candidate-job"),
            _detail("mail", c["email"], "candidate-email"),
            _detail("phone", c["phone_number"], "candidate-phone"),
            _detail("map-pin", c["place"], "candidate-place"),
            rx.divider(),
            _detail("user", InterviewState.interviewer_name, "interviewer-name"),
            rx.hstack(
                rx.icon("clock", size=14, color=rx.color("gray", 10)),
                rx.text(InterviewState.scheduled_local, size="2"),
                rx.badge(InterviewState.scheduled_relative, variant="surface", color_scheme="gray"),
                align="center",
                spacing="2",
            ),
            rx.hstack(
                rx.text("CV status", size="2", color_scheme="gray"),
                status_badge(InterviewState.cv_status, id="cv-status"),
                align="center",
                spacing="2",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _rating(field: str) -> rx.Component:
    return labelled(
        field.capitalize(),
        rx.input(
            type="number",
            min=RATING_MIN,
            max=RATING_MAX,
            step=1,
            name=field,
            id=f"rating-{field}",
            value=InterviewState.form[field],
            on_change=lambda value: InterviewState.set_field(field, value),
            placeholder=f"{RATING_MIN} to {RATING_MAX}",
            read_only=InterviewState.rates_in_scorecard,  # one truth: set in My scorecard (decision 114)
            width="100%",
        ),
        f"rating-{field}",
        InterviewState.form_errors.get(field, ""),
    )


def _text_field(label: str, field: str, area: bool = False, **props) -> rx.Component:
    control = (rx.text_area if area else rx.input)(
        name=field,
        id=f"eval-{field}",
        value=InterviewState.form[field],
        on_change=lambda value: InterviewState.set_field(field, value),
        width="100%",
        **props,
    )
    return labelled(label, control, f"eval-{field}", InterviewState.form_errors.get(field, ""))


def changed_elsewhere_notice() -> rx.Component:
    """Someone saved this evaluation while the form here had unsaved edits: the edits stay, this says so."""
    return rx.cond(
        InterviewState.changed_elsewhere,
        rx.callout.root(
            rx.callout.icon(rx.icon("users", size=16)),
            rx.hstack(
                rx.callout.text(
                    "Updated by someone else. Your unsaved edits are kept: save to replace their values, "
                    "or reload to see their changes (your edits are dropped).",
                    size="2",
                ),
                rx.button(
                    rx.icon("refresh-cw", size=14),
                    "Reload",
                    type="button",
                    size="1",
                    variant="soft",
                    color_scheme="amber",
                    on_click=InterviewState.reload_evaluation,
                    id="evaluation-reload",
                    flex_shrink="0",
                ),
                align="center",
                spacing="3",
                width="100%",
            ),
            color_scheme="amber",
            size="1",
            width="100%",
            id="changed-elsewhere",
            role="status",
        ),
    )


def evaluation_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.hstack(
                    rx.heading("Evaluation", size="4"),
                    rx.spacer(),
                    rx.text(InterviewState.ratings_given.to_string(), " of 5 rated", size="2", color_scheme="gray"),
                    rx.badge(
                        "Average ",
                        rx.text.strong(InterviewState.average, id="average"),
                        size="2",
                        color_scheme="indigo",
                    ),
                    align="center",
                    spacing="3",
                    width="100%",
                ),
                rx.cond(
                    InterviewState.scorecard_closed != "",
                    rx.callout(
                        InterviewState.scorecard_closed,
                        icon="lock",
                        color_scheme="gray",
                        size="1",
                        id="scorecard-closed",
                    ),
                ),
                # One native switch for every field: a disabled fieldset disables what it holds.
                rx.el.fieldset(
                    rx.vstack(
                        rx.grid(*(_rating(field) for field in RATING_FIELDS), columns="5", spacing="3", width="100%"),
                        rx.cond(
                            InterviewState.rates_in_scorecard,
                            rx.text(
                                "These ratings are your scorecard's: rate them in My scorecard above.",
                                size="1",
                                color_scheme="gray",
                                id="ratings-from-scorecard",
                            ),
                        ),
                        rx.grid(
                            _text_field("Languages", "languages", placeholder="English, Malayalam"),
                            _text_field(
                                "Expected salary", "expected_salary", inputmode="decimal", placeholder="50000.00"
                            ),
                            columns="2",
                            spacing="3",
                            width="100%",
                        ),
                        _text_field("Experience", "experience", area=True, rows="3"),
                        _text_field("Remark", "remark", area=True, rows="3"),
                        spacing="3",
                        width="100%",
                    ),
                    disabled=InterviewState.scorecard_closed != "",
                    border="none",
                    padding="0",
                    margin="0",
                    min_width="0",
                    width="100%",
                ),
                field_error(InterviewState.form_errors.get("non_field_errors", ""), "eval-error"),
                changed_elsewhere_notice(),
                rx.hstack(
                    rx.cond(
                        InterviewState.saved_message != "",
                        rx.text(InterviewState.saved_message, size="2", color_scheme="green", id="saved-message"),
                    ),
                    rx.spacer(),
                    rx.button(
                        rx.cond(InterviewState.saving, rx.spinner(size="1"), rx.icon("save", size=14)),
                        "Save evaluation",
                        type="submit",
                        id="save-evaluation",
                        disabled=InterviewState.saving | (InterviewState.scorecard_closed != ""),
                    ),
                    align="center",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            on_submit=InterviewState.save,
            reset_on_submit=False,
        ),
        width="100%",
    )


def _history_row(row: HistoryRow) -> rx.Component:
    return rx.hstack(
        rx.icon("arrow-right-left", size=14, color=rx.color("gray", 9)),
        rx.vstack(
            rx.hstack(
                status_badge(row.from_status),
                rx.icon("arrow-right", size=12),
                status_badge(row.to_status),
                align="center",
                spacing="2",
            ),
            rx.text(
                row.when,
                rx.cond(row.changed_by != "", rx.fragment(" · by ", row.changed_by)),
                size="1",
                color_scheme="gray",
            ),
            rx.cond(
                row.remark != "",
                rx.text(row.remark, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
            ),
            spacing="1",
            min_width="0",
            width="100%",
        ),
        align="start",
        spacing="2",
        class_name="history-row",
    )


def status_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Decision", size="4"),
            rx.cond(
                InterviewState.can_manage,
                rx.hstack(
                    status_action(InterviewStatus.SELECTED, "Select", "check", "green"),
                    status_action(InterviewStatus.REJECTED, "Reject", "x", "red"),
                    status_action(InterviewStatus.PENDING, "Back to pending", "undo-2", "gray"),
                    next_round_button(),
                    spacing="2",
                    wrap="wrap",
                ),
                rx.text("Only admin and HR users change the status.", size="2", color_scheme="gray"),
            ),
            rx.heading("History", size="3", padding_top="0.5rem"),
            rx.cond(
                InterviewState.history.length() == 0,
                rx.text("No status change yet.", size="2", color_scheme="gray", id="history-empty"),
                rx.vstack(rx.foreach(InterviewState.history, _history_row), spacing="3", id="history"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def interview_page() -> rx.Component:
    content = rx.grid(
        rx.vstack(candidate_card(), interview_tools(), status_panel(), activity_panel(), spacing="4", width="100%"),
        rx.vstack(my_scorecard(), decision_view(), evaluation_form(), voice_note(), spacing="4", width="100%"),
        columns=rx.breakpoints(initial="1", md="320px 1fr"),
        spacing="4",
        width="100%",
    )
    return workspace(
        "Interview",
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), "All interviews", align="center"), href=routes.INTERVIEWS),
        rx.box(height="0.75rem"),
        rx.cond(
            ~InterviewState.loaded,
            skeleton_rows(5, "4rem"),
            rx.cond(
                InterviewState.deleted_elsewhere,
                rx.box(
                    empty_state(
                        "trash-2",
                        "This interview was deleted",
                        "Someone deleted it while you had it open, with its evaluation, voice note and history.",
                        rx.link(rx.button("All interviews"), href=routes.INTERVIEWS),
                    ),
                    id="interview-deleted",
                    width="100%",
                ),
                rx.cond(
                    InterviewState.not_found != "",
                    empty_state(
                        "search-x",
                        "Interview not found",
                        "It may have been deleted, or it belongs to another organization.",
                        rx.link(rx.button("All interviews"), href=routes.INTERVIEWS),
                    ),
                    content,
                ),
            ),
        ),
        status_dialog(),
        next_round_dialog(),
        rx.script(src="/voice.js"),
        actions=delete_control(),
    )
