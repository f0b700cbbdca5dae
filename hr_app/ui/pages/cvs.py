"""/cvs: search, filters, counts per status, add, CSV import, start interview, bulk start and reject."""

from __future__ import annotations

import reflex as rx

from hr_app.models import CvStatus
from hr_app.ui import routes
from hr_app.ui.components.cv_add import add_dialog
from hr_app.ui.components.cv_bulk import bulk_bar, bulk_reject_dialog, bulk_start_dialog
from hr_app.ui.components.cv_delete import DeleteCvDialogState, delete_dialog
from hr_app.ui.components.cv_import import import_dialog
from hr_app.ui.components.cv_import_documents import import_documents_dialog
from hr_app.ui.components.cv_start import StartInterviewDialogState, last_started_link, start_dialog
from hr_app.ui.components.cv_text_search import text_search_panel
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.pager import pager
from hr_app.ui.components.widgets import enum_items, select_option, skeleton_rows, status_badge
from hr_app.ui.format import STATUS_COLORS
from hr_app.ui.states.cvs import ALL, CvRow, CvsState


def _count_chip(status: CvStatus) -> rx.Component:
    selected = CvsState.status_filter == status
    return rx.button(
        status.capitalize(),
        rx.badge(CvsState.status_counts[status], color_scheme=STATUS_COLORS[status], radius="full"),
        variant=rx.cond(selected, "soft", "outline"),
        color_scheme=rx.cond(selected, STATUS_COLORS[status], "gray"),
        size="1",
        on_click=CvsState.set_status_filter(rx.cond(selected, ALL, status)),
        id=f"count-{status}",
        aria_pressed=selected,
    )


SORT_LABELS = {"name": "Name A to Z", "name_desc": "Name Z to A", "newest": "Newest first", "oldest": "Oldest first"}


def toolbar() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.input(
                rx.input.slot(rx.icon("search", size=16)),
                placeholder="Search name, e-mail, phone, place",
                value=CvsState.search,
                on_change=CvsState.set_search,
                id="cv-search",
                aria_label="Search CVs",
                width="20rem",
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Status", id="cv-status-filter", aria_label="Status filter"),
                rx.select.content(
                    rx.select.item("All statuses", value=ALL),
                    *enum_items(CvStatus),
                ),
                value=CvsState.status_filter,
                on_change=CvsState.set_status_filter,
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Job title", id="cv-job-filter", aria_label="Job title filter"),
                rx.select.content(
                    rx.select.item("All job titles", value=ALL),
                    rx.foreach(CvsState.job_titles, select_option),
                ),
                value=CvsState.job_filter,
                on_change=CvsState.set_job_filter,
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Sort", id="cv-sort", aria_label="Sort CVs"),
                rx.select.content(*(rx.select.item(label, value=value) for value, label in SORT_LABELS.items())),
                value=CvsState.sort,
                on_change=CvsState.set_sort,
            ),
            rx.cond(
                (CvsState.search != "") | (CvsState.status_filter != ALL) | (CvsState.job_filter != ALL),
                rx.button("Clear", variant="ghost", size="2", on_click=CvsState.clear_filters, id="cv-clear-filters"),
            ),
            spacing="3",
            align="center",
            wrap="wrap",
        ),
        rx.hstack(
            rx.text(CvsState.total_count, " CVs", size="2", color_scheme="gray", id="cv-total"),
            *(_count_chip(status) for status in CvStatus),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
        padding_bottom="1rem",
    )


def _row(row: CvRow) -> rx.Component:
    return rx.table.row(
        rx.cond(
            CvsState.can_manage,
            rx.table.cell(
                rx.checkbox(
                    checked=CvsState.all_matching | CvsState.selected_ids.contains(row.id),
                    on_change=lambda checked: CvsState.toggle_select(row.id, checked),
                    id="select-" + row.id,
                    class_name="cv-select",
                    aria_label="Select " + row.name,
                ),
                width="2rem",
            ),
        ),
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(rx.text(row.name, weight="medium"), href=routes.CVS + "/" + row.id, underline="hover"),
                rx.text(row.email, size="1", color_scheme="gray"),
                spacing="0",
            )
        ),
        rx.table.cell(row.phone_number),
        rx.table.cell(row.job_title),
        rx.table.cell(row.place, rx.cond(row.district != "", rx.text(row.district, size="1", color_scheme="gray"))),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(
            rx.hstack(
                rx.cond(
                    row.status == CvStatus.PENDING,
                    rx.button(
                        rx.icon("play", size=14),
                        "Start interview",
                        size="1",
                        variant="soft",
                        on_click=StartInterviewDialogState.open_start(row.id, row.name),
                        id="start-" + row.id,
                        class_name="start-interview",
                    ),
                ),
                rx.cond(
                    CvsState.can_manage,
                    rx.tooltip(
                        rx.icon_button(
                            rx.icon("trash-2", size=14),
                            size="1",
                            variant="ghost",
                            color_scheme="red",
                            on_click=DeleteCvDialogState.ask_delete(row.id, row.name),
                            id="delete-cv-" + row.id,
                            class_name="delete-button",
                            aria_label="Delete CV",
                        ),
                        content="Delete CV",
                    ),
                ),
                spacing="2",
                justify="end",
            ),
            align="right",
        ),
        id="cv-row-" + row.id,
        class_name="cv-row",
        custom_attrs={"data-name": row.name},
    )


def cv_table() -> rx.Component:
    return rx.cond(
        ~CvsState.loaded,
        skeleton_rows(6),
        rx.cond(
            CvsState.total_count == 0,
            empty_state(
                "file-user",
                "No CVs yet",
                "Add a CV or import a CSV file with name and email columns to start interviewing.",
            ),
            rx.cond(
                CvsState.shown_total == 0,
                rx.callout("No CV matches these filters.", icon="search-x", color_scheme="gray", id="cv-no-match"),
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.cond(
                                    CvsState.can_manage,
                                    rx.table.column_header_cell(
                                        rx.checkbox(
                                            checked=CvsState.all_visible_selected,
                                            on_change=CvsState.toggle_select_all,
                                            id="select-all",
                                            aria_label="Select all CVs on this page",
                                        ),
                                        width="2rem",
                                    ),
                                ),
                                rx.table.column_header_cell("Candidate"),
                                rx.table.column_header_cell("Phone"),
                                rx.table.column_header_cell("Job title"),
                                rx.table.column_header_cell("Place"),
                                rx.table.column_header_cell("Status"),
                                rx.table.column_header_cell(""),
                            )
                        ),
                        rx.table.body(rx.foreach(CvsState.page_rows, _row)),
                        variant="surface",
                        size="1",
                        width="100%",
                        id="cv-table",
                    ),
                    pager(
                        "cv",
                        CvsState.page_label,
                        CvsState.has_previous_page,
                        CvsState.has_next_page,
                        CvsState.previous_page,
                        CvsState.next_page,
                    ),
                    width="100%",
                ),
            ),
        ),
    )


def cvs_page() -> rx.Component:
    return workspace(
        "CVs",
        text_search_panel(),
        toolbar(),
        bulk_bar(),
        cv_table(),
        start_dialog(),
        bulk_start_dialog(),
        bulk_reject_dialog(),
        delete_dialog(),
        last_started_link(),
        actions=rx.cond(
            CvsState.can_manage,
            rx.hstack(import_dialog(), import_documents_dialog(), add_dialog(), spacing="3"),
            rx.link(rx.button(rx.icon("radio", size=16), "Ongoing board", variant="soft"), href=routes.ONGOING),
        ),
    )
