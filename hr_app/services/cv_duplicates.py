"""Possible duplicates of a CV: another CV of the organization with the same e-mail or the same phone number.

E-mail: trimmed and compared case-insensitively.

Phone (decision 90): numbers are compared by their digits, as people write one number in many ways
("+44 20 7946 0958", "0044 20 7946 0958", "+44 (0)20 7946 0958", "020-7946-0958", "(020) 7946.0958"):
1. a "(0)" (the trunk zero written inside an international number) is dropped, then the separators
   (spaces, dashes, dots, slashes, brackets, "+") are; what remains must be digits only (a number with an
   extension or words in it is not compared);
2. leading zeros go (the "00" international prefix and a national trunk "0");
3. two such keys match when the shorter has at least `PHONE_MIN_DIGITS` digits and is the end of the longer,
   which is at most `COUNTRY_CODE_MAX_DIGITS` digits longer (a country code): "2079460958" matches
   "442079460958", and "+1 555 123 4567" matches "(555) 123-4567".
Stored numbers get the same steps in SQL (nested `replace`, `ltrim`, `substr`: the same on SQLite and PostgreSQL),
so one query answers over the whole organization whatever the number of CVs. It is a warning for a person to
judge, never an automatic merge, so a rare false match (two countries, the same last digits) costs a glance.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, literal, or_
from sqlmodel import Session, col, select

from hr_app.kit.access import organization_of
from hr_app.models import AppUser, UserCvData
from hr_app.services.cvs import get_cv

PHONE_MIN_DIGITS = 8  # fewer is a local or short number: too many strangers share its end
COUNTRY_CODE_MAX_DIGITS = 3  # ITU country codes are 1 to 3 digits
PHONE_SEPARATORS = (" ", "\u00a0", "\t", "-", ".", "/", "(", ")", "+")
TRUNK_ZERO = "(0)"
DUPLICATES_LIMIT = 20
EMAIL, PHONE = "email", "phone"


@dataclass(frozen=True)
class PossibleDuplicate:
    id: uuid.UUID
    name: str
    email: str
    phone: str
    matched_on: tuple[str, ...]  # "email", "phone" or both, in that order


def phone_key(phone: str | None) -> str | None:
    """The digits a phone number is compared by, or None when it is not compared (see the module's rule)."""
    text = (phone or "").replace(TRUNK_ZERO, "")
    for separator in PHONE_SEPARATORS:
        text = text.replace(separator, "")
    key = text.lstrip("0")
    if not key.isascii() or not key.isdigit() or len(key) < PHONE_MIN_DIGITS:
        return None
    return key


def _sql_phone_key(column: ColumnElement[str]) -> ColumnElement[str]:
    """`phone_key` in SQL for a stored number (digit-only is checked by the comparison: the input is digits)."""
    expression: ColumnElement[str] = func.replace(column, TRUNK_ZERO, "")
    for separator in PHONE_SEPARATORS:
        expression = func.replace(expression, separator, "")
    return func.ltrim(expression, "0")


def _ends_with(longer: ColumnElement[str], shorter: ColumnElement[str]) -> ColumnElement[bool]:
    gap = func.length(longer) - func.length(shorter)
    return and_(
        gap >= 0,
        gap <= COUNTRY_CODE_MAX_DIGITS,
        func.length(shorter) >= PHONE_MIN_DIGITS,
        func.substr(longer, gap + 1) == shorter,
    )


def _same_phone(stored: ColumnElement[str], key: str | None) -> ColumnElement[bool]:
    """The rule, after a cheap necessary test on the stored text: any match ends in the key's last
    `PHONE_MIN_DIGITS` digits, which then appear in that order in the text as written (the key's steps only
    remove characters), so most rows are answered by one LIKE instead of ten replaces."""
    if key is None:
        return literal(False)
    in_order = "%" + "%".join(key[-PHONE_MIN_DIGITS:]) + "%"  # digits only: no wildcard from the caller
    stored_key, given = _sql_phone_key(stored), literal(key)
    return and_(stored.like(in_order), or_(_ends_with(stored_key, given), _ends_with(given, stored_key)))


def _same_email(email: str | None) -> ColumnElement[bool]:
    wanted = (email or "").strip().lower()
    if not wanted:
        return literal(False)
    return func.lower(func.trim(UserCvData.email)) == wanted


def possible_duplicates(
    session: Session,
    organization_id: uuid.UUID,
    email: str | None,
    phone: str | None,
    exclude_cv_id: uuid.UUID | None = None,
) -> list[PossibleDuplicate]:
    """The organization's CVs with this e-mail or phone (e-mail matches first, then by name). One query."""
    email_match = _same_email(email)
    phone_match = _same_phone(col(UserCvData.phone_number), phone_key(phone))
    scoped = select(
        col(UserCvData.id),
        col(UserCvData.name),
        col(UserCvData.email),
        col(UserCvData.phone_number),
        case((email_match, 1), else_=0).label("by_email"),
        case((phone_match, 1), else_=0).label("by_phone"),
    ).where(UserCvData.organization_id == organization_id)
    if exclude_cv_id is not None:
        scoped = scoped.where(UserCvData.id != exclude_cv_id)
    rows = scoped.subquery()
    query = (
        select(rows)
        .where(or_(rows.c.by_email == 1, rows.c.by_phone == 1))
        .order_by(rows.c.by_email.desc(), func.lower(rows.c.name), rows.c.id)
        .limit(DUPLICATES_LIMIT)
    )
    return [
        PossibleDuplicate(
            id=row.id,
            name=row.name,
            email=row.email,
            phone=row.phone_number,
            matched_on=tuple(kind for kind, hit in ((EMAIL, row.by_email), (PHONE, row.by_phone)) if hit),
        )
        for row in session.execute(query)
    ]


def duplicates_of(session: Session, *, actor: AppUser, cv_id: uuid.UUID | str) -> list[PossibleDuplicate]:
    """Any member of the CV's organization: the other CVs that look like the same person (404 as `get_cv`)."""
    cv = get_cv(session, actor=actor, cv_id=cv_id).cv
    return possible_duplicates(session, organization_of(actor), cv.email, cv.phone_number, exclude_cv_id=cv.id)


def duplicates_for(
    session: Session, *, actor: AppUser, email: str | None, phone: str | None
) -> list[PossibleDuplicate]:
    """Any member: the CVs a new CV with this e-mail and phone would duplicate (the add form's warning)."""
    return possible_duplicates(session, organization_of(actor), email, phone)
