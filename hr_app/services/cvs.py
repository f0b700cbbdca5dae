"""Job titles and CVs (candidates): listing, adding, editing, deleting and importing from CSV.

Every rule about a CV's fields lives here, so the JSON door, the CSV import and the UI agree.
A CV's status is not edited here: the interview workflow owns it (see services/interviews.py).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import exists, func
from sqlmodel import Session, select
from sqlmodel.sql.expression import Select

from hr_app import storage
from hr_app.kit.access import organization_of, require_staff
from hr_app.kit.errors import Conflict, FieldErrors, Invalid, NotFound
from hr_app.kit.ids import parse_uuid
from hr_app.kit.limits import (
    EMAIL_MAX_LENGTH,
    IMPORT_MAX_ROWS,
    LABEL_MAX_LENGTH,
    PHONE_MAX_LENGTH,
    PLACE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    extra_fields,
    too_long,
)
from hr_app.kit.time import utcnow
from hr_app.models import (
    AppUser,
    CvDocument,
    CvSource,
    CvStatus,
    CvTag,
    CvTagLink,
    Interview,
    JobTitle,
    PanelCandidate,
    UserCvData,
)
from hr_app.schemas.common import MAX_DB_INT
from hr_app.schemas.records import CvRecord
from hr_app.services import audit, events
from hr_app.services.events import Topic
from hr_app.services.pagination import Listing, PageRequest, fetch

CV_FIELDS = ("name", "email", "phone_number", "job_title", "place", "district")
CSV_REQUIRED_COLUMNS = ("name", "email")
AUDITED_FIELDS = ("name", "email", "phone_number", "job_title_id", "place", "district", "status")
_MAX_LENGTHS = {
    "name": TITLE_MAX_LENGTH,
    "email": EMAIL_MAX_LENGTH,
    "phone_number": PHONE_MAX_LENGTH,
    "place": PLACE_MAX_LENGTH,
    "district": PLACE_MAX_LENGTH,
}


def cv_query(organization_id: uuid.UUID) -> Select[tuple[UserCvData, str | None]]:
    return (
        select(UserCvData, JobTitle.name)
        .outerjoin(JobTitle, JobTitle.id == UserCvData.job_title_id)
        .where(UserCvData.organization_id == organization_id)
    )


# --- job titles -------------------------------------------------------------------------------------


def list_job_titles(session: Session, *, actor: AppUser) -> list[JobTitle]:
    organization_id = organization_of(actor)
    query = select(JobTitle).where(JobTitle.organization_id == organization_id).order_by(JobTitle.name, JobTitle.id)
    return list(session.exec(query))


def create_job_title(session: Session, *, actor: AppUser, name: str) -> JobTitle:
    organization_id = require_staff(actor)
    name = (name or "").strip()
    if not name:
        raise Invalid.on("name", "This field may not be blank.")
    if len(name) > LABEL_MAX_LENGTH:
        raise Invalid.on("name", too_long(LABEL_MAX_LENGTH))
    if _job_titles_by_name(session, organization_id, [name]):
        raise Invalid.on("name", "A job title with this name already exists.")
    job_title = JobTitle(organization_id=organization_id, name=name)
    session.add(job_title)
    session.flush()
    events.publish(session, organization_id, Topic.CVS, Topic.JOB_TITLES)
    return job_title


def own_job_title(session: Session, organization_id: uuid.UUID, job_title_id: int) -> JobTitle:
    job_title = session.get(JobTitle, job_title_id) if 1 <= job_title_id <= MAX_DB_INT else None
    if job_title is None or job_title.organization_id != organization_id:
        raise NotFound("Job title not found", f"No job title with id {job_title_id} in your organization.")
    return job_title


def rename_job_title(session: Session, *, actor: AppUser, job_title_id: int, name: str) -> JobTitle:
    organization_id = require_staff(actor)
    job_title = own_job_title(session, organization_id, job_title_id)
    name = (name or "").strip()
    if not name:
        raise Invalid.on("name", "This field may not be blank.")
    if len(name) > LABEL_MAX_LENGTH:
        raise Invalid.on("name", too_long(LABEL_MAX_LENGTH))
    same = _job_titles_by_name(session, organization_id, [name]).get(name.lower())
    if same is not None and same.id != job_title.id:
        raise Invalid.on("name", "A job title with this name already exists.")
    job_title.name = name
    session.add(job_title)
    session.flush()
    events.publish(session, organization_id, Topic.CVS, Topic.JOB_TITLES)
    return job_title


def delete_job_title(session: Session, *, actor: AppUser, job_title_id: int) -> None:
    """Refused while CVs use it, with their count (their job title would silently vanish otherwise)."""
    organization_id = require_staff(actor)
    job_title = own_job_title(session, organization_id, job_title_id)
    in_use = session.exec(
        select(func.count()).select_from(UserCvData).where(UserCvData.job_title_id == job_title.id)
    ).one()
    if in_use:
        raise Conflict(
            f"This job title is used by {in_use} CV(s) and cannot be deleted.",
            "Move those CVs to another job title first, or rename this one.",
        )
    session.delete(job_title)
    session.flush()
    events.publish(session, organization_id, Topic.CVS, Topic.JOB_TITLES)


def _job_titles_by_name(session: Session, organization_id: uuid.UUID, names: Iterable[str]) -> dict[str, JobTitle]:
    """Job titles of the organization keyed by lower-cased name (names compare case-insensitively)."""
    wanted = {name.strip().lower() for name in names if name.strip()}
    if not wanted:
        return {}
    query = select(JobTitle).where(JobTitle.organization_id == organization_id, func.lower(JobTitle.name).in_(wanted))
    return {job_title.name.lower(): job_title for job_title in session.exec(query)}


# --- reading CVs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelFilter:
    """Only the CVs with this tag (any case) and from this source (issue 17); None: any."""

    tag: str | None = None
    source: CvSource | None = None

    @classmethod
    def of(cls, tag: str | None, source: CvSource | None) -> LabelFilter | None:
        """From query parameters: a blank tag filters nothing."""
        tag = tag if tag and tag.strip() else None
        return cls(tag=tag, source=source) if tag or source else None


def list_cvs(
    session: Session,
    *,
    actor: AppUser,
    statuses: Sequence[CvStatus] | None = None,
    page: PageRequest | None = None,
    labels: LabelFilter | None = None,
) -> Listing[CvRecord]:
    """The organization's CVs (or one page), optionally only those in `statuses`, ordered by name. One query."""
    organization_id = organization_of(actor)
    query = cv_query(organization_id)
    if statuses:
        query = query.where(UserCvData.status.in_(list(statuses)))
    if labels and labels.source:
        query = query.where(UserCvData.source == labels.source)
    if labels and labels.tag is not None:
        tagged = select(CvTagLink.cv_id).join(CvTag, CvTag.id == CvTagLink.tag_id)
        tagged = tagged.where(CvTag.organization_id == organization_id, CvTag.key == CvTag.key_of(labels.tag))
        query = query.where(UserCvData.id.in_(tagged))
    query = query.order_by(func.lower(UserCvData.name), UserCvData.created_at, UserCvData.id)
    return fetch(session, query, page, lambda row: CvRecord(*row))


def cvs_for_interview(
    session: Session, *, actor: AppUser, include_all: bool = False, page: PageRequest | None = None
) -> Listing[CvRecord]:
    statuses = None if include_all else [CvStatus.PENDING]
    return list_cvs(session, actor=actor, statuses=statuses, page=page)


def get_cv(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> CvRecord:
    parsed = parse_uuid(cv_id)
    row = session.exec(cv_query(organization_of(actor)).where(UserCvData.id == parsed)).first() if parsed else None
    if row is None:
        raise NotFound("CV not found", "The requested CV does not exist")
    return CvRecord(*row)


# --- validating CV fields ---------------------------------------------------------------------------


def _clean_text(field: str, value: Any, errors: FieldErrors) -> str | None:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.setdefault(field, []).append("Not a valid string.")
        return None
    value = value.strip()
    if len(value) > _MAX_LENGTHS[field]:
        errors.setdefault(field, []).append(too_long(_MAX_LENGTHS[field]))
        return None
    return value


def _clean_cv_values(values: Mapping[str, Any], *, partial: bool) -> tuple[dict[str, Any], FieldErrors]:
    """Type, length, blank and e-mail checks; job titles are resolved by the caller."""
    errors: FieldErrors = {}
    cleaned: dict[str, Any] = {}
    for field in values:
        if field not in CV_FIELDS:
            problem = "CV status is managed by the interview workflow." if field == "status" else "Unknown field."
            errors[field] = [problem]
    for field in CV_FIELDS:
        if field == "job_title" or (partial and field not in values):
            continue
        if field in ("name", "email") and not partial and values.get(field) is None:
            errors[field] = ["This field is required."]
            continue
        value = _clean_text(field, values.get(field), errors)
        if value is None:
            continue
        if field in ("name", "email") and not value:
            errors[field] = ["This field may not be blank."]
        elif field == "email" and not _is_email(value):
            errors[field] = ["Enter a valid email address."]
        else:
            cleaned[field] = value.lower() if field == "email" else value
    return cleaned, errors


def _is_email(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _resolve_job_title_id(session: Session, organization_id: uuid.UUID, value: Any) -> tuple[int | None, str | None]:
    """A job title id of this organization (or None), else the problem with it."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        return None, "Incorrect type. Expected pk value."
    job_title_id = int(value)
    job_title = session.get(JobTitle, job_title_id)
    if job_title is None or job_title.organization_id != organization_id:
        return None, f'Invalid pk "{job_title_id}" - object does not exist.'
    return job_title_id, None


def _duplicate_email(session: Session, organization_id: uuid.UUID, email: str, exclude: uuid.UUID | None) -> bool:
    query = select(UserCvData.id).where(
        UserCvData.organization_id == organization_id, func.lower(UserCvData.email) == email.lower()
    )
    if exclude is not None:
        query = query.where(UserCvData.id != exclude)
    return session.exec(query).first() is not None


def _validate(
    session: Session, organization_id: uuid.UUID, values: Mapping[str, Any], *, partial: bool, cv_id: uuid.UUID | None
) -> dict[str, Any]:
    cleaned, errors = _clean_cv_values(values, partial=partial)
    if "job_title" in values or not partial:
        job_title_id, problem = _resolve_job_title_id(session, organization_id, values.get("job_title"))
        if problem:
            errors["job_title"] = [problem]
        else:
            cleaned["job_title_id"] = job_title_id
    if "email" in cleaned and _duplicate_email(session, organization_id, cleaned["email"], cv_id):
        errors["email"] = ["A CV with this email already exists."]
    if errors:
        raise Invalid("Invalid data provided", errors)
    return cleaned


# --- writing CVs ------------------------------------------------------------------------------------


def create_cv(session: Session, *, actor: AppUser, values: Mapping[str, Any]) -> CvRecord:
    """A new pending CV from name, email, phone_number, job_title (id), place, district."""
    organization_id = require_staff(actor)
    cleaned = _validate(session, organization_id, values, partial=False, cv_id=None)
    cv = UserCvData(organization_id=organization_id, status=CvStatus.PENDING, **cleaned)
    session.add(cv)
    audit.record(session, actor, audit.ObjectType.CV, cv.id, "created", None, audit.snapshot(cv, AUDITED_FIELDS))
    session.flush()
    events.publish(session, organization_id, Topic.CVS)
    return get_cv(session, actor=actor, cv_id=cv.id)


def create_cv_for_document(session: Session, *, actor: AppUser, name: str) -> UserCvData:
    """A new pending CV known only by its candidate's name, for a document imported on its own (decision 112): the
    e-mail and phone come later, from the document's text suggestions that HR confirms. The name's rules are the
    same as everywhere; the e-mail is the one field left empty."""
    organization_id = require_staff(actor)
    cleaned = _validate(session, organization_id, {"name": name}, partial=True, cv_id=None)
    if "name" not in cleaned:
        raise Invalid.on("name", "This field may not be blank.")
    cv = UserCvData(organization_id=organization_id, status=CvStatus.PENDING, email="", **cleaned)
    session.add(cv)
    audit.record(session, actor, audit.ObjectType.CV, cv.id, "created", None, audit.snapshot(cv, AUDITED_FIELDS))
    session.flush()
    events.publish(session, organization_id, Topic.CVS)
    return cv


def update_cv(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str, values: Mapping[str, Any]) -> CvRecord:
    organization_id = require_staff(actor)
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    cleaned = _validate(session, organization_id, values, partial=True, cv_id=cv.id)
    before = audit.snapshot(cv, AUDITED_FIELDS)
    for field, value in cleaned.items():
        setattr(cv, field, value)
    cv.updated_at = utcnow()
    session.add(cv)
    changed_from, changed_to = audit.changes(before, audit.snapshot(cv, AUDITED_FIELDS))
    if changed_to:
        audit.record(session, actor, audit.ObjectType.CV, cv.id, "updated", changed_from, changed_to)
    session.flush()
    events.publish(session, organization_id, Topic.CVS, Topic.INTERVIEWS)
    return get_cv(session, actor=actor, cv_id=cv.id)


def delete_cv(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> None:
    """Delete a CV that has no interview and no panel session (their history would go with it), and its documents."""
    organization_id = require_staff(actor)
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    in_use = session.exec(
        select(exists().where(Interview.candidate_id == cv.id) | exists().where(PanelCandidate.candidate_id == cv.id))
    ).one()
    if in_use:
        raise Invalid("Cannot delete CV", "This CV has interviews or panel sessions; delete those first.")
    audit.record(session, actor, audit.ObjectType.CV, cv.id, "deleted", audit.snapshot(cv, AUDITED_FIELDS), None)
    for document in session.exec(select(CvDocument).where(CvDocument.cv_id == cv.id)):
        storage.delete_after_commit(session, document.storage_name)  # the files go once the delete commits
        session.delete(document)
    session.flush()
    session.delete(cv)
    session.flush()
    events.publish(session, organization_id, Topic.CVS)


# --- CSV import -------------------------------------------------------------------------------------


def import_cvs_csv(session: Session, *, actor: AppUser, content: bytes) -> list[CvRecord]:
    """Import every row of a CSV file, or none: any bad row refuses the whole file.

    Columns: name, email (required), phone_number, job_title (a job title's name), place, district.
    Errors are keyed `rows.<line>.<field>`, the line counted as in a spreadsheet (header = 1).
    """
    added = add_csv_rows(session, actor=actor, content=content)
    by_id = {record.cv.id: record for record in list_cvs(session, actor=actor)}
    return [by_id[row.cv.id] for row in added]


@dataclass(frozen=True)
class ImportedRow:
    line: int  # as a spreadsheet counts it (header = 1)
    cv: UserCvData
    values: dict[str, str]  # the row as read, extra columns included


def add_csv_rows(
    session: Session, *, actor: AppUser, content: bytes, extra_columns: tuple[str, ...] = ()
) -> list[ImportedRow]:
    """Validate every row of a CSV of CVs and add them, or raise with every problem (`rows.<line>.<field>`).
    `extra_columns` are allowed beside the CV's (a document's file name, say) and handed back in `values`."""
    organization_id = require_staff(actor)
    rows = _read_csv(content, extra_columns)
    job_titles = _job_titles_by_name(session, organization_id, (row.get("job_title") or "" for _, row in rows))
    taken = _existing_emails(session, organization_id, (row.get("email") or "" for _, row in rows))
    built, errors = _cvs_from_rows(organization_id, rows, job_titles, taken)
    if errors:
        raise Invalid("Invalid data provided", errors)
    session.add_all(cv for _, cv in built)
    for _, cv in built:
        audit.record(session, actor, audit.ObjectType.CV, cv.id, "imported", None, audit.snapshot(cv, AUDITED_FIELDS))
    session.flush()
    events.publish(session, organization_id, Topic.CVS)
    values = dict(rows)
    return [ImportedRow(line, cv, values[line]) for line, cv in built]


def _read_csv(content: bytes, extra_columns: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid.on("file", "The file must be a UTF-8 encoded CSV file.") from exc
    if "\x00" in text:
        raise Invalid.on("file", "The file contains a NUL character; it is not a text CSV file.")
    try:
        return _parse_csv(text, extra_columns)
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        raise Invalid.on("file", f"The file is not a valid CSV file: {exc}.") from exc


def _parse_csv(text: str, extra_columns: tuple[str, ...] = ()) -> list[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in CSV_REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise Invalid.on("file", f"Missing column(s): {', '.join(missing)}.")
    unknown = [name for name in columns if name not in CV_FIELDS and name not in extra_columns]
    if unknown:
        raise Invalid.on("file", f"Unknown column(s): {', '.join(unknown)}.")
    reader.fieldnames = columns
    rows: list[tuple[int, dict[str, str]]] = []
    errors: FieldErrors = {}
    for row in reader:
        extra = row.pop(None, None)  # type: ignore[call-overload]  # DictReader's restkey for extra fields
        if extra and any(value.strip() for value in extra):
            errors[f"rows.{reader.line_num}"] = [extra_fields(len(columns), len(extra))]
        if any((value or "").strip() for value in row.values()):
            rows.append((reader.line_num, row))
        if len(rows) > IMPORT_MAX_ROWS:  # stop reading: the rest would only cost memory
            raise Invalid.on("file", f"Import at most {IMPORT_MAX_ROWS} CVs at a time.")
    if errors:
        raise Invalid("Invalid data provided", errors)
    if not rows:
        raise Invalid.on("file", "The CSV file has no rows.")
    return rows


def _existing_emails(session: Session, organization_id: uuid.UUID, emails: Iterable[str]) -> set[str]:
    wanted = {email.strip().lower() for email in emails if email.strip()}
    if not wanted:
        return set()
    query = select(func.lower(UserCvData.email)).where(
        UserCvData.organization_id == organization_id, func.lower(UserCvData.email).in_(wanted)
    )
    return set(session.exec(query))


def _cvs_from_rows(
    organization_id: uuid.UUID,
    rows: list[tuple[int, dict[str, str]]],
    job_titles: dict[str, JobTitle],
    taken_emails: set[str],
) -> tuple[list[tuple[int, UserCvData]], FieldErrors]:
    errors: FieldErrors = {}
    cvs: list[tuple[int, UserCvData]] = []
    seen_emails = set(taken_emails)
    for line, row in rows:
        values = {field: (row.get(field) or "") for field in CV_FIELDS if field != "job_title"}
        cleaned, row_errors = _clean_cv_values(values, partial=False)
        title_name = (row.get("job_title") or "").strip()
        job_title = job_titles.get(title_name.lower())
        if title_name and job_title is None:
            row_errors["job_title"] = [f"Job title '{title_name}' does not exist."]
        email = cleaned.get("email")
        if email and email in seen_emails:
            row_errors["email"] = ["A CV with this email already exists."]
        if email:
            seen_emails.add(email)
        for field, problems in row_errors.items():
            errors[f"rows.{line}.{field}"] = problems
        if not row_errors:
            job_title_id = job_title.id if job_title else None
            cvs.append((line, UserCvData(organization_id=organization_id, job_title_id=job_title_id, **cleaned)))
    return cvs, errors
