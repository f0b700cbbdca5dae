"""Live panel results for HR: each candidate's state, progress and score, and a CSV export.

A live page (hr_app.ui.live): loading the component puts the tab in the panel-results set of the
organization; after a committed `Topic.PANELS` change the push re-reads the results off the loop.
Tabs that closed or moved away from a panel page are dropped.
"""

from __future__ import annotations

import dataclasses
import logging
import uuid

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, InterviewPanel, SignalKind
from hr_app.schemas.panels import CandidateProgress, SessionState
from hr_app.schemas.records import CandidateSignals
from hr_app.services import events, integrity, panels
from hr_app.services.panel_results_export import STATE_LABELS, results_csv
from hr_app.services.question_scoring import WAITING_FOR_HAND_SCORING
from hr_app.ui import format, live
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.session import COUNTDOWN_JS  # the browser clock the candidate page uses too

logger = logging.getLogger(__name__)

STATE_COLORS = {
    SessionState.NOT_OPEN: "gray",
    SessionState.OPEN: "blue",
    SessionState.SUBMITTED: "green",
    SessionState.EXPIRED: "red",
}
PANEL_PAGE_PREFIX = "/panels/"


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
    signals: str = ""  # "Left the tab twice (1 min away), pasted once"; "" when none was recorded
    timeline: list[str] = dataclasses.field(default_factory=list)


SIGNAL_WORDS = {
    SignalKind.TAB_HIDDEN: "left the tab",
    SignalKind.TAB_VISIBLE: "came back",
    SignalKind.FOCUS_LOST: "another window in front",
    SignalKind.PASTE: "pasted",
    SignalKind.COPY: "copied",
    SignalKind.SECOND_WINDOW: "the link in a second window",
}
Signals = dict[uuid.UUID, CandidateSignals]  # by panel candidate id


def signal_summary(signals: CandidateSignals | None) -> str:
    if signals is None:
        return ""
    parts = []
    for kind, words in SIGNAL_WORDS.items():
        count = signals.counts.get(kind, 0)
        if count and kind != SignalKind.TAB_VISIBLE:
            away = f" ({format.duration(signals.seconds_away)} away)" if kind == SignalKind.TAB_HIDDEN else ""
            parts.append(f"{words} {_times(count)}{away}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def signal_timeline(signals: CandidateSignals | None, zone: format.Zone) -> list[str]:
    if signals is None:
        return []
    return [
        f"{format.local_clock(event.at, zone)} {SIGNAL_WORDS[event.kind][:1].upper()}{SIGNAL_WORDS[event.kind][1:]}"
        + (f" (question {event.position})" if event.position else "")
        for event in signals.events
    ]


def result_row(item: CandidateProgress, signals: CandidateSignals | None = None, zone: format.Zone = "0") -> ResultRow:
    label = STATE_LABELS[item.state]
    if item.state == SessionState.OPEN:
        label = f"{label} {item.answered}/{item.total}"
    elif item.state == SessionState.SUBMITTED and item.candidate.timed_out:
        label = f"{label} (time ran out)"
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
        score=_score_text(item) if submitted else "",
        signals=signal_summary(signals),
        timeline=signal_timeline(signals, zone),
    )


def _score_text(item: CandidateProgress) -> str:
    """ "7 / 10", "7.5 / 10" with partial credit, and the wait for hand scoring said with the points so far."""
    points = item.candidate.points
    shown = f"{points.normalize():f}" if points % 1 else str(item.candidate.score)
    if item.candidate.hand_scoring_pending:
        return f"{WAITING_FOR_HAND_SCORING.capitalize()} ({shown} / {item.total} so far)"
    return f"{shown} / {item.total}"


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
        submitted = sum(1 for row in self.results if row.state == SessionState.SUBMITTED)
        started = sum(1 for row in self.results if row.state == SessionState.OPEN)
        return f"{submitted} of {len(self.results)} submitted, {started} in progress"

    @rx.var
    def results_running(self) -> bool:
        return self.results_ends_in > 0

    def _panel_id(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(self.router.url.path or "").rstrip("/").rpartition("/")[2])
        except ValueError:
            return None

    def _show(self, panel: InterviewPanel, progress: list[CandidateProgress], signals: Signals | None = None) -> None:
        signals = signals or {}
        self.results = [result_row(item, signals.get(item.candidate.id), self.tz_offset) for item in progress]
        self.results_panel_name = panel.name
        seconds = (panel.end_datetime - utcnow()).total_seconds()
        self.results_ends_in = round(max(0.0, seconds), 3)
        self.results_ends_key = f"results-{uuid.uuid4().hex[:12]}"
        self.results_loaded = True
        self.results_error = ""

    @rx.event
    async def load_results(self):
        """Read the panel's results and register this tab for live updates."""
        panel_id = self._panel_id()
        self.results_loaded = False
        if panel_id is None:
            self.results_error = "Interview panel not found"
            return
        try:
            organization_id, (panel, progress, signals) = await self._as_actor(
                lambda session, actor: (str(actor.organization_id), _results(session, actor, panel_id))
            )
        except DomainError as error:
            self.results = []
            self.results_error = error.message
            self.results_loaded = True
            yield self._handle_domain_error(error)
            return
        self._show(panel, progress, signals)
        self._organization_id = organization_id
        self._results_panel_id = str(panel_id)
        await live.join(PANEL_RESULTS, self._organization_id, self)
        yield rx.call_script(COUNTDOWN_JS)

    @rx.event
    async def refresh_results(self) -> None:
        """The panel's end came (the browser's countdown): the read closes it and scores open sessions."""
        panel_id = self._panel_id()
        if panel_id is None:
            return
        try:
            results = await self._as_actor(lambda session, actor: _results(session, actor, panel_id))
        except DomainError as error:
            self.results_error = error.message
            return
        self._show(*results)

    async def _refresh_from_push(self, push: live.Push) -> bool:
        """Re-read off the loop; False drops the tab (another organization, or left the panel page)."""
        if self._organization_id != push.organization_id or not self._results_panel_id:
            return False
        if not str(self.router.url.path or "").startswith(PANEL_PAGE_PREFIX):
            return False
        organization_id, panel_id = push.organization_id, uuid.UUID(self._results_panel_id)

        def read(session: Session, actor: AppUser) -> Results | None:
            if str(actor.organization_id) != organization_id:
                return None
            return _results(session, actor, panel_id)

        try:
            results = await self._as_actor(read)
        except DomainError:
            return False
        if results is None:
            return False
        self._show(*results)
        return True

    @rx.event
    async def export_results(self) -> rx.event.EventSpec | None:
        panel_id = self._panel_id()
        if panel_id is None:
            return None

        def export(session: Session, actor: AppUser) -> tuple[Results, str]:
            results = _results(session, actor, panel_id)
            return results, results_csv(results[0], results[1])

        try:
            results, data = await self._as_actor(export)
        except DomainError as error:
            return self._handle_domain_error(error)
        self._show(*results)
        return rx.download(data=data, filename=f"panel-results-{panel_id}.csv", mime_type="text/csv")


Results = tuple[InterviewPanel, list[CandidateProgress], Signals]


def _results(session: Session, actor: AppUser, panel_id: uuid.UUID) -> Results:
    """Runs in a worker thread (`AuthState._as_actor`): the panel, each candidate's progress and signals (the
    results read checked access, so the signals need no second read of the panel)."""
    panel, progress = panels.panel_results(session, actor=actor, panel_id=panel_id)
    return panel, progress, integrity.signals_of(session, [item.candidate for item in progress])


PANEL_RESULTS = live.register_page(
    live.LivePage(
        state=PanelResultsState,
        topics=frozenset({events.Topic.PANELS}),
        refresh=PanelResultsState._refresh_from_push,
        tabs="panel-results",
    )
)
