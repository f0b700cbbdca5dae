"""/api/users: the organization's people (for the interviewer picker) and adding users."""

from __future__ import annotations

from fastapi import APIRouter

from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import CurrentUser, SessionDep
from hr_app.models import Role
from hr_app.schemas.accounts import UserCreate, UserOut
from hr_app.schemas.common import Envelope
from hr_app.services import accounts

router = APIRouter(prefix="/api/users", tags=["users"], route_class=UnitOfWorkRoute)


@router.get("/", response_model=Envelope[list[UserOut]], summary="List the organization's users")
def list_users(session: SessionDep, user: CurrentUser, role: Role | None = None) -> Envelope[list[UserOut]]:
    users = accounts.list_users(session, actor=user, role=role)
    return Envelope(message=f"Found {len(users)} user(s)", data=[UserOut.of(u) for u in users])


@router.post("/", status_code=201, response_model=Envelope[UserOut], summary="Add a user (admin only)")
def create_user(session: SessionDep, user: CurrentUser, body: UserCreate) -> Envelope[UserOut]:
    created = accounts.invite_user(session, actor=user, **body.model_dump())
    return Envelope(message="User created successfully", data=UserOut.of(created))
