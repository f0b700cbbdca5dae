"""The co-interviewers of a new interview (issue 18): the organization's members as a list of checkboxes in the
start and next-round dialogs (Tab moves, Space ticks), the lead left out; the service holds the rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from hr_app.kit.limits import INTERVIEWERS_MAX
from hr_app.ui.components.widgets import field_error

HINT = f"Up to {INTERVIEWERS_MAX - 1} besides the lead; each gets the invitation and writes their own scorecard."


def toggled(team: list[str], value: str, checked: bool) -> list[str]:
    """The ticked ids after one box changed, in the order they were ticked."""
    rest = [chosen for chosen in team if chosen != value]
    return [*rest, value] if checked else rest


def _member(option: Any, team: rx.Var, on_toggle: Callable[[Any, bool], Any], prefix: str) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.checkbox(
                checked=team.contains(option.value),
                on_change=lambda checked: on_toggle(option.value, checked),
                id=prefix + "-" + option.value,
                class_name=prefix + "-member",
                aria_label=option.label,
            ),
            rx.text(option.label, size="2"),
            align="center",
            spacing="2",
        ),
        style={"cursor": "pointer", "display": "block", "padding": "0.2rem 0.25rem"},
    )


def team_picker(
    people: rx.Var, team: rx.Var, lead: rx.Var, on_toggle: Callable[[Any, bool], Any], prefix: str, error: rx.Var
) -> rx.Component:
    """`prefix`-{user id} checkboxes inside one named group; the lead chosen above is not offered."""
    group = rx.el.fieldset(
        rx.el.legend(
            rx.text("Other interviewers", size="2", weight="medium"),
            rx.cond(team.length() > 0, rx.text(" · ", team.length().to_string(), " chosen", size="1", as_="span")),
        ),
        rx.text(HINT, size="1", color_scheme="gray"),
        rx.box(
            rx.foreach(
                people,
                lambda option: rx.cond(option.value != lead, _member(option, team, on_toggle, prefix)),
            ),
            max_height="9rem",
            overflow_y="auto",
            border=f"1px solid {rx.color('gray', 6)}",
            border_radius="var(--radius-2)",
            padding="0.25rem",
            width="100%",
        ),
        id=prefix,
        border="none",
        padding="0",
        margin="0",
        min_width="0",
        width="100%",
    )
    group.custom_attrs["aria-describedby"] = rx.cond(error != "", prefix + "-error", "")
    return rx.vstack(group, field_error(error, prefix + "-error"), spacing="1", width="100%")
