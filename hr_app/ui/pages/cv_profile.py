"""/cvs/[cv_id]: one candidate's profile: contact details, tags and source, the CV document, rounds, notes, panels
and history."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.cv_contact_edit import CvContactEditState, contact_card
from hr_app.ui.components.cv_duplicates import duplicates_card
from hr_app.ui.components.cv_people import notes_card, tags_card
from hr_app.ui.components.cv_profile_upload import document_upload
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.widgets import skeleton_rows, status_badge
from hr_app.ui.states.cv_profile import ActivityRow, CvProfileState, PanelRow, RoundRow


def _section(title: str, *children: rx.Component, element_id: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, size="4", as_="h2"), *children, spacing="3", width="100%"),
        width="100%",
        id=element_id,
    )


def _suggestion(label: str, field: str, value: rx.Var, element_id: str) -> rx.Component:
    return rx.cond(
        value != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("lightbulb", size=16)),
            rx.callout.text(f"{label} found in the CV: " + value + " (not saved: confirm it on the CV)"),
            rx.cond(
                CvProfileState.can_manage,
                rx.button(
                    "Use it",
                    size="1",
                    variant="soft",
                    on_click=CvContactEditState.use_suggestion(field),
                    id=f"{element_id}-use",
                    aria_label=f"Save {label.lower()} " + value + " on the CV",
                ),
            ),
            size="1",
            id=element_id,
        ),
    )


def document_card() -> rx.Component:
    d = CvProfileState.document
    return _section(
        "CV document",
        document_upload(),
        rx.cond(
            CvProfileState.has_document,
            rx.vstack(
                rx.hstack(
                    rx.icon("file-text", size=16),
                    rx.text(d["file_name"], weight="medium"),
                    rx.text(d["summary"], size="1", color_scheme="gray"),
                    rx.spacer(),
                    rx.link(
                        rx.hstack(rx.icon("download", size=14), "Download", align="center", spacing="1"),
                        size="2",
                        id="cv-document-download",
                        href="#",
                        on_mount=CvProfileState.load_document,
                    ),
                    align="center",
                    width="100%",
                    wrap="wrap",
                ),
                _suggestion("E-mail", "email", d["suggested_email"], "suggested-email"),
                _suggestion("Phone", "phone_number", d["suggested_phone"], "suggested-phone"),
                rx.cond(d["text_note"] != "", rx.text(d["text_note"], size="2", color_scheme="gray", id="text-note")),
                rx.cond(
                    CvProfileState.is_pdf,
                    rx.el.iframe(
                        id="cv-document-frame",
                        title="The CV document (PDF)",
                        style={"width": "100%", "height": "70vh", "border": "1px solid var(--gray-6)"},
                    ),
                    rx.cond(
                        CvProfileState.document_text != "",
                        rx.scroll_area(
                            rx.text(
                                CvProfileState.document_text, white_space="pre-wrap", size="2", id="cv-document-text"
                            ),
                            type="auto",
                            scrollbars="vertical",
                            style={"max_height": "60vh"},
                        ),
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            rx.text(
                "No document yet.",
                size="2",
                color_scheme="gray",
                id="no-document",
            ),
        ),
        element_id="profile-document",
    )


def _round(row: RoundRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.label, href=row.url)),
        rx.table.cell(row.interviewer),
        rx.table.cell(row.when),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(row.average),
        rx.table.cell(rx.cond(row.voice_note, "Yes", "No")),
    )


def rounds_card() -> rx.Component:
    headers = ("Round", "Interviewer", "When", "Decision", "Average", "Voice note")
    return _section(
        "Interviews",
        rx.cond(
            CvProfileState.rounds.length() > 0,
            rx.table.root(
                rx.table.header(rx.table.row(*(rx.table.column_header_cell(h) for h in headers))),
                rx.table.body(rx.foreach(CvProfileState.rounds, _round)),
                width="100%",
                id="profile-rounds",
            ),
            rx.text("No interview yet.", size="2", color_scheme="gray"),
        ),
        element_id="profile-interviews",
    )


def _answers(row: PanelRow) -> rx.Component:
    """The candidate's answer to each drawn question, folded until asked for."""
    return rx.cond(
        row.answers.length() > 0,
        rx.el.details(
            rx.el.summary(rx.text("Answers (", row.answers.length().to_string(), ")", size="1", as_="span")),
            rx.unordered_list(
                rx.foreach(row.answers, lambda line: rx.list_item(rx.text(line, size="1"))),
                class_name="sitting-answers",
            ),
        ),
    )


def _panel(row: PanelRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.vstack(rx.link(row.name, href=row.url), _answers(row), spacing="1")),
        rx.table.cell(row.result),
        rx.table.cell(row.when),
    )


def panels_card() -> rx.Component:
    return rx.cond(
        CvProfileState.can_see_panels,
        _section(
            "Panels",
            rx.cond(
                CvProfileState.panels.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(*(rx.table.column_header_cell(h) for h in ("Panel", "Score", "Submitted")))
                    ),
                    rx.table.body(rx.foreach(CvProfileState.panels, _panel)),
                    width="100%",
                    id="profile-panels",
                ),
                rx.text("Not in any panel.", size="2", color_scheme="gray"),
            ),
            element_id="profile-panels-card",
        ),
    )


def _activity(row: ActivityRow) -> rx.Component:
    return rx.hstack(
        rx.text(row.when, size="1", color_scheme="gray", min_width="9rem"),
        rx.text(row.action, size="2", weight="medium"),
        rx.text(row.actor, size="2", color_scheme="gray"),
        spacing="3",
        wrap="wrap",
    )


def activity_card() -> rx.Component:
    return _section(
        "History",
        rx.cond(
            CvProfileState.activity.length() > 0,
            rx.vstack(rx.foreach(CvProfileState.activity, _activity), spacing="2", id="profile-history"),
            rx.text("Nothing recorded yet.", size="2", color_scheme="gray"),
        ),
        element_id="profile-activity",
    )


def cv_profile_page() -> rx.Component:
    content = rx.grid(
        rx.vstack(
            contact_card(), duplicates_card(), tags_card(), panels_card(), activity_card(), spacing="4", width="100%"
        ),
        rx.vstack(rounds_card(), notes_card(), document_card(), spacing="4", width="100%"),
        columns=rx.breakpoints(initial="1", md="320px 1fr"),
        spacing="4",
        width="100%",
    )
    return workspace(
        "Candidate",
        rx.link(rx.hstack(rx.icon("arrow-left", size=14), "All CVs", align="center"), href=routes.CVS),
        rx.box(height="0.75rem"),
        rx.cond(
            ~CvProfileState.loaded,
            skeleton_rows(5, "4rem"),
            rx.cond(
                CvProfileState.not_found != "",
                empty_state(
                    "search-x",
                    "CV not found",
                    "It may have been deleted, or it belongs to another organization.",
                    rx.link(rx.button("All CVs"), href=routes.CVS),
                ),
                content,
            ),
        ),
    )
