"""Written answers on a panel's page: HR scores each free-text answer by hand, 0 to HAND_SCORE_MAX points
(`services/hand_scoring.py`, decision 119). Shown under the results when the panel has written answers; live like
the results (a candidate submitting, another HR user scoring)."""

from __future__ import annotations

import dataclasses
import uuid

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.kit.limits import HAND_SCORE_MAX, HAND_SCORE_MIN
from hr_app.models import AppUser
from hr_app.schemas.records import WrittenAnswer
from hr_app.services import events, hand_scoring
from hr_app.services.question_scoring import WAITING_FOR_HAND_SCORING
from hr_app.ui import format, live
from hr_app.ui.states.auth import AuthState

PANEL_PAGE_PREFIX = "/panels/"


@dataclasses.dataclass
class WrittenRow:
    key: str = ""  # "<candidate uuid>:<question uuid>"
    candidate_uuid: str = ""
    question_uuid: str = ""
    candidate_name: str = ""
    question: str = ""  # "Question 3: Explain ..."
    answer: str = ""
    hand_score: str = ""  # "" while waiting
    status: str = ""  # "Scored 7 / 10 by Priya Varghese, 14:05" or "Waiting for hand scoring"


def written_row(item: WrittenAnswer, zone: format.Zone) -> WrittenRow:
    scored = item.hand_score is not None
    when = f", {format.local_clock(item.scored_at, zone)}" if item.scored_at else ""
    return WrittenRow(
        key=f"{item.candidate_id}:{item.question_id}",
        candidate_uuid=str(item.candidate_id),
        question_uuid=str(item.question_id),
        candidate_name=item.candidate_name,
        question=f"Question {item.position}: {item.question_text}",
        answer=item.answer_text,
        hand_score=str(item.hand_score) if scored else "",
        status=(
            f"Scored {item.hand_score} / {HAND_SCORE_MAX} by {item.scored_by or 'a former user'}{when}"
            if scored
            else WAITING_FOR_HAND_SCORING.capitalize()
        ),
    )


class HandScoringState(AuthState):
    written: list[WrittenRow] = []
    written_errors: dict[str, str] = {}
    _written_org: str = ""

    def _panel_id(self) -> uuid.UUID | None:
        try:
            return uuid.UUID(str(self.router.url.path or "").rstrip("/").rpartition("/")[2])
        except ValueError:
            return None

    async def _read(self, panel_id: uuid.UUID) -> tuple[str, list[WrittenAnswer]]:
        return await self._as_actor(
            lambda session, actor: (
                str(actor.organization_id),
                hand_scoring.written_answers(session, actor=actor, panel_id=panel_id),
            )
        )

    @rx.event
    async def load_written(self) -> None:
        panel_id = self._panel_id()
        if panel_id is None:
            return
        try:
            self._written_org, answers = await self._read(panel_id)
        except DomainError:
            self.written = []  # the results beside say why (the same read refuses them)
            return
        self.written = [written_row(item, self.tz_offset) for item in answers]
        self.written_errors = {}
        await live.join(WRITTEN_ANSWERS, self._written_org, self)

    @rx.event
    async def save_score(self, candidate_uuid: str, question_uuid: str, form: dict) -> rx.event.EventSpec | None:
        key, panel_id = f"{candidate_uuid}:{question_uuid}", self._panel_id()
        text = str(form.get("score", "")).strip()
        if not text.lstrip("-").isdigit():
            self.written_errors = {**self.written_errors, key: f"Give {HAND_SCORE_MIN} to {HAND_SCORE_MAX} points."}
            return None
        if panel_id is None:
            return None

        def score(session: Session, actor: AppUser) -> list[WrittenAnswer]:
            hand_scoring.score_answer(
                session,
                actor=actor,
                panel_id=panel_id,
                candidate_id=uuid.UUID(candidate_uuid),
                question_id=uuid.UUID(question_uuid),
                score=int(text),
            )
            return hand_scoring.written_answers(session, actor=actor, panel_id=panel_id)

        try:
            answers = await self._as_actor(score)
        except DomainError as error:
            problems = error.field_errors
            self.written_errors = {**self.written_errors, key: next(iter(problems.values()), [error.message])[0]}
            return None
        self.written = [written_row(item, self.tz_offset) for item in answers]
        self.written_errors = {name: value for name, value in self.written_errors.items() if name != key}
        return rx.toast.success("Score saved")

    async def _refresh_from_push(self, push: live.Push) -> bool:
        panel_id = self._panel_id()
        if self._written_org != push.organization_id or panel_id is None:
            return False
        if not str(self.router.url.path or "").startswith(PANEL_PAGE_PREFIX):
            return False
        try:
            organization_id, answers = await self._read(panel_id)
        except DomainError:
            return False
        if organization_id != push.organization_id:
            return False
        self.written = [written_row(item, self.tz_offset) for item in answers]
        return True


WRITTEN_ANSWERS = live.register_page(
    live.LivePage(
        state=HandScoringState,
        topics=frozenset({events.Topic.PANELS}),
        refresh=HandScoringState._refresh_from_push,
        tabs="panel-written-answers",
    )
)

H = HandScoringState


def _written_card(row: WrittenRow) -> rx.Component:
    input_id = "hand-score-" + row.key.replace(":", "-")
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(row.candidate_name, weight="medium"),
                rx.badge(row.status, color_scheme=rx.cond(row.hand_score == "", "amber", "green"), variant="soft"),
                wrap="wrap",
                align="center",
            ),
            rx.text(row.question, size="2", color_scheme="gray"),
            rx.text(row.answer, white_space="pre-wrap", class_name="written-answer"),
            rx.form(
                rx.hstack(
                    rx.el.label(f"Points (0 to {HAND_SCORE_MAX})", html_for=input_id, font_size="var(--font-size-2)"),
                    rx.input(
                        name="score",
                        type="number",
                        min=HAND_SCORE_MIN,
                        max=HAND_SCORE_MAX,
                        default_value=row.hand_score,
                        key=row.key + row.hand_score,
                        id=input_id,
                        width="6rem",
                    ),
                    rx.button("Save score", type="submit", size="2", id="hand-score-save-" + row.key.replace(":", "-")),
                    align="center",
                    wrap="wrap",
                ),
                on_submit=lambda form: H.save_score(row.candidate_uuid, row.question_uuid, form),
                reset_on_submit=False,
            ),
            rx.cond(
                H.written_errors.contains(row.key),
                rx.text(H.written_errors[row.key], color_scheme="red", size="2", role="alert"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def hand_scoring_section() -> rx.Component:
    """The panel's written answers to score; nothing when there are none."""
    return rx.box(
        rx.cond(
            H.written.length() > 0,
            rx.card(
                rx.vstack(
                    rx.heading("Written answers", size="4"),
                    rx.text(
                        "A session with a written answer has no final score until each answer is scored.",
                        size="2",
                        color_scheme="gray",
                    ),
                    rx.foreach(H.written, _written_card),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
            ),
        ),
        width="100%",
        id="panel-written-answers",
        on_mount=H.load_written,
    )
