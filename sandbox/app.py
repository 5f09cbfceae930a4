"""The sandbox ASGI app: the portal look-alike and the captcha solver on one port."""

from __future__ import annotations

from importlib import resources

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from sandbox import (
    routes_appointments,
    routes_chaos,
    routes_containers,
    routes_login,
    routes_recaptcha,
    routes_solver,
    routes_wizard,
)
from sandbox.config import SandboxConfig
from sandbox.sites import HostGate
from sandbox.state import SandboxState
from sandbox.web import error_page


async def _home(request: Request) -> Response:
    return RedirectResponse("/login", status_code=302)


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_page(404)


def create_sandbox_app(config: SandboxConfig, state: SandboxState | None = None) -> Starlette:
    """Build the app; pass `state` to share one already built (the server does, so tests can read it)."""
    static_dir = str(resources.files("sandbox") / "static")
    routes: list[BaseRoute] = [
        Route("/", _home, methods=["GET"]),
        *routes_login.ROUTES,
        *routes_recaptcha.ROUTES,
        *routes_containers.ROUTES,
        *routes_wizard.ROUTES,
        *routes_appointments.ROUTES,
        *routes_solver.ROUTES,
        *routes_chaos.ROUTES,
        Mount("/static", app=StaticFiles(directory=static_dir), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found}, middleware=[Middleware(HostGate)])
    app.state.sandbox = state or SandboxState(config)
    return app
