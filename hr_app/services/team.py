"""The team runs itself: invitations, roles, deactivation, passwords, one-time links (issue 16).

Invitation and reset links carry a 256-bit token stored only as its SHA-256 (`account_token`). Every change
that should end a user's sessions calls `auth.end_sessions`, which bumps the version their tokens carry.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func
from sqlmodel import Session, select

from hr_app.config import get_settings
from hr_app.kit.access import organization_of
from hr_app.kit.errors import Forbidden, Invalid, NotFound, TooManyRequests
from hr_app.kit.time import as_utc, utcnow
from hr_app.models import AccountToken, AppUser, Organization, Role
from hr_app.schemas.common import MAX_DB_INT
from hr_app.services import audit, outbox
from hr_app.services.accounts import create_organization, create_user
from hr_app.services.auth import end_sessions
from hr_app.services.passwords import check_password
from hr_app.services.rate_limit import Limit
from hr_app.services.security import hash_one_time_token, hash_password, new_one_time_token, verify_password

INVITE_LIFETIME = timedelta(hours=72)
RESET_LIFETIME = timedelta(hours=1)
RESETS_PER_MINUTE_PER_ADDRESS = 3
RESETS_PER_MINUTE_PER_IP = 10
LAST_ADMIN = "The last active admin cannot be demoted or deactivated. Make another user an admin first."
BAD_LINK = "This link is invalid or has expired. Ask for a new one."
ONLY_ADMINS = "Only admins can manage users."


@dataclass(frozen=True)
class IssuedLink:
    """What a one-time link needs: the user it is for and the token (never stored; mailed once)."""

    user: AppUser
    token: str


def _require_admin(actor: AppUser) -> None:
    organization_of(actor)
    if actor.role != Role.ADMIN:
        raise Forbidden("You do not have permission to perform this action.", ONLY_ADMINS)


def _member(session: Session, actor: AppUser, user_id: int) -> AppUser:
    user = session.get(AppUser, user_id) if 1 <= user_id <= MAX_DB_INT else None
    if user is None or user.organization_id != organization_of(actor):
        raise NotFound("User not found", f"No user with id {user_id} in your organization.")
    return user


def status_of(user: AppUser) -> str:
    if user.password_set_at is None:
        return "invited"
    return "active" if user.is_active else "inactive"


def list_team(session: Session, *, actor: AppUser) -> list[AppUser]:
    """Everyone in the organization, active or not, for the Users page (admin and hr)."""
    organization_id = organization_of(actor)
    if actor.role not in (Role.ADMIN, Role.HR):
        raise Forbidden("You do not have permission to perform this action.", "Only admin or hr users can do this.")
    query = select(AppUser).where(AppUser.organization_id == organization_id)
    return list(session.exec(query.order_by(AppUser.first_name, AppUser.last_name, AppUser.id)))


def _issue(session: Session, user: AppUser, purpose: str, lifetime: timedelta) -> IssuedLink:
    for old in session.exec(
        select(AccountToken).where(
            AccountToken.user_id == user.id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None)
        )
    ):
        session.delete(old)  # one live link per user and purpose: a resend ends the previous one
    token, token_hash = new_one_time_token()
    now = utcnow()
    session.add(
        AccountToken(user_id=user.id, purpose=purpose, token_hash=token_hash, created_at=now, expires_at=now + lifetime)
    )
    session.flush()
    return IssuedLink(user=user, token=token)


def _mail_link(session: Session, link: IssuedLink, *, kind: str, path: str, lifetime: timedelta) -> None:
    """The e-mail carrying the link, in the outbox in this transaction (a rollback sends nothing)."""
    user = link.user
    outbox.queue_email(
        session,
        organization_id=user.organization_id,
        kind=kind,
        to=user.email,
        template=kind,
        context={
            "first_name": user.first_name,
            "link": f"{get_settings().public_url.rstrip('/')}{path}/{link.token}",
            "expires_at": utcnow() + lifetime,
        },
        related=("user", user.id),
    )


def _invite_errors(session: Session, email: str, first_name: str, role: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        errors["email"] = ["Enter a valid email address."]
    else:
        if session.exec(select(AppUser.id).where(AppUser.email == email)).first() is not None:
            errors["email"] = ["A user with this email already exists."]
    if not first_name.strip():
        errors["first_name"] = ["This field may not be blank."]
    if role not in set(Role):
        errors["role"] = [f'"{role}" is not a valid choice.']
    return errors


def invite(
    session: Session, *, actor: AppUser, email: str, first_name: str, last_name: str = "", role: str, job_role: str = ""
) -> IssuedLink:
    """An admin invites someone: the user exists at once (status invited) and gets a 72-hour link."""
    _require_admin(actor)
    email = email.strip().lower()
    errors = _invite_errors(session, email, first_name, role)
    if errors:
        raise Invalid("Invalid data provided", errors)
    user = AppUser(
        organization_id=actor.organization_id,
        email=email,
        password_hash=hash_password(secrets.token_urlsafe(32)),  # nobody knows it: no sign-in before accepting
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        job_role=job_role.strip(),
        role=role,
        is_active=False,
        password_set_at=None,
    )
    session.add(user)
    session.flush()
    _record(session, actor, user, "invited", None, audit.snapshot(user, USER_FIELDS))
    return _send_invite(session, user)


def _send_invite(session: Session, user: AppUser) -> IssuedLink:
    link = _issue(session, user, "invite", INVITE_LIFETIME)
    _mail_link(session, link, kind="invitation", path="/accept-invite", lifetime=INVITE_LIFETIME)
    return link


def resend_invite(session: Session, *, actor: AppUser, user_id: int) -> IssuedLink:
    user = _member(session, actor, user_id)
    _require_admin(actor)
    if status_of(user) != "invited":
        raise Invalid("This user has already accepted the invitation.", "Only pending invitations can be resent.")
    return _send_invite(session, user)


def revoke_invite(session: Session, *, actor: AppUser, user_id: int) -> None:
    """The invitation ends and the invited (never signed-in) user is removed."""
    user = _member(session, actor, user_id)
    _require_admin(actor)
    if status_of(user) != "invited":
        raise Invalid("This user has already accepted the invitation.", "Deactivate the user instead.")
    _record(session, actor, user, "invite_revoked", audit.snapshot(user, USER_FIELDS), None)
    session.delete(user)
    session.flush()


def _redeem(session: Session, token: str, purpose: str) -> tuple[AccountToken, AppUser]:
    row = session.exec(select(AccountToken).where(AccountToken.token_hash == hash_one_time_token(token or ""))).first()
    if row is None or row.purpose != purpose or row.used_at is not None or as_utc(row.expires_at) <= utcnow():
        raise Invalid.on("token", BAD_LINK, message=BAD_LINK)
    user = session.get(AppUser, row.user_id)
    if user is None:
        raise Invalid.on("token", BAD_LINK, message=BAD_LINK)
    return row, user


def _set_password(session: Session, user: AppUser, row: AccountToken, password: str) -> AppUser:
    check_password("password", password, personal=(user.email, user.first_name, user.last_name))
    row.used_at = utcnow()
    user.password_hash = hash_password(password)
    user.password_set_at = row.used_at
    end_sessions(user)
    session.add_all([row, user])
    session.flush()
    return user


def accept_invite(session: Session, *, token: str, password: str) -> AppUser:
    row, user = _redeem(session, token, "invite")
    user.is_active = True
    _record(session, user, user, "invite_accepted", {"is_active": False}, {"is_active": True})
    return _set_password(session, user, row, password)


USER_FIELDS = ("email", "first_name", "last_name", "job_role", "role", "is_active")


def _record(session: Session, actor: AppUser, user: AppUser, action: str, before: dict | None, after: dict | None):
    audit.record(session, actor, audit.ObjectType.USER, str(user.id), action, before, after)


def _active_admins(session: Session, organization_id: uuid.UUID | None) -> int:
    return session.exec(
        select(func.count())
        .select_from(AppUser)
        .where(AppUser.organization_id == organization_id, AppUser.role == Role.ADMIN, AppUser.is_active)
    ).one()


def update_user(session: Session, *, actor: AppUser, user_id: int, changes: dict) -> AppUser:
    """PATCH a user: admins change anyone's role, activity and name; everyone may change their own name."""
    user = _member(session, actor, user_id)
    if actor.role != Role.ADMIN and (user.id != actor.id or {"role", "is_active"} & changes.keys()):
        raise Forbidden("You do not have permission to perform this action.", ONLY_ADMINS)
    errors: dict[str, list[str]] = {}
    if "role" in changes and changes["role"] not in set(Role):
        errors["role"] = [f'"{changes["role"]}" is not a valid choice.']
    if "first_name" in changes and not (changes["first_name"] or "").strip():
        errors["first_name"] = ["This field may not be blank."]
    if changes.get("is_active") and status_of(user) == "invited":
        errors["is_active"] = ["This user has not accepted the invitation yet; resend it instead."]
    if errors:
        raise Invalid("Invalid data provided", errors)
    losing_admin = (
        user.role == Role.ADMIN
        and user.is_active
        and (changes.get("role", Role.ADMIN) != Role.ADMIN or changes.get("is_active", True) is False)
    )
    if losing_admin and _active_admins(session, user.organization_id) <= 1:
        raise Invalid(LAST_ADMIN, LAST_ADMIN)
    ends_sessions = ("role" in changes and changes["role"] != user.role) or (
        "is_active" in changes and changes["is_active"] != user.is_active
    )
    before = audit.snapshot(user, USER_FIELDS)
    for field in ("first_name", "last_name", "job_role"):
        if field in changes:
            setattr(user, field, (changes[field] or "").strip())
    if "role" in changes:
        user.role = str(changes["role"])
    if "is_active" in changes:
        user.is_active = bool(changes["is_active"])
    if ends_sessions:
        end_sessions(user)
    changed_from, changed_to = audit.changes(before, audit.snapshot(user, USER_FIELDS))
    if changed_to:
        _record(session, actor, user, "updated", changed_from, changed_to)
    session.add(user)
    session.flush()
    return user


def change_password(session: Session, *, actor: AppUser, current_password: str, new_password: str) -> AppUser:
    if not verify_password(current_password or "", actor.password_hash):
        raise Invalid.on("current_password", "Your current password is not correct.")
    check_password("new_password", new_password, personal=(actor.email, actor.first_name, actor.last_name))
    actor.password_hash = hash_password(new_password)
    actor.password_set_at = utcnow()
    end_sessions(actor)
    _record(session, actor, actor, "password_changed", None, None)
    session.add(actor)
    session.flush()
    return actor


def _reset_limits() -> tuple[Limit, Limit]:
    return Limit("reset-ip", RESETS_PER_MINUTE_PER_IP), Limit("reset-address", RESETS_PER_MINUTE_PER_ADDRESS)


def request_reset(session: Session, *, email: str, client: str = "unknown") -> IssuedLink | None:
    """A reset link for an active user with this address; None (and the same answer to the caller) otherwise."""
    email = (email or "").strip().lower()
    if not email:
        raise Invalid.on("email", "This field is required.")
    by_ip, by_address = _reset_limits()
    wait = max(by_ip.blocked_for(client), by_address.blocked_for(email))
    if wait:
        raise TooManyRequests("Too many password reset requests. Try again later.", retry_after=wait)
    by_ip.record_failure(client)
    by_address.record_failure(email)
    user = session.exec(select(AppUser).where(AppUser.email == email)).first()
    if user is None or not user.is_active:
        return None
    link = _issue(session, user, "reset", RESET_LIFETIME)
    _mail_link(session, link, kind="password_reset", path="/reset-password", lifetime=RESET_LIFETIME)
    return link


def confirm_reset(session: Session, *, token: str, password: str) -> AppUser:
    row, user = _redeem(session, token, "reset")
    if not user.is_active:
        raise Invalid.on("token", BAD_LINK, message=BAD_LINK)
    _record(session, user, user, "password_reset", None, None)
    return _set_password(session, user, row, password)


def needs_setup(session: Session) -> bool:
    """True only while the database holds no organization (first run without the demo)."""
    return session.exec(select(Organization.id)).first() is None


def first_run(
    session: Session, *, organization_name: str, email: str, first_name: str, last_name: str, password: str
) -> AppUser:
    """Create the organization and its first admin; refused once any organization exists."""
    if not needs_setup(session):
        raise Forbidden("This hr_app is already set up.", "Sign in instead; an admin can invite you.")
    errors: dict[str, list[str]] = {}
    if not organization_name.strip():
        errors["organization_name"] = ["This field may not be blank."]
    errors.update(_invite_errors(session, email.strip().lower(), first_name, Role.ADMIN))
    try:
        check_password("password", password, personal=(email, first_name, last_name))
    except Invalid as error:
        errors.update(error.field_errors)
    if errors:
        raise Invalid("Invalid data provided", errors)
    organization = create_organization(session, name=organization_name)
    return create_user(
        session,
        organization=organization,
        email=email,
        password=password,
        role=Role.ADMIN,
        first_name=first_name,
        last_name=last_name,
    )
