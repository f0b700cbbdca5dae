"""/ongoing: the live board of ongoing interviews."""

from __future__ import annotations

import reflex as rx

from hr_app.ui import routes
from hr_app.ui.components.layout import empty_state, workspace
from hr_app.ui.components.widgets import live_badge, skeleton_rows, status_badge
from hr_app.ui.states.live import BoardCard, LiveState


def _progress(card: BoardCard) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(card.ratings_given.to_string(), " of 5 ratings", size="1", color_scheme="gray"),
            rx.spacer(),
            rx.cond(
                card.average != "",
                rx.text("avg ", rx.text.strong(card.average), size="1"),
                rx.text("no ratings yet", size="1", color_scheme="gray"),
            ),
            width="100%",
        ),
        rx.progress(value=card.ratings_given * 20, size="1", width="100%", aria_label="Ratings given"),
        rx.cond(
            card.scorecards_in != "",
            rx.text(card.scorecards_in, size="1", color_scheme="gray", class_name="scorecards-in"),
        ),
        spacing="1",
        width="100%",
    )


@rx.memo
def board_card(card: rx.Var[BoardCard]) -> rx.Component:
    """A memo (React's `memo`): a push re-renders the cards it changed; the browser keeps the others' objects
    (Reflex's `replaceEqualDeep`), so their props compare equal and they are not rendered again."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(
                    rx.heading(card.candidate_name, size="4", trim="both"),
                    href=card.url,
                    underline="hover",
                    color=rx.color("gray", 12),
                ),
                rx.spacer(),
                rx.cond(
                    card.round_label != "",
                    rx.badge(card.round_label, color_scheme="indigo", variant="soft", class_name="round-badge"),
                ),
                status_badge(card.status),
                align="center",
                width="100%",
            ),
            rx.text(
                rx.cond(card.job_title != "", card.job_title, "No job title"),
                rx.cond(card.place != "", rx.fragment(" · ", card.place)),
                size="2",
                color_scheme="gray",
            ),
            rx.hstack(
                rx.icon("user", size=14, color=rx.color("gray", 10)),
                rx.text(rx.cond(card.interviewer_name != "", card.interviewer_name, "No interviewer"), size="2"),
                align="center",
                spacing="2",
            ),
            rx.hstack(
                rx.icon("clock", size=14, color=rx.color("gray", 10)),
                rx.text(card.scheduled_local, size="2"),
                rx.badge(
                    card.relative,
                    color_scheme=rx.cond(card.is_late, "orange", "gray"),
                    variant="surface",
                    class_name="relative-time",
                ),
                align="center",
                spacing="2",
            ),
            rx.cond(
                card.clash_text != "",
                rx.hstack(
                    rx.icon("triangle-alert", size=14, color=rx.color("amber", 10)),
                    rx.text(card.clash_text, size="1", color=rx.color("amber", 11), weight="medium"),
                    align="center",
                    spacing="2",
                    class_name="clash-badge",
                    id="clash-" + card.id,
                ),
            ),
            _progress(card),
            spacing="2",
            width="100%",
        ),
        id="card-" + card.id,
        class_name="board-card",
        custom_attrs={"data-candidate": card.candidate_name},
    )


def _keyed_card(card: rx.Var[BoardCard]) -> rx.Component:
    """Keyed by the interview, not the position: a card added before others leaves theirs alone."""
    component = board_card(card=card)
    component.key = card.id
    return component


def ongoing_page() -> rx.Component:
    search = rx.input(
        rx.input.slot(rx.icon("search", size=16)),
        placeholder="Filter by name, job, place, interviewer",
        value=LiveState.board_search,
        on_change=LiveState.set_board_search,
        id="board-search",
        width="22rem",
        aria_label="Filter the board",
    )
    body = rx.cond(
        ~LiveState.board_loaded,
        skeleton_rows(3, "8rem"),
        rx.cond(
            LiveState.ongoing_count == 0,
            empty_state(
                "radio",
                "No interviews in progress",
                "Start an interview from the CVs page; it appears here at once, in every open browser.",
                rx.link(rx.button(rx.icon("file-user", size=16), "Go to CVs", id="empty-go-cvs"), href=routes.CVS),
            ),
            rx.vstack(
                rx.text(
                    LiveState.ongoing_count.to_string(),
                    " ongoing",
                    rx.cond(
                        LiveState.board_search != "",
                        rx.fragment(" · ", LiveState.visible_cards.length().to_string(), " shown"),
                    ),
                    size="2",
                    color_scheme="gray",
                    id="board-summary",
                    role="status",  # read politely when a card comes or goes; focus stays where it is
                    aria_live="polite",
                ),
                rx.grid(
                    rx.foreach(
                        rx.cond(LiveState.board_search != "", LiveState.visible_cards, LiveState.cards), _keyed_card
                    ),
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    spacing="4",
                    width="100%",
                    id="board",
                ),
                spacing="3",
                width="100%",
            ),
        ),
    )
    return workspace(
        "Ongoing interviews",
        rx.hstack(
            live_badge(id="live-indicator"),
            rx.text("Updates arrive on their own; no need to reload.", size="2", color_scheme="gray"),
            align="center",
            spacing="2",
            padding_bottom="1rem",
        ),
        body,
        rx.el.button(on_click=LiveState.tick, id="board-tick", hidden=True, type="button", tab_index=-1),
        actions=search,
    )
