"""Live panel results for HR: each candidate's state, progress and score, and a CSV export.

Live the same way as the ongoing board (hr_app/ui/live.py, TOOLCHAIN "Live updates"): loading the
component registers the tab's client token in the live registry under a panel-results key of the
organization; after a service commits a `Topic.PANELS` change, `on_panel_events` opens each
registered, connected tab's `PanelResultsState` with `app.modify_state` and has it re-read the
results from the database. Tabs that closed or moved away from a panel page are dropped.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import uuid
from concurrent.futures import Future

import reflex as rx
from sqlmodel import Session

from hr_app.db import session_scope
from hr_app.kit.errors import DomainError
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, InterviewPanel
from hr_app.schemas.panels import CandidateProgress, SessionState
from hr_app.services import events, panels
from hr_app.services.panel_results_export import STATE_LABELS, results_csv
from hr_app.ui import live
from hr_app.ui.states.auth import AuthState

logger = logging.getLogger(__name__)

STATE_COLORS = {
    SessionState.NOT_OPEN: "gray",
    SessionState.OPEN: "blue",
    SessionState.SUBMITTED: "green",
    SessionState.EXPIRED: "red",
}
PANEL_PAGE_PREFIX = "/panels/"


def registry_key(organization_id: str) -> str:
    """Panel-results tabs live in their own set of the live registry, beside the board's tabs."""
    return f"panel-results:{organization_id}"


@dataclasses.dataclass
class ResultRow:
    uuid: str = ""
    name: str = ""
    email: str = ""
    state: str = ""
    label: str = ""
    color: str = "gray"
    answered: int = 0
    total: int = 0
    score: str = ""  # "7 / 10" once submitted


def result_row(item: CandidateProgress) -> ResultRow:
    label = STATE_LABELS[item.state]
    if item.state == SessionState.OPEN:
        label = f"{label} {item.answered}/{item.total}"
    submitted = item.state == SessionState.SUBMITTED
    return ResultRow(
        uuid=str(item.candidate.id),
        name=item.cv.name,
        email=item.cv.email,
        state=item.state.value,
        label=label,
        color=STATE_COLORS[item.state],
        answered=item.answered,
        total=item.total,
        score=f"{item.candidate.score} / {item.total}" if submitted else "",
    )


class PanelResultsState(AuthState):
    results: list[ResultRow] = []
    results_panel_name: str = ""
    results_loaded: bool = False
    results_error: str = ""
    # Seconds until the panel ends (the browser refreshes the results then), and a key per computation.
    results_ends_in: float = 0.0
    results_ends_key: str = ""
    _organization_id: str = ""
    _results_panel_id: str = ""

    @rx.var
    def results_summary(self) -> str:
        submitted = sum(1 for row in self.results if row.state == SessionState.SUBMITTED.value)
        started = sum(1 for row in self.results if row.state == SessionState.OPEN.value)
        return f"{submitted} of {len(self.results)} submitted, {started} in progress"

    @rx.var
    def results_running(self) -> bool:
        return self.results_ends_in > 0

    def _panel_id(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(self.router.url.path or "").rstrip("/").rpartition("/")[2])
        except ValueError:
            return None

    def _read(self, session: Session, actor: AppUser, panel_id: uuid.UUID) -> None:
        panel, progress = panels.panel_results(session, actor=actor, panel_id=panel_id)
        self._show(panel, progress)

    def _show(self, panel: InterviewPanel, progress: list[CandidateProgress]) -> None:
        self.results = [result_row(item) for item in progress]
        self.results_panel_name = panel.name
        seconds = (panel.end_datetime - utcnow()).total_seconds()
        self.results_ends_in = round(max(0.0, seconds), 3)
        self.results_ends_key = f"results-{uuid.uuid4().hex[:12]}"
        self.results_loaded = True
        self.results_error = ""

    @rx.event
    async def load_results(self):
        """Read the panel's results and register this tab for live updates."""
        global _loop
        _loop = asyncio.get_running_loop()
        panel_id = self._panel_id()
        self.results_loaded = False
        if panel_id is None:
            self.results_error = "Interview panel not found"
            return
        try:
            with session_scope() as session:
                actor = self.actor(session)
                self._read(session, actor, panel_id)
                self._organization_id = str(actor.organization_id)
                self._results_panel_id = str(panel_id)
        except DomainError as error:
            self.results = []
            self.results_error = error.message
            self.results_loaded = True
            yield self.handle_domain_error(error)
            return
        await live.registry().add(registry_key(self._organization_id), self.router.session.client_token)
        from hr_app.ui.states.session import COUNTDOWN_JS  # the browser clock the candidate page uses too

        yield rx.call_script(COUNTDOWN_JS)

    @rx.event
    def refresh_results(self) -> None:
        """The panel's end came (the browser's countdown): the read closes it and scores open sessions."""
        panel_id = self._panel_id()
        if panel_id is None:
            return
        try:
            with session_scope() as session:
                self._read(session, self.actor(session), panel_id)
        except DomainError as error:
            self.results_error = error.message

    def refresh_from_push(self, organization_id: str) -> bool:
        """Inside modify_state: re-read; False drops the tab (another organization, or left the panel page)."""
        if self._organization_id != organization_id or not self._results_panel_id:
            return False
        if not str(self.router.url.path or "").startswith(PANEL_PAGE_PREFIX):
            return False
        try:
            with session_scope() as session:
                actor = self.actor(session)
                if str(actor.organization_id) != organization_id:
                    return False
                self._read(session, actor, uuid.UUID(self._results_panel_id))
        except DomainError:
            return False
        return True

    @rx.event
    def export_results(self) -> rx.event.EventSpec | None:
        panel_id = self._panel_id()
        if panel_id is None:
            return None
        try:
            with session_scope() as session:
                panel, progress = panels.panel_results(session, actor=self.actor(session), panel_id=panel_id)
                self._show(panel, progress)
                data = results_csv(panel, progress)
        except DomainError as error:
            return self.handle_domain_error(error)
        return rx.download(data=data, filename=f"panel-results-{panel_id}.csv", mime_type="text/csv")


# ---- the push ------------------------------------------------------------------------------------

_loop: asyncio.AbstractEventLoop | None = None
_tasks: set[asyncio.Task[None]] = set()


async def push_results(organization_id: str) -> int:
    """Refresh every connected panel-results tab of the organization; returns how many were refreshed."""
    return await live.push_tabs(
        registry_key(organization_id), lambda app, token, _batch: _push_one(app, organization_id, token)
    )


async def _push_one(app: rx.App, organization_id: str, token: str) -> bool:
    try:
        async with app.modify_state(rx.BaseStateToken(ident=token, cls=PanelResultsState)) as root:
            state = await root.get_state(PanelResultsState)
            return state.refresh_from_push(organization_id)
    except Exception:
        logger.exception("Live push of panel results failed")
        return True


async def _push_all(organization_ids: set[str]) -> None:
    for organization_id in sorted(organization_ids):
        await push_results(organization_id)


def on_panel_events(batch: list[events.ChangeEvent]) -> None:
    """events subscriber: after a committed panel change, schedule the push (never wait for it)."""
    organizations = {event.organization_id for event in batch if event.topic == events.Topic.PANELS}
    loop = _loop or live._loop  # the loop the live layer binds at startup, else the one a load saw
    if not organizations or loop is None or loop.is_closed():
        return
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        task = loop.create_task(_push_all(organizations))
        _tasks.add(task)
        task.add_done_callback(_tasks.discard)
    else:
        future: Future[None] = asyncio.run_coroutine_threadsafe(_push_all(organizations), loop)
        future.add_done_callback(_log_failure)


def _log_failure(future: Future[None]) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error("Live push of panel results failed", exc_info=future.exception())


events.subscribe(on_panel_events)
