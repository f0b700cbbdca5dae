"""/ : the dashboard: today's board at a glance and the hiring figures, all live (hr_app/ui/live.py)."""

from __future__ import annotations

import reflex as rx

from hr_app.kit.limits import RATING_MAX, RATING_MIN
from hr_app.models import CvStatus
from hr_app.ui import routes
from hr_app.ui.components.layout import workspace
from hr_app.ui.components.widgets import live_badge, skeleton_rows
from hr_app.ui.format import STATUS_COLORS
from hr_app.ui.states.dashboard import DashboardState, PanelRate
from hr_app.ui.states.live import BoardCard, LiveState

D = DashboardState


def _stat(label: str, value: rx.Var, color: str, href: str, element_id: str) -> rx.Component:
    return rx.link(
        rx.card(
            rx.vstack(
                rx.text(label, size="2", color_scheme="gray"),
                rx.heading(value, size="7", color=rx.color(color, 11), id=element_id),
                spacing="1",
            ),
            width="100%",
            _hover={"background": rx.color("gray", 2)},
        ),
        href=href,
        underline="none",
        width="100%",
    )


def _next_card(card: BoardCard) -> rx.Component:
    return rx.hstack(
        rx.link(card.candidate_name, href=card.url, weight="medium", size="2"),
        rx.text(card.job_title, size="1", color_scheme="gray"),
        rx.spacer(),
        rx.text(card.interviewer_name, size="1", color_scheme="gray"),
        rx.badge(card.relative, color_scheme=rx.cond(card.is_late, "orange", "gray"), variant="surface"),
        align="center",
        width="100%",
        spacing="3",
    )


def _bar_chart(data: rx.Var, key: str, color: str, element_id: str) -> rx.Component:
    return rx.box(
        rx.recharts.responsive_container(
            rx.recharts.bar_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
                rx.recharts.x_axis(data_key="name", tick_line=False, interval=0),
                rx.recharts.y_axis(allow_decimals=key != "count", width=32),
                rx.recharts.graphing_tooltip(),
                rx.recharts.bar(data_key=key, fill=rx.color(color, 9), radius=4, is_animation_active=False),
                data=data,
            ),
            width="100%",
            height=200,
        ),
        width="100%",
        id=element_id,
    )


# Long category names (job titles) would overlap under a column chart: these charts lie on their side,
# one row per title with its name on the left, cut to TICK_CHARS with the full name in the tooltip.
TICK_CHARS = 22  # one line within the axis width at 12 px
TICK_FORMATTER = f"(v) => (v && v.length > {TICK_CHARS}) ? v.slice(0, {TICK_CHARS - 1}) + '…' : v"


def _row_chart(
    data: rx.Var,
    key: str,
    color: str,
    element_id: str,
    height: rx.Var,
    domain: list | None = None,
    caption_key: str = "",
) -> rx.Component:
    bar_children = [rx.recharts.label_list(data_key=caption_key, position="right")] if caption_key else []
    return rx.box(
        rx.recharts.responsive_container(
            rx.recharts.bar_chart(
                rx.recharts.cartesian_grid(stroke_dasharray="3 3", horizontal=False),
                rx.recharts.x_axis(
                    type_="number",
                    allow_decimals=key != "count",
                    **({"domain": domain, "ticks": list(range(domain[0], domain[1] + 1, 2))} if domain else {}),
                ),
                rx.recharts.y_axis(
                    data_key="name",
                    type_="category",
                    width=170,
                    interval=0,
                    tick_line=False,
                    tick={"fontSize": 12, "width": 400},  # one line: recharts would wrap a name into two
                    tick_formatter=TICK_FORMATTER,
                ),
                rx.recharts.graphing_tooltip(),
                rx.recharts.bar(
                    *bar_children,
                    data_key=key,
                    fill=rx.color(color, 9),
                    radius=4,
                    bar_size=18,
                    is_animation_active=False,
                ),
                data=data,
                layout="vertical",
                margin={"top": 0, "right": 84 if caption_key else 12, "bottom": 0, "left": 0},
            ),
            width="100%",
            height=height,
        ),
        width="100%",
        id=element_id,
    )


def _chart_card(title: str, empty: rx.Var, empty_text: str, chart: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4"),
            rx.cond(empty, rx.text(empty_text, size="2", color_scheme="gray"), chart),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _panel(row: PanelRate) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.name, href=row.url)),
        rx.table.cell(
            rx.cond(
                row.is_active,
                rx.badge("Active", color_scheme="green", variant="soft"),
                rx.badge("Inactive", color_scheme="gray", variant="soft"),
            )
        ),
        rx.table.cell(row.submitted.to_string() + " of " + row.candidates.to_string(), id="panel-submitted-" + row.id),
        rx.table.cell(rx.cond(row.pass_rate != "", row.pass_rate, "—"), id="panel-pass-rate-" + row.id),
    )


def dashboard_page() -> rx.Component:
    stats = rx.grid(
        _stat("Ongoing now", LiveState.ongoing_count, "blue", routes.ONGOING, "stat-ongoing"),
        *(
            _stat(
                status.capitalize() + " CVs", D.cv_counts[status], STATUS_COLORS[status], routes.CVS, f"stat-{status}"
            )
            for status in (CvStatus.PENDING, CvStatus.SELECTED, CvStatus.REJECTED)
        ),
        columns=rx.breakpoints(initial="2", md="4"),
        spacing="3",
        width="100%",
    )
    next_up = rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("On the board", size="4"),
                rx.spacer(),
                rx.link("Open the board", href=routes.ONGOING, size="2"),
                align="center",
                width="100%",
            ),
            rx.cond(
                LiveState.ongoing_count == 0,
                rx.text("No interview in progress.", size="2", color_scheme="gray"),
                rx.vstack(rx.foreach(LiveState.cards[:6], _next_card), spacing="2", width="100%"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    week = rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Interviews this week", size="4"),
                rx.spacer(),
                rx.text(
                    D.week_label, " · ", D.week_total, " scheduled", size="2", color_scheme="gray", id="week-total"
                ),
                width="100%",
                align="center",
            ),
            _bar_chart(D.week_chart, "count", "accent", "chart-week"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )
    panels = rx.card(
        rx.vstack(
            rx.heading("Panels", size="4"),
            rx.cond(
                D.panel_rates.length() == 0,
                rx.text("No panel yet.", size="2", color_scheme="gray"),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Panel"),
                            rx.table.column_header_cell("State"),
                            rx.table.column_header_cell("Submitted"),
                            rx.table.column_header_cell("Pass rate"),
                        )
                    ),
                    rx.table.body(rx.foreach(D.panel_rates, _panel)),
                    size="1",
                    width="100%",
                ),
            ),
            width="100%",
        ),
        width="100%",
    )
    charts = rx.grid(
        _chart_card(
            "CVs by status",
            D.cv_total == 0,
            "No CV yet.",
            _bar_chart(D.status_chart, "count", "blue", "chart-status"),
        ),
        _chart_card(
            "CVs by job title",
            D.job_chart.length() == 0,
            "No CV yet.",
            _row_chart(D.job_chart, "count", "teal", "chart-job", D.job_chart_height),
        ),
        _chart_card(
            "Average rating by job title",
            D.rating_chart.length() == 0,
            "No evaluation yet.",
            _row_chart(
                D.rating_chart,
                "average",
                "amber",
                "chart-rating",
                D.rating_chart_height,
                domain=[RATING_MIN, RATING_MAX],
                caption_key="caption",
            ),
        ),
        panels,
        columns=rx.breakpoints(initial="1", md="2"),
        spacing="4",
        width="100%",
    )
    return workspace(
        "Dashboard",
        rx.cond(
            ~D.loaded,
            skeleton_rows(4, "5rem"),
            rx.vstack(
                stats,
                rx.grid(next_up, week, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%"),
                charts,
                rx.text(
                    D.cv_total,
                    rx.cond(D.cv_total == 1, " CV in total, ", " CVs in total, "),
                    D.cv_counts[CvStatus.ONGOING],
                    " in an interview.",
                    size="2",
                    color_scheme="gray",
                    id="cv-summary",
                ),
                spacing="4",
                width="100%",
            ),
        ),
        actions=live_badge(id="dashboard-live"),
    )
