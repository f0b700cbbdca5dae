"""/interviews/[interview_id]: candidate, evaluation, history; live.

The page's parts with their own controls (the voice note, the status dialog, the delete dialog) are substates
of InterviewState, each next to its component in hr_app/ui/components/interview_*.py.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import RATING_MAX, RATING_MIN
from hr_app.models import RATING_FIELDS, AppUser, Evaluation, Interview, InterviewStatus
from hr_app.schemas.interviews import scorecard_voice_note_url, voice_note_url
from hr_app.schemas.records import InterviewRecord
from hr_app.services import evaluations, interviews, scorecards, ui_queries
from hr_app.ui import format, routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.dialogs import close_dialogs

TEXT_FIELDS = ("languages", "expected_salary", "experience", "remark")
FORM_FIELDS = (*RATING_FIELDS, *TEXT_FIELDS)


@dataclasses.dataclass
class HistoryRow:
    from_status: str = ""
    to_status: str = ""
    remark: str = ""
    changed_by: str = ""
    when: str = ""


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format.money(value)
    return str(value)


def evaluation_form(evaluation: Evaluation | None) -> dict[str, str]:
    return {field: _value(getattr(evaluation, field, None) if evaluation else None) for field in FORM_FIELDS}


def parse_rating(value: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = int(text)
    except ValueError:
        return None
    return number if RATING_MIN <= number <= RATING_MAX else None


def saved_summary(form: dict[str, str], has_voice_note: bool, when: str) -> str:
    given = [field for field in RATING_FIELDS if form.get(field, "").strip()]
    parts = [f"{len(given)} of 5 ratings"]
    parts += [label for field, label in (("languages", "languages"), ("experience", "experience")) if form.get(field)]
    if form.get("expected_salary"):
        parts.append(f"expected salary {form['expected_salary']}")
    if form.get("remark"):
        parts.append("remark")
    if has_voice_note:
        parts.append("voice note")
    return f"Saved at {when}: " + ", ".join(parts) + "."


@dataclasses.dataclass(frozen=True)
class PageData:
    record: InterviewRecord  # as the caller may see it (blind until submitted)
    history: list[ui_queries.HistoryEntry]
    closed_because: str  # why the caller cannot fill in the scorecard now, "" when they can
    card: Evaluation | None  # what the spec's form shows: the scorecard its save writes (decision 114)
    rates_in_scorecard: bool  # the caller interviews: their five ratings are set in My scorecard only


def read_page(session: Session, actor: AppUser, interview_id: str) -> PageData:
    """The interview and its status history, read in a worker thread (loaded objects, no lazy loads later)."""
    record = scorecards.as_seen_by(
        session, actor, interviews.get_interview(session, actor=actor, interview_id=interview_id)
    )
    return PageData(
        record,
        ui_queries.status_history(session, actor=actor, interview_id=record.interview.id),
        scorecards.write_refusal(session, actor, record.interview),
        scorecards.spec_form_card(session, actor, record),
        actor.id in scorecards.interviewer_ids(session, record.interview),
    )


def save_and_read(session: Session, actor: AppUser, interview_id: str, data: dict[str, object]) -> PageData:
    evaluations.save_evaluation(session, actor=actor, interview_id=interview_id, data=data)
    return read_page(session, actor, interview_id)


def _voice_url(interview: Interview, card: Evaluation) -> str:
    if card.interviewer_id == interview.interviewer_id:
        return voice_note_url(interview.id)
    return scorecard_voice_note_url(interview.id, card.id)


class InterviewState(AuthState):
    loaded: bool = False
    not_found: str = ""
    interview_id: str = ""
    candidate: dict[str, str] = {}
    status: str = ""
    cv_status: str = ""
    interviewer_name: str = ""
    scheduled_local: str = ""
    scheduled_relative: str = ""

    form: dict[str, str] = {}
    scorecard_closed: str = ""  # why this user cannot fill in the scorecard now ("" when they can)
    rates_in_scorecard: bool = False  # the five ratings here mirror My scorecard, where they are set
    form_errors: dict[str, str] = {}
    saving: bool = False
    saved_message: str = ""

    has_voice_note: bool = False
    voice_url: str = ""
    voice_version: int = 0  # the player's key: a new file remounts it, and its on_mount fetches the file
    _voice_file: str = ""

    history: list[HistoryRow] = []

    # Live: another tab or an API client changed this interview while it is open here.
    changed_elsewhere: bool = False  # the evaluation changed elsewhere while the form had unsaved edits
    deleted_elsewhere: bool = False
    _loaded_form: dict[str, str] = {}  # the values the form was last filled with (its edits are the difference)
    _closing: bool = False  # this tab deleted the interview and is leaving the page

    # --- derived ------------------------------------------------------------------------------------

    @rx.var
    def average(self) -> str:
        """The mean of the ratings typed so far, as the server will compute it."""
        given = [parse_rating(self.form.get(field, "")) for field in RATING_FIELDS]
        numbers = [value for value in given if value is not None]
        if not numbers:
            return "—"
        average = (Decimal(sum(numbers)) / len(numbers)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        return f"{average}"

    @rx.var
    def last_decision(self) -> HistoryRow:
        """The change that made the current status, for the decision view's outcome (empty while pending)."""
        if self.status == InterviewStatus.PENDING or not self.history:
            return HistoryRow()
        return self.history[-1]

    @rx.var
    def ratings_given(self) -> int:
        return sum(1 for field in RATING_FIELDS if parse_rating(self.form.get(field, "")) is not None)

    # --- loading ------------------------------------------------------------------------------------

    def _route_id(self) -> str:
        params = self.router.page.params or {}
        value = params.get("interview_id") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        return str(value)

    def _apply(self, page: PageData, *, keep_form: bool) -> None:
        record, history = page.record, page.history
        self.scorecard_closed, self.rates_in_scorecard = page.closed_because, page.rates_in_scorecard
        interview, cv = record.interview, record.candidate
        self.interview_id = str(interview.id)
        self.candidate = {
            "name": cv.name,
            "email": cv.email,
            "phone_number": cv.phone_number,
            "job_title": record.job_title_name or "",
            "place": cv.place,
            "district": cv.district,
        }
        self.status, self.cv_status = interview.status, cv.status
        self.interviewer_name = record.interviewer.full_name if record.interviewer else ""
        self.scheduled_local = format.local_time(interview.scheduled_at, self.tz_offset)
        self.scheduled_relative = format.relative_to_now(interview.scheduled_at, datetime.now(UTC))
        saved = evaluation_form(page.card)
        if not keep_form:
            self.form, self._loaded_form = saved, dict(saved)
            self.form_errors = {}
            self.changed_elsewhere = False
        elif self.rates_in_scorecard:  # read-only here: they follow My scorecard even while the texts have edits
            ratings = {field: saved[field] for field in RATING_FIELDS}
            self.form, self._loaded_form = {**self.form, **ratings}, {**self._loaded_form, **ratings}
        # The voice note of the scorecard the spec's form writes (the caller's own when they interview, decision
        # 128): the lead's plays from the spec's route, a co-interviewer's from their scorecard's own.
        card = page.card
        voice_file = (card.voice_note_file if card else None) or ""
        self.has_voice_note = bool(voice_file)
        self.voice_url = _voice_url(interview, card) if card and voice_file else ""
        if voice_file != self._voice_file:  # saved here, elsewhere, or another interview: play the new one
            self._voice_file = voice_file
            self.voice_version += 1
        self.history = [
            HistoryRow(
                from_status=entry.from_status,
                to_status=entry.to_status,
                remark=entry.remark or "",
                changed_by=entry.changed_by or "",
                when=format.local_time(entry.created_at, self.tz_offset),
            )
            for entry in history
        ]

    async def _read(self, *, keep_form: bool = False) -> None:
        interview_id = self.interview_id
        self._show(await self._as_actor(lambda session, actor: read_page(session, actor, interview_id)), keep_form)

    def _show(self, page: PageData, keep_form: bool) -> None:
        self._apply(page, keep_form=keep_form)
        self.loaded = True

    def _form_has_edits(self) -> bool:
        return any(self.form.get(field, "") != self._loaded_form.get(field, "") for field in FORM_FIELDS)

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere (another tab, the API): re-read this interview.

        Status, history, candidate and voice note follow at once. The evaluation form follows only
        when it has no unsaved edits; otherwise the edits stay and `changed_elsewhere` says the saved
        values moved underneath them. A delete made elsewhere is said plainly.
        """
        if not await push.is_member(self.auth_token):
            return False
        if not self.loaded or self.not_found or self._closing or not self.interview_id:
            return True
        interview_id = self.interview_id
        try:
            page = await self._as_actor(lambda session, actor: read_page(session, actor, interview_id))
        except DomainError as error:
            if error.status_code == 404:
                self.deleted_elsewhere = True
                self.not_found = "This interview was deleted."
                await close_dialogs(self)
            return True
        if not self._form_has_edits():
            self._apply(page, keep_form=False)
            return True
        self._apply(page, keep_form=True)
        if evaluation_form(page.card) != {field: self._loaded_form.get(field, "") for field in FORM_FIELDS}:
            self.changed_elsewhere = True
        return True

    @rx.event
    async def reload_evaluation(self):
        """Drop the unsaved edits and show the evaluation as it is saved now."""
        try:
            await self._read()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    @rx.event
    async def load(self):
        self.loaded, self.not_found, self.saved_message = False, "", ""
        await close_dialogs(self)
        self.changed_elsewhere = self.deleted_elsewhere = self._closing = False
        if not self.is_authenticated:
            return None
        self.interview_id = self._route_id()
        try:
            await self._read()
        except DomainError as error:
            if error.status_code == 404:
                self.not_found = error.message
                self.loaded = True
                return None
            return self._handle_domain_error(error)
        return None

    # --- the evaluation form ------------------------------------------------------------------------

    @rx.event
    def set_field(self, field: str, value: str) -> None:
        if field in (TEXT_FIELDS if self.rates_in_scorecard else FORM_FIELDS):
            self.form[field] = value
            self.form_errors.pop(field, None)

    @rx.event
    async def save(self, _form_data: dict | None = None):
        fields = TEXT_FIELDS if self.rates_in_scorecard else FORM_FIELDS  # POST semantics: ratings not sent stay
        data = {field: (self.form.get(field) or "").strip() or None for field in fields}
        self.saving, self.form_errors = True, {}
        yield
        interview_id = self.interview_id
        try:
            page = await self._as_actor(lambda session, actor: save_and_read(session, actor, interview_id, data))
        except Invalid as error:
            self.saving = False
            self.form_errors = {field: " ".join(problems) for field, problems in error.field_errors.items()}
            yield rx.toast.error("Not saved: check the highlighted fields.")
            return
        except DomainError as error:
            self.saving = False
            yield self._handle_domain_error(error)
            return
        self.saving = False
        self._show(page, keep_form=False)
        now = format.local_time(datetime.now(UTC), self.tz_offset).split(", ")[-1]
        self.saved_message = saved_summary(self.form, self.has_voice_note, now)
        yield rx.toast.success("Evaluation saved")


# An interview page follows its interview's status, history and evaluation.
INTERVIEW_PAGE = register_page(
    LivePage(
        state=InterviewState,
        topics=BOARD_TOPICS,
        refresh=InterviewState._refresh_from_push,
        tabs="interview",
        route=lambda path: path.startswith(routes.INTERVIEWS + "/"),
    )
)
