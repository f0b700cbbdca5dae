"""/api/users: the organization's people (for the interviewer picker) and adding users."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.models import AppUser, Role
from hr_app.schemas.accounts import InviteRequest, TeamMemberOut, UserCreate, UserOut, UserPatch
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.services import accounts, team

router = APIRouter(prefix="/api/users", tags=["users"], route_class=UnitOfWorkRoute)


def team_member(user: AppUser) -> TeamMemberOut:
    return TeamMemberOut(
        **UserOut.of(user).model_dump(),
        is_active=user.is_active,
        status=team.status_of(user),
        last_login_at=user.last_login_at,
    )


@router.get("/", response_model=Envelope[list[UserOut]], summary="List the organization's users")
def list_users(session: SessionDep, user: CurrentUser, role: Role | None = None) -> Envelope[list[UserOut]]:
    users = accounts.list_users(session, actor=user, role=role)
    return Envelope(message=f"Found {len(users)} user(s)", data=[UserOut.of(u) for u in users])


@router.post("/", status_code=201, response_model=Envelope[UserOut], summary="Add a user (admin only)")
def create_user(session: SessionDep, user: CurrentUser, body: UserCreate) -> Envelope[UserOut]:
    created = accounts.invite_user(session, actor=user, **body.model_dump())
    return Envelope(message="User created successfully", data=UserOut.of(created))


@router.post("/invite/", status_code=201, response_model=Envelope[TeamMemberOut], summary="Invite a user (admin)")
def invite_user(session: SessionDep, user: CurrentUser, body: InviteRequest) -> Envelope[TeamMemberOut]:
    link = team.invite(session, actor=user, **body.model_dump())
    return Envelope(message="Invitation sent", data=team_member(link.user))


# `:int`: `PATCH /invite/` is the invitation's resource (405), not a user whose id is "invite".
@router.patch(
    "/{user_id:int}/", response_model=Envelope[TeamMemberOut], summary="Change a user (admin; own name: anyone)"
)
def update_user(session: SessionDep, user: CurrentUser, user_id: int, body: UserPatch) -> Envelope[TeamMemberOut]:
    changed = team.update_user(session, actor=user, user_id=user_id, changes=body.model_dump(exclude_unset=True))
    return Envelope(message="User updated successfully", data=team_member(changed))


@router.post("/{user_id}/invite/resend/", response_model=Envelope[TeamMemberOut], summary="Resend an invitation")
def resend_invite(session: SessionDep, user: CurrentUser, user_id: int) -> Envelope[TeamMemberOut]:
    link = team.resend_invite(session, actor=user, user_id=user_id)
    return Envelope(message="Invitation sent", data=team_member(link.user))


@router.delete("/{user_id}/invite/", response_model=MessageEnvelope, summary="Revoke a pending invitation")
def revoke_invite(session: SessionDep, user: CurrentUser, user_id: int) -> MessageEnvelope:
    team.revoke_invite(session, actor=user, user_id=user_id)
    return MessageEnvelope(message="Invitation revoked")
