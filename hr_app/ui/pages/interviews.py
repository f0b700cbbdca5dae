"""/interviews: all interviews with filters, date sort, a page at a time, and CSV export (every filtered row)."""

from __future__ import annotations

import reflex as rx

from hr_app.models import InterviewStatus
from hr_app.ui import routes
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.pager import pager
from hr_app.ui.components.widgets import enum_items, skeleton_rows, status_badge
from hr_app.ui.states.interviews import ALL, UNASSIGNED, InterviewRow, InterviewsState


def _row(row: InterviewRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.hstack(
                rx.link(row.candidate_name, href=row.url, weight="medium"),
                rx.cond(row.round_label != "", rx.badge(row.round_label, color_scheme="indigo", variant="soft")),
                align="center",
                spacing="2",
            ),
            rx.text(row.candidate_email, size="1", color_scheme="gray"),
        ),
        rx.table.cell(row.job_title, rx.cond(row.place != "", rx.text(row.place, size="1", color_scheme="gray"))),
        rx.table.cell(rx.cond(row.interviewer_name != "", row.interviewer_name, rx.text("—", color_scheme="gray"))),
        rx.table.cell(row.scheduled_local),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(rx.cond(row.average != "", row.average, rx.text("—", color_scheme="gray"))),
        id="interview-row-" + row.id,
        class_name="interview-row",
        custom_attrs={"data-name": row.candidate_name},
    )


def filters() -> rx.Component:
    return rx.hstack(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            placeholder="Search candidate, e-mail, place",
            value=InterviewsState.search,
            on_change=InterviewsState.set_search,
            id="interview-search",
            aria_label="Search interviews",
            width="18rem",
        ),
        rx.select.root(
            rx.select.trigger(id="interview-status-filter", aria_label="Status filter"),
            rx.select.content(
                rx.select.item("All statuses", value=ALL),
                *enum_items(InterviewStatus),
            ),
            value=InterviewsState.status_filter,
            on_change=InterviewsState.set_status_filter,
        ),
        rx.select.root(
            rx.select.trigger(id="interview-interviewer-filter", aria_label="Interviewer filter"),
            rx.select.content(
                rx.select.item("All interviewers", value=ALL),
                rx.select.item("Not assigned", value=UNASSIGNED),
                rx.foreach(
                    InterviewsState.interviewers, lambda person: rx.select.item(person.label, value=person.value)
                ),
            ),
            value=InterviewsState.interviewer_filter,
            on_change=InterviewsState.set_interviewer_filter,
        ),
        rx.button(
            rx.icon(rx.cond(InterviewsState.newest_first, "arrow-down-wide-narrow", "arrow-up-narrow-wide"), size=14),
            rx.cond(InterviewsState.newest_first, "Latest date first", "Earliest date first"),
            variant="soft",
            color_scheme="gray",
            on_click=InterviewsState.toggle_sort,
            id="interview-sort",
        ),
        rx.text(InterviewsState.shown_total.to_string(), " shown", size="2", color_scheme="gray", id="interview-shown"),
        spacing="3",
        align="center",
        padding_bottom="1rem",
    )


def interviews_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell("Candidate"),
                rx.table.column_header_cell("Job title"),
                rx.table.column_header_cell("Interviewer"),
                rx.table.column_header_cell("Scheduled"),
                rx.table.column_header_cell("Status"),
                rx.table.column_header_cell("Average"),
            )
        ),
        rx.table.body(rx.foreach(InterviewsState.page_rows, _row)),
        variant="surface",
        size="1",
        width="100%",
        id="interview-table",
    )
    return workspace(
        "Interviews",
        filters(),
        rx.cond(
            ~InterviewsState.loaded,
            skeleton_rows(6),
            rx.cond(
                InterviewsState.row_total == 0,
                empty_state(
                    "calendar-check",
                    "No interviews yet",
                    "Start one from the CVs page.",
                    rx.link(rx.button("Go to CVs"), href=routes.CVS),
                ),
                rx.cond(
                    InterviewsState.shown_total == 0,
                    rx.callout(
                        "No interview matches these filters.",
                        icon="search-x",
                        color_scheme="gray",
                        id="interview-no-match",
                    ),
                    rx.box(
                        table,
                        pager(
                            "interview",
                            InterviewsState.page_label,
                            InterviewsState.has_previous_page,
                            InterviewsState.has_next_page,
                            InterviewsState.previous_page,
                            InterviewsState.next_page,
                        ),
                        width="100%",
                    ),
                ),
            ),
        ),
        actions=rx.button(
            rx.icon("download", size=16),
            "Export CSV",
            variant="soft",
            on_click=InterviewsState.export_csv,
            id="export-csv",
        ),
    )
