"""Health of the database, the auth session store and the browser pool."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from backend.deps import CurrentAuthDep, DbSessionDep, ServicesDep
from backend.portal.records import latest_for_account
from backend.services import AppServices
from EModal import PoolBusyError

router = APIRouter(prefix="/health", tags=["health"])


def browser_pool_usage(services: AppServices) -> str:
    """Live browsers over the pool's capacity, as `n/max` ("unavailable" when a cluster's pool cannot tell)."""
    pool = services.portal_pool
    if pool is None:
        return f"0/{services.settings.browser_pool_size}"
    try:
        live, capacity = pool.usage()
    except PoolBusyError:  # a cluster's pool whose shared state (Redis) does not answer
        return "unavailable"
    return f"{live}/{capacity}"


@router.get("")
def health(services: ServicesDep) -> JSONResponse:
    """Whether the service can do its work: 200 when the database answers, 503 otherwise."""
    try:
        with services.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        database = "ok"
    except SQLAlchemyError:
        database = "unreachable"
    store = services.auth_session_store.backend
    redis = {"redis": "ok", "sql-fallback": "unreachable (auth sessions on SQL)", "sql": "not configured"}[store]
    body = {
        "status": "ok" if database == "ok" else "degraded",
        "database": database,
        "redis": redis,
        "auth_session_store": store,
        "browser_pool": browser_pool_usage(services),
    }
    return JSONResponse(body, status_code=200 if database == "ok" else 503)


class SessionHealth(BaseModel):
    """The caller's own session health."""

    auth_session_id: str
    auth_session_expires_at: str
    auth_session_store: str
    active_account_id: int | None
    portal_session_status: str


@router.get("/session")
def session_health(current: CurrentAuthDep, db: DbSessionDep, services: ServicesDep) -> SessionHealth:
    """The caller's auth session and the state of its portal session."""
    account_id = current.auth_session.active_account_id
    portal_status = "no account selected"
    if account_id is not None:
        row = latest_for_account(db, account_id=account_id)
        portal_status = row.status if row is not None else "not connected"
    return SessionHealth(
        auth_session_id=current.auth_session.id,
        auth_session_expires_at=current.auth_session.expires_at.isoformat(),
        auth_session_store=services.auth_session_store.backend,
        active_account_id=account_id,
        portal_session_status=portal_status,
    )
