"""Possible duplicates: the warning under the add-CV form's e-mail and phone, and the profile's "Possible
duplicates" card with its Merge dialog (admin and hr). The rules are the services' (cv_duplicates, cv_merge)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from hr_app.kit.errors import DomainError, NotFound, Unauthorized
from hr_app.services import cv_duplicates, cv_merge
from hr_app.ui import routes
from hr_app.ui.components.dialogs import confirm_dialog
from hr_app.ui.live import BOARD_TOPICS, LivePage, Push, register_page
from hr_app.ui.states.cv_profile import CvProfileState

REASONS = {
    ("email",): "same e-mail",
    ("phone",): "same phone",
    ("email", "phone"): "same e-mail and phone",
}
# What a merge moves, by table, in words; a table not named here is shown by its name.
MOVED_LABELS = {
    "interview": ("interview", "interviews"),
    "panel_candidate": ("panel sitting", "panel sittings"),
    "cv_document": ("document version", "document versions"),
    "cv_note": ("note", "notes"),
    "cv_tag_link": ("tag", "tags"),
}


@dataclasses.dataclass
class DuplicateRow:
    id: str = ""
    name: str = ""
    url: str = ""
    reason: str = ""
    contact: str = ""


def duplicate_rows(found: list[cv_duplicates.PossibleDuplicate]) -> list[DuplicateRow]:
    return [
        DuplicateRow(
            id=str(match.id),
            name=match.name,
            url=routes.cv_url(str(match.id)),
            reason=REASONS.get(match.matched_on, ", ".join(match.matched_on)),
            contact=" · ".join(part for part in (match.email, match.phone) if part),
        )
        for match in found
    ]


def moved_summary(moved: dict[str, int]) -> str:
    """ "2 interviews, 1 panel sitting and 3 notes", or "nothing but its contact details"."""
    known = list(MOVED_LABELS)
    parts = []
    for table, count in sorted(
        moved.items(), key=lambda item: known.index(item[0]) if item[0] in known else len(known)
    ):
        one, many = MOVED_LABELS.get(table, (table, table))
        parts.append(f"{count} {one if count == 1 else many}")
    if not parts:
        return "nothing but its contact details"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def duplicate_warning(rows: rx.Var[list[DuplicateRow]], element_id: str) -> rx.Component:
    """ "Possible duplicate: <name> (same e-mail)", each name a link to that profile (a warning: never blocks)."""

    def line(row: DuplicateRow) -> rx.Component:
        return rx.text(
            "Possible duplicate: ",
            rx.link(row.name, href=row.url, target="_blank", weight="medium"),
            " (" + row.reason + ")",
            size="2",
        )

    return rx.cond(
        rows.length() > 0,
        rx.callout.root(
            rx.callout.icon(rx.icon("users", size=16)),
            rx.vstack(rx.foreach(rows, line), spacing="1"),
            color_scheme="amber",
            size="1",
            role="status",
            id=element_id,
        ),
    )


def _reason(error: DomainError) -> str:
    return error.details if isinstance(error.details, str) else error.message


class CvDuplicatesState(CvProfileState):
    duplicates: list[DuplicateRow] = []
    merge_open: bool = False
    merge_id: str = ""
    merge_name: str = ""
    merge_summary: str = ""
    merging: bool = False

    def _close(self) -> None:
        self.merge_open, self.merging = False, False

    async def _read_duplicates(self) -> None:
        cv_id = self.cv_id
        found = await self._as_actor(
            lambda session, actor: cv_duplicates.duplicates_of(session, actor=actor, cv_id=cv_id)
        )
        self.duplicates = duplicate_rows(found)

    @rx.event
    async def load_duplicates(self) -> rx.event.EventSpec | None:
        """on_mount of the card (it mounts once the profile is read, again for another CV)."""
        if not self.cv_id or self.not_found:
            return None
        try:
            await self._read_duplicates()
        except DomainError as error:
            return self._handle_domain_error(error)
        return None

    async def _refresh_from_push(self, push: Push) -> bool:
        """A CV changed elsewhere (added, edited, merged): the card follows; gone with its CV, it empties."""
        if not await push.is_member(self.auth_token):
            return False
        if self.cv_id and not self.not_found:
            try:
                await self._read_duplicates()
            except NotFound:
                self.duplicates = []
        return True

    @rx.event
    async def ask_merge(self, duplicate_id: str, name: str) -> rx.event.EventSpec | None:
        cv_id = self.cv_id
        try:
            moved = await self._as_actor(
                lambda session, actor: cv_merge.merge_preview(
                    session, actor=actor, cv_id=cv_id, duplicate_id=duplicate_id
                )
            )
        except Unauthorized as error:
            return self._handle_domain_error(error)
        except DomainError as error:  # a clash (409) or no right (403): why, in words
            return rx.toast.error(_reason(error), id="merge-cv-error")
        self.merge_id, self.merge_name, self.merge_summary = duplicate_id, name, moved_summary(moved)
        self.merge_open = True
        return None

    @rx.event
    def set_merge_open(self, value: bool) -> None:
        self.merge_open = value

    @rx.event
    async def merge(self):
        cv_id, duplicate_id, name = self.cv_id, self.merge_id, self.merge_name
        self.merging = True
        yield
        try:
            await self._as_actor(
                lambda session, actor: cv_merge.merge_cvs(session, actor=actor, cv_id=cv_id, duplicate_id=duplicate_id)
            )
        except DomainError as error:
            self._close()
            yield rx.toast.error(_reason(error), id="merge-cv-error")
            return
        self._close()
        await self._read()
        await self._read_duplicates()
        yield rx.toast.success(f"{name} merged into this CV")


def _duplicate(row: DuplicateRow) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.link(row.name, href=row.url, weight="medium"),
            rx.text(row.reason, " · ", row.contact, size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(
            CvProfileState.can_manage,
            rx.button(
                rx.icon("merge", size=14),
                "Merge",
                size="1",
                variant="soft",
                on_click=CvDuplicatesState.ask_merge(row.id, row.name),
                aria_label="Merge " + row.name + " into this CV",
            ),
        ),
        align="center",
        width="100%",
    )


def merge_dialog() -> rx.Component:
    s = CvDuplicatesState
    return confirm_dialog(
        "Merge these CVs?",
        rx.text(
            "The CV of ",
            rx.text.strong(s.merge_name),
            " moves into this one: ",
            rx.text.strong(s.merge_summary, id="merge-summary"),
            ". This CV's empty contact fields are filled from it, then that CV is deleted. This cannot be undone.",
        ),
        confirm_label="Merge",
        on_confirm=s.merge,
        confirm_id="merge-cv-confirm",
        open=s.merge_open,
        on_open_change=s.set_merge_open,
        color="amber",
    )


def duplicates_card() -> rx.Component:
    """Shown only when another CV looks like the same person; keyed by the CV so it loads again for another."""
    s = CvDuplicatesState
    return rx.box(
        rx.cond(
            s.duplicates.length() > 0,
            rx.card(
                rx.vstack(
                    rx.heading("Possible duplicates", size="4", as_="h2"),
                    rx.foreach(s.duplicates, _duplicate),
                    spacing="3",
                    width="100%",
                ),
                width="100%",
                id="profile-duplicates",
            ),
        ),
        merge_dialog(),
        key=CvProfileState.cv_id,
        on_mount=s.load_duplicates,
        display="contents",  # no gap in the column while there is nothing to show
    )


register_page(
    LivePage(
        state=CvDuplicatesState,
        topics=BOARD_TOPICS,
        refresh=CvDuplicatesState._refresh_from_push,
        tabs="cv-duplicates",
        route=lambda path: path.startswith(f"{routes.CVS}/"),
    )
)
