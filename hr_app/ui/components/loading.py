"""What a page whose path carries a token or an id shows while the app's code loads.

Reflex prerenders each fixed page with its content, but a page such as /session/[token] is served from one
shared HTML file (React Router's SPA fallback) whose body is empty until the JavaScript has run and the tab's state
has come over the websocket: on a phone's first visit that is seconds of a blank screen. React Router renders this
component into that file (App.hydrate_fallback), so the browser paints a loading line as soon as the stylesheet is
in; the page replaces it when it hydrates. It names no state: nothing is known yet (docs/performance.md,
"Light on a phone")."""

from __future__ import annotations

import reflex as rx

HYDRATING_ID = "page-hydrating"


def hydrating() -> rx.Component:
    return rx.center(
        rx.hstack(
            rx.spinner(size="3"),
            rx.text("Loading…", color_scheme="gray", size="3"),
            align="center",
            spacing="3",
        ),
        role="status",
        id=HYDRATING_ID,
        min_height="100vh",
        width="100%",
        background=rx.color("gray", 2),
    )
