"""Shared dialog pieces: a confirmation (delete this?) and the Cancel / submit row of a form dialog."""

from __future__ import annotations

from typing import Any

import reflex as rx


def confirm_dialog(
    title: str,
    description: rx.Component | rx.Var | str,
    *,
    confirm_label: str,
    on_confirm: Any,
    confirm_id: str,
    open: rx.Var[bool],
    on_open_change: Any,
    trigger: rx.Component | None = None,
    color: str = "red",
) -> rx.Component:
    """An alert dialog that asks before an action that cannot be undone: Cancel, or the red action.

    `trigger` opens it when given; otherwise the state opens it (`open`), e.g. from a row's menu.
    """
    return rx.alert_dialog.root(
        *([rx.alert_dialog.trigger(trigger)] if trigger is not None else []),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(confirm_label, color_scheme=color, on_click=on_confirm, id=confirm_id)
                ),
                justify="end",
                spacing="3",
                padding_top="1rem",
            ),
            max_width="28rem",
        ),
        open=open,
        on_open_change=on_open_change,
    )


def dialog_buttons(submit: rx.Component) -> rx.Component:
    """The foot of a form dialog: Cancel (closes, never submits), then the form's submit button."""
    return rx.hstack(
        rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray", type="button")),
        submit,
        justify="end",
        width="100%",
        spacing="3",
    )


def delete_button(element_id: str) -> rx.Component:
    """The red "Delete" button that opens a confirm_dialog (class `delete-button`: tests look for it)."""
    return rx.button(
        rx.icon("trash-2", size=14),
        "Delete",
        color_scheme="red",
        variant="soft",
        id=element_id,
        class_name="delete-button",
    )


def form_dialog(
    title: rx.Component | rx.Var | str,
    description: rx.Component | rx.Var | str | None,
    *fields: rx.Component,
    submit: rx.Component,
    on_submit: Any,
    open: rx.Var[bool],  # the Radix prop's name
    on_open_change: Any,
    trigger: rx.Component | None = None,
    max_width: str = "32rem",
) -> rx.Component:
    """A dialog holding one form: title, a line of help, the fields, then Cancel and `submit`.

    A text description is grey help; a component (e.g. "Candidate: <name>") is shown as content.
    The form keeps what was typed when the submit fails (`reset_on_submit=False`); the state closes it.
    """
    if description is None:
        help_line = []
    elif isinstance(description, rx.Component):
        help_line = [rx.dialog.description(description, size="2")]
    else:
        help_line = [rx.dialog.description(description, size="2", color_scheme="gray")]
    return rx.dialog.root(
        *([rx.dialog.trigger(trigger)] if trigger is not None else []),
        rx.dialog.content(
            rx.dialog.title(title),
            *help_line,
            rx.form(
                rx.vstack(*fields, dialog_buttons(submit), spacing="3", width="100%"),
                on_submit=on_submit,
                reset_on_submit=False,
            ),
            max_width=max_width,
        ),
        open=open,
        on_open_change=on_open_change,
    )
