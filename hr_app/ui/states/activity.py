"""The Activity panel of the interview and panel pages (audit.list_entries), and the .ics download."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import reflex as rx
from sqlmodel import Session

from hr_app.kit.errors import DomainError
from hr_app.models import AppUser
from hr_app.services import audit, invites
from hr_app.ui.format import Zone, local_time
from hr_app.ui.states.auth import AuthState

ACTIVITY_LIMIT = 30
ACTION_LABELS = {
    "created": "created",
    "updated": "updated",
    "deleted": "deleted",
    "imported": "imported",
    "status_changed": "changed the status",
    "rescheduled": "rescheduled",
    "deactivated": "closed (its end passed)",
    "session_opened": "opened the session",
    "session_submitted": "submitted the session",
    "session_auto_submitted": "submitted the session when its time ran out",
    "session_extended": "gave a candidate more time",
    "session_reopened": "reopened a candidate's session",
    "answer_hand_scored": "scored a written answer",
}


@dataclasses.dataclass
class ActivityEntry:
    id: str = ""
    when: str = ""
    who: str = ""
    what: str = ""
    changes: list[str] = dataclasses.field(default_factory=list)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def describe_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """One line per field: `field: old → new` (a creation shows the new values, a deletion the old ones).

    Ids are left out: the names beside them say the same to a person.
    """
    fields = [field for field in dict.fromkeys([*(before or {}), *(after or {})]) if not field.endswith("_id")]
    lines = []
    for field in fields:
        label = field.replace("_", " ")
        if before is None:
            lines.append(f"{label}: {_value((after or {}).get(field))}")
        elif after is None:
            lines.append(f"{label}: {_value(before.get(field))}")
        else:
            lines.append(f"{label}: {_value(before.get(field))} → {_value(after.get(field))}")
    return lines


def entry_of(entry: Any, tz_offset: Zone) -> ActivityEntry:
    subject = "evaluation " if entry.object_type == "evaluation" else ""
    return ActivityEntry(
        id=str(entry.id),
        when=local_time(entry.created_at, tz_offset),
        who=entry.actor_label,
        what=subject + ACTION_LABELS.get(entry.action, entry.action.replace("_", " ")),
        changes=describe_changes(entry.before, entry.after),
    )


def read_activity(session: Session, actor: AppUser, obj: str, tz_offset: Zone) -> tuple[list[ActivityEntry], int]:
    """The newest entries of `obj`'s trail, as the panel shows them, and how many there are in all."""
    page = audit.list_entries(session, actor=actor, obj=obj, limit=ACTIVITY_LIMIT)
    return [entry_of(entry, tz_offset) for entry in page.entries], page.total


class ActivityState(AuthState):
    activity_object: str = ""
    activity: list[ActivityEntry] = []
    activity_total: int = 0

    def _route_param(self, name: str) -> str:
        params = self.router.page.params or {}
        return str(params.get(name) or self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    async def _load(self, obj: str) -> None:
        if not self.is_authenticated:
            return
        self.activity_object = obj
        tz_offset = self.tz_offset
        try:
            entries, total = await self._as_actor(lambda session, actor: read_activity(session, actor, obj, tz_offset))
        except DomainError:
            entries, total = [], 0  # the page itself shows why the object is missing
        self.activity, self.activity_total = entries, total

    @rx.event
    async def load_interview(self) -> None:
        await self._load(f"interview:{self._route_param('interview_id')}")

    @rx.event
    async def load_panel(self) -> None:
        await self._load(f"panel:{self._route_param('panel_uuid')}")

    @rx.event
    async def refresh(self) -> None:
        if self.activity_object:
            await self._load(self.activity_object)

    @rx.event
    async def download_invite(self) -> rx.event.EventSpec | None:
        """The interview's calendar invite (RFC 5545), built by the same service as the API's invite.ics."""
        interview_id = self._route_param("interview_id")
        try:
            filename, content = await self._as_actor(
                lambda session, actor: invites.interview_invite(session, actor=actor, interview_id=interview_id)
            )
        except DomainError as error:
            return self._handle_domain_error(error)
        return rx.download(data=content, filename=filename)
