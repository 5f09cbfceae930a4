"""HTTP endpoints for registration, login, refresh, logout and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from backend.audit import record_action
from backend.auth import service
from backend.auth.schemas import MeOut, RefreshRequest, RegisterRequest, TokenPair, UserOut
from backend.deps import CurrentAuthDep, DbSessionDep, ServicesDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", status_code=status.HTTP_201_CREATED)
def register(body: RegisterRequest, db: DbSessionDep, services: ServicesDep) -> UserOut:
    """Create a user account (in production only with an invitation code, unless registration is opened)."""
    user = service.register(db=db, services=services, username=body.username, password=body.password,
                            invitation_code=body.invitation_code)
    return UserOut.model_validate(user, from_attributes=True)


@router.post("/login")
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, db: DbSessionDep,
    services: ServicesDep,
) -> TokenPair:
    """Log in with the OAuth2 password form; opens a new auth session."""
    return service.log_in(
        db=db, services=services, username=form.username, password=form.password,
        client_address=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
    )


@router.post("/refresh")
def refresh(body: RefreshRequest, db: DbSessionDep, services: ServicesDep) -> TokenPair:
    """Exchange a refresh token for a new pair (the old one stops working)."""
    return service.refresh(db=db, services=services, refresh_token=body.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> None:
    """End this auth session: its tokens stop working."""
    services.auth_session_store.revoke(db=db, auth_session_id=current.auth_session.id, reason="logout")
    record_action(db, user_id=current.user.id, action="logout", auth_session_id=current.auth_session.id)


@router.get("/me")
def me(current: CurrentAuthDep) -> MeOut:
    """Who the token belongs to."""
    return MeOut(
        id=current.user.id, username=current.user.username, role=current.user.role,
        created_at=current.user.created_at, auth_session_id=current.auth_session.id,
    )
