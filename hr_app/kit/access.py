"""Who may do what: the organization an actor works in, and the staff (admin, hr) checks.

Two wordings of the same rules coexist because the API answers them exactly: the CV and interview routes'
(`organization_of`, `require_staff`) and the panel and question-bank routes' (`require_member`,
`require_manager`, whose 403 names the action).
"""

from __future__ import annotations

import uuid

from hr_app.kit.errors import Forbidden
from hr_app.models import AppUser, Role

STAFF_ROLES = frozenset({Role.ADMIN, Role.HR})
ORG_REQUIRED = "User must belong to an organization"
NO_PERMISSION = "You do not have permission to perform this action."
VIEW_PANELS = "view interview panels"  # panels, their results and their trail: admin and hr (decision 38)


def organization_of(actor: AppUser, hint: str = "Ask an admin to add you to one.") -> uuid.UUID:
    if actor.organization_id is None:
        raise Forbidden(ORG_REQUIRED, hint)
    return actor.organization_id


def require_staff(actor: AppUser) -> uuid.UUID:
    """Admins and HR may change CVs, statuses and delete; returns the actor's organization."""
    organization_id = organization_of(actor)
    if actor.role not in STAFF_ROLES:
        raise Forbidden(NO_PERMISSION, "Only admin or hr users can do this.")
    return organization_id


def require_member(actor: AppUser) -> uuid.UUID:
    """The actor's organization; a user without one may not touch organization data (403)."""
    return organization_of(actor, hint="Ask an admin to add you to an organization.")


def require_manager(actor: AppUser, action: str) -> uuid.UUID:
    """Admin or hr (the staff roles) of an organization, else 403 naming `action`. Returns the organization id."""
    organization_id = require_member(actor)
    if actor.role not in STAFF_ROLES:
        raise Forbidden(NO_PERMISSION, f"Only admin or HR users can {action}.")
    return organization_id
