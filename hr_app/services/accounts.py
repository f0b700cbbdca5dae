"""Organizations and users."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlmodel import Session, select

from hr_app.kit.errors import Forbidden, Invalid, NotFound
from hr_app.kit.limits import PASSWORD_MIN_LENGTH, too_short
from hr_app.models import AppUser, Organization, Role
from hr_app.services.organization import defaults
from hr_app.services.security import MAX_PASSWORD_BYTES, hash_password


def create_organization(session: Session, *, name: str) -> Organization:
    name = name.strip()
    if not name:
        raise Invalid.on("name", "This field may not be blank.")
    if session.exec(select(Organization).where(Organization.name == name)).first():
        raise Invalid.on("name", f"Organization '{name}' already exists.")
    organization = Organization(name=name, **defaults())
    session.add(organization)
    session.flush()
    return organization


def get_organization_by_name(session: Session, name: str) -> Organization:
    organization = session.exec(select(Organization).where(Organization.name == name)).first()
    if organization is None:
        raise NotFound("Organization not found", f"No organization named '{name}'.")
    return organization


def _check_new_user(session: Session, email: str, password: str, role: str, first_name: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        errors["email"] = ["Enter a valid email address."]
    else:
        if session.exec(select(AppUser.id).where(AppUser.email == email)).first() is not None:
            errors["email"] = ["A user with this email already exists."]
    if len(password) < PASSWORD_MIN_LENGTH:
        errors["password"] = [too_short(PASSWORD_MIN_LENGTH)]
    elif len(password.encode()) > MAX_PASSWORD_BYTES:
        errors["password"] = [f"Ensure this field has no more than {MAX_PASSWORD_BYTES} bytes."]
    if role not in set(Role):
        errors["role"] = [f'"{role}" is not a valid choice.']
    if not first_name.strip():
        errors["first_name"] = ["This field may not be blank."]
    return errors


def create_user(
    session: Session,
    *,
    organization: Organization | None,
    email: str,
    password: str,
    role: str,
    first_name: str,
    last_name: str = "",
    job_role: str = "",
) -> AppUser:
    email = email.strip().lower()
    errors = _check_new_user(session, email, password, role, first_name)
    if errors:
        raise Invalid("Invalid data provided", errors)
    user = AppUser(
        organization_id=organization.id if organization else None,
        email=email,
        password_hash=hash_password(password),
        role=role,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_role=job_role.strip(),
    )
    session.add(user)
    session.flush()
    return user


def invite_user(session: Session, *, actor: AppUser, **fields: str) -> AppUser:
    """An admin adds a user to their own organization."""
    if actor.role != Role.ADMIN:
        raise Forbidden("You do not have permission to perform this action.", "Only admins can add users.")
    organization = session.get(Organization, actor.organization_id) if actor.organization_id else None
    if organization is None:
        raise Forbidden("User must belong to an organization", "Ask an admin to add you to one.")
    return create_user(session, organization=organization, **fields)


def list_users(session: Session, *, actor: AppUser, role: str | None = None) -> list[AppUser]:
    if actor.organization_id is None:
        return []
    query = select(AppUser).where(AppUser.organization_id == actor.organization_id, AppUser.is_active)
    if role:
        query = query.where(AppUser.role == role)
    return list(session.exec(query.order_by(AppUser.first_name, AppUser.last_name, AppUser.id)))
