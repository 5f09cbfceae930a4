"""Auth use cases: users, logins and token rotation."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.accounts.selection import preferred_account
from backend.audit import record_action, record_event
from backend.auth.invitations import consume_invitation
from backend.auth.schemas import TokenPair
from backend.errors import (
    AccountDisabled,
    AuthenticationError,
    Conflict,
    PermissionDenied,
    RefreshTokenReused,
    TooManyRequests,
)
from backend.models import User
from backend.models.base import utcnow
from backend.security.passwords import hash_password, verify_password
from backend.services import AppServices


def find_user(*, db: Session, username: str) -> User | None:
    """The user with this name (case-insensitive), or None."""
    return db.scalar(select(User).where(User.username == username.lower()))


def create_user(*, db: Session, username: str, password: str, role: str = "user") -> User:
    """Register a user; 409 if the name is taken."""
    if find_user(db=db, username=username) is not None:
        raise Conflict(f"The username '{username}' is already taken; choose another.")
    user = User(username=username.lower(), password_hash=hash_password(password), role=role)
    db.add(user)
    try:
        db.flush()
    except IntegrityError as exc:
        raise Conflict(f"The username '{username}' is already taken; choose another.") from exc
    return user


def register(*, db: Session, services: AppServices, username: str, password: str,
             invitation_code: str | None) -> User:
    """Self-registration: open (development, or opened by a setting) or by a single-use invitation."""
    if invitation_code is None and not services.settings.registration_is_open:
        raise PermissionDenied("Registration is closed on this server; ask an administrator for an invitation "
                               "code and send it as invitation_code.")
    role = "user"
    if invitation_code is not None:
        role = consume_invitation(db=db, code=invitation_code).role
    user = create_user(db=db, username=username, password=password, role=role)
    record_action(db, user_id=user.id, action="register", by_invitation=invitation_code is not None)
    return user


def _issue_pair(services: AppServices, *, user_id: int, auth_session_id: str, refresh_jti: str) -> TokenPair:
    tokens = services.tokens
    return TokenPair(
        access_token=tokens.issue(user_id=user_id, auth_session_id=auth_session_id, token_type="access"),
        refresh_token=tokens.issue(
            user_id=user_id, auth_session_id=auth_session_id, token_type="refresh", jti=refresh_jti
        ),
        expires_in=services.settings.access_token_minutes * 60,
        auth_session_id=auth_session_id,
    )


def log_in(
    *, db: Session, services: AppServices, username: str, password: str,
    client_address: str | None, user_agent: str | None,
) -> TokenPair:
    """Check the password and open a new auth session; too many failures answer 429 before any check."""
    throttle = services.login_throttle
    user = find_user(db=db, username=username)
    throttled = throttle.check(username=username, address=client_address)
    if throttled is not None:
        record_event(services.session_factory, user_id=user.id if user else None, action="login_throttled",
                     client_address=client_address, username=username[:150], scope=throttled.scope)
        raise TooManyRequests(f"Too many failed logins for this {throttled.scope}; try again in "
                              f"{throttled.retry_after_seconds} s.", retry_after_seconds=throttled.retry_after_seconds)
    if not verify_password(password, user.password_hash if user else None) or user is None:
        throttle.record_failure(username=username, address=client_address)
        record_event(services.session_factory, user_id=user.id if user else None, action="login_failed",
                     client_address=client_address, username=username[:150])
        raise AuthenticationError("Invalid username or password.")
    if not user.is_active:
        record_event(services.session_factory, user_id=user.id, action="login_refused_disabled",
                     client_address=client_address)
        raise AuthenticationError("This account is disabled; contact your administrator.")
    throttle.forget_username(username)
    refresh_jti = uuid.uuid4().hex
    auth_session = services.auth_session_store.create(
        db=db, user_id=user.id, refresh_jti=refresh_jti, client_address=client_address, user_agent=user_agent
    )
    preferred = preferred_account(db, user_id=user.id)
    if preferred is not None:  # the account chosen last time (or the only one) needs no menu pick
        services.auth_session_store.update_context(db=db, auth_session_id=auth_session.id,
                                                   active_account_id=preferred.id)
    user.last_login_at = utcnow()
    record_action(db, user_id=user.id, action="login", auth_session_id=auth_session.id,
                  client_address=client_address)
    return _issue_pair(services, user_id=user.id, auth_session_id=auth_session.id, refresh_jti=refresh_jti)


def refresh(*, db: Session, services: AppServices, refresh_token: str) -> TokenPair:
    """Rotate the refresh token; a reused one revokes its whole auth session."""
    claims = services.tokens.verify(refresh_token, expected_type="refresh")
    user = db.get(User, claims.user_id)
    if user is None or not user.is_active:
        # Disabling revokes every auth session; this also covers a token of a session that slipped past.
        services.auth_session_store.revoke(db=db, auth_session_id=claims.auth_session_id, reason="user-disabled")
        raise AccountDisabled()
    new_jti = uuid.uuid4().hex
    store = services.auth_session_store
    if store.rotate_refresh(
        db=db, auth_session_id=claims.auth_session_id, presented_jti=claims.jti, new_jti=new_jti
    ):
        return _issue_pair(
            services, user_id=claims.user_id, auth_session_id=claims.auth_session_id, refresh_jti=new_jti
        )
    if store.is_reuse(db=db, auth_session_id=claims.auth_session_id, presented_jti=claims.jti):
        store.revoke(db=db, auth_session_id=claims.auth_session_id, reason="refresh-token-reuse")
        record_action(db, user_id=claims.user_id, action="refresh_token_reuse",
                      auth_session_id=claims.auth_session_id)
        raise RefreshTokenReused()
    raise AuthenticationError("This login has ended (logged out, revoked or expired); log in again.")
