"""/cvs/[cv_id]: one candidate's profile (contact details, document, rounds, panels, tags, notes, history); live."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.models import AppUser, Role, TextStatus
from hr_app.schemas.cvs import cv_document_url
from hr_app.schemas.records import average_rating
from hr_app.services import cv_profile
from hr_app.services.cv_text import NO_TEXT_FOUND
from hr_app.services.events import Topic
from hr_app.ui import format, routes
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.auth import AuthState
from hr_app.ui.states.dialogs import close_dialogs

TEXT_STATUS_LABELS = {
    TextStatus.PENDING: "Reading the text…",
    TextStatus.DONE: "",
    TextStatus.NO_TEXT: f"{NO_TEXT_FOUND} (a scan: the text cannot be searched)",
    TextStatus.FAILED: "The text could not be read from this file",
}


Write = Callable[[Session, AppUser, str], Any]  # a service call on the CV: (session, actor, cv_id)


def problem_of(error: Invalid) -> str:
    """A refusal's field problems as one line, to show next to the field that was sent."""
    return " ".join(message for messages in error.field_errors.values() for message in messages)


@dataclasses.dataclass
class RoundRow:
    id: str = ""
    url: str = ""
    label: str = ""
    interviewer: str = ""
    when: str = ""
    status: str = ""
    average: str = ""
    voice_note: bool = False


@dataclasses.dataclass
class PanelRow:
    name: str = ""
    url: str = ""
    result: str = ""
    when: str = ""
    answers: list[str] = dataclasses.field(default_factory=list)  # "2. Which keyword…? def (right, 42 s)"


def answer_line(answer: cv_profile.SittingAnswer) -> str:
    verdict = {True: "right", False: "wrong", None: ""}[answer.correct]
    extras = ", ".join(part for part in (verdict, f"{answer.seconds} s" if answer.seconds is not None else "") if part)
    chosen = answer.answer if answer.answer is not None else "no answer"
    return f"{answer.position}. {answer.question} {chosen}" + (f" ({extras})" if extras else "")


@dataclasses.dataclass
class NoteRow:
    id: str = ""
    text: str = ""
    author: str = ""
    when: str = ""
    edited: bool = False
    mine: bool = False  # its author may edit it (decision 85)
    deletable: bool = False  # its author, or an admin


@dataclasses.dataclass
class ActivityRow:
    action: str = ""
    actor: str = ""
    when: str = ""


def _rounds(profile: cv_profile.CvProfile, zone: format.Zone) -> list[RoundRow]:
    rows = []
    for record in profile.rounds:
        interview, average = record.interview, average_rating(record.evaluation)
        rows.append(
            RoundRow(
                id=str(interview.id),
                url=routes.interview_url(str(interview.id)),
                label=f"Round {interview.round}",
                interviewer=record.interviewer.full_name if record.interviewer else "No interviewer",
                when=format.local_time(interview.scheduled_at, zone),
                status=interview.status,
                average=format.average_label(average) if average is not None else "Not rated yet",
                voice_note=bool(record.evaluation and record.evaluation.voice_note_file),
            )
        )
    return rows


def _panels(profile: cv_profile.CvProfile, zone: format.Zone) -> list[PanelRow]:
    rows = []
    for sitting in profile.panels or []:
        if sitting.submitted_at is not None:
            result = f"{sitting.score} of {sitting.questions}"
        else:
            result = "Started, not submitted" if sitting.opened_at else "Not started"
        rows.append(
            PanelRow(
                name=sitting.panel_name,
                url=routes.panel_url(str(sitting.panel_id)),
                result=result,
                when=format.local_time(sitting.submitted_at, zone) if sitting.submitted_at else "",
                answers=[answer_line(answer) for answer in sitting.answers],
            )
        )
    return rows


def _notes(profile: cv_profile.CvProfile, zone: format.Zone, user_id: int, role: str) -> list[NoteRow]:
    rows = []
    for record in profile.notes:
        note, mine = record.note, record.note.author_id == user_id
        rows.append(
            NoteRow(
                id=str(note.id),
                text=note.body,
                author=record.author_name or "A former member",
                when=format.local_time(note.created_at, zone),
                edited=note.updated_at > note.created_at,
                mine=mine,
                deletable=mine or role == Role.ADMIN,
            )
        )
    return rows


class CvProfileState(AuthState):
    loaded: bool = False
    not_found: str = ""
    cv_id: str = ""
    contact: dict[str, str] = {}
    has_document: bool = False
    document: dict[str, str] = {}
    document_text: str = ""
    is_pdf: bool = False
    rounds: list[RoundRow] = []
    can_see_panels: bool = False
    panels: list[PanelRow] = []
    activity: list[ActivityRow] = []
    tags: list[str] = []
    source: str = ""  # "" when not known
    tag_choices: list[str] = []
    notes: list[NoteRow] = []

    def _route_id(self) -> str:
        params = self.router.page.params or {}
        return str(params.get("cv_id") or self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    def _apply(self, profile: cv_profile.CvProfile) -> None:
        cv, zone = profile.record.cv, self.tz_offset
        self.cv_id = str(cv.id)
        self.contact = {
            "name": cv.name,
            "email": cv.email,
            "phone_number": cv.phone_number,
            "job_title": profile.record.job_title_name or "",
            "job_title_id": str(cv.job_title_id or ""),
            "place": cv.place,
            "district": cv.district,
            "location": ", ".join(part for part in (cv.place, cv.district) if part),
            "status": cv.status,
        }
        document = profile.document
        self.has_document = document is not None and bool(document.storage_name)
        self.is_pdf = bool(document and document.kind == "pdf")
        self.document_text = (document.text or "") if document else ""
        self.document = (
            {
                "url": cv_document_url(cv.id),
                "file_name": document.file_name,
                "summary": f"Version {document.version} · {format.local_time(document.uploaded_at, zone)}",
                "text_note": TEXT_STATUS_LABELS.get(TextStatus(document.text_status), ""),
                "suggested_email": (document.suggested_email or "") if not cv.email else "",
                "suggested_phone": (document.suggested_phone or "") if not cv.phone_number else "",
            }
            if document is not None
            else {}
        )
        self.rounds = _rounds(profile, zone)
        self.can_see_panels = profile.panels is not None
        self.panels = _panels(profile, zone)
        self.tags, self.tag_choices = profile.labels.tags, profile.tag_choices
        self.source = profile.labels.source or ""
        self.notes = _notes(profile, zone, self.user_id, self.user_role)
        self.activity = [
            ActivityRow(action=entry.action, actor=entry.actor_label, when=format.local_time(entry.created_at, zone))
            for entry in profile.history
        ]
        self.loaded = True

    async def _read(self) -> None:
        cv_id = self.cv_id
        self._apply(
            await self._as_actor(lambda session, actor: cv_profile.cv_profile(session, actor=actor, cv_id=cv_id))
        )

    async def _write(self, write: Write) -> tuple[str, rx.event.EventSpec | None]:
        """Run `write(session, actor, cv_id)` and re-read the profile, off the loop: the problem to show next to
        the field ("" when it worked), and the event a refusal other than bad input asks for."""
        cv_id = self.cv_id

        def work(session: Session, actor: AppUser) -> cv_profile.CvProfile:
            write(session, actor, cv_id)
            return cv_profile.cv_profile(session, actor=actor, cv_id=cv_id)

        try:
            self._apply(await self._as_actor(work))
        except Invalid as error:
            return problem_of(error), None
        except DomainError as error:
            return "", self._handle_domain_error(error)
        return "", None

    async def load(self):
        self.loaded, self.not_found = False, ""
        if not self.is_authenticated:
            return None
        self.cv_id = self._route_id()
        await close_dialogs(self)  # an editor or dialog left open on the previous CV
        try:
            await self._read()
        except DomainError as error:
            if error.status_code == 404:
                self.not_found, self.loaded = error.message, True
                return None
            return self._handle_domain_error(error)
        return None

    @rx.event
    def load_document(self):
        """on_mount of the download link: fetch the document with the token (assets/cv_document.js)."""
        if not self.has_document:
            return None
        return rx.call_script(
            f"window.hrCvDocumentLoad && window.hrCvDocumentLoad({self.document['url']!r}, 'cv-document-frame',"
            f" 'cv-document-download', {self.document['file_name']!r})"
        )

    async def _refresh_from_push(self, push: Push) -> bool:
        """A change made elsewhere (the CV, its document's text, a round): re-read the profile."""
        if not await push.is_member(self.auth_token):
            return False
        if not self.cv_id or self.not_found:
            return True
        try:
            await self._read()
        except DomainError as error:
            if error.status_code != 404:
                raise
            self.not_found = error.message
        return True


register_page(
    LivePage(
        state=CvProfileState,
        topics=BOARD_TOPICS | {Topic.PANELS},  # its panel results too
        refresh=CvProfileState._refresh_from_push,
        tabs="cv-profile",
        route=lambda path: path.startswith(f"{routes.CVS}/"),
    )
)
