"""The FastAPI application: routers, error handlers, and the services built once in lifespan."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager

from fastapi import FastAPI

from backend.accounts.router import router as accounts_router
from backend.admin.router import router as admin_router
from backend.agent.router import router as agent_router
from backend.auth.router import router as auth_router
from backend.auth_sessions.router import router as sessions_router
from backend.config import Settings
from backend.errors import install_error_handlers
from backend.files.router import router as files_router
from backend.health.router import router as health_router
from backend.log_redaction import install_secret_redaction
from backend.migrate import upgrade_to_head
from backend.portal.router import router as portal_router
from backend.services import build_services
from backend.threads.router import router as threads_router
from backend.web.router import router as web_router
from Graph import AgentRunner, open_checkpointer
from LLM import load_chat_model
from Tools import TOOLS

logger = logging.getLogger(__name__)


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
            services.agent_runner = AgentRunner(model=load_chat_model(settings, TOOLS), checkpointer=checkpointer)
            app.state.services = services
            logger.info("emodal-agent API ready (%s mode, auth sessions on %s, %s model)", settings.env,
                        "Redis with SQL fallback" if services.redis_client else "SQL",
                        "OpenAI-compatible" if settings.llm_configured else "offline")
            yield

    app = FastAPI(title="emodal-agent", version="0.1.0", lifespan=lifespan)
    install_error_handlers(app)
    for router in (auth_router, sessions_router, accounts_router, threads_router, files_router,
                   admin_router, health_router, portal_router, agent_router, web_router):
        app.include_router(router)
    return app
