"""The live results of one panel, for HR: include `panel_results()` in the panel detail page.

Self-contained: it loads on mount (after the workspace's login guard has run) and refreshes itself
when the panel's data changes or its end comes.
"""

from __future__ import annotations

import reflex as rx

from hr_app.ui.components.widgets import live_badge
from hr_app.ui.states.panel_results import PanelResultsState, ResultRow

R = PanelResultsState
REFRESH_BUTTON = "results-refresh"


def _row(row: ResultRow) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(row.name, weight="medium"),
                rx.text(row.email, size="1", color_scheme="gray"),
                spacing="0",
            )
        ),
        rx.table.cell(
            rx.badge(row.label, color_scheme=row.color, variant="soft", id="result-state-" + row.uuid),
        ),
        rx.table.cell(
            rx.cond(row.score != "", rx.text(row.score, weight="bold"), rx.text("—", color_scheme="gray")),
            id="result-score-" + row.uuid,
        ),
        rx.table.cell(_signals(row), id="result-signals-" + row.uuid),
        id="result-row-" + row.uuid,
        align="center",
    )


def _signals(row: ResultRow) -> rx.Component:
    """A summary that opens the timeline: things to talk about with the candidate, never a verdict."""
    return rx.cond(
        row.signals == "",
        rx.text("None recorded", size="1", color_scheme="gray"),
        rx.popover.root(
            rx.popover.trigger(
                rx.button(
                    rx.icon("eye", size=12),
                    row.signals,
                    size="1",
                    variant="ghost",
                    color_scheme="orange",
                    class_name="signals-open",
                    white_space="normal",
                    text_align="left",
                )
            ),
            rx.popover.content(
                rx.vstack(
                    rx.text("Signals to discuss, not proof", weight="bold", size="2"),
                    rx.text(
                        "A tab switch can be a notification, a paste can be the candidate's own notes.",
                        size="1",
                        color_scheme="gray",
                    ),
                    rx.unordered_list(
                        rx.foreach(row.timeline, lambda line: rx.list_item(rx.text(line, size="1"))),
                        class_name="signals-timeline",
                    ),
                    spacing="2",
                ),
                max_width="22rem",
            ),
        ),
    )


def _ends_in() -> rx.Component:
    return rx.cond(
        R.results_running,
        rx.text(
            "Ends in ",
            rx.el.span(
                custom_attrs={
                    "data-countdown": R.results_ends_in,
                    "data-countdown-key": R.results_ends_key,
                    "data-countdown-fire": REFRESH_BUTTON,
                },
                font_variant_numeric="tabular-nums",
            ),
            size="2",
            color_scheme="gray",
        ),
        rx.text("Ended", size="2", color_scheme="gray"),
    )


def panel_results() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Results", size="4"),
                live_badge(),
                rx.spacer(),
                _ends_in(),
                rx.button(
                    rx.icon("download", size=16),
                    "Export CSV",
                    variant="soft",
                    on_click=R.export_results,
                    id="results-export",
                    disabled=~R.results_loaded,
                ),
                align="center",
                width="100%",
                wrap="wrap",
            ),
            rx.cond(
                R.results_error != "",
                rx.callout(R.results_error, icon="triangle-alert", color_scheme="red", width="100%"),
            ),
            rx.cond(
                R.results_loaded,
                rx.cond(
                    R.results.length() > 0,
                    rx.vstack(
                        rx.text(R.results_summary, size="2", color_scheme="gray", id="results-summary"),
                        rx.box(
                            rx.table.root(
                                rx.table.header(
                                    rx.table.row(
                                        rx.table.column_header_cell("Candidate"),
                                        rx.table.column_header_cell("State"),
                                        rx.table.column_header_cell("Score"),
                                        rx.table.column_header_cell("Signals"),
                                    )
                                ),
                                rx.table.body(rx.foreach(R.results, _row)),
                                width="100%",
                            ),
                            overflow_x="auto",
                            width="100%",
                        ),
                        width="100%",
                    ),
                    rx.text("No candidates in this panel.", color_scheme="gray"),
                ),
                rx.center(rx.spinner(), width="100%", padding="2rem"),
            ),
            rx.el.button("Refresh", id=REFRESH_BUTTON, on_click=R.refresh_results, hidden=True, tab_index=-1),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="panel-results",
        on_mount=R.load_results,
    )
