"""The FastAPI application: routers, error handlers, and the services built once in lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from backend.accounts.router import router as accounts_router
from backend.admin.router import router as admin_router
from backend.auth.router import router as auth_router
from backend.auth_sessions.router import router as sessions_router
from backend.config import Settings
from backend.errors import install_error_handlers
from backend.files.router import router as files_router
from backend.health.router import router as health_router
from backend.migrate import upgrade_to_head
from backend.portal.router import router as portal_router
from backend.services import build_services
from backend.threads.router import router as threads_router
from backend.web.router import router as web_router

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API for `settings` (read from the environment when not given)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        if settings.auto_migrate:
            upgrade_to_head(services.engine)
        app.state.services = services
        logger.info("emodal-agent API ready (%s mode, auth sessions on %s)", settings.env,
                    "Redis with SQL fallback" if services.redis_client else "SQL")
        try:
            yield
        finally:
            services.close()

    app = FastAPI(title="emodal-agent", version="0.1.0", lifespan=lifespan)
    install_error_handlers(app)
    for router in (auth_router, sessions_router, accounts_router, threads_router, files_router,
                   admin_router, health_router, portal_router, web_router):
        app.include_router(router)
    return app
