"""FastAPI dependency aliases, declared once and taken as plain parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from backend.auth_sessions.store import AuthSession
from backend.database import unit_of_work
from backend.errors import AuthenticationError, PermissionDenied
from backend.models import User
from backend.models.base import MAX_DB_ID
from backend.services import AppServices

MAX_ID = MAX_DB_ID
# Integer ids in paths: anything outside a database integer is a 422, never a driver overflow.
IntId = Annotated[int, Path(ge=1, le=MAX_ID)]

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login", auto_error=False)


def get_services(request: Request) -> AppServices:
    """The app's long-lived services."""
    services: AppServices = request.app.state.services
    return services


ServicesDep = Annotated[AppServices, Depends(get_services)]


def get_db_session(services: ServicesDep) -> Iterator[Session]:
    """The request's unit of work: committed once when the endpoint returns, rolled back on error."""
    yield from unit_of_work(services.session_factory)


DbSessionDep = Annotated[Session, Depends(get_db_session, scope="function")]


@dataclass(frozen=True)
class CurrentAuth:
    """The caller: who they are and which auth session the request belongs to."""

    user: User
    auth_session: AuthSession


def get_current_user_and_session(
    services: ServicesDep, db: DbSessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> CurrentAuth:
    """Resolve the user and the live auth session from the access token, or answer 401."""
    if not token:
        raise AuthenticationError()
    claims = services.tokens.verify(token, expected_type="access")
    auth_session = services.auth_session_store.get_active(db=db, auth_session_id=claims.auth_session_id)
    if auth_session is None or auth_session.user_id != claims.user_id:
        raise AuthenticationError("This login has ended (logged out, revoked or expired); log in again.")
    user = db.get(User, claims.user_id)
    if user is None or not user.is_active:
        raise AuthenticationError("This account is disabled; contact your administrator.")
    return CurrentAuth(user=user, auth_session=auth_session)


CurrentAuthDep = Annotated[CurrentAuth, Depends(get_current_user_and_session)]


def require_admin(current: CurrentAuthDep) -> CurrentAuth:
    """The caller, if an admin; 403 otherwise."""
    if current.user.role != "admin":
        raise PermissionDenied("Only administrators can use this endpoint.")
    return current


AdminDep = Annotated[CurrentAuth, Depends(require_admin)]
