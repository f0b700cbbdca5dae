"""An interview's evaluation: five ratings, notes, expected salary and an optional voice note.

Input comes as raw values (JSON numbers or form strings alike) and is checked here, so the API's
JSON and multipart doors and the UI share the very same rules and messages.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, BinaryIO

from sqlmodel import Session

from hr_app import storage
from hr_app.kit.errors import FieldErrors, Invalid, NotFound
from hr_app.kit.limits import (
    LANGUAGES_MAX_LENGTH,
    RATING_MAX,
    RATING_MIN,
    RATING_RANGE_MESSAGE,
    SALARY_INTEGER_DIGITS,
    SALARY_PLACES,
    too_long,
)
from hr_app.kit.time import utcnow
from hr_app.models import RATING_FIELDS, AppUser, Evaluation
from hr_app.schemas.records import EDITABLE_FIELDS, InterviewRecord, has_data
from hr_app.services import audit, events, scorecards, voice_notes
from hr_app.services.events import Topic
from hr_app.services.interviews import get_interview, get_interview_for_update

INVALID_MESSAGE = "Invalid evaluation data"
TEXT_FIELDS = {"languages": LANGUAGES_MAX_LENGTH, "experience": None, "remark": None}
NOT_A_FILE = "The submitted data was not a file. Check the encoding type on the form."
_INTEGER = re.compile(r"[+-]?[0-9]+")


class SaveMode(StrEnum):
    SET = "set"  # POST / PATCH: change the fields given
    REPLACE = "replace"  # PUT: every field not given becomes null (the voice note too)


@dataclass(frozen=True)
class AudioUpload:
    file: BinaryIO
    filename: str | None


@dataclass(frozen=True)
class SavedEvaluation:
    record: InterviewRecord
    created: bool  # True the first time the empty evaluation received data


# --- checking raw input -----------------------------------------------------------------------------


def _rating(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("A valid integer is required.")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError("A valid integer is required.")
        value = int(value)
    if isinstance(value, str):
        if not _INTEGER.fullmatch(value.strip()):
            raise ValueError("A valid integer is required.")
        value = int(value)
    if not isinstance(value, int):
        raise ValueError("A valid integer is required.")
    if not RATING_MIN <= value <= RATING_MAX:
        raise ValueError(RATING_RANGE_MESSAGE)
    return value


def _salary(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("A valid number is required.")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError("A valid number is required.") from exc
    if not amount.is_finite():
        raise ValueError("A valid number is required.")
    if amount < 0:
        raise ValueError("Ensure this value is greater than or equal to 0.")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > SALARY_PLACES:
        raise ValueError(f"Ensure that there are no more than {SALARY_PLACES} decimal places.")
    if len(str(int(amount))) > SALARY_INTEGER_DIGITS:
        raise ValueError(f"Ensure that there are no more than {SALARY_INTEGER_DIGITS} digits before the decimal point.")
    return amount.quantize(Decimal("0.01"))


def _text(field: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("Not a valid string.")
    value = value.strip()
    limit = TEXT_FIELDS[field]
    if limit is not None and len(value) > limit:
        raise ValueError(too_long(limit))
    return value or None


def _clean(field: str, value: Any) -> Any:
    if field in RATING_FIELDS:
        return _rating(value)
    if field == "expected_salary":
        return _salary(value)
    return _text(field, value)


def clean_fields(data: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """Checked values of the editable fields given, and whether the voice note is to be removed.

    `voice_note` may appear only as null or "" (remove it); a file comes separately as AudioUpload.
    """
    errors: FieldErrors = {}
    cleaned: dict[str, Any] = {}
    remove_voice_note = False
    for field, value in data.items():
        if field == voice_notes.FIELD:
            if value not in (None, ""):
                errors[field] = [NOT_A_FILE]
            remove_voice_note = True
        elif field not in EDITABLE_FIELDS:
            errors[field] = ["Unknown field."]
        else:
            try:
                cleaned[field] = _clean(field, value)
            except ValueError as exc:
                errors[field] = [str(exc)]
    if errors:
        raise Invalid(INVALID_MESSAGE, errors)
    return cleaned, remove_voice_note


# --- saving -----------------------------------------------------------------------------------------


def save_evaluation(
    session: Session,
    *,
    actor: AppUser,
    interview_id: uuid.UUID | str,
    data: Mapping[str, Any],
    mode: SaveMode = SaveMode.SET,
    voice_note: AudioUpload | None = None,
) -> SavedEvaluation:
    """Fill in or change a scorecard through the spec's evaluation routes: the caller's own when they are one of
    the interview's interviewers, the lead's for admin and hr (`scorecards.spec_write_target` holds the rules).

    The voice note is written to disk only after every other field passed; the replaced file is
    removed when the transaction commits, the new one again if it rolls back.
    """
    record = get_interview_for_update(session, actor=actor, interview_id=interview_id)
    cleaned, remove_voice_note = clean_fields(data)
    evaluation = scorecards.spec_write_target(session, actor, record.interview)
    was_empty = not has_data(evaluation)
    before, before_file = audit_snapshot(evaluation), evaluation.voice_note_file
    if mode is SaveMode.REPLACE:
        cleaned = {field: cleaned.get(field) for field in EDITABLE_FIELDS}
        remove_voice_note = True
    for field, value in cleaned.items():
        setattr(evaluation, field, value)
    if voice_note is not None:
        _attach_voice_note(session, evaluation, voice_note)
    elif remove_voice_note:
        _detach_voice_note(session, evaluation)
    _touch(session, record, evaluation, first_data=was_empty and has_data(evaluation))
    after = audit_snapshot(evaluation)
    if before_file and evaluation.voice_note_file and before_file != evaluation.voice_note_file:
        after["voice_note"] = "replaced"
    _record_changes(session, actor, record, before, after, created=was_empty)
    events.publish(session, record.interview.organization_id, Topic.INTERVIEWS, interview_ids=[record.interview.id])
    saved = get_interview(session, actor=actor, interview_id=record.interview.id)
    # The answer shows the scorecard written: the caller's own, or the lead's for admin and hr.
    return SavedEvaluation(record=replace(saved, evaluation=evaluation), created=was_empty and has_data(evaluation))


def audit_snapshot(evaluation: Evaluation) -> dict[str, Any]:
    """The editable fields and whether a voice note is attached (its stored file name stays private)."""
    values = audit.snapshot(evaluation, EDITABLE_FIELDS)
    values["voice_note"] = evaluation.voice_note_file is not None
    return values


def _record_changes(
    session: Session,
    actor: AppUser,
    record: InterviewRecord,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    created: bool,
) -> None:
    """One entry per save that changed something, under the interview's id; an unchanged save records nothing."""
    changed_from, changed_to = audit.changes(before, after)
    if changed_to:
        action = "created" if created else "updated"
        audit.record(session, actor, audit.ObjectType.EVALUATION, record.interview.id, action, changed_from, changed_to)


def _attach_voice_note(session: Session, evaluation: Evaluation, upload: AudioUpload) -> None:
    stored = voice_notes.store(upload.file, upload.filename)
    voice_notes.remove_on_rollback(session, stored.name)
    _detach_voice_note(session, evaluation)
    evaluation.voice_note_file = stored.name
    evaluation.voice_note_content_type = stored.content_type


def _detach_voice_note(session: Session, evaluation: Evaluation) -> None:
    voice_notes.remove_after_commit(session, evaluation.voice_note_file)
    evaluation.voice_note_file = None
    evaluation.voice_note_content_type = None


def _touch(session: Session, record: InterviewRecord, evaluation: Evaluation, *, first_data: bool) -> None:
    now = utcnow()
    if first_data:
        evaluation.created_at = now  # the evaluation counts as created when it first holds data
    evaluation.updated_at = now
    record.interview.updated_at = now
    session.add_all([evaluation, record.interview])
    session.flush()


VOICE_NOTE_NOT_FOUND = ("Voice note not found", "This interview has no voice note")
SCORECARD_VOICE_NOTE_NOT_FOUND = ("Voice note not found", "This scorecard has no voice note")


def voice_note_file(session: Session, *, actor: AppUser, interview_id: uuid.UUID | str) -> tuple[str, str]:
    """The stored name and content type of an interview's voice note (404 when there is none): the spec's, on the
    lead's scorecard, and none while the blind rule hides that scorecard from `actor` (as `GET /{id}/` shows it)."""
    record = get_interview(session, actor=actor, interview_id=interview_id)
    evaluation = scorecards.as_seen_by(session, actor, record).evaluation
    return _stored_voice_note(evaluation, VOICE_NOTE_NOT_FOUND)


def scorecard_voice_note_file(
    session: Session, *, actor: AppUser, interview_id: uuid.UUID | str, scorecard_id: uuid.UUID | str
) -> tuple[str, str]:
    """The voice note of one scorecard the caller may see (beyond the spec; the blind rule as `visible_scorecard`)."""
    card = scorecards.visible_scorecard(session, actor=actor, interview_id=interview_id, scorecard_id=scorecard_id)
    return _stored_voice_note(card, SCORECARD_VOICE_NOTE_NOT_FOUND)


def _stored_voice_note(evaluation: Evaluation | None, missing: tuple[str, str]) -> tuple[str, str]:
    name = evaluation.voice_note_file if evaluation else None
    if evaluation is None or not name or not storage.get_storage().exists(name):
        raise NotFound(*missing)
    return name, evaluation.voice_note_content_type or "application/octet-stream"
