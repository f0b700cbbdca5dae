"""Previous / Next under a long table, with "1-50 of 10,000" (with an en dash; see hr_app/ui/paging.py)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventType


def pager(
    prefix: str, label: rx.Var, has_previous: rx.Var, has_next: rx.Var, on_previous: EventType, on_next: EventType
) -> rx.Component:
    """Real buttons (Tab reaches them, Enter or Space pages); ids `<prefix>-page-label|prev|next`."""
    return rx.hstack(
        rx.text(label, size="2", color_scheme="gray", id=f"{prefix}-page-label", aria_live="polite"),
        rx.cond(
            has_previous | has_next,
            rx.hstack(
                rx.button(
                    rx.icon("chevron-left", size=14),
                    "Previous",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    disabled=~has_previous,
                    on_click=on_previous,
                    id=f"{prefix}-prev",
                    aria_label="Previous page",
                ),
                rx.button(
                    "Next",
                    rx.icon("chevron-right", size=14),
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    disabled=~has_next,
                    on_click=on_next,
                    id=f"{prefix}-next",
                    aria_label="Next page",
                ),
                spacing="2",
            ),
        ),
        justify="end",
        align="center",
        spacing="3",
        width="100%",
        padding_top="0.75rem",
        role="navigation",
        aria_label="Pages",
    )
