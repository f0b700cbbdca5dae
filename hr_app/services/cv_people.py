"""What the team keeps about a candidate beside the CV's fields (issue 17): tags, the source, private notes.

Tags belong to the organization and are reused by name regardless of case; admin and hr set a CV's tags and source.
Any member of the organization reads and writes notes; only a note's author edits it, and its author or an admin
deletes it (decision 85). Edits and deletions are recorded in the CV's audit trail with the text they replaced.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from hr_app.kit.access import NO_PERMISSION, organization_of, require_staff
from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.limits import CV_NOTE_MAX_LENGTH, CV_TAG_MAX_LENGTH, CV_TAGS_MAX, too_long
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, CvNote, CvSource, CvTag, CvTagLink, Role
from hr_app.schemas.records import CvLabels, CvNoteRecord
from hr_app.services import audit, cvs, events
from hr_app.services.events import Topic

NOTE_NOT_FOUND = "Note not found"
NOTE_FIELD = "text"


# --- tags and source ----------------------------------------------------------------------------------


def tags_of(session: Session, cv_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """Each CV's tag names, alphabetically (case-insensitively); CVs without tags are left out. One query."""
    wanted = list(cv_ids)
    if not wanted:
        return {}
    query = (
        select(CvTagLink.cv_id, CvTag.name)
        .join(CvTag, col(CvTag.id) == CvTagLink.tag_id)
        .where(col(CvTagLink.cv_id).in_(wanted))
        .order_by(col(CvTag.key))
    )
    found: dict[uuid.UUID, list[str]] = {}
    for cv_id, name in session.exec(query):
        found.setdefault(cv_id, []).append(name)
    return found


def labels(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> CvLabels:
    """A CV's tags and source: any member of its organization (another organization's CV: 404)."""
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    return CvLabels(tags=tags_of(session, [cv.id]).get(cv.id, []), source=cv.source)


def organization_tags(session: Session, *, actor: AppUser) -> list[str]:
    """Every tag name of the organization, alphabetically (the profile offers them as suggestions)."""
    query = select(CvTag.name).where(CvTag.organization_id == organization_of(actor)).order_by(col(CvTag.key))
    return list(session.exec(query))


def clean_tags(values: Any) -> list[str]:
    """Trimmed names (inner runs of spaces made one), duplicates by case dropped, in the order given."""
    if not isinstance(values, list):
        raise Invalid.on("tags", "Expected a list of items.")
    errors: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for index, value in enumerate(values):
        name = CvTag.clean_name(value) if isinstance(value, str) else None
        problem = _tag_problem(value, name)
        if problem:
            errors[f"tags.{index}"] = [problem]
        elif name is not None:
            names.setdefault(CvTag.key_of(name), name)
    if errors:
        raise Invalid("Invalid data provided", errors)
    if len(names) > CV_TAGS_MAX:
        raise Invalid.on("tags", f"Ensure this field has no more than {CV_TAGS_MAX} elements.")
    return list(names.values())


def _tag_problem(value: Any, name: str | None) -> str | None:
    if name is None:
        return "Not a valid string."
    if not name:
        return "This field may not be blank."
    if len(name) > CV_TAG_MAX_LENGTH:
        return too_long(CV_TAG_MAX_LENGTH)
    return None


def set_tags(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, tags: Any) -> CvLabels:
    """Replace a CV's tags (admin or hr): missing tags are created, existing ones reused whatever their case."""
    organization_id = require_staff(actor)
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    names = clean_tags(tags)
    before = tags_of(session, [cv.id]).get(cv.id, [])
    wanted = _tags_named(session, organization_id, names)
    session.execute(delete(CvTagLink).where(col(CvTagLink.cv_id) == cv.id))
    session.add_all(CvTagLink(cv_id=cv.id, tag_id=tag.id) for tag in wanted)
    session.flush()
    after = tags_of(session, [cv.id]).get(cv.id, [])
    if before != after:
        audit.record(session, actor, audit.ObjectType.CV, cv.id, "tags changed", {"tags": before}, {"tags": after})
    events.publish(session, organization_id, Topic.CVS)
    return CvLabels(tags=after, source=cv.source)


def _tags_named(session: Session, organization_id: uuid.UUID, names: list[str]) -> list[CvTag]:
    """The organization's tags with these names, the missing ones created (a concurrent creation is reused)."""
    keys = [CvTag.key_of(name) for name in names]
    existing = _tags_by_key(session, organization_id, keys)
    for name, key in zip(names, keys, strict=True):
        if key in existing:
            continue
        try:
            with session.begin_nested():
                tag = CvTag(organization_id=organization_id, name=name, key=key)
                session.add(tag)
            existing[key] = tag
        except IntegrityError:  # another request created it meanwhile
            existing.update(_tags_by_key(session, organization_id, [key]))
    return [existing[key] for key in keys]


def _tags_by_key(session: Session, organization_id: uuid.UUID, keys: list[str]) -> dict[str, CvTag]:
    if not keys:
        return {}
    query = select(CvTag).where(CvTag.organization_id == organization_id, col(CvTag.key).in_(keys))
    return {tag.key: tag for tag in session.exec(query)}


def parse_source(value: Any) -> CvSource | None:
    """A source's value or None (no source); anything else is a 400 on `source` naming the choices."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in {member.value for member in CvSource}:
        raise Invalid.on("source", f'"{value}" is not a valid choice.')
    return CvSource(value)


def set_source(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, source: Any) -> CvLabels:
    """Set or clear (None) where the candidate came from (admin or hr)."""
    organization_id = require_staff(actor)
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    chosen = parse_source(source)
    if chosen != cv.source:
        before = audit.snapshot(cv, ("source",))
        cv.source, cv.updated_at = chosen, utcnow()
        session.add(cv)
        audit.record(session, actor, audit.ObjectType.CV, cv.id, "updated", before, audit.snapshot(cv, ("source",)))
        session.flush()
        events.publish(session, organization_id, Topic.CVS, Topic.INTERVIEWS)
    return CvLabels(tags=tags_of(session, [cv.id]).get(cv.id, []), source=cv.source)


# --- notes --------------------------------------------------------------------------------------------


def _note_query(cv_id: uuid.UUID) -> Select[tuple[CvNote, AppUser | None]]:
    return (
        select(CvNote, AppUser)
        .outerjoin(AppUser, col(AppUser.id) == CvNote.author_id)
        .where(CvNote.cv_id == cv_id)
        .order_by(col(CvNote.created_at).desc(), col(CvNote.id).desc())
    )


def _record_of(note: CvNote, author: AppUser | None) -> CvNoteRecord:
    return CvNoteRecord(note=note, author_name=(author.full_name or author.email) if author else None)


def list_notes(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> list[CvNoteRecord]:
    """A CV's notes, newest first, with their authors' names: any member of its organization. One query."""
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    return [_record_of(note, author) for note, author in session.exec(_note_query(cv.id))]


def clean_text(value: Any) -> str:
    """A note's text, trimmed; its errors are on `text` (the API's field)."""
    if not isinstance(value, str):
        raise Invalid.on(NOTE_FIELD, "This field is required." if value is None else "Not a valid string.")
    text = value.strip()
    if not text:
        raise Invalid.on(NOTE_FIELD, "This field may not be blank.")
    if len(text) > CV_NOTE_MAX_LENGTH:
        raise Invalid.on(NOTE_FIELD, too_long(CV_NOTE_MAX_LENGTH))
    return text


def add_note(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, text: Any) -> CvNoteRecord:
    """A new note by the actor (any member of the CV's organization)."""
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    body, now = clean_text(text), utcnow()
    note = CvNote(
        organization_id=cv.organization_id, cv_id=cv.id, author_id=actor.id, body=body, created_at=now, updated_at=now
    )
    session.add(note)
    session.flush()
    events.publish(session, cv.organization_id, Topic.CVS)
    return _record_of(note, actor)


def _own_note(session: Session, actor: AppUser, cv_id: uuid.UUID | str, note_id: uuid.UUID | str) -> CvNote:
    cv = cvs.get_cv(session, actor=actor, cv_id=cv_id).cv
    parsed = parse_uuid(note_id)
    note = session.get(CvNote, parsed) if parsed else None
    if note is None or note.cv_id != cv.id:
        raise NotFound(NOTE_NOT_FOUND, "The requested note does not exist on this CV.")
    return note


def edit_note(
    session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, note_id: uuid.UUID | str, text: Any
) -> CvNoteRecord:
    """Change a note's text: its author only (403 for anyone else, admins included)."""
    note = _own_note(session, actor, cv_id, note_id)
    if note.author_id != actor.id:
        raise Forbidden(NO_PERMISSION, "Only the note's author can edit it.")
    cleaned = clean_text(text)
    if cleaned != note.body:
        audit.record(
            session, actor, audit.ObjectType.CV, note.cv_id, "note edited", _trail(note), _trail(note, cleaned)
        )
        note.body, note.updated_at = cleaned, utcnow()
        session.add(note)
        session.flush()
        events.publish(session, note.organization_id, Topic.CVS)
    return _record_of(note, actor)


def delete_note(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, note_id: uuid.UUID | str) -> None:
    """Delete a note: its author, or an admin (e.g. a note that should never have been written)."""
    note = _own_note(session, actor, cv_id, note_id)
    if note.author_id != actor.id and actor.role != Role.ADMIN:
        raise Forbidden(NO_PERMISSION, "Only the note's author or an admin can delete it.")
    audit.record(session, actor, audit.ObjectType.CV, note.cv_id, "note deleted", _trail(note), None)
    session.delete(note)
    session.flush()
    events.publish(session, note.organization_id, Topic.CVS)


def _trail(note: CvNote, body: str | None = None) -> dict[str, Any]:
    return {"note": str(note.id), "author_id": note.author_id, "text": note.body if body is None else body}
