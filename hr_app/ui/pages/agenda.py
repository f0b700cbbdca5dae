"""/agenda: today's and this week's interviews per interviewer."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.widgets import skeleton_rows, status_badge
from hr_app.ui.states.agenda import AgendaItem, AgendaPerson, AgendaState


def _today_item(item: AgendaItem) -> rx.Component:
    return rx.hstack(
        rx.badge(item.time, variant="surface", color_scheme="blue"),
        rx.link(item.candidate_name, href=item.url, weight="medium", size="2"),
        rx.text(item.job_title, size="1", color_scheme="gray"),
        align="center",
        spacing="2",
    )


def _week_row(item: AgendaItem) -> rx.Component:
    return rx.table.row(
        rx.table.cell(item.day),
        rx.table.cell(item.time),
        rx.table.row_header_cell(rx.link(item.candidate_name, href=item.url)),
        rx.table.cell(item.job_title),
        rx.table.cell(status_badge(item.status)),
        id="agenda-item-" + item.id,
        class_name="agenda-item",
    )


def _person(person: AgendaPerson) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("user-round", size=18),
                rx.heading(person.name, size="4"),
                rx.spacer(),
                rx.badge(person.week.length().to_string() + " this week", color_scheme="gray"),
                align="center",
                width="100%",
            ),
            rx.text("Today", size="2", weight="bold", color_scheme="gray"),
            rx.cond(
                person.today.length() > 0,
                rx.vstack(rx.foreach(person.today, _today_item), spacing="1"),
                rx.text("Nothing today", size="2", color_scheme="gray"),
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *(rx.table.column_header_cell(label) for label in ("Day", "Time", "Candidate", "Job", "Status"))
                    )
                ),
                rx.table.body(rx.foreach(person.week, _week_row)),
                size="1",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        id="agenda-person-" + person.key,
        width="100%",
    )


def _week_switch() -> rx.Component:
    return rx.hstack(
        rx.icon_button(
            rx.icon("chevron-left", size=16),
            variant="soft",
            on_click=AgendaState.previous_week,
            id="agenda-prev",
            aria_label="Previous week",
        ),
        rx.button(
            "This week", variant="soft", color_scheme="gray", on_click=AgendaState.this_week, id="agenda-this-week"
        ),
        rx.icon_button(
            rx.icon("chevron-right", size=16),
            variant="soft",
            on_click=AgendaState.next_week,
            id="agenda-next",
            aria_label="Next week",
        ),
        rx.text(
            AgendaState.week_label, " · ", AgendaState.range_label, size="2", color_scheme="gray", id="agenda-week"
        ),
        align="center",
        spacing="2",
    )


def agenda_page() -> rx.Component:
    return workspace(
        "Agenda",
        rx.vstack(
            _week_switch(),
            rx.cond(
                ~AgendaState.loaded,
                skeleton_rows(),
                rx.cond(
                    AgendaState.week_total > 0,
                    rx.grid(
                        rx.foreach(AgendaState.people, _person),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
                    ),
                    empty_state(
                        "calendar-x",
                        "No interviews this week",
                        "Interviews scheduled in this week appear here, per interviewer.",
                    ),
                ),
            ),
            spacing="4",
            width="100%",
        ),
    )
