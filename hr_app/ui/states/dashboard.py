"""/ : the hiring dashboard (CV counts, this week's interviews, ratings, panel pass rates), live: hr_app.ui.live
re-reads the figures after a change made anywhere (CVs, interviews, evaluations, panels)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser
from hr_app.services import dashboard
from hr_app.services.events import Topic
from hr_app.ui import routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, on_page, register_page
from hr_app.ui.states.auth import AuthState


@dataclasses.dataclass
class DayCount:
    label: str = ""
    count: int = 0
    height: int = 0  # percent of the busiest day


@dataclasses.dataclass
class PanelRate:
    id: str = ""
    name: str = ""
    url: str = ""
    is_active: bool = False
    candidates: int = 0
    submitted: int = 0
    pass_rate: str = ""


ROW_PX, AXIS_PX, MIN_CHART_PX = 32, 40, 200


def chart_height(rows: int) -> int:
    """A chart lying on its side grows with its rows (one per job title), so names never crowd."""
    return max(MIN_CHART_PX, rows * ROW_PX + AXIS_PX)


def shared_figures(session: Session, actor: AppUser) -> dict[str, Any]:
    """The organization's figures: read once per live push for all its dashboard tabs (PushBatch.shared)."""
    return dashboard.hiring_dashboard(session, actor=actor)


class DashboardState(AuthState):
    loaded: bool = False
    cv_counts: dict[str, int] = {}
    week_label: str = ""
    week_total: int = 0
    days: list[DayCount] = []
    panel_rates: list[PanelRate] = []
    # The charts' data (rx.recharts takes a list of plain mappings).
    status_chart: list[dict[str, str | int]] = []
    job_chart: list[dict[str, str | int]] = []
    rating_chart: list[dict[str, str | float]] = []  # name, average (0-10), caption ("8.2 · 3 rated")
    week_chart: list[dict[str, str | int]] = []

    @rx.var
    def cv_total(self) -> int:
        return sum(self.cv_counts.values())

    @rx.var
    def job_chart_height(self) -> int:
        return chart_height(len(self.job_chart))

    @rx.var
    def rating_chart_height(self) -> int:
        return chart_height(len(self.rating_chart))

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        if not self.is_authenticated:
            return None
        try:
            figures = await self._as_actor(shared_figures)
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(figures)
        return None

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made anywhere (a tab, the API, a candidate's panel session): every figure follows."""
        figures = await push.shared(self.auth_token, "dashboard", shared_figures)
        if figures is None:
            return False
        if self.loaded:
            self._show(figures)
        return True

    def _show(self, figures: dict[str, Any]) -> None:
        self.cv_counts = dict(figures["cvs_by_status"])
        week = figures["interviews_this_week"]
        self.week_label, self.week_total = week["week"], week["total"]
        busiest = max((day["count"] for day in week["by_day"]), default=0) or 1
        self.days = [
            DayCount(
                label=date.fromisoformat(day["date"]).strftime("%a %d"),
                count=day["count"],
                height=round(100 * day["count"] / busiest),
            )
            for day in week["by_day"]
        ]
        self.status_chart = [
            {"name": status.capitalize(), "count": int(count)} for status, count in self.cv_counts.items()
        ]
        self.job_chart = [{"name": row["job_title"], "count": int(row["total"])} for row in figures["cvs_by_job_title"]]
        self.rating_chart = [
            {
                "name": row["job_title"],
                "average": float(row["average_rating"]),
                "caption": f"{row['average_rating']:.1f} · {row['rated_interviews']} rated",
            }
            for row in figures["average_rating_by_job_title"]
            if row["average_rating"] is not None
        ]
        self.week_chart = [{"name": day.label, "count": day.count} for day in self.days]
        self.panel_rates = [
            PanelRate(
                id=row["panel_id"],
                name=row["name"],
                url=routes.panel_url(row["panel_id"]),
                is_active=row["is_active"],
                candidates=row["candidates"],
                submitted=row["submitted"],
                pass_rate="" if row["pass_rate"] is None else f"{row['pass_rate']:.0f}%",
            )
            for row in figures["panel_pass_rates"]
        ]
        self.loaded = True
        return None


# The dashboard's figures count CVs, interviews and panel sessions: a panel change alone reaches it too.
DASHBOARD_PAGE = register_page(
    LivePage(
        state=DashboardState,
        topics=BOARD_TOPICS | {Topic.PANELS},
        refresh=DashboardState._refresh_from_push,
        tabs="dashboard",
        route=lambda path: on_page(path, routes.HOME),
    )
)
