"""The workspace shell: navigation, the signed-in user, and a page frame."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.live import LiveState

NAV_ITEMS: list[tuple[str, str, str]] = [
    ("Dashboard", routes.HOME, "layout-dashboard"),
    ("CVs", routes.CVS, "file-user"),
    ("Ongoing", routes.ONGOING, "radio"),
    ("Interviews", routes.INTERVIEWS, "calendar-check"),
    ("Agenda", routes.AGENDA, "calendar-days"),
    ("Panels", routes.PANELS, "clipboard-list"),
    ("Question bank", routes.QUESTIONS, "library"),
]
# Shown to admin and hr (the pages themselves check: hr reads the users, only admins change settings).
# Shown in NAV_ITEMS' order, but only to admin and hr (panels list the candidates' session links).
MANAGER_ONLY = frozenset({routes.PANELS})
MANAGER_NAV_ITEMS: list[tuple[str, str, str]] = [
    ("Users", routes.USERS, "users"),
    ("Job titles", routes.JOB_TITLES, "tags"),
    ("Settings", routes.SETTINGS, "settings"),
]
ADMIN_NAV_ITEMS: list[tuple[str, str, str]] = [("Outbox", routes.OUTBOX, "mail")]


def _ongoing_count_badge() -> rx.Component:
    """The live count of ongoing interviews (pushed with the board, on every workspace page)."""
    return rx.cond(
        LiveState.ongoing_count > 0,
        rx.badge(LiveState.ongoing_count, color_scheme="blue", radius="full", variant="solid", id="nav-ongoing-count"),
    )


# Extra content placed beside a nav label, keyed by route: a function building it (one per page tree).
NAV_BADGES: dict[str, Callable[[], rx.Component]] = {routes.ONGOING: _ongoing_count_badge}


def _is_current(href: str) -> rx.Var:
    path = AuthState.router.url.path
    if href == routes.HOME:
        return path == href
    return path.to_string().startswith(href)


def nav_link(label: str, href: str, icon: str) -> rx.Component:
    make_badge = NAV_BADGES.get(href)
    badge = make_badge() if make_badge is not None else None
    return rx.link(
        rx.hstack(
            rx.icon(icon, size=18),
            rx.text(label, size="3"),
            rx.spacer(),
            *([badge] if badge is not None else []),
            align="center",
            width="100%",
            spacing="3",
        ),
        href=href,
        id=f"nav-{label.lower().replace(' ', '-')}",
        underline="none",
        width="100%",
        padding_x="0.75rem",
        padding_y="0.5rem",
        border_radius="var(--radius-3)",
        color=rx.cond(_is_current(href), rx.color("accent", 11), rx.color("gray", 11)),
        background=rx.cond(_is_current(href), rx.color("accent", 3), "transparent"),
        _hover={"background": rx.color("gray", 3)},
    )


def user_menu() -> rx.Component:
    return rx.hstack(
        rx.avatar(fallback=AuthState.user_initials, size="2", radius="full"),
        rx.vstack(
            rx.link(
                rx.text(AuthState.user_name, size="2", weight="medium", id="signed-in-user"),
                href=routes.ACCOUNT,
                underline="hover",
                color=rx.color("gray", 12),
            ),
            rx.text(AuthState.organization_name, " · ", AuthState.user_role, size="1", color_scheme="gray"),
            spacing="0",
            min_width="0",
        ),
        rx.spacer(),
        rx.tooltip(
            rx.icon_button(rx.icon("log-out", size=16), variant="ghost", on_click=AuthState.logout, id="logout"),
            content="Sign out",
        ),
        align="center",
        width="100%",
    )


def _nav_entry(item: tuple[str, str, str]) -> rx.Component:
    link = nav_link(*item)
    return rx.cond(AuthState.can_manage, link) if item[1] in MANAGER_ONLY else link


def sidebar() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.icon("briefcase-business", size=22, color=rx.color("accent", 10)),
            rx.heading("hr_app", size="5"),
            align="center",
            padding_x="0.75rem",
            padding_bottom="1rem",
        ),
        *(_nav_entry(item) for item in NAV_ITEMS),
        rx.cond(
            AuthState.can_manage, rx.vstack(*(nav_link(*item) for item in MANAGER_NAV_ITEMS), spacing="1", width="100%")
        ),
        rx.cond(
            AuthState.user_role == "admin",
            rx.vstack(*(nav_link(*item) for item in ADMIN_NAV_ITEMS), spacing="1", width="100%"),
        ),
        rx.spacer(),
        rx.divider(),
        user_menu(),
        height="100vh",
        position="sticky",
        top="0",
        width="15rem",
        min_width="15rem",
        padding="1rem",
        border_right=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 2),
        spacing="1",
        class_name="no-print",
    )


def workspace(title: str, *children: rx.Component, actions: rx.Component | None = None) -> rx.Component:
    """A signed-in page: sidebar + header + content. Shows a spinner until the user is known."""
    header = rx.hstack(
        rx.heading(title, size="7", id="page-title"),
        rx.spacer(),
        *([actions] if actions is not None else []),
        align="center",
        width="100%",
        padding_bottom="1rem",
    )
    return rx.cond(
        AuthState.is_authenticated,
        rx.hstack(
            sidebar(),
            rx.box(header, *children, flex="1", padding="2rem", min_width="0", max_width="1200px"),
            align="start",
            spacing="0",
            width="100%",
        ),
        rx.center(rx.spinner(size="3"), height="100vh"),
    )


def empty_state(icon: str, title: str, text: str, action: rx.Component | None = None) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon(icon, size=40, color=rx.color("gray", 8)),
            rx.heading(title, size="4"),
            rx.text(text, color_scheme="gray", align="center", max_width="28rem"),
            *([action] if action is not None else []),
            align="center",
            spacing="3",
        ),
        padding="4rem",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-4)",
        width="100%",
    )
