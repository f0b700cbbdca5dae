"""Integrity signals: what the candidate's page noticed during a session, as context for HR, never a verdict.

The page reports leaving the tab, the window losing focus, a paste and a copy; the server itself notices a second
window acting on the same link within `SECOND_WINDOW_GAP` of the first. Nothing here changes a score or closes a
session: HR reads counts and a timeline, worded "signals to discuss, not proof".
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from hr_app.kit.errors import Invalid
from hr_app.kit.limits import SIGNALS_PER_SESSION_MAX, WINDOW_ID_MAX_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, IntegritySignal, InterviewPanel, PanelCandidate, SignalKind, UserCvData
from hr_app.schemas.records import CandidateSignals, SignalEvent
from hr_app.services import events, panel_sessions, panels

MAX_SIGNALS = SIGNALS_PER_SESSION_MAX  # a page stuck in a loop of events must not fill the table
SECOND_WINDOW_GAP = timedelta(minutes=2)
REPORTED_BY_PAGE = frozenset(SignalKind) - {SignalKind.SECOND_WINDOW}


def _in_progress(session: Session, token: str, client: str) -> tuple[PanelCandidate, InterviewPanel, datetime] | None:
    """The opened, unsubmitted session in its window, else None (signals after the end mean nothing)."""
    candidate, panel, _cv = panel_sessions.find_session(session, token=token, client=client)
    now = utcnow()
    if candidate.opened_at is None or candidate.submitted_at is not None or panel.is_deleted:
        return None
    if now >= panel.end_datetime:
        return None
    return candidate, panel, now


def _add(session: Session, candidate: PanelCandidate, kind: SignalKind, at: datetime, position: int | None) -> bool:
    count = session.exec(
        select(func.count()).select_from(IntegritySignal).where(IntegritySignal.panel_candidate_id == candidate.id)
    ).one()
    if count >= MAX_SIGNALS:
        return False
    session.add(IntegritySignal(panel_candidate_id=candidate.id, kind=kind, at=at, position=position))
    return True


def record(
    session: Session, *, token: str, kind: str, position: int | None, window: str, client: str = "unknown"
) -> bool:
    """The page noticed `kind` with the question at `position` on screen; True when it was kept."""
    try:
        signal = SignalKind(kind)
    except ValueError:
        raise Invalid.on("kind", f'"{kind}" is not a valid choice.') from None
    if signal not in REPORTED_BY_PAGE:
        raise Invalid.on("kind", f'"{kind}" is noticed by the server, not reported.')
    found = _in_progress(session, token, client)
    if found is None:
        return False
    candidate, panel, now = found
    seen(session, candidate, window, now, position)
    kept = _add(session, candidate, signal, now, position)
    session.flush()
    if kept:
        events.publish(session, panel.organization_id, events.Topic.PANELS)  # HR's live results show it
    return kept


def seen(session: Session, candidate: PanelCandidate, window: str, now: datetime, position: int | None) -> None:
    """A window acted on the session: a different one than the last, within the gap, is a second window."""
    window = window[:WINDOW_ID_MAX_LENGTH]
    previous, previous_at = candidate.client_id, candidate.client_seen_at
    session.execute(
        update(PanelCandidate)
        .where(PanelCandidate.id == candidate.id)
        .values(client_id=window, client_seen_at=now)
        .execution_options(synchronize_session=False)
    )
    candidate.client_id, candidate.client_seen_at = window, now
    if previous and previous != window and previous_at is not None and now - previous_at <= SECOND_WINDOW_GAP:
        _add(session, candidate, SignalKind.SECOND_WINDOW, now, position)


def note_view(session: Session, *, token: str, window: str, position: int | None, client: str = "unknown") -> None:
    """The page shows the question at `position` in `window` (a load, a move to another question): the time on
    each question (panel_sessions.show_question, which refuses a session that is not in progress) and the window
    (a second one is a signal), from one look-up of the token."""
    candidate, now = panel_sessions.show_question(session, token=token, position=position, client=client)
    seen(session, candidate, window, now, position)
    session.flush()


# ---- what HR reads -------------------------------------------------------------------------------------


def _seconds_away(events: list[SignalEvent]) -> int:
    total, left = 0.0, None
    for event in events:
        if event.kind == SignalKind.TAB_HIDDEN and left is None:
            left = event.at
        elif event.kind == SignalKind.TAB_VISIBLE and left is not None:
            total += (event.at - left).total_seconds()
            left = None
    return round(total)


def signals_of(session: Session, candidates: list[PanelCandidate]) -> dict[uuid.UUID, CandidateSignals]:
    """The signals of these panel candidates (already read by a caller that checked access), by panel candidate id:
    one statement."""
    ids = [candidate.id for candidate in candidates]
    rows = (
        session.exec(
            select(IntegritySignal)
            .where(col(IntegritySignal.panel_candidate_id).in_(ids))
            .order_by(col(IntegritySignal.at), col(IntegritySignal.id))
        ).all()
        if ids
        else []
    )
    events: dict[uuid.UUID, list[SignalEvent]] = defaultdict(list)
    for row in rows:
        events[row.panel_candidate_id].append(SignalEvent(SignalKind(row.kind), row.at, row.position))
    found = {}
    for candidate in candidates:
        mine = events.get(candidate.id, [])
        counts = Counter(event.kind for event in mine)
        found[candidate.id] = CandidateSignals(candidate, dict(counts), mine, _seconds_away(mine))
    return found


def panel_signals(
    session: Session, *, actor: AppUser, panel_id: uuid.UUID
) -> list[tuple[UserCvData, CandidateSignals]]:
    """Every candidate of a panel with their signals (admin and hr), in the panel's order: a fixed number of
    statements."""
    view = panels.get_panel(session, actor=actor, panel_id=panel_id)
    found = signals_of(session, [candidate for candidate, _cv in view.candidates])
    return [(cv, found[candidate.id]) for candidate, cv in view.candidates]
