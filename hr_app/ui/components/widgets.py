"""Small shared widgets: status badges, labelled fields, errors, skeletons, counters."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import reflex as rx

from hr_app.ui.format import STATUS_COLORS


def status_badge(status: rx.Var | str, **props: Any) -> rx.Component:
    """pending amber, ongoing blue, selected green, rejected red; same everywhere."""
    color = rx.match(
        status,
        *((name, color) for name, color in STATUS_COLORS.items()),
        "gray",
    )
    return rx.badge(status, color_scheme=color, variant="soft", radius="full", **props)


def field_label(text: str, html_for: str, **props: Any) -> rx.Component:
    """A visible <label for=...>: rx.text drops `html_for` into its CSS, so the attribute is passed raw."""
    props.setdefault("id", f"{html_for}-label")  # for controls named by aria-labelledby (select triggers, switches)
    props.setdefault("size", "2")
    props.setdefault("weight", "medium")
    return rx.text(text, as_="label", custom_attrs={"htmlFor": html_for}, **props)


def describe_with_error(control: rx.Component, error: rx.Var, error_id: str) -> rx.Component:
    """While `error` is shown, the control is marked invalid and a screen reader reads the error with it."""
    control.custom_attrs["aria-describedby"] = rx.cond(error != "", error_id, "")
    control.custom_attrs["aria-invalid"] = rx.cond(error != "", "true", "false")
    return control


def field_error(message: rx.Var, element_id: str) -> rx.Component:
    """The error under a field, announced when it appears; the field names it in aria-describedby."""
    return rx.cond(
        message != "",
        rx.text(message, color_scheme="red", size="1", id=element_id, role="alert"),
    )


def labelled(
    label: str, control: rx.Component, html_for: str, error: rx.Var | None = None, hint: str = ""
) -> rx.Component:
    """A label bound to its input (html_for = the input's id), the input, then its error tied to the input."""
    if error is not None:
        describe_with_error(control, error, f"{html_for}-error")
    return rx.vstack(
        field_label(label, html_for),
        control,
        *([rx.text(hint, size="1", color_scheme="gray")] if hint else []),
        *([field_error(error, f"{html_for}-error")] if error is not None else []),
        spacing="1",
        width="100%",
    )


def skeleton_rows(count: int = 4, height: str = "2.5rem") -> rx.Component:
    return rx.vstack(
        *(rx.skeleton(rx.box(height=height, width="100%"), loading=True) for _ in range(count)),
        spacing="2",
        width="100%",
        id="loading",
    )


def counter(length: rx.Var, limit: int, element_id: str) -> rx.Component:
    return rx.text(
        length.to_string(),
        f" / {limit}",
        size="1",
        color_scheme=rx.cond(length > limit, "red", "gray"),
        id=element_id,
    )


def live_badge(**props: Any) -> rx.Component:
    """Marks what follows changes made anywhere without a reload."""
    return rx.badge(
        rx.icon("radio", size=12),
        "Live",
        color_scheme="green",
        variant="soft",
        title="Updates as changes happen, in any browser or through the API",
        **props,
    )


def enum_items(enum: type[StrEnum]) -> list[rx.Component]:
    """One select item per member of a status enum, its value on the wire and capitalised as the label."""
    return [rx.select.item(member.capitalize(), value=member) for member in enum]


def select_option(option: rx.Var) -> rx.Component:
    """One item of a select built from a list of `value`/`label` options (rx.foreach over the state's list)."""
    return rx.select.item(option.label, value=option.value)


def candidate_choice(
    choice: Any, checked: rx.Var, on_toggle: Any, *, verb: str, check_class: str, **label_props: Any
) -> rx.Component:
    """A CV to pick in a list (name, e-mail, status) with its checkbox; the whole row toggles it."""
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=checked, on_change=on_toggle, class_name=check_class, aria_label=f"{verb} " + choice.name
            ),
            rx.text(choice.name, size="2", weight="medium"),
            rx.text(choice.email, size="1", color_scheme="gray"),
            rx.spacer(),
            status_badge(choice.status),
            align="center",
            spacing="2",
            width="100%",
        ),
        style={"cursor": "pointer", "display": "block", "padding": "0.25rem 0.5rem"},
        **label_props,
    )
