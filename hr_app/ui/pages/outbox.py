"""/outbox (admin): every e-mail with its state; a message opens as it was rendered (HTML sandboxed, or its text)."""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.pager import pager
from hr_app.ui.components.widgets import field_label
from hr_app.ui.states.outbox import STATUSES, OutboxRow, OutboxState

_STATUS_COLORS = (("sent", "green"), ("failed", "red"), "blue")


def _row(row: OutboxRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.badge(row.status, color_scheme=rx.match(row.status, *_STATUS_COLORS))),
        rx.table.cell(row.recipient),
        rx.table.cell(
            rx.link(row.subject, href="#", on_click=OutboxState.open_message(row.id).prevent_default),
            rx.text(row.kind, size="1", color_scheme="gray"),
        ),
        rx.table.cell(row.attempts),
        rx.table.cell(rx.text(row.last_error, size="1", color_scheme="red", max_width="22rem")),
        rx.table.cell(row.created),
        rx.table.cell(row.sent),
        id=f"outbox-{row.id}",
    )


def _opened() -> rx.Component:
    message = OutboxState.opened
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(message.subject),
            rx.dialog.description(rx.text("To ", message.recipient), size="2", color_scheme="gray"),
            rx.cond(
                OutboxState.show_text,
                rx.el.pre(message.text, white_space="pre-wrap", id="outbox-text"),
                # No scripts, no same origin: a message's HTML cannot reach the app or its token.
                rx.el.iframe(
                    src_doc=message.html,
                    sandbox="",
                    title="Rendered e-mail",
                    width="100%",
                    height="420px",
                    id="outbox-html",
                    border=f"1px solid {rx.color('gray', 5)}",
                ),
            ),
            rx.foreach(message.attachments, lambda name: rx.text(rx.icon("paperclip", size=12), " ", name, size="1")),
            rx.hstack(
                rx.button(
                    rx.cond(OutboxState.show_text, "Show HTML", "Show text"),
                    variant="soft",
                    on_click=OutboxState.toggle_text,
                    id="outbox-toggle",
                ),
                rx.dialog.close(rx.button("Close", on_click=OutboxState.close_message, id="outbox-close")),
                justify="end",
                margin_top="1rem",
            ),
            max_width="52rem",
        ),
        open=message.id != "",
    )


def outbox_page() -> rx.Component:
    table = rx.table.root(
        rx.table.header(
            rx.table.row(
                *(
                    rx.table.column_header_cell(h)
                    for h in ("Status", "To", "Subject", "Attempts", "Last error", "Queued", "Sent")
                )
            )
        ),
        rx.table.body(rx.foreach(OutboxState.rows, _row)),
        width="100%",
    )
    filters = rx.hstack(
        field_label("Status", "outbox-status", weight="regular"),
        rx.el.select(
            *(rx.el.option(status, value=status) for status in STATUSES),
            id="outbox-status",
            value=OutboxState.status_filter,
            on_change=OutboxState.filter_status,
        ),
        align="center",
        margin_bottom="1rem",
    )
    return workspace(
        "Outbox",
        rx.cond(
            OutboxState.denied != "",
            rx.callout(OutboxState.denied, icon="lock", color_scheme="gray", id="outbox-denied"),
            rx.fragment(
                filters,
                rx.cond(
                    OutboxState.total == 0,
                    empty_state("mail", "No e-mail", "Messages the app queues (invitations, resets) appear here."),
                    rx.box(
                        table,
                        pager(
                            "outbox",
                            OutboxState.page_label,
                            OutboxState.has_previous_page,
                            OutboxState.has_next_page,
                            OutboxState.previous_page,
                            OutboxState.next_page,
                        ),
                        width="100%",
                    ),
                ),
                _opened(),
            ),
        ),
    )
