"""/cvs: search, filters, counts per status, add, CSV import, start interview, bulk start and reject."""

from __future__ import annotations

import reflex as rx

from hr_app.models import CvStatus
from hr_app.ui import routes
from hr_app.ui.components.dialogs import confirm_dialog, form_dialog
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.pager import pager
from hr_app.ui.components.upload import csv_import_dialog
from hr_app.ui.components.widgets import field_error, labelled, skeleton_rows, status_badge
from hr_app.ui.format import STATUS_COLORS
from hr_app.ui.states.cvs import ALL, NONE, CvRow, CvsState, ImportLine, Option, SlotLine

UPLOAD_ID = "cv-csv"


def _option(option: Option) -> rx.Component:
    return rx.select.item(option.label, value=option.value)


def _count_chip(status: str) -> rx.Component:
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
                    *(rx.select.item(status.value.capitalize(), value=status.value) for status in CvStatus),
                ),
                value=CvsState.status_filter,
                on_change=CvsState.set_status_filter,
            ),
            rx.select.root(
                rx.select.trigger(placeholder="Job title", id="cv-job-filter", aria_label="Job title filter"),
                rx.select.content(
                    rx.select.item("All job titles", value=ALL),
                    rx.foreach(CvsState.job_titles, _option),
                ),
                value=CvsState.job_filter,
                on_change=CvsState.set_job_filter,
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
            *(_count_chip(status.value) for status in CvStatus),
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
                    checked=CvsState.selected_ids.contains(row.id),
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
                rx.text(row.name, weight="medium"),
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
                    row.status == "pending",
                    rx.button(
                        rx.icon("play", size=14),
                        "Start interview",
                        size="1",
                        variant="soft",
                        on_click=CvsState.open_start(row.id, row.name),
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
                            on_click=CvsState.ask_delete(row.id, row.name),
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


def _text_input(label: str, name: str, required: bool = False, kind: str = "text", **props) -> rx.Component:
    return labelled(
        label + (" *" if required else ""),
        rx.input(id=f"add-{name}", name=name, type=kind, width="100%", **props),
        f"add-{name}",
        CvsState.add_errors.get(name, ""),
    )


def add_dialog() -> rx.Component:
    return form_dialog(
        "Add a CV",
        "Name and e-mail are required.",
        _text_input("Name", "name", required=True, auto_focus=True),
        _text_input("E-mail", "email", required=True, kind="email"),
        rx.grid(
            _text_input("Phone", "phone_number", kind="tel"),
            labelled(
                "Job title",
                rx.select.root(
                    rx.select.trigger(id="add-job_title", width="100%"),
                    rx.select.content(
                        rx.select.item("No job title", value=NONE),
                        rx.foreach(CvsState.job_titles, _option),
                    ),
                    value=CvsState.add_job_title,
                    on_change=CvsState.set_add_job_title,
                ),
                "add-job_title",
                CvsState.add_errors.get("job_title", ""),
            ),
            _text_input("Place", "place"),
            _text_input("District", "district"),
            columns="2",
            spacing="3",
            width="100%",
        ),
        field_error(CvsState.add_errors.get("non_field_errors", ""), "add-error"),
        submit=rx.button(
            rx.cond(CvsState.adding, rx.spinner(size="1")),
            "Add CV",
            type="submit",
            id="add-submit",
            disabled=CvsState.adding,
        ),
        on_submit=CvsState.add_cv,
        open=CvsState.add_open,
        on_open_change=CvsState.set_add_open,
        trigger=rx.button(rx.icon("plus", size=16), "Add CV", id="add-cv"),
        max_width="34rem",
    )


def _import_line(line: ImportLine) -> rx.Component:
    return rx.hstack(
        rx.cond(
            line.outcome == "added",
            rx.icon("circle-check", size=16, color=rx.color("green", 10)),
            rx.icon("circle-x", size=16, color=rx.color("red", 10)),
        ),
        rx.text(rx.cond(line.line > 0, rx.fragment("Line ", line.line.to_string(), ": "), ""), line.text, size="2"),
        align="center",
        spacing="2",
        class_name="import-line",
    )


def import_dialog() -> rx.Component:
    return csv_import_dialog(
        "Import CVs from CSV",
        "Columns: name, email (required), phone_number, job_title, place, district. "
        "The whole file is imported, or nothing if a row has a problem.",
        upload_id=UPLOAD_ID,
        trigger_id="import-cvs",
        importing=CvsState.importing,
        progress=CvsState.import_progress,
        message=CvsState.import_message,
        ok=CvsState.import_ok,
        message_id="import-message",
        results=rx.vstack(rx.foreach(CvsState.import_lines, _import_line), spacing="1", id="import-lines"),
        results_height="14rem",
        on_import=CvsState.import_csv(
            rx.upload_files(upload_id=UPLOAD_ID, on_upload_progress=CvsState.on_import_progress)
        ),
        submit_id="import-submit",
        open=CvsState.import_open,
        on_open_change=CvsState.set_import_open,
    )


def start_dialog() -> rx.Component:
    return form_dialog(
        "Start interview",
        rx.text("Candidate: ", rx.text.strong(CvsState.start_cv_name, id="start-candidate")),
        labelled(
            "Date and time",
            rx.input(
                type="datetime-local",
                name="scheduled_at",
                value=CvsState.start_when,
                on_change=CvsState.set_start_when,
                id="start-when",
                width="100%",
                required=True,
            ),
            "start-when",
            CvsState.start_when_error,
        ),
        labelled(
            "Interviewer",
            rx.select.root(
                rx.select.trigger(id="start-interviewer", width="100%"),
                rx.select.content(
                    rx.select.item("Not assigned yet", value=NONE),
                    rx.foreach(CvsState.people, _option),
                ),
                value=CvsState.start_interviewer,
                on_change=CvsState.set_start_interviewer,
            ),
            "start-interviewer",
            CvsState.start_interviewer_error,
        ),
        rx.cond(
            CvsState.start_error != "",
            rx.callout(
                CvsState.start_error,
                icon="triangle-alert",
                color_scheme="red",
                id="start-error",
                width="100%",
            ),
        ),
        submit=rx.button(
            rx.cond(CvsState.starting, rx.spinner(size="1"), rx.icon("play", size=14)),
            "Start interview",
            type="submit",
            id="start-submit",
            disabled=CvsState.starting,
        ),
        on_submit=CvsState.start_interview,
        open=CvsState.start_open,
        on_open_change=CvsState.set_start_open,
        max_width="28rem",
    )


def bulk_bar() -> rx.Component:
    return rx.cond(
        CvsState.can_manage & (CvsState.selected_count > 0),
        rx.hstack(
            rx.text(CvsState.selected_count.to_string() + " selected", weight="medium", size="2", id="bulk-count"),
            rx.button(
                rx.icon("play", size=14),
                "Start interviews",
                size="1",
                on_click=CvsState.open_bulk_start,
                id="bulk-start",
            ),
            rx.button(
                rx.icon("x", size=14),
                "Reject",
                size="1",
                color_scheme="red",
                variant="soft",
                on_click=CvsState.open_bulk_reject,
                id="bulk-reject",
            ),
            rx.button("Clear selection", size="1", variant="ghost", on_click=CvsState.clear_selection, id="bulk-clear"),
            spacing="3",
            align="center",
            padding="0.5rem 0.75rem",
            margin_bottom="0.75rem",
            border_radius="var(--radius-3)",
            background=rx.color("accent", 3),
            id="bulk-bar",
            width="100%",
        ),
    )


def _bulk_errors() -> rx.Component:
    return rx.cond(
        CvsState.bulk_errors.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.vstack(
                rx.text("Nothing was changed.", weight="medium", size="2"),
                rx.foreach(CvsState.bulk_errors, lambda line: rx.text(line, size="2", class_name="bulk-error")),
                spacing="1",
            ),
            color_scheme="red",
            id="bulk-errors",
            width="100%",
        ),
    )


def _slot_line(line: SlotLine) -> rx.Component:
    return rx.hstack(
        rx.text(line.name, size="2", weight="medium"),
        rx.text("→", size="2", color_scheme="gray"),
        rx.text(line.when, size="2"),
        spacing="2",
        class_name="bulk-slot",
    )


def bulk_start_dialog() -> rx.Component:
    return form_dialog(
        "Start interviews",
        "One interviewer, one slot each, 15 minutes apart. All start, or none if a CV has a problem.",
        labelled(
            "Interviewer",
            rx.select.root(
                rx.select.trigger(id="bulk-interviewer", width="100%", placeholder="Pick an interviewer"),
                rx.select.content(rx.foreach(CvsState.people, _option)),
                value=CvsState.bulk_interviewer,
                on_change=CvsState.set_bulk_interviewer,
            ),
            "bulk-interviewer",
            None,
        ),
        labelled(
            "First slot",
            rx.input(
                type="datetime-local",
                value=CvsState.bulk_when,
                on_change=CvsState.set_bulk_when,
                id="bulk-when",
                name="bulk_when",
                width="100%",
                required=True,
            ),
            "bulk-when",
            None,
        ),
        rx.scroll_area(
            rx.vstack(rx.foreach(CvsState.bulk_preview, _slot_line), spacing="1", id="bulk-preview"),
            max_height="12rem",
            type="auto",
        ),
        _bulk_errors(),
        submit=rx.button(
            rx.cond(CvsState.bulk_busy, rx.spinner(size="1"), rx.icon("play", size=14)),
            "Start ",
            CvsState.selected_count.to_string(),
            type="submit",
            id="bulk-start-submit",
            disabled=CvsState.bulk_busy,
        ),
        on_submit=CvsState.bulk_start_interviews,
        open=CvsState.bulk_start_open,
        on_open_change=CvsState.set_bulk_start_open,
    )


def bulk_reject_dialog() -> rx.Component:
    return form_dialog(
        rx.fragment("Reject ", CvsState.selected_count.to_string(), " CVs"),
        "The same remark is recorded for each. All are rejected, or none if a CV has a problem.",
        labelled(
            "Remark",
            rx.text_area(
                value=CvsState.bulk_remark,
                on_change=CvsState.set_bulk_remark,
                id="bulk-remark",
                name="bulk_remark",
                max_length=500,
                width="100%",
                rows="4",
            ),
            "bulk-remark",
            None,
        ),
        rx.text(
            CvsState.bulk_remark_length.to_string() + " / 500",
            size="1",
            color_scheme="gray",
            id="bulk-remark-count",
            align="right",
            width="100%",
        ),
        _bulk_errors(),
        submit=rx.button(
            rx.cond(CvsState.bulk_busy, rx.spinner(size="1"), rx.icon("x", size=14)),
            "Reject",
            color_scheme="red",
            type="submit",
            id="bulk-reject-submit",
            disabled=CvsState.bulk_busy,
        ),
        on_submit=CvsState.bulk_reject_cvs,
        open=CvsState.bulk_reject_open,
        on_open_change=CvsState.set_bulk_reject_open,
    )


def delete_dialog() -> rx.Component:
    return confirm_dialog(
        "Delete this CV?",
        rx.text("The CV of ", rx.text.strong(CvsState.delete_name), " will be removed. This cannot be undone."),
        confirm_label="Delete",
        on_confirm=CvsState.delete_cv,
        confirm_id="delete-cv-confirm",
        open=CvsState.delete_open,
        on_open_change=CvsState.set_delete_open,
    )


def cvs_page() -> rx.Component:
    return workspace(
        "CVs",
        toolbar(),
        bulk_bar(),
        cv_table(),
        start_dialog(),
        bulk_start_dialog(),
        bulk_reject_dialog(),
        delete_dialog(),
        rx.cond(
            CvsState.last_started_url != "",
            rx.box(
                rx.link("Open the last started interview", href=CvsState.last_started_url, id="last-started", size="2"),
                padding_top="1rem",
            ),
        ),
        actions=rx.cond(
            CvsState.can_manage,
            rx.hstack(import_dialog(), add_dialog(), spacing="3"),
            rx.link(rx.button(rx.icon("radio", size=16), "Ongoing board", variant="soft"), href=routes.ONGOING),
        ),
    )
