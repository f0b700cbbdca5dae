"""The organization's settings (issue 16): name, time zone, interview length, clash window, pass mark, e-mail."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

from sqlmodel import Session, select

from hr_app.config import get_settings
from hr_app.kit import limits
from hr_app.kit.access import organization_of
from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.models import AppUser, Organization, Role

RANGES = {
    "interview_minutes": (limits.INTERVIEW_MINUTES_MIN, limits.INTERVIEW_MINUTES_MAX),
    "clash_window_minutes": (limits.CLASH_WINDOW_MINUTES_MIN, limits.CLASH_WINDOW_MINUTES_MAX),
    "panel_pass_mark": (limits.PASS_MARK_MIN, limits.PASS_MARK_MAX),
}
SETTINGS_FIELDS = ("name", "time_zone", *RANGES, "sender_name", "decision_messages")


def defaults() -> dict[str, Any]:
    """What a new organization starts from: today's environment settings."""
    settings = get_settings()
    return {
        "interview_minutes": settings.interview_minutes,
        "clash_window_minutes": settings.clash_window_minutes,
    }


def get_organization(session: Session, *, actor: AppUser) -> Organization:
    organization = session.get(Organization, organization_of(actor))
    if organization is None:
        raise NotFound("Organization not found", "Your organization no longer exists.")
    return organization


def _problems(session: Session, organization: Organization, changes: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if "name" in changes:
        name = str(changes["name"] or "").strip()
        taken = session.exec(select(Organization.id).where(Organization.name == name)).first()
        if not name:
            errors["name"] = ["This field may not be blank."]
        elif taken is not None and taken != organization.id:
            errors["name"] = [f"Organization '{name}' already exists."]
    if "time_zone" in changes and changes["time_zone"] not in available_timezones():
        errors["time_zone"] = [f'"{changes["time_zone"]}" is not an IANA time zone (for example Asia/Kolkata).']
    for field, (low, high) in RANGES.items():
        value = changes.get(field)
        if field in changes and (not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high):
            errors[field] = [f"Ensure this value is a whole number from {low} to {high}."]
    if "sender_name" in changes and len(str(changes["sender_name"] or "")) > limits.SENDER_NAME_MAX_LENGTH:
        errors["sender_name"] = [limits.too_long(limits.SENDER_NAME_MAX_LENGTH)]
    if "decision_messages" in changes and not isinstance(changes["decision_messages"], bool):
        errors["decision_messages"] = ["Must be a valid boolean."]
    unknown = set(changes) - set(SETTINGS_FIELDS)
    for field in sorted(unknown):
        errors[field] = ["Unknown field."]
    return errors


def update_organization(session: Session, *, actor: AppUser, changes: dict[str, Any]) -> Organization:
    organization = get_organization(session, actor=actor)
    if actor.role != Role.ADMIN:
        raise Forbidden("You do not have permission to perform this action.", "Only admins can change settings.")
    errors = _problems(session, organization, changes)
    if errors:
        raise Invalid("Invalid data provided", errors)
    for field, value in changes.items():
        setattr(organization, field, value.strip() if isinstance(value, str) else value)
    session.add(organization)
    session.flush()
    return organization
