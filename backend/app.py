"""The FastAPI application: routers, error handlers, and the services built once in lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager

from fastapi import APIRouter, FastAPI

from backend.accounts.router import router as accounts_router
from backend.admin.audit import router as admin_audit_router
from backend.admin.router import router as admin_router
from backend.admin.users import router as admin_users_router
from backend.agent.router import router as agent_router
from backend.auth.router import router as auth_router
from backend.auth_sessions.router import router as sessions_router
from backend.config import Settings
from backend.errors import error_responses, install_error_handlers
from backend.files.router import router as files_router
from backend.health.router import router as health_router
from backend.log_redaction import install_secret_redaction
from backend.migrate import upgrade_to_head
from backend.portal.router import router as portal_router
from backend.security.edge import EdgeMiddleware
from backend.security.headers import SecurityHeadersMiddleware
from backend.services import build_services
from backend.threads.router import router as threads_router
from backend.threads.transcript import SqlTranscript
from backend.web.router import router as web_router
from Graph import AgentRunner, open_checkpointer
from LLM import load_chat_model
from Tools import TOOLS

logger = logging.getLogger(__name__)

# The error status codes each group of routes may answer, declared once so the schema lists them all
# (400 for an unreadable body, 413 and 422 from the edge middleware and validation on any route).
_COMMON = (400, 401, 413, 422)
ROUTER_ERRORS: list[tuple[APIRouter, tuple[int, ...]]] = [
    (auth_router, (*_COMMON, 403, 409, 429)),
    (sessions_router, (*_COMMON, 404)),
    (accounts_router, (*_COMMON, 404, 409)),
    (threads_router, (*_COMMON, 404, 409, 503)),
    (files_router, (*_COMMON, 404)),
    (admin_router, (*_COMMON, 403, 404)),
    (admin_users_router, (*_COMMON, 403, 404, 409)),
    (admin_audit_router, (*_COMMON, 403)),
    (health_router, (*_COMMON, 503)),
    (portal_router, (*_COMMON, 404, 409, 429, 502, 503)),
    (agent_router, (*_COMMON, 404, 409, 429, 502, 503)),
    (web_router, (404,)),
]


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the API for `settings` (read from the environment when not given)."""
    settings = settings or Settings()
    install_secret_redaction()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = build_services(settings)
        with ExitStack() as stack:
            stack.callback(services.close)
            if settings.auto_migrate:
                upgrade_to_head(services.engine)
            checkpointer = stack.enter_context(open_checkpointer(settings.sqlalchemy_url, settings.data_dir))
            services.agent_runner = AgentRunner(model=load_chat_model(settings, TOOLS), checkpointer=checkpointer,
                                                transcript=SqlTranscript(services.session_factory))
            app.state.services = services
            logger.info("emodal-agent API ready (%s mode, auth sessions on %s, %s model)", settings.env,
                        "Redis with SQL fallback" if services.redis_client else "SQL",
                        "OpenAI-compatible" if settings.llm_configured else "offline")
            yield

    docs = settings.api_docs_are_enabled
    # No slash redirects: Starlette builds them from the Host header; the edge serves `/x/` as `/x` instead.
    app = FastAPI(title="emodal-agent", version="0.1.0", lifespan=lifespan, redirect_slashes=False,
                  docs_url="/docs" if docs else None, redoc_url="/redoc" if docs else None,
                  openapi_url="/openapi.json" if docs else None)
    install_error_handlers(app)
    for router, status_codes in ROUTER_ERRORS:
        app.include_router(router, responses=error_responses(*status_codes))
    app.add_middleware(EdgeMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)  # outermost: the edge's own refusals get the headers too
    return app
