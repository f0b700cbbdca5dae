"""The Activity panel (who changed what, newest first) and the calendar invite button."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.states.activity import ActivityEntry, ActivityState


def _entry(entry: ActivityEntry) -> rx.Component:
    return rx.vstack(
        rx.text(rx.text.strong(entry.who), " ", entry.what, size="2"),
        rx.text(entry.when, size="1", color_scheme="gray"),
        rx.foreach(
            entry.changes, lambda line: rx.text(line, size="1", color_scheme="gray", class_name="activity-change")
        ),
        spacing="0",
        width="100%",
        padding_y="0.4rem",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
        class_name="activity-entry",
        id="activity-entry-" + entry.id,
        word_break="break-word",
    )


def activity_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.icon("history", size=18),
                rx.heading("Activity", size="4"),
                rx.spacer(),
                rx.tooltip(
                    rx.icon_button(
                        rx.icon("refresh-cw", size=14),
                        variant="ghost",
                        on_click=ActivityState.refresh,
                        id="activity-refresh",
                        aria_label="Refresh activity",
                    ),
                    content="Refresh",
                ),
                align="center",
                width="100%",
            ),
            rx.cond(
                ActivityState.activity.length() > 0,
                rx.vstack(rx.foreach(ActivityState.activity, _entry), spacing="0", width="100%"),
                rx.text("No recorded changes yet.", size="2", color_scheme="gray"),
            ),
            rx.cond(
                ActivityState.activity_total > ActivityState.activity.length(),
                rx.text(
                    "Showing the latest ",
                    ActivityState.activity.length().to_string(),
                    " of ",
                    ActivityState.activity_total.to_string(),
                    size="1",
                    color_scheme="gray",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        id="activity-panel",
        class_name="no-print",
        width="100%",
    )


def invite_button() -> rx.Component:
    return rx.button(
        rx.icon("calendar-plus", size=14),
        "Calendar invite",
        variant="soft",
        color_scheme="gray",
        on_click=ActivityState.download_invite,
        id="download-invite",
    )


def print_button() -> rx.Component:
    """Prints the page as an evaluation sheet (assets/print.css hides navigation, buttons and activity)."""
    return rx.button(
        rx.icon("printer", size=14),
        "Print",
        variant="soft",
        color_scheme="gray",
        on_click=rx.call_script("window.print()"),
        id="print-evaluation",
    )


def interview_tools() -> rx.Component:
    return rx.hstack(invite_button(), print_button(), spacing="2", class_name="no-print")
