"""/api/organization/: the signed-in user's organization and its settings (PATCH: admin)."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.models import Organization
from hr_app.schemas.accounts import OrganizationPatch, OrganizationSettingsOut
from hr_app.schemas.common import Envelope
from hr_app.services import organization as organizations

router = APIRouter(prefix="/api/organization", tags=["organization"], route_class=UnitOfWorkRoute)


def _out(organization: Organization) -> OrganizationSettingsOut:
    return OrganizationSettingsOut.model_validate({**organization.model_dump(), "uuid": str(organization.id)})


@router.get("/", response_model=Envelope[OrganizationSettingsOut], summary="The organization and its settings")
def get_organization(session: SessionDep, user: CurrentUser) -> Envelope[OrganizationSettingsOut]:
    organization = organizations.get_organization(session, actor=user)
    return Envelope(message="Organization retrieved successfully", data=_out(organization))


@router.patch("/", response_model=Envelope[OrganizationSettingsOut], summary="Change the settings (admin)")
def update_organization(
    session: SessionDep, user: CurrentUser, body: OrganizationPatch
) -> Envelope[OrganizationSettingsOut]:
    changes = body.model_dump(exclude_unset=True)
    organization = organizations.update_organization(session, actor=user, changes=changes)
    return Envelope(message="Organization updated successfully", data=_out(organization))
