"""The live ongoing board and the navigation's ongoing count (a live page of hr_app.ui.live).

A push that names its interviews patches just those cards (read once per push for every tab, the blind rule
applied per tab); a tab whose board version is not the one before the push's missed one, and re-reads whole.
"""

from __future__ import annotations

import dataclasses
import functools
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TypeVar

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import RATING_FIELDS, AppUser
from hr_app.schemas.records import InterviewRecord, average_rating
from hr_app.services import interview_team, interviews, scheduling, scorecards
from hr_app.ui import format, live, routes
from hr_app.ui.states.auth import AuthState

T = TypeVar("T")


@dataclasses.dataclass
class BoardCard:
    id: str = ""
    url: str = ""
    candidate_name: str = ""
    candidate_email: str = ""
    job_title: str = ""
    place: str = ""
    interviewer_name: str = ""
    scheduled_at: str = ""
    scheduled_local: str = ""
    relative: str = ""
    is_late: bool = False
    ratings_given: int = 0
    average: str = ""
    status: str = ""
    clash_with: str = ""  # the interviewer's nearest other interview within the clash window, if any
    clash_at: str = ""
    clash_text: str = ""
    round_label: str = ""  # "Round 2" from a CV's second interview on; empty for a first interview
    scorecards_in: str = ""  # "2 of 3 scorecards in" (issue 18); empty without interviewers


def round_label(number: int) -> str:
    return f"Round {number}" if number > 1 else ""


def clash_text(name: str, at: datetime | None, tz_offset: format.Zone) -> str:
    return f"Clash: {name} at {format.local_time(at, tz_offset)}" if name else ""


def board_card(
    record: InterviewRecord,
    tz_offset: format.Zone,
    now: datetime,
    clash: scheduling.BoardClash | None = None,
    progress: interview_team.Progress | None = None,
) -> BoardCard:
    interview, cv, evaluation = record.interview, record.candidate, record.evaluation
    given = sum(1 for field in RATING_FIELDS if evaluation is not None and getattr(evaluation, field) is not None)
    average = average_rating(evaluation)
    return BoardCard(
        id=str(interview.id),
        url=routes.interview_url(str(interview.id)),
        candidate_name=cv.name,
        candidate_email=cv.email,
        job_title=record.job_title_name or "",
        place=cv.place,
        interviewer_name=record.interviewer.full_name if record.interviewer else "",
        scheduled_at=format.iso(interview.scheduled_at),
        scheduled_local=format.local_time(interview.scheduled_at, tz_offset),
        relative=format.relative_to_now(interview.scheduled_at, now),
        is_late=interview.scheduled_at < now,
        ratings_given=given,
        average=format.average_label(average) if average is not None else "",
        status=interview.status,
        clash_with=clash.other_candidate if clash else "",
        clash_at=format.iso(clash.other_scheduled_at) if clash else "",
        clash_text=clash_text(clash.other_candidate, clash.other_scheduled_at, tz_offset) if clash else "",
        round_label=round_label(interview.round),
        scorecards_in=format.scorecards_in(*progress) if progress and progress.total else "",
    )


# Every 30 s the board re-words "in 20 min" without a database read (the hidden button calls `tick`).
TICK_SCRIPT = "window.__hrBoardTick ||= setInterval(() => document.getElementById('board-tick')?.click(), 30000)"


def ongoing_records(session: Session, actor: AppUser) -> list[InterviewRecord]:
    records = interviews.list_ongoing_interviews(session, actor=actor)
    records.sort(key=lambda record: record.interview.scheduled_at)
    return records


# The cards, what the blind rule needs, and the scorecards in of every card (all read at once).
Board = tuple[list[InterviewRecord], scorecards.Visibility, dict[uuid.UUID, interview_team.Progress]]


def ongoing_board(session: Session, actor: AppUser) -> Board:
    """The organization's ongoing interviews, whole, with what the blind rule needs: read once per push for every
    tab of the organization, then each tab leaves out what its viewer may not see (`LiveState._show`)."""
    records = ongoing_records(session, actor)
    visibility = scorecards.visibility_of(session, actor.organization_id, [r.interview.id for r in records])
    return records, visibility, interview_team.scorecard_progress(session, [r.interview for r in records])


def changed_board(session: Session, actor: AppUser, interview_ids: Iterable[str]) -> Board:
    """`ongoing_board` for just these interviews (those no longer ongoing are left out: their cards go)."""
    records = interviews.ongoing_interviews_among(session, actor=actor, interview_ids=interview_ids)
    ids = [record.interview.id for record in records]
    visibility = scorecards.visibility_of(session, actor.organization_id, ids)
    return records, visibility, interview_team.scorecard_progress(session, [r.interview for r in records])


def _board_and_organization(session: Session, actor: AppUser) -> tuple[Board, str, int]:
    window = scheduling.clash_window(session, actor.organization_id)
    return ongoing_board(session, actor), str(actor.organization_id), window


def _organization_of(_session: Session, actor: AppUser) -> str:
    return str(actor.organization_id)


def _slot(card: BoardCard, interviewers: dict[str, int]) -> scheduling.ClashSlot:
    when = format.parse_iso(card.scheduled_at) or datetime.now(UTC)
    return scheduling.ClashSlot(uuid.UUID(card.id), interviewers.get(card.id), when, card.candidate_name)


def _scheduled(card: BoardCard) -> str:
    return card.scheduled_at


class LiveState(AuthState):
    """Every workspace tab registers here (for the nav badge); the board page shows the cards."""

    cards: list[BoardCard] = []
    board_loaded: bool = False
    board_search: str = ""
    _organization_id: str = ""
    _page: str = ""  # the route this tab is on, so a push can refresh that page's own list too
    _clash_window: int | None = None  # the organization's, read when the tab joins
    _version: int = 0  # the organization's board version these cards show (live.board_version)
    _interviewers: dict[str, int] = {}  # card id -> its interviewer, so a one-card push can re-judge every clash

    @rx.var
    def ongoing_count(self) -> int:
        return len(self.cards)

    @rx.var
    def visible_cards(self) -> list[BoardCard]:
        """The cards the filter keeps; empty without a filter, where the board shows `cards` (a push then sends
        the list once, not twice)."""
        if not self.board_search:
            return []
        needle = self.board_search.strip().lower()
        if not needle:
            return self.cards
        return [
            card
            for card in self.cards
            if needle in f"{card.candidate_name} {card.job_title} {card.place} {card.interviewer_name}".lower()
        ]

    def _show(self, board: Board) -> None:
        whole, visibility, progress = board
        records = scorecards.blind_records(whole, visibility, self.user_id, self.user_role)  # never a blind card
        now = datetime.now(UTC)
        clashes = scheduling.board_clashes(records, self._clash_window)
        cards = []
        for record in records:
            found = record.interview.id
            cards.append(board_card(record, self.tz_offset, now, clashes.get(found), progress.get(found)))
        self.cards = cards
        self._interviewers = _interviewers_of(records)
        self.board_loaded = True

    def _patch(self, part: Board, changed: frozenset[str]) -> None:
        """The changed cards replaced, added or (no longer ongoing) removed; the others kept as they are."""
        found, visibility, progress = part
        records = scorecards.blind_records(found, visibility, self.user_id, self.user_role)  # never a blind card
        now = datetime.now(UTC)
        fresh = [board_card(r, self.tz_offset, now, None, progress.get(r.interview.id)) for r in records]
        kept = [card for card in self.cards if card.id not in changed]
        interviewers = {key: value for key, value in self._interviewers.items() if key not in changed}
        interviewers.update(_interviewers_of(records))
        cards = sorted(fresh + kept, key=_scheduled)  # as the full read: by time (a changed card first on a tie)
        self._reclash(cards, interviewers)
        self.cards, self._interviewers = cards, interviewers

    def _reclash(self, cards: list[BoardCard], interviewers: dict[str, int]) -> None:
        """A card that moved, came or went changes its neighbours' clashes too: re-judged from what cards hold."""
        clashes = scheduling.slot_clashes([_slot(card, interviewers) for card in cards], self._clash_window)
        for card in cards:
            clash = clashes.get(uuid.UUID(card.id))
            name, at = (clash.other_candidate, clash.other_scheduled_at) if clash else ("", None)
            if (card.clash_with, card.clash_at) != (name, format.iso(at)):
                card.clash_with, card.clash_at = name, format.iso(at)
                card.clash_text = clash_text(name, at, self.tz_offset)

    @rx.event
    async def watch(self):
        """on_load of every workspace page (after require_login): load the board and register the tab."""
        if not self.is_authenticated:
            return
        self._page = self.router.url.path or ""
        try:
            # Joined before the version and the read: a change after the read reaches this tab as a push.
            organization_id = self._organization_id or await self._as_actor(_organization_of)
            await live.join_workspace(organization_id, self, self._page)
            version = await live.board_version(organization_id)
            board, read_for, self._clash_window = await self._as_actor(_board_and_organization)
        except DomainError as error:
            yield self._handle_domain_error(error)
            return
        if read_for != organization_id:  # signed in to another organization since: its next push re-reads
            await live.join_workspace(read_for, self, self._page)
            version = -1
        self._show(board)
        self._organization_id, self._version = read_for, version
        yield rx.call_script("new Date().getTimezoneOffset()", callback=LiveState.apply_timezone)
        yield rx.call_script(TICK_SCRIPT)

    @rx.event
    def apply_timezone(self, value: int | str) -> None:
        self._store_tz_offset(value)
        self._reword_times()

    async def _refresh_from_push(self, push: live.Push) -> bool:
        """The board follows; False when this tab no longer belongs to the organization.

        The signed-in user is re-checked from the tab's own token; the list is read once per push
        for all the organization's tabs, and each tab words the times in its own zone.
        """
        if self._organization_id != push.organization_id:
            return False
        if push.changed is not None and push.version == self._version + 1:
            read = functools.partial(changed_board, interview_ids=sorted(push.changed))
            part = await push.shared(self.auth_token, "ongoing-changed", read)
            if part is None:
                return False
            self._patch(part, push.changed)
        else:  # a change that did not say which cards, or this tab missed a push: the whole board
            board = await push.shared(self.auth_token, "ongoing", ongoing_board)
            if board is None:
                return False
            self._show(board)
        self._version = push.version
        return True

    @rx.event
    def tick(self) -> None:
        """Re-word the relative times ("in 20 min") as the clock moves; no database read."""
        self._reword_times()

    def _reword_times(self) -> None:
        now = datetime.now(UTC)
        for card in self.cards:
            when = format.parse_iso(card.scheduled_at)
            card.relative = format.relative_to_now(when, now)
            card.is_late = when is not None and when < now
            card.scheduled_local = format.local_time(when, self.tz_offset)
            if card.clash_with:
                card.clash_text = clash_text(card.clash_with, format.parse_iso(card.clash_at), self.tz_offset)
        self.cards = list(self.cards)

    @rx.event
    def set_board_search(self, value: str) -> None:
        self.board_search = value


def _interviewers_of(records: list[InterviewRecord]) -> dict[str, int]:
    return {str(r.interview.id): r.interview.interviewer_id for r in records if r.interview.interviewer_id is not None}


# Every workspace tab shows the board's count (the nav badge) and, on /ongoing, the board.
BOARD = live.register_page(
    live.LivePage(
        state=LiveState,
        topics=live.BOARD_TOPICS,
        refresh=LiveState._refresh_from_push,
        tabs=live.WORKSPACE,
        route=lambda _path: True,
    )
)
