"""/api/auth: tokens and the current user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from hr_app.api.body import is_form, parse, read_json_object
from hr_app.api.concurrency import UnitOfWorkRoute
from hr_app.api.deps import ClientAddress, CurrentUser, SessionDep
from hr_app.api.openapi import refusal
from hr_app.schemas.accounts import (
    MeOut,
    OrganizationOut,
    PasswordChange,
    ResetRequest,
    TokenOut,
    TokenPassword,
    TokenRequest,
    UserOut,
)
from hr_app.schemas.common import Envelope, MessageEnvelope
from hr_app.services import auth, team

router = APIRouter(prefix="/api/auth", tags=["auth"], route_class=UnitOfWorkRoute)

_TOKEN_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": TokenRequest.model_json_schema()},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {"username": {"type": "string"}, "password": {"type": "string"}},
                }
            },
        },
    }
}


async def credentials(request: Request) -> TokenRequest:
    """JSON {"email","password"} or the OAuth2 password form (username, password)."""
    if is_form(request):
        form = await request.form()
        data = {"email": form.get("username") or form.get("email") or "", "password": form.get("password") or ""}
    else:
        data = await read_json_object(request)
    return parse(TokenRequest, data)


@router.post(
    "/token/",
    response_model=TokenOut,
    openapi_extra=_TOKEN_BODY,
    responses=refusal(401, 429),
    summary="Obtain an access token",
)
def obtain_token(
    session: SessionDep,
    client: ClientAddress,
    body: Annotated[TokenRequest, Depends(credentials)],
) -> TokenOut:
    issued = auth.login(session, email=body.email, password=body.password, client=client)
    return TokenOut(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me/", response_model=Envelope[MeOut], summary="The signed-in user and organization")
def me(session: SessionDep, user: CurrentUser) -> Envelope[MeOut]:
    organization = auth.organization_of(session, user)
    org_out = OrganizationOut(uuid=str(organization.id), name=organization.name) if organization else None
    return Envelope(
        message="Current user retrieved successfully", data=MeOut(user=UserOut.of(user), organization=org_out)
    )


RESET_SENT = "If an active account uses this address, a password reset link is on its way."


@router.post("/logout/", response_model=MessageEnvelope, summary="Sign out: every token of this user stops working")
def logout(session: SessionDep, user: CurrentUser) -> MessageEnvelope:
    auth.logout(session, actor=user)
    return MessageEnvelope(message="Signed out")


@router.post("/accept-invite/", response_model=Envelope[UserOut], summary="Accept an invitation: choose a password")
def accept_invite(session: SessionDep, body: TokenPassword) -> Envelope[UserOut]:
    user = team.accept_invite(session, token=body.token, password=body.password)
    return Envelope(message="Invitation accepted; you can sign in now", data=UserOut.of(user))


@router.post("/password/change/", response_model=MessageEnvelope, summary="Change your password (ends your sessions)")
def change_password(session: SessionDep, user: CurrentUser, body: PasswordChange) -> MessageEnvelope:
    team.change_password(session, actor=user, current_password=body.current_password, new_password=body.new_password)
    return MessageEnvelope(message="Password changed; sign in again")


@router.post(
    "/password/reset/",
    response_model=MessageEnvelope,
    responses=refusal(429),
    summary="Ask for a password reset link (200 whether or not the address exists)",
)
def request_reset(session: SessionDep, client: ClientAddress, body: ResetRequest) -> MessageEnvelope:
    team.request_reset(session, email=body.email, client=client)
    return MessageEnvelope(message=RESET_SENT)


@router.post("/password/reset/confirm/", response_model=Envelope[UserOut], summary="Choose a new password from a link")
def confirm_reset(session: SessionDep, body: TokenPassword) -> Envelope[UserOut]:
    user = team.confirm_reset(session, token=body.token, password=body.password)
    return Envelope(message="Password changed; you can sign in now", data=UserOut.of(user))
