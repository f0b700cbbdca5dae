"""Workspace pages not built yet: each shows its title and an empty state."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.layout import empty_state, workspace


def home_page() -> rx.Component:
    return workspace(
        "Dashboard",
        empty_state(
            "layout-dashboard",
            "Welcome to your recruiting workspace",
            "Pick CVs, start interviews and follow them live on the Ongoing board.",
            rx.link(rx.button("Go to CVs"), href=routes.CVS),
        ),
    )


def placeholder(title: str, icon: str, text: str) -> rx.Component:
    return workspace(title, empty_state(icon, f"No {title.lower()} yet", text))
