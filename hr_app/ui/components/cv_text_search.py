"""The CVs page's "Search inside CVs": the ranked full-text search (services/cv_search.py, as GET /api/cvs/?search=
answers it) over name, e-mail, place, job title and the documents' text, each hit with its highlighted snippet.
The list's own search box above filters the loaded rows as you type; this one asks the database on Enter."""

from __future__ import annotations

import dataclasses

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError, Invalid
from hr_app.kit.limits import CV_SEARCH_MAX_LENGTH, CV_SEARCH_MAX_RESULTS
from hr_app.models import AppUser
from hr_app.services import cv_search
from hr_app.ui import routes
from hr_app.ui.components.widgets import status_badge
from hr_app.ui.states.auth import AuthState


@dataclasses.dataclass
class SearchHitRow:
    url: str = ""
    name: str = ""
    job_title: str = ""
    status: str = ""
    snippet: str = ""  # HTML made by the service: the text escaped, only <mark> elements added


def hits_for(session: Session, actor: AppUser, words: str) -> list[SearchHitRow]:
    return [
        SearchHitRow(
            url=routes.cv_url(str(hit.record.cv.id)),
            name=hit.record.cv.name,
            job_title=hit.record.job_title_name or "",
            status=hit.record.cv.status,
            snippet=hit.snippet,
        )
        for hit in cv_search.search_cvs(session, actor=actor, search=words)
    ]


class CvTextSearchState(AuthState):
    text_query: str = ""
    text_hits: list[SearchHitRow] = []
    text_searched: str = ""  # the words the hits answer ("" before any search)
    text_error: str = ""
    text_searching: bool = False

    @rx.event
    def set_text_query(self, value: str) -> None:
        self.text_query, self.text_error = value, ""

    @rx.event
    async def search_text(self, _form_data: dict | None = None):
        words = self.text_query.strip()
        self.text_error = ""
        try:
            counted = cv_search.search_words(words)
        except Invalid as error:
            self.text_error = " ".join(" ".join(problems) for problems in error.field_errors.values())
            return
        if not counted:
            self.text_hits, self.text_searched = [], ""
            if words:
                self.text_error = "Type a word (letters or digits) to search for."
            return
        self.text_searching = True
        yield
        try:
            self.text_hits = await self._as_actor(lambda session, actor: hits_for(session, actor, words))
            self.text_searched = words
        except DomainError as error:
            self.text_searching = False
            yield self._handle_domain_error(error)
            return
        self.text_searching = False


def _hit(row: SearchHitRow) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.hstack(
                rx.link(row.name, href=row.url, weight="medium"),
                rx.text(row.job_title, size="1", color_scheme="gray"),
                status_badge(row.status),
                align="center",
                spacing="2",
                wrap="wrap",
            ),
            rx.html(row.snippet, class_name="cv-snippet", size="2"),
            spacing="1",
            align="start",
        ),
        padding_y="0.4rem",
        border_bottom="1px solid var(--gray-4)",
        width="100%",
        class_name="cv-hit",
    )


def text_search_panel() -> rx.Component:
    state = CvTextSearchState
    return rx.card(
        rx.form(
            rx.hstack(
                rx.input(
                    rx.input.slot(rx.icon("file-search", size=16)),
                    placeholder="Search inside CVs: skills, employers, places…",
                    value=state.text_query,
                    on_change=state.set_text_query,
                    id="cv-text-search",
                    aria_label="Search inside CVs",
                    aria_invalid=rx.cond(state.text_error != "", "true", "false"),
                    max_length=CV_SEARCH_MAX_LENGTH,
                    width="100%",
                ),
                rx.button(
                    rx.cond(state.text_searching, rx.spinner(size="1"), rx.icon("search", size=14)),
                    "Search",
                    type="submit",
                    id="cv-text-search-submit",
                    disabled=state.text_searching,
                ),
                width="100%",
                align="center",
            ),
            on_submit=state.search_text,
            width="100%",
        ),
        rx.cond(state.text_error != "", rx.text(state.text_error, color_scheme="red", size="2", role="alert")),
        rx.cond(
            state.text_searched != "",
            rx.vstack(
                rx.text(
                    rx.cond(
                        state.text_hits.length() == 0,
                        "No CV contains these words.",
                        f"Best matches first (at most {CV_SEARCH_MAX_RESULTS}):",
                    ),
                    size="2",
                    color_scheme="gray",
                    role="status",
                    id="cv-text-search-summary",
                ),
                rx.foreach(state.text_hits, _hit),
                spacing="1",
                width="100%",
                padding_top="0.5rem",
                id="cv-text-hits",
            ),
        ),
        width="100%",
        margin_bottom="1rem",
    )
