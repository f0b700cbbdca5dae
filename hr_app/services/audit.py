"""The audit trail: every write on interviews, evaluations, CVs and panels is recorded here.

Services call `record(...)` next to their write, in the same transaction, so an entry exists exactly
when the write was committed. `snapshot` and `changes` turn rows into JSON-ready values.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from hr_app.db import session_scope
from hr_app.kit.access import NO_PERMISSION, VIEW_PANELS, organization_of, require_manager
from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.time import utcnow
from hr_app.models import (
    AppUser,
    AuditEntry,
    Category,
    Interview,
    InterviewPanel,
    Question,
    Role,
    SubTopic,
    Topic,
    UserCvData,
)
from hr_app.schemas.common import MAX_DB_INT, format_utc
from hr_app.services import blind

CANDIDATE_LABEL = "candidate"
SYSTEM_LABEL = "system"
DEFAULT_LIMIT, MAX_LIMIT = 50, 200

Values = dict[str, Any]


class ObjectType(StrEnum):
    INTERVIEW = "interview"  # an interview's entries include its evaluation's (object id = interview id)
    EVALUATION = "evaluation"
    CV = "cv"
    PANEL = "panel"  # a panel's entries include its candidates' sessions (object id = panel id)
    USER = "user"  # sign-ins, lock-outs, invitations, role and status changes (object id = the user's id)
    QUESTION = "question"  # question-bank edits, a changed correct option above all (object id = question id)
    CATEGORY = "category"  # the bank's tree: created, renamed, deleted (object id = the node's id)
    TOPIC = "topic"
    SUBTOPIC = "subtopic"


# What GET /api/audit/ reads: every kind of object (a user's trail for admins, the bank's for admin and hr).
READABLE = tuple(ObjectType)
QUESTION_BANK = frozenset({ObjectType.QUESTION, ObjectType.CATEGORY, ObjectType.TOPIC, ObjectType.SUBTOPIC})


# Reading an object's trail also shows these related types recorded under the same id.
_INCLUDED = {ObjectType.INTERVIEW: (ObjectType.INTERVIEW, ObjectType.EVALUATION)}
_TABLES: dict[ObjectType, type] = {
    ObjectType.INTERVIEW: Interview,
    ObjectType.EVALUATION: Interview,
    ObjectType.CV: UserCvData,
    ObjectType.PANEL: InterviewPanel,
    ObjectType.USER: AppUser,
    ObjectType.QUESTION: Question,
    ObjectType.CATEGORY: Category,
    ObjectType.TOPIC: Topic,
    ObjectType.SUBTOPIC: SubTopic,
}


def json_value(value: Any) -> Any:
    """A value as JSON holds it: timestamps as the API writes them, money and ids as strings."""
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, StrEnum):
        return value.value
    return value


def snapshot(row: Any, fields: Iterable[str]) -> Values:
    return {field: json_value(getattr(row, field)) for field in fields}


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[Values, Values]:
    """Only the fields whose value differs, as (before, after)."""
    changed = [field for field in after if json_value(before.get(field)) != json_value(after[field])]
    return (
        {field: json_value(before.get(field)) for field in changed},
        {field: json_value(after[field]) for field in changed},
    )


def record(
    session: Session,
    actor: AppUser | None,
    object_type: ObjectType | str,
    object_id: uuid.UUID | str,
    action: str,
    before: Values | None,
    after: Values | None,
    *,
    organization_id: uuid.UUID | None = None,
    actor_label: str | None = None,
) -> AuditEntry:
    """Add one entry to the session (flushed with the write it records).

    Without an actor (a candidate's session, the system), give `organization_id` and `actor_label`.
    """
    organization = organization_id or (actor.organization_id if actor else None)
    if organization is None:
        raise ValueError("an audit entry needs an organization")
    label = actor_label or (actor.full_name or actor.email if actor else SYSTEM_LABEL)
    entry = AuditEntry(
        organization_id=organization,
        actor_id=actor.id if actor else None,
        actor_label=label[:255],
        object_type=ObjectType(object_type).value,
        object_id=str(object_id),
        action=action,
        before=before,
        after=after,
    )
    session.add(entry)
    return entry


class SignIn(StrEnum):
    SUCCEEDED = "sign_in"
    FAILED = "sign_in_failed"
    LOCKED_OUT = "sign_in_locked_out"  # refused unseen: too many failures for this account or address


def record_sign_in(session: Session, *, user: AppUser | None, email: str, client: str, action: SignIn) -> None:
    """A sign-in event with the address it came from. An address no account has belongs to no organization."""
    session.add(
        AuditEntry(
            organization_id=user.organization_id if user else None,
            actor_id=user.id if user else None,
            actor_label=((user.full_name or user.email) if user else email)[:255],
            object_type=ObjectType.USER.value,
            object_id=str(user.id) if user else "",
            action=action.value,
            before=None,
            after={"email": email[:254], "address": client[:64]},
        )
    )


def record_sign_in_apart(*, email: str, client: str, action: SignIn) -> None:
    """A refused sign-in, in a unit of work of its own: the caller's rolls back with the 401 or 429 it raises."""
    with session_scope() as session:
        user = session.exec(select(AppUser).where(AppUser.email == email)).first()
        record_sign_in(session, user=user, email=email, client=client, action=action)


def record_many(
    session: Session,
    actor: AppUser,
    object_type: ObjectType | str,
    rows: Iterable[tuple[Any, str, Values | None, Values | None]],
) -> None:
    """Entries for many objects written by one action, as one INSERT (rows: object id, action, before, after)."""
    organization_id = organization_of(actor)
    label = (actor.full_name or actor.email)[:255]
    values = [
        {
            "organization_id": organization_id,
            "actor_id": actor.id,
            "actor_label": label,
            "object_type": ObjectType(object_type).value,
            "object_id": str(object_id),
            "action": action,
            "before": before,
            "after": after,
            "created_at": utcnow(),
        }
        for object_id, action, before, after in rows
    ]
    if values:
        session.execute(insert(AuditEntry), values)


# --- reading ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditPage:
    object_type: str
    object_id: str
    total: int
    limit: int
    offset: int
    entries: list[AuditEntry]


def parse_object(value: str | None) -> tuple[ObjectType, uuid.UUID | int]:
    """`<type>:<id>`, e.g. `interview:6f1c...` or `user:12`; anything else is a 400 on `object`."""
    kind, _, raw_id = (value or "").partition(":")
    choices = ", ".join(member.value for member in READABLE)
    if not value:
        raise Invalid.on("object", "This field is required.")
    if kind not in READABLE:
        raise Invalid.on("object", f'"{kind}" is not a valid object type. Use <type>:<id> with type one of {choices}.')
    if kind == ObjectType.USER:
        if not raw_id.isascii() or not raw_id.isdigit() or not 1 <= int(raw_id) <= MAX_DB_INT:
            raise Invalid.on("object", "Must be user:<id> with a user's number.")
        return ObjectType.USER, int(raw_id)
    parsed = parse_uuid(raw_id)
    if parsed is None:
        raise Invalid.on("object", "Must be <type>:<id> with a valid UUID.")
    return ObjectType(kind), parsed


def _may_read(actor: AppUser, object_type: ObjectType) -> None:
    if object_type is ObjectType.PANEL:  # a panel's trail names its candidates and their scores
        require_manager(actor, VIEW_PANELS)
    elif object_type in QUESTION_BANK:  # a question's trail shows its correct option
        require_manager(actor, "read the question bank's trail")
    elif object_type is ObjectType.USER and actor.role != Role.ADMIN:  # sign-ins with their addresses
        raise Forbidden(NO_PERMISSION, "Only admins can read a user's trail.")


def _exists(session: Session, organization_id: uuid.UUID, object_type: ObjectType, object_id: uuid.UUID | int) -> bool:
    table = _TABLES[object_type]
    query = select(table.id).where(table.id == object_id, table.organization_id == organization_id)
    if table is InterviewPanel:
        query = query.where(col(InterviewPanel.is_deleted).is_(False))
    return session.exec(query).first() is not None


def list_entries(
    session: Session, *, actor: AppUser, obj: str | None, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> AuditPage:
    """An object's trail, newest first. Whoever may read the object may read it (a panel's: admin and hr).

    Unknown and other organizations' objects are 404; a deleted object's trail stays readable.
    Two queries (count and page) whatever the number of entries.
    """
    organization_id = organization_of(actor)
    object_type, object_id = parse_object(obj)
    _may_read(actor, object_type)
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid.on("limit", f"Ensure this value is between 1 and {MAX_LIMIT}.")
    if offset < 0:
        raise Invalid.on("offset", "Ensure this value is greater than or equal to 0.")
    if offset > MAX_DB_INT:
        raise Invalid.on("offset", f"Ensure this value is less than or equal to {MAX_DB_INT}.")
    types = [kind.value for kind in _INCLUDED.get(object_type, (object_type,))]
    scope = (
        AuditEntry.organization_id == organization_id,
        col(AuditEntry.object_type).in_(types),
        AuditEntry.object_id == str(object_id),
    )
    total = session.exec(select(func.count()).select_from(AuditEntry).where(*scope)).one()
    if total == 0 and not _exists(session, organization_id, object_type, object_id):
        raise NotFound("Object not found", f"No {object_type.value} with this id in your organization.")
    entries = session.exec(
        select(AuditEntry)
        .where(*scope)
        .order_by(col(AuditEntry.created_at).desc(), col(AuditEntry.id).desc())
        .offset(offset)
        .limit(limit)
    ).all()
    if object_type in _INCLUDED[ObjectType.INTERVIEW] and isinstance(object_id, uuid.UUID):
        entries = _blind_trail(session, actor, organization_id, object_id, list(entries))
    return AuditPage(object_type.value, str(object_id), total, limit, offset, list(entries))


def _others_scorecard(entry: AuditEntry, actor: AppUser) -> bool:
    return entry.object_type == ObjectType.EVALUATION and entry.actor_id != actor.id


def _blind_trail(
    session: Session, actor: AppUser, organization_id: uuid.UUID, interview_id: uuid.UUID, entries: list[AuditEntry]
) -> list[AuditEntry]:
    """Blind until submitted holds on the trail too (decision 103): the entries of scorecards written by others keep
    who and when, not what (`before`/`after` left out), for a member who may not see the others' scorecards yet.
    Copies, never the loaded rows (the table is append-only)."""
    if not any(_others_scorecard(entry, actor) for entry in entries):
        return entries
    if blind.sees_others(session, actor, organization_id, interview_id):
        return entries
    return [
        AuditEntry(**(entry.model_dump() | {"before": None, "after": None}))
        if _others_scorecard(entry, actor)
        else entry
        for entry in entries
    ]
