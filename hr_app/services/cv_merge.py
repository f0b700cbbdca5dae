"""Merging a duplicate CV into the one that stays (decision 91): admin and hr only, all or nothing.

What moves to the survivor: the duplicate's interviews (both CVs' rounds renumbered in the order they were held,
each CV's own order kept), its panel sittings, its documents (earlier versions: the survivor keeps its current
one, or takes the duplicate's when it has none), and every other row whose foreign key points at a CV, found in
`SQLModel.metadata`, so a table added later is carried without a change here; a row that a unique key says the
survivor already has (the same tag twice) is dropped instead. The survivor's empty contact fields are filled from
the duplicate, the duplicate is deleted, and one audit entry on the survivor names both ids and what moved.

Refused with nothing changed (409): both CVs have an interview in progress, an interview in progress would be
followed by a later round, both CVs sat the same panel.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, PrimaryKeyConstraint, Table, UniqueConstraint, delete, exists, func, select, update
from sqlmodel import Session, SQLModel, col

from hr_app.kit.access import require_staff
from hr_app.kit.errors import Conflict, Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.time import utcnow
from hr_app.models import AppUser, CvDocument, Interview, InterviewPanel, InterviewStatus, PanelCandidate, UserCvData
from hr_app.schemas.records import CvRecord
from hr_app.services import audit, events
from hr_app.services.cvs import AUDITED_FIELDS, get_cv
from hr_app.services.events import Topic
from hr_app.services.interviews import CV_STATUS_FOR

FILLED_FIELDS = ("phone_number", "place", "district", "job_title_id", "source")  # taken when the survivor's is empty
CANNOT_MERGE = "Cannot merge these CVs"
_SPECIAL = {Interview.__table__.c.candidate_id, CvDocument.__table__.c.cv_id}  # moved with their numbering


@dataclass(frozen=True)
class MergeResult:
    survivor: CvRecord
    duplicate_id: uuid.UUID
    moved: dict[str, int]  # table name -> rows now pointing at the survivor (tables with none left out)
    skipped: dict[str, int]  # table name -> the duplicate's rows dropped: the survivor already had them
    filled: list[str]  # the survivor's fields filled from the duplicate


def merge_cvs(
    session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, duplicate_id: uuid.UUID | str
) -> MergeResult:
    """Admin or hr: move everything of `duplicate_id` to `cv_id` and delete the duplicate (one transaction).

    Both CVs are locked first (in id order), so of two merges of one pair at once the second finds the
    duplicate gone (404); unknown and other organizations' ids are 404, the same id twice 400.
    """
    organization_id = require_staff(actor)
    survivor = get_cv(session, actor=actor, cv_id=cv_id).cv
    if parse_uuid(duplicate_id) == survivor.id:
        raise Invalid.on("duplicate_id", "A CV cannot be merged with itself.")
    duplicate = get_cv(session, actor=actor, cv_id=duplicate_id).cv
    _lock(session, survivor, duplicate)
    rounds = _merged_rounds(session, survivor, duplicate)
    _refuse_shared_panels(session, survivor, duplicate)
    before = audit.snapshot(survivor, AUDITED_FIELDS)
    moved, skipped = _move_everything(session, survivor, duplicate, rounds)
    filled = _fill_empty_fields(survivor, duplicate)
    if rounds:
        survivor.status = CV_STATUS_FOR[rounds[-1].status]
    survivor.updated_at = utcnow()
    session.add(survivor)
    dropped = audit.snapshot(duplicate, AUDITED_FIELDS)
    session.delete(duplicate)
    session.flush()
    result = MergeResult(
        survivor=get_cv(session, actor=actor, cv_id=survivor.id),
        duplicate_id=duplicate.id,
        moved={table: count for table, count in moved.items() if count},
        skipped={table: count for table, count in skipped.items() if count},
        filled=filled,
    )
    _record(session, actor, survivor, before, dropped, result)
    events.publish(session, organization_id, Topic.CVS, Topic.INTERVIEWS, Topic.PANELS)
    return result


def merge_preview(
    session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, duplicate_id: uuid.UUID | str
) -> dict[str, int]:
    """Admin or hr: what a merge of `duplicate_id` into `cv_id` would move, as rows by table (none: left out);
    the merge's own refusals (409) come now, before anyone confirms (the merge checks them again, locked)."""
    require_staff(actor)
    survivor = get_cv(session, actor=actor, cv_id=cv_id).cv
    duplicate = get_cv(session, actor=actor, cv_id=duplicate_id).cv
    if duplicate.id == survivor.id:
        raise Invalid.on("duplicate_id", "A CV cannot be merged with itself.")
    _merged_rounds(session, survivor, duplicate)
    _refuse_shared_panels(session, survivor, duplicate)
    counts = {
        column.table.name: _count(session, column, duplicate.id) for column in _references_to_cvs(everything=True)
    }
    return {table: count for table, count in counts.items() if count}


def _count(session: Session, column: Column[Any], cv_id: uuid.UUID) -> int:
    return session.execute(select(func.count()).select_from(column.table).where(column == cv_id)).scalar_one()


def _move_everything(
    session: Session, survivor: UserCvData, duplicate: UserCvData, rounds: Sequence[Interview]
) -> tuple[dict[str, int], dict[str, int]]:
    """(moved, skipped) rows by table: the rounds and documents renumbered, then every other reference."""
    moved = {
        Interview.__tablename__: _move_rounds(session, survivor, rounds),
        CvDocument.__tablename__: _move_documents(session, survivor, duplicate),
    }
    skipped: dict[str, int] = {}
    for column in _references_to_cvs():
        skipped[column.table.name], moved[column.table.name] = _move_rows(session, column, survivor.id, duplicate.id)
    return moved, skipped


def _lock(session: Session, *cvs: UserCvData) -> None:
    """Each CV's write lock, in id order (no deadlock between A<-B and B<-A), then their committed state."""
    for cv in sorted(cvs, key=lambda row: row.id):
        locked = session.execute(
            update(UserCvData)
            .where(col(UserCvData.id) == cv.id, col(UserCvData.organization_id) == cv.organization_id)
            .values(updated_at=UserCvData.updated_at)
            .execution_options(synchronize_session=False)
        )
        if locked.rowcount != 1:  # merged or deleted meanwhile
            raise NotFound("CV not found", "The requested CV does not exist")
    for cv in cvs:
        session.refresh(cv)


# --- interviews -------------------------------------------------------------------------------------


def _rounds_of(session: Session, cv: UserCvData) -> list[Interview]:
    query = select(Interview).where(col(Interview.candidate_id) == cv.id).order_by(col(Interview.round))
    return list(session.scalars(query))


def _held_at(interview: Interview) -> tuple[datetime, datetime]:
    return interview.scheduled_at, interview.created_at


def _merged_rounds(session: Session, survivor: UserCvData, duplicate: UserCvData) -> list[Interview]:
    """Both CVs' rounds in the order they were held, each CV's own order kept; refused when that would leave an
    interview in progress with a later round after it (it could never be decided: decision 72)."""
    own, theirs = _rounds_of(session, survivor), _rounds_of(session, duplicate)
    merged = list(heapq.merge(own, theirs, key=_held_at))
    open_rounds = [interview for interview in merged if interview.status == InterviewStatus.PENDING]
    if len(open_rounds) > 1:
        raise Conflict(CANNOT_MERGE, "Both CVs have an interview in progress. Decide or delete one of them first.")
    if open_rounds and merged[-1] is not open_rounds[0]:
        held = open_rounds[0].scheduled_at.strftime("%Y-%m-%d %H:%M")
        raise Conflict(
            CANNOT_MERGE,
            f"The interview in progress ({held} UTC) would be followed by a later round of the other CV. "
            "Decide it first.",
        )
    return merged


def _move_rounds(session: Session, survivor: UserCvData, rounds: Sequence[Interview]) -> int:
    """Every round to the survivor, numbered 1.. in the order they were held."""
    moved = sum(1 for interview in rounds if interview.candidate_id != survivor.id)

    def place(interview: Interview, number: int) -> None:
        interview.candidate_id, interview.round = survivor.id, number

    _renumber(session, rounds, place)
    return moved


def _renumber(session: Session, rows: Sequence[Any], place: Callable[[Any, int], None]) -> None:
    """`place(row, n)` for n = 1.. in order, first as -n then as n: a unique (CV, number) index never sees a
    number twice in either flush, whatever order the rows are written in."""
    for sign in (-1, 1):
        for number, row in enumerate(rows, start=1):
            place(row, sign * number)
            session.add(row)
        session.flush()


# --- documents --------------------------------------------------------------------------------------


def _move_documents(session: Session, survivor: UserCvData, duplicate: UserCvData) -> int:
    """The duplicate's documents become earlier versions of the survivor's, by upload time; the survivor's
    current document stays current (the duplicate's becomes current only when the survivor has none)."""
    query = select(CvDocument).where(col(CvDocument.cv_id).in_([survivor.id, duplicate.id]))
    documents = list(session.scalars(query))
    current = {document.cv_id: document for document in documents if document.is_current}
    kept = current.get(survivor.id) or current.get(duplicate.id)
    ordered = sorted((d for d in documents if d is not kept), key=lambda d: (d.uploaded_at, d.version, str(d.id)))
    ordered += [kept] if kept is not None else []
    now = utcnow()
    moved = sum(1 for document in documents if document.cv_id == duplicate.id)

    def place(document: CvDocument, number: int) -> None:
        document.cv_id, document.version = survivor.id, number
        if document is not kept and document.is_current:
            document.is_current, document.replaced_at = False, now

    _renumber(session, ordered, place)
    return moved


# --- everything else that points at a CV ------------------------------------------------------------


def _references_to_cvs(*, everything: bool = False) -> list[Column[Any]]:
    """Every foreign-key column of the metadata that points at a CV (but the two renumbered, unless `everything`)."""
    target = UserCvData.__table__.c.id
    return [
        fk.parent
        for table in SQLModel.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column is target and (everything or fk.parent not in _SPECIAL)
    ]


def _unique_partners(column: Column[Any]) -> list[list[Column[Any]]]:
    """For each unique key (primary key, unique constraint or index) holding `column`: its other columns."""
    table: Table = column.table
    keys = [list(constraint.columns) for constraint in table.constraints if _is_unique_key(constraint)]
    keys += [list(index.columns) for index in table.indexes if index.unique]
    return [[other for other in key if other is not column] for key in keys if column in key]


def _is_unique_key(constraint: Any) -> bool:
    return isinstance(constraint, PrimaryKeyConstraint | UniqueConstraint)


def _move_rows(
    session: Session, column: Column[Any], survivor_id: uuid.UUID, duplicate_id: uuid.UUID
) -> tuple[int, int]:
    """(dropped, moved): the duplicate's rows that a unique key says the survivor has already go, the rest move."""
    dropped = 0
    for partners in _unique_partners(column):
        kept = column.table.alias("kept")
        same = [kept.c[other.name] == other for other in partners]
        already = exists().where(kept.c[column.name] == survivor_id, *same)
        dropped += session.execute(delete(column.table).where(column == duplicate_id, already)).rowcount
    moved = session.execute(update(column.table).where(column == duplicate_id).values({column.name: survivor_id}))
    return dropped, moved.rowcount


def _refuse_shared_panels(session: Session, survivor: UserCvData, duplicate: UserCvData) -> None:
    """A panel both CVs sat: two sittings of one candidate, each with its answers; neither may silently go."""
    theirs = select(PanelCandidate.panel_id).where(col(PanelCandidate.candidate_id) == duplicate.id)
    query = (
        select(InterviewPanel.name)
        .join(PanelCandidate, col(PanelCandidate.panel_id) == InterviewPanel.id)
        .where(col(PanelCandidate.candidate_id) == survivor.id, col(PanelCandidate.panel_id).in_(theirs))
    )
    names = list(session.scalars(query))
    if names:
        shared = ", ".join(sorted(names))
        raise Conflict(CANNOT_MERGE, f"Both CVs sat the panel(s) {shared}; a candidate has one sitting per panel.")


# --- fields and the trail ---------------------------------------------------------------------------


def _fill_empty_fields(survivor: UserCvData, duplicate: UserCvData) -> list[str]:
    filled = [
        field
        for field in FILLED_FIELDS
        if getattr(survivor, field) in (None, "") and getattr(duplicate, field) not in (None, "")
    ]
    for field in filled:
        setattr(survivor, field, getattr(duplicate, field))
    return filled


def _record(
    session: Session,
    actor: AppUser,
    survivor: UserCvData,
    before: dict[str, Any],
    dropped: dict[str, Any],
    result: MergeResult,
) -> None:
    changed_from, changed_to = audit.changes(before, audit.snapshot(survivor, AUDITED_FIELDS))
    after = {
        **changed_to,
        "duplicate_id": str(result.duplicate_id),
        "duplicate": dropped,
        "moved": result.moved,
        "skipped": result.skipped,
        "filled": result.filled,
    }
    audit.record(session, actor, audit.ObjectType.CV, survivor.id, "merged", changed_from or None, after)
