"""Who may do what: the organization an actor works in, and the staff (admin, hr) checks."""

from __future__ import annotations

import uuid

from hr_app.kit.errors import Forbidden
from hr_app.models import AppUser, Role

STAFF_ROLES = frozenset({Role.ADMIN, Role.HR})


def organization_of(actor: AppUser) -> uuid.UUID:
    if actor.organization_id is None:
        raise Forbidden("User must belong to an organization", "Ask an admin to add you to one.")
    return actor.organization_id


def require_staff(actor: AppUser) -> uuid.UUID:
    """Admins and HR may change CVs, statuses and delete; returns the actor's organization."""
    organization_id = organization_of(actor)
    if actor.role not in STAFF_ROLES:
        raise Forbidden("You do not have permission to perform this action.", "Only admin or hr users can do this.")
    return organization_id
