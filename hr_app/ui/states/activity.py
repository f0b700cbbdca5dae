"""The Activity panel of the interview and panel pages (audit.list_entries), and the .ics download."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import reflex as rx

from hr_app.db import session_scope
from hr_app.kit.errors import DomainError
from hr_app.services import audit, invites
from hr_app.ui.format import local_time
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
    "session_auto_submitted": "submitted the session at the end",
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


def entry_of(entry: Any, tz_offset: int) -> ActivityEntry:
    subject = "evaluation " if entry.object_type == "evaluation" else ""
    return ActivityEntry(
        id=str(entry.id),
        when=local_time(entry.created_at, tz_offset),
        who=entry.actor_label,
        what=subject + ACTION_LABELS.get(entry.action, entry.action.replace("_", " ")),
        changes=describe_changes(entry.before, entry.after),
    )


class ActivityState(AuthState):
    activity_object: str = ""
    activity: list[ActivityEntry] = []
    activity_total: int = 0

    def _route_param(self, name: str) -> str:
        params = self.router.page.params or {}
        return str(params.get(name) or self.router.url.path.rstrip("/").rsplit("/", 1)[-1])

    def _load(self, obj: str):
        if not self.is_authenticated:
            return None
        self.activity_object = obj
        try:
            with session_scope() as session:
                page = audit.list_entries(session, actor=self._actor(session), obj=obj, limit=ACTIVITY_LIMIT)
                self.activity = [entry_of(entry, self.tz_offset) for entry in page.entries]
                self.activity_total = page.total
        except DomainError:
            self.activity, self.activity_total = [], 0  # the page itself shows why the object is missing
        return None

    @rx.event
    def load_interview(self):
        return self._load(f"interview:{self._route_param('interview_id')}")

    @rx.event
    def load_panel(self):
        return self._load(f"panel:{self._route_param('panel_uuid')}")

    @rx.event
    def refresh(self):
        return self._load(self.activity_object) if self.activity_object else None

    @rx.event
    def download_invite(self):
        """The interview's calendar invite (RFC 5545), built by the same service as the API's invite.ics."""
        try:
            with session_scope() as session:
                filename, content = invites.interview_invite(
                    session, actor=self._actor(session), interview_id=self._route_param("interview_id")
                )
        except DomainError as error:
            return self._handle_domain_error(error)
        return rx.download(data=content, filename=filename)
