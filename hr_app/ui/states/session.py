"""/session/[token]: the candidate's side of a panel. Public: the token in the URL is the only credential.

Every handler calls one service of `panel_sessions` (or `session_timeout`) in one unit of work in a
worker thread (`in_unit_of_work`: nobody is signed in here); the state only holds what the page shows.
The countdowns run in the browser (`COUNTDOWN_JS`), from a
number of seconds computed by the server, so the candidate's clock does not matter; at zero the script
clicks a hidden button that asks the server what happens next (open, or time out).
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import uuid
from datetime import datetime

import reflex as rx

from hr_app.kit.errors import Conflict, DomainError, Forbidden, Gone, Invalid, TooManyRequests
from hr_app.kit.limits import TEXT_ANSWER_MAX_LENGTH
from hr_app.kit.time import utcnow
from hr_app.models import Difficulty, QuestionType
from hr_app.schemas.panels import SessionOut, SessionQuestionOut, SessionResultOut, SessionSnapshot, SessionStatus
from hr_app.schemas.panels import SessionState as Stage
from hr_app.services import integrity, panel_sessions, session_timeout
from hr_app.ui.client_address import client_address
from hr_app.ui.offloop import in_unit_of_work

# What the page shows, in order of a normal visit.
LOADING, INVALID, LIMITED, BEFORE, START, ANSWERING, DONE = (
    "loading",
    "invalid",
    "limited",
    "before",
    "start",
    "answering",
    "done",
)
DIFFICULTY_LABELS = {level: level.capitalize() for level in Difficulty}
_stamps = itertools.count(1)

COUNTDOWN_JS = """
(() => {
  if (window.__hrCountdown) return;
  window.__hrCountdown = true;
  const bases = {};
  const pad = (n) => String(n).padStart(2, "0");
  const format = (seconds) => {
    const s = Math.max(0, Math.ceil(seconds));
    const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    const clock = (d || h ? pad(h) + ":" : "") + pad(m) + ":" + pad(s % 60);
    return d ? d + (d === 1 ? " day " : " days ") + clock : clock;
  };
  const localTime = (iso) => new Date(iso).toLocaleString(undefined, {
    weekday: "long", year: "numeric", month: "long", day: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
  const tick = () => {
    const now = performance.now();
    document.querySelectorAll("[data-countdown]").forEach((el) => {
      const key = el.dataset.countdownKey;
      if (!(key in bases)) bases[key] = now;
      const left = parseFloat(el.dataset.countdown) - (now - bases[key]) / 1000;
      const text = format(left);
      if (el.textContent !== text) el.textContent = text;
      const say = el.dataset.countdownAnnounce;  // a polite live region: told at 5 and 1 minutes, not each second
      if (say) {
        const before = el.__left;
        el.__left = left;
        [[300, "5 minutes left"], [60, "1 minute left"]].forEach(([at, words]) => {
          const out = document.getElementById(say);
          if (before > at && left <= at && out) out.textContent = words;
        });
      }
      const fire = el.dataset.countdownFire;
      if (left <= 0 && fire && el.__fired !== key) {
        el.__fired = key;
        const button = document.getElementById(fire);
        if (button) button.click();
      }
    });
    document.querySelectorAll("[data-local-time]").forEach((el) => {
      const text = localTime(el.dataset.localTime);
      if (el.textContent !== text) el.textContent = text;
    });
  };
  tick();
  setInterval(tick, 250);
})();
"""


# While answering, the page presses a hidden button (#signal-<kind>) when it notices one of these; the state
# records it (services/integrity.py). Bursts of the same kind within a second count once.
SIGNALS_JS = """
(() => {
  if (window.__hrSignals) return;
  window.__hrSignals = true;
  const last = {};
  const press = (kind) => {
    const now = Date.now();
    if (last[kind] && now - last[kind] < 1000) return;
    last[kind] = now;
    const button = document.getElementById("signal-" + kind);
    if (button && document.getElementById("session-answering")) button.click();
  };
  document.addEventListener("visibilitychange", () => press(document.hidden ? "tab_hidden" : "tab_visible"));
  window.addEventListener("blur", () => { if (!document.hidden) press("focus_lost"); });
  document.addEventListener("paste", () => press("paste"));
  document.addEventListener("copy", () => press("copy"));
})();
"""


@dataclasses.dataclass
class QuestionItem:
    """One drawn question as the candidate sees it (never the correct option)."""

    uuid: str = ""
    number: int = 0
    text: str = ""
    difficulty: str = ""
    options: list[str] = dataclasses.field(default_factory=list)
    selected: str = ""  # the chosen option's index as text ("" = unanswered), as the radio group wants
    kind: str = QuestionType.SINGLE_CHOICE  # the radio group (single choice, true/false), checkboxes, a text area
    picked: list[str] = dataclasses.field(default_factory=list)  # multiple choice: the ticked indexes, as text
    answer_text: str = ""  # free text
    answered: bool = False


def _item(question: SessionQuestionOut, saved: object) -> QuestionItem:
    """A question of the public shape with its saved answer (an index, a list of indexes or a text)."""
    item = QuestionItem(
        uuid=str(question.uuid),
        number=question.position,
        text=question.text,
        difficulty=DIFFICULTY_LABELS.get(question.difficulty, question.difficulty),
        options=list(question.options),
        kind=question.type or QuestionType.SINGLE_CHOICE,
    )
    if isinstance(saved, list):
        item.picked = [str(index) for index in saved]
    elif isinstance(saved, str):
        item.answer_text = saved
    elif saved is not None:
        item.selected = str(saved)
    return _with(item)


def _with(item: QuestionItem, **changes: object) -> QuestionItem:
    item = dataclasses.replace(item, **changes)  # type: ignore[arg-type]
    item.answered = item.selected != "" or bool(item.picked) or bool(item.answer_text.strip())
    return item


def _result_fields(result: SessionResultOut) -> dict[str, object]:
    return {
        "show_scores": result.show_scores,
        "score": result.score or 0,
        "score_pending": bool(result.score_pending),
        "result_total": result.total,
        "breakdown": [
            DifficultyScore(DIFFICULTY_LABELS[level], item.correct, item.total)
            for level, item in (result.breakdown or {}).items()
            if item.total
        ],
    }


def _toggled(picked: list[str], option: str, checked: bool) -> list[str]:
    return sorted({*picked, option} if checked else set(picked) - {option}, key=int)


def _answer_of(item: QuestionItem) -> int | list[int] | str | None:
    """The item's answer as the session service takes it (None: unanswered)."""
    if item.kind == QuestionType.MULTIPLE_CHOICE:
        return [int(index) for index in item.picked] or None
    if item.kind == QuestionType.FREE_TEXT:
        return item.answer_text.strip() or None
    return int(item.selected) if item.selected != "" else None


@dataclasses.dataclass
class DifficultyScore:
    label: str = ""
    correct: int = 0
    total: int = 0


def _seconds_until(moment: datetime) -> float:
    return max(0.0, round((moment - utcnow()).total_seconds(), 3))


async def _report_view(token: str, client: str, window: str, position: int | None) -> None:
    """The question on screen (for the time on each) and the window showing it (a second one is a signal)."""
    with contextlib.suppress(DomainError):  # time up or submitted elsewhere: the next answer or the clock shows it
        await in_unit_of_work(
            lambda session: integrity.note_view(session, token=token, window=window, position=position, client=client)
        )


async def _report_signal(token: str, client: str, window: str, kind: str, position: int | None) -> None:
    with contextlib.suppress(DomainError):
        await in_unit_of_work(
            lambda session: integrity.record(
                session, token=token, kind=kind, position=position, window=window, client=client
            )
        )


class CandidateSessionState(rx.State):
    phase: str = LOADING
    panel_name: str = ""
    description: str = ""
    candidate_name: str = ""
    start_iso: str = ""
    question_count: int = 0
    time_limit_minutes: int = 0  # 0: no limit of the candidate's own (the panel's window)
    questions: list[QuestionItem] = []
    current_index: int = 0
    all_on_one_page: bool = False
    # The running countdown (to the start before the window, to the end during it).
    countdown_seconds: float = 0.0
    countdown_key: str = ""
    save_note: str = ""
    # The result.
    show_scores: bool = True
    score: int = 0
    score_pending: bool = False  # a free-text answer waits for HR's hand score
    result_total: int = 0
    breakdown: list[DifficultyScore] = []
    timed_out: bool = False
    retry_after: int = 0

    # ---- computed ---------------------------------------------------------------------------------

    @rx.var
    def answered_count(self) -> int:
        return sum(1 for item in self.questions if item.answered)

    @rx.var
    def progress_percent(self) -> int:
        return round(100 * self.answered_count / len(self.questions)) if self.questions else 0

    @rx.var
    def unanswered_numbers(self) -> str:
        """ "2, 5 and 7" (empty when every question has an answer)."""
        numbers = [str(item.number) for item in self.questions if not item.answered]
        if len(numbers) <= 1:
            return "".join(numbers)
        return f"{', '.join(numbers[:-1])} and {numbers[-1]}"

    @rx.var
    def current_question(self) -> QuestionItem:
        if not self.questions:
            return QuestionItem()
        return self.questions[min(self.current_index, len(self.questions) - 1)]

    @rx.var
    def is_first(self) -> bool:
        return self.current_index <= 0

    @rx.var
    def is_last(self) -> bool:
        return self.current_index >= len(self.questions) - 1

    # ---- plumbing -----------------------------------------------------------------------------

    def _token(self) -> str:
        """The last segment of /session/<token> (the browser's URL, as the route param is)."""
        return str(self.router.url.path or "").rstrip("/").rpartition("/")[2]

    def _client(self) -> str:
        return client_address(self)

    def _countdown_to(self, moment: datetime) -> None:
        self.countdown_seconds = _seconds_until(moment)
        self.countdown_key = f"{self.phase}-{next(_stamps)}-{uuid.uuid4().hex[:8]}"

    def _show(self, snapshot: SessionSnapshot) -> None:
        """Take the service's snapshot (through the API's public shape) into the page."""
        view = SessionOut.of(snapshot)
        panel = snapshot.panel
        self.panel_name = view.panel_name
        self.description = view.description
        self.candidate_name = view.candidate_name
        self.start_iso = view.start_datetime.isoformat()
        self.question_count = view.total_number_of_questions
        self.time_limit_minutes = view.time_limit_minutes or 0
        self.timed_out = self.timed_out or view.status == SessionStatus.TIMED_OUT
        self.questions = [_item(question, view.answers.get(question.uuid)) for question in view.questions]
        self.current_index = min(self.current_index, max(len(self.questions) - 1, 0))
        if view.result is not None:
            self.phase = DONE
            for name, value in _result_fields(view.result).items():
                setattr(self, name, value)
        elif utcnow() < panel.start_datetime:
            self.phase = BEFORE
            self._countdown_to(panel.start_datetime)
        else:
            self.phase = ANSWERING if view.state == Stage.OPEN else START
            self._countdown_to(snapshot.deadline or min(panel.end_datetime, snapshot.candidate.token_expires_at))

    def _fail(self, error: DomainError) -> None:
        """Unknown, expired and deleted links all get the same page; too many bad links a 429 page."""
        if isinstance(error, TooManyRequests):
            self.phase = LIMITED
            self.retry_after = error.retry_after
        else:
            self.phase = INVALID
        self.questions = []
        self.panel_name = self.description = self.candidate_name = ""

    async def _view(self, *, open_session: bool = False) -> None:
        token, client = self._token(), self._client()
        try:
            self._show(
                await in_unit_of_work(
                    lambda session: panel_sessions.session_view(
                        session, token=token, client=client, open_session=open_session
                    )
                )
            )
        except DomainError as error:
            self._fail(error)

    def _position(self) -> int | None:
        return None if self.all_on_one_page or not self.questions else self.questions[self.current_index].number

    async def _track_shown(self) -> None:
        """Tell the server which question is on screen (none when all are) and which window shows it."""
        if self.phase == ANSWERING and self.questions:
            await _report_view(self._token(), self._client(), self._window(), self._position())

    def _window(self) -> str:
        return self.router.session.client_token or "unknown"

    @rx.event
    async def signal(self, kind: str) -> None:
        """The page noticed the candidate leave the tab, paste, copy... (SIGNALS_JS): kept as context for HR."""
        if self.phase == ANSWERING:
            await _report_signal(self._token(), self._client(), self._window(), kind, self._position())

    async def _time_out(self) -> None:
        token, client = self._token(), self._client()
        try:
            self._show(
                await in_unit_of_work(lambda session: session_timeout.time_out(session, token=token, client=client))
            )
            self.timed_out = True
        except DomainError as error:
            self._fail(error)

    async def _after_refusal(self, error: DomainError) -> None:
        """A write was refused: the time ran out (410, or 400 past the deadline), another device submitted (409),
        or worse."""
        if isinstance(error, Gone) or (isinstance(error, Invalid) and error.message == panel_sessions.TIME_UP):
            await self._time_out()
        elif isinstance(error, Conflict | Forbidden | Invalid):
            await self._view()
        else:
            self._fail(error)

    # ---- events -------------------------------------------------------------------------------

    @rx.event
    async def load(self) -> rx.event.EventSpec:
        self.phase = LOADING
        self.current_index = 0
        self.timed_out = False
        self.save_note = ""
        await self._view()
        await self._track_shown()
        return rx.call_script(COUNTDOWN_JS + SIGNALS_JS)

    @rx.event
    async def begin(self) -> None:
        """The Start screen's button: open the session and start the candidate's clock (the questions are drawn
        now, then frozen)."""
        self.current_index = 0
        token, client = self._token(), self._client()
        try:
            self._show(await in_unit_of_work(lambda session: panel_sessions.start(session, token=token, client=client)))
        except DomainError as error:
            self._fail(error)
            return
        await self._track_shown()

    @rx.event
    async def countdown_over(self) -> None:
        """The browser's countdown reached zero: before the window the page opens, during it time is up."""
        if self.phase in (BEFORE, START):
            await self._view()
        elif self.phase == ANSWERING:
            await self._time_out()

    async def _save(self, question_uuid: str, **changes: object) -> None:
        """Autosave one answer as it is given (`changes`: the item's new fields)."""
        item = _with(next(item for item in self.questions if item.uuid == question_uuid), **changes)
        token, client, answers = self._token(), self._client(), {uuid.UUID(question_uuid): _answer_of(item)}
        try:
            await in_unit_of_work(
                lambda session: panel_sessions.save_answers(session, token=token, answers=answers, client=client)
            )
        except DomainError as error:
            await self._after_refusal(error)
            return
        self.questions = [item if other.uuid == question_uuid else other for other in self.questions]
        self.save_note = "Answer saved"

    @rx.event
    async def choose(self, question_uuid: str, option: str) -> None:
        await self._save(question_uuid, selected=option)

    @rx.event
    async def toggle(self, question_uuid: str, option: str, checked: bool) -> None:
        """A multiple-choice box ticked or cleared."""
        picked = next(item.picked for item in self.questions if item.uuid == question_uuid)
        await self._save(
            question_uuid, picked=sorted({*picked, option} if checked else set(picked) - {option}, key=int)
        )

    @rx.event
    async def write(self, question_uuid: str, text: str) -> None:
        """A free-text answer, saved when the candidate leaves the box (unchanged text is not sent again)."""
        if text != next(item.answer_text for item in self.questions if item.uuid == question_uuid):
            await self._save(question_uuid, answer_text=text[:TEXT_ANSWER_MAX_LENGTH])

    @rx.event
    async def submit(self) -> None:
        answers = {uuid.UUID(item.uuid): _answer_of(item) for item in self.questions if item.answered}
        token, client = self._token(), self._client()
        try:
            self._show(
                await in_unit_of_work(
                    lambda session: panel_sessions.submit(session, token=token, answers=answers, client=client)
                )
            )
        except DomainError as error:
            await self._after_refusal(error)

    @rx.event
    async def go_to(self, index: int) -> None:
        self.current_index = max(0, min(index, len(self.questions) - 1))
        self.all_on_one_page = False
        await self._track_shown()

    @rx.event
    async def next_question(self) -> None:
        await self.go_to(self.current_index + 1)

    @rx.event
    async def previous_question(self) -> None:
        await self.go_to(self.current_index - 1)

    @rx.event
    async def set_all_on_one_page(self, value: bool) -> None:
        self.all_on_one_page = value
        await self._track_shown()
