"""The interview page's scorecards (issue 18): the caller's own scorecard (one 0-10 rating per criterion of the
job title's template with a note each, the recommendation, strengths, concerns; Save draft, Submit, Reopen with a
reason) and, next to it, the decision view (components/interview_decision.py).

ScorecardState is a substate of InterviewState; what it shows is read off the loop (components/scorecard_data.py)
and follows live pushes, keeping unsaved edits of the form.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import RATING_MAX, RATING_MIN
from hr_app.models import AppUser, ScorecardStatus
from hr_app.schemas.scorecards import ScorecardIn
from hr_app.services import scorecard_writes
from hr_app.ui import routes
from hr_app.ui.components import scorecard_data as data
from hr_app.ui.components.scorecard_data import CriterionRow, DecisionColumn, DecisionRow, ScorecardPage
from hr_app.ui.components.widgets import describe_with_error, field_error, labelled
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.interview import InterviewState


def _save(session: Session, actor: AppUser, interview_id: str, draft: ScorecardIn) -> ScorecardPage:
    scorecard_writes.save_mine(session, actor=actor, interview_id=interview_id, draft=draft)
    return data.read_scorecards(session, actor, interview_id)


def _submit(session: Session, actor: AppUser, interview_id: str, reason: str | None) -> ScorecardPage:
    scorecard_writes.submit_mine(session, actor=actor, interview_id=interview_id, reason=reason)
    return data.read_scorecards(session, actor, interview_id)


def _reopen(session: Session, actor: AppUser, interview_id: str, reason: str) -> ScorecardPage:
    scorecard_writes.reopen_mine(session, actor=actor, interview_id=interview_id, reason=reason)
    return data.read_scorecards(session, actor, interview_id)


class ScorecardState(InterviewState):
    sc_loaded: bool = False
    sc_interviewer: bool = False  # the caller is one of the interview's interviewers
    sc_closed: str = ""  # why the caller cannot write their scorecard now
    sc_status: str = ""  # "", draft or submitted
    sc_rows: list[CriterionRow] = []
    sc_recommendation: str = ""
    sc_strengths: str = ""
    sc_concerns: str = ""
    sc_errors: dict[str, str] = {}
    sc_busy: bool = False
    sc_reopening: bool = False
    sc_reason: str = ""
    sc_dirty: bool = False  # edits not saved yet (a push keeps them)
    sc_early: bool = False  # admin or hr before the scheduled start: each write says why (audited)
    sc_early_reason: str = ""

    dc_sees_all: bool = False
    dc_columns: list[DecisionColumn] = []
    dc_rows: list[DecisionRow] = []
    dc_recommendations_split: bool = False
    dc_disagreement: bool = False
    dc_waiting: str = ""
    dc_progress: str = ""
    dc_has_voice: bool = False  # a compared scorecard has a voice note: the table gets a row of players

    def _close(self) -> None:
        """A new load of the page (close_dialogs): the reopen question closes."""
        self.sc_reopening, self.sc_reason = False, ""

    def _apply_scorecards(self, page: ScorecardPage, *, keep_form: bool = False) -> None:
        self.sc_interviewer, self.sc_closed, self.sc_early = page.is_interviewer, page.closed_because, page.needs_reason
        mine = page.mine.scorecard if page.mine else None
        self.sc_status = str(mine.status) if mine and page.mine else ""
        if not keep_form:
            self.sc_rows = data.criterion_rows(page)
            self.sc_recommendation = str(mine.recommendation or "") if mine else ""
            self.sc_strengths = (mine.strengths or "") if mine else ""
            self.sc_concerns = (mine.concerns or "") if mine else ""
            self.sc_errors, self.sc_dirty = {}, False
        decision = page.decision
        self.dc_sees_all = page.sees_all
        self.dc_columns, self.dc_rows = data.decision_columns(decision), data.decision_rows(decision)
        self.dc_recommendations_split, self.dc_disagreement = decision.recommendations_split, decision.disagreement
        self.dc_waiting = ", ".join(decision.waiting_for)
        self.dc_progress = data.progress_text(page.view)
        self.dc_has_voice = any(column.voice_url for column in self.dc_columns)
        self.sc_loaded = True

    async def _read_scorecards(self, *, keep_form: bool = False) -> None:
        interview_id = self.interview_id
        page = await self._as_actor(lambda session, actor: data.read_scorecards(session, actor, interview_id))
        self._apply_scorecards(page, keep_form=keep_form)

    @rx.event
    async def load_scorecards(self):
        self.sc_loaded = False
        self._close()
        if not self.interview_id or self.not_found:
            return None
        try:
            await self._read_scorecards()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    async def _refresh_from_push(self, push: Push) -> bool:
        """A scorecard saved or submitted elsewhere: progress and decision view follow; unsaved edits stay."""
        if not await push.is_member(self.auth_token):
            return False
        if self.sc_loaded and self.interview_id and not self.not_found and not self._closing:
            try:
                await self._read_scorecards(keep_form=self.sc_dirty)
            except DomainError:
                self.sc_loaded = False
        return True

    @rx.event
    def load_decision_voice(self, url: str, player_id: str):
        """on_mount of a decision-view player: fetch that scorecard's voice note with the token (assets/voice.js).
        Only a URL this tab was given is loaded."""
        if not any(column.voice_url == url and column.voice_player == player_id for column in self.dc_columns):
            return None
        return rx.call_script(f"window.hrVoiceLoad && window.hrVoiceLoad({url!r}, {player_id!r})")

    # --- the form ------------------------------------------------------------------------------------

    def _edited(self) -> None:
        self.sc_dirty = True

    @rx.event
    def set_rating(self, key: str, value: str) -> None:
        for row in self.sc_rows:
            if row.key == key:
                row.rating, row.error = value, ""
        self.sc_rows = list(self.sc_rows)
        self._edited()

    @rx.event
    def set_note(self, key: str, value: str) -> None:
        for row in self.sc_rows:
            if row.key == key:
                row.note, row.note_error = value, ""
        self.sc_rows = list(self.sc_rows)
        self._edited()

    @rx.event
    def set_sc_text(self, field: str, value: str) -> None:
        if field in ("sc_recommendation", "sc_strengths", "sc_concerns"):
            setattr(self, field, value)
            self.sc_errors.pop(field.removeprefix("sc_"), None)
            self._edited()

    @rx.event
    def set_sc_early_reason(self, value: str) -> None:
        self.sc_early_reason = value
        self.sc_errors.pop("reason", None)

    def _show_errors(self, error: Invalid) -> None:
        messages = data.field_messages(error)
        for row in self.sc_rows:
            row.error = messages.pop(f"ratings.{row.key}", "")
            row.note_error = messages.pop(f"ratings.{row.key}.note", "")
        self.sc_rows = list(self.sc_rows)
        self.sc_errors = messages

    async def _attempt(self, work: Callable[[Session, AppUser], ScorecardPage]) -> ScorecardPage | None:
        """A write off the loop; a refusal shows next to its fields (None)."""
        try:
            return await self._as_actor(work)
        except Invalid as error:
            self._show_errors(error)
        return None

    async def _write(self, *works: Callable[[Session, AppUser], ScorecardPage], success: str):
        """Run the writes one after the other (each its own unit of work); the page follows what was written."""
        self.sc_busy, self.sc_errors = True, {}
        yield
        page = written = None
        try:
            for work in works:
                written = await self._attempt(work)
                if written is None:
                    break
                page = written
        except DomainError as error:
            self.sc_busy = False
            yield self._handle_domain_error(error)
            return
        self.sc_busy = False
        if page is not None:
            self._apply_scorecards(page, keep_form=written is None)
            self.sc_dirty = False
            await self._read(keep_form=self._form_has_edits())  # the spec's evaluation form shows the same card
        yield rx.toast.success(success) if written is not None else rx.toast.error("Check the highlighted fields.")

    def _draft(self) -> ScorecardIn | None:
        try:
            return data.draft_of(
                self.sc_rows, self.sc_recommendation, self.sc_strengths, self.sc_concerns, self.sc_early_reason
            )
        except Invalid as error:
            self._show_errors(error)
            return None

    @rx.event
    async def save_draft(self, _form_data: dict | None = None):
        draft, interview_id = self._draft(), self.interview_id
        if draft is not None:
            async for event in self._write(lambda s, a: _save(s, a, interview_id, draft), success="Draft saved"):
                yield event

    @rx.event
    async def submit_scorecard(self):
        """Save what the form holds, then submit it: the draft stays saved when something is still missing."""
        draft, interview_id = self._draft(), self.interview_id
        if draft is not None:
            reason = draft.reason
            save, submit = (
                (lambda s, a: _save(s, a, interview_id, draft)),
                (lambda s, a: _submit(s, a, interview_id, reason)),
            )
            async for event in self._write(save, submit, success="Scorecard submitted"):
                yield event

    @rx.event
    def ask_reopen(self, open_: bool = True) -> None:
        self.sc_reopening, self.sc_reason = open_, ""
        self.sc_errors.pop("reason", None)

    @rx.event
    def set_sc_reason(self, value: str) -> None:
        self.sc_reason = value

    @rx.event
    async def reopen(self, _form_data: dict | None = None):
        reason, interview_id = self.sc_reason, self.interview_id
        if not reason.strip():
            self.sc_errors = {"reason": "Say why you reopen it: the audit trail keeps the reason."}
            return
        async for event in self._write(lambda s, a: _reopen(s, a, interview_id, reason), success="Scorecard reopened"):
            yield event
        if not self.sc_errors:
            self.sc_reopening = False


# --- the own scorecard's card ---------------------------------------------------------------------------

S = ScorecardState


def _criterion(row: CriterionRow) -> rx.Component:
    rating_id, note_id = "sc-rating-" + row.key, "sc-note-" + row.key
    rating = rx.input(
        type="number",
        min=RATING_MIN,
        max=RATING_MAX,
        step=1,
        id=rating_id,
        name=rating_id,
        value=row.rating,
        on_change=lambda value: S.set_rating(row.key, value),
        placeholder=f"{RATING_MIN}-{RATING_MAX}",
        width="6rem",
    )
    note = rx.input(
        id=note_id,
        name=note_id,
        value=row.note,
        on_change=lambda value: S.set_note(row.key, value),
        placeholder="Note (optional)",
        aria_label="Note on " + row.name,
        width="100%",
    )
    return rx.vstack(
        rx.hstack(
            rx.vstack(
                rx.text(row.name, as_="label", size="2", weight="medium", custom_attrs={"htmlFor": rating_id}),
                describe_with_error(rating, row.error, rating_id + "-error"),
                spacing="1",
                width="8rem",
                flex_shrink="0",
            ),
            rx.vstack(
                rx.cond(row.guide != "", rx.text(row.guide, size="1", color_scheme="gray"), rx.box(height="1.1rem")),
                describe_with_error(note, row.note_error, note_id + "-error"),
                spacing="1",
                width="100%",
            ),
            align="end",
            spacing="3",
            width="100%",
        ),
        field_error(row.error, rating_id + "-error"),
        field_error(row.note_error, note_id + "-error"),
        spacing="1",
        width="100%",
        class_name="sc-criterion",
    )


def _recommendation() -> rx.Component:
    choices = [
        rx.text(
            rx.hstack(rx.radio_group.item(value=value, id=f"sc-rec-{value}"), label, spacing="1"), as_="label", size="2"
        )
        for value, label in data.RECOMMENDATIONS.items()
    ]
    group = rx.radio_group.root(
        rx.hstack(*choices, spacing="4", wrap="wrap"),
        value=S.sc_recommendation,
        on_change=lambda value: S.set_sc_text("sc_recommendation", value),
        id="sc-recommendation",
        name="sc-recommendation",
        aria_labelledby="sc-recommendation-label",
    )
    return labelled("Recommendation", group, "sc-recommendation", S.sc_errors.get("recommendation", ""))


def _text(label: str, field: str, key: str) -> rx.Component:
    area = rx.text_area(
        id=f"sc-{key}",
        name=f"sc-{key}",
        value=getattr(S, field),
        on_change=lambda value: S.set_sc_text(field, value),
        rows="2",
        width="100%",
    )
    return labelled(label, area, f"sc-{key}", S.sc_errors.get(key, ""))


def _buttons() -> rx.Component:
    return rx.hstack(
        rx.spacer(),
        rx.button(
            rx.cond(S.sc_busy, rx.spinner(size="1"), rx.icon("save", size=14)),
            "Save draft",
            type="submit",
            variant="soft",
            id="sc-save",
            disabled=S.sc_busy,
        ),
        rx.button(
            rx.icon("send", size=14),
            "Submit",
            type="button",
            on_click=S.submit_scorecard,
            id="sc-submit",
            disabled=S.sc_busy,
        ),
        width="100%",
    )


def _reopen_controls() -> rx.Component:
    return rx.cond(
        S.sc_reopening,
        rx.form(
            rx.vstack(
                labelled(
                    "Why reopen it? (kept in the audit trail)",
                    rx.input(
                        id="sc-reason",
                        name="sc-reason",
                        value=S.sc_reason,
                        on_change=S.set_sc_reason,
                        auto_focus=True,
                        width="100%",
                    ),
                    "sc-reason",
                    S.sc_errors.get("reason", ""),
                ),
                rx.hstack(
                    rx.spacer(),
                    rx.button(
                        "Cancel", type="button", variant="soft", color_scheme="gray", on_click=S.ask_reopen(False)
                    ),
                    rx.button("Reopen scorecard", type="submit", id="sc-reopen-confirm", disabled=S.sc_busy),
                    width="100%",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=S.reopen,
            reset_on_submit=False,
            width="100%",
        ),
        rx.hstack(
            rx.text("Submitted: the others see it, and it is read-only.", size="2", color_scheme="green"),
            rx.spacer(),
            rx.button(
                rx.icon("lock-open", size=14),
                "Reopen",
                type="button",
                variant="soft",
                on_click=S.ask_reopen(True),
                id="sc-reopen",
            ),
            align="center",
            width="100%",
        ),
    )


def _early_reason() -> rx.Component:
    """Admin and hr before the scheduled start: Save draft and Submit carry this reason into the audit trail."""
    return labelled(
        "Why before the scheduled start? (kept in the audit trail)",
        rx.input(
            id="sc-early-reason",
            name="sc-early-reason",
            value=S.sc_early_reason,
            on_change=S.set_sc_early_reason,
            width="100%",
        ),
        "sc-early-reason",
        S.sc_errors.get("reason", ""),
        hint="The interview has not started yet: admin and HR may write their scorecard early, saying why.",
    )


def _own_form() -> rx.Component:
    submitted = S.sc_status == ScorecardStatus.SUBMITTED.value
    return rx.form(
        rx.vstack(
            rx.cond(
                S.sc_closed != "", rx.callout(S.sc_closed, icon="lock", color_scheme="gray", size="1", id="sc-closed")
            ),
            rx.el.fieldset(
                rx.vstack(
                    rx.foreach(S.sc_rows, _criterion),
                    _recommendation(),
                    rx.grid(
                        _text("Strengths", "sc_strengths", "strengths"),
                        _text("Concerns", "sc_concerns", "concerns"),
                        columns="2",
                        spacing="3",
                        width="100%",
                    ),
                    spacing="3",
                    width="100%",
                ),
                disabled=submitted | (S.sc_closed != ""),
                border="none",
                padding="0",
                margin="0",
                min_width="0",
                width="100%",
            ),
            field_error(S.sc_errors.get("non_field_errors", ""), "sc-error"),
            rx.cond(S.sc_early & ~submitted, _early_reason()),
            rx.cond(submitted, _reopen_controls(), rx.cond(S.sc_closed == "", _buttons())),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save_draft,
        reset_on_submit=False,
        width="100%",
    )


def my_scorecard() -> rx.Component:
    """The caller's own scorecard, for the interview's interviewers (nothing for anyone else)."""
    return rx.fragment(
        rx.cond(
            S.sc_loaded & S.sc_interviewer,
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.heading("My scorecard", size="4"),
                        rx.spacer(),
                        rx.badge(
                            rx.cond(S.sc_status != "", S.sc_status, "not started"),
                            id="sc-status",
                            color_scheme=rx.cond(S.sc_status == "submitted", "green", "gray"),
                        ),
                        align="center",
                        width="100%",
                    ),
                    _own_form(),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
                id="my-scorecard",
            ),
        ),
        key=InterviewState.interview_id,
        on_mount=S.load_scorecards,
    )


register_page(
    LivePage(
        state=ScorecardState,
        topics=BOARD_TOPICS,
        refresh=ScorecardState._refresh_from_push,
        tabs="interview-scorecards",
        route=lambda path: path.startswith(routes.INTERVIEWS + "/"),
    )
)
