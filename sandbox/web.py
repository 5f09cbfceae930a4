"""Shared plumbing of the portal's routes: templates, error pages and the login guard."""

from __future__ import annotations

import asyncio
import functools
import html
from collections.abc import Awaitable, Callable
from importlib import resources
from string import Template

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from sandbox.accounts import EXPIRED_LOGIN_TEXT
from sandbox.portal_sessions import SITE_COOKIE_NAMES
from sandbox.sites import authorize_url, site_of_path
from sandbox.state import LOGIN_PAGE_PATH, SandboxState

LOGIN_PATH = LOGIN_PAGE_PATH
Handler = Callable[[Request, str], Awaitable[Response]]


@functools.cache
def template(name: str) -> Template:
    """A template file from `sandbox/templates`."""
    return Template((resources.files("sandbox") / "templates" / name).read_text(encoding="utf-8"))


def esc(value: object) -> str:
    """HTML-escape a value for a template."""
    return html.escape(str(value), quote=True)


def state_of(request: Request) -> SandboxState:
    """The sandbox state the app was built with."""
    state: SandboxState = request.app.state.sandbox
    return state


def site_cookie_name(request: Request) -> str:
    """The cookie that carries the login on the site this request belongs to."""
    return SITE_COOKIE_NAMES.get(site_of_path(request.url.path), SITE_COOKIE_NAMES["ecp2"])


def toolbar(username: str, title: str) -> str:
    """The mat-toolbar header with the user button."""
    return template("toolbar.html").substitute(username=esc(username), title=esc(title))


def page(title: str, body: str, *, username: str = "", heading: str = "", script: str = "",
         state: SandboxState | None = None, status_code: int = 200) -> HTMLResponse:
    """A full portal page in the shared layout."""
    header = toolbar(username, heading or title) if username else ""
    popup = template("popup.html").template if state is not None and state.chaos.popup and username else ""
    scripts = f'<script src="/static/{script}"></script>' if script else ""
    text = template("layout.html").substitute(title=esc(title), toolbar=header, body=body, popup=popup,
                                              scripts=scripts)
    return HTMLResponse(text, status_code=status_code)


def error_page(status_code: int) -> HTMLResponse:
    """The portal's bare error pages (401 text, 403 Forbidden, 404 Not Found, 500)."""
    if status_code == 401:
        body = f"<h1>401</h1><p class='error-text'>{esc(EXPIRED_LOGIN_TEXT)}</p><a href='/login'>Home</a>"
        return HTMLResponse(f"<!DOCTYPE html><html><head><title>401</title></head><body>{body}</body></html>",
                            status_code=401)
    if status_code == 404:
        return HTMLResponse("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>"
                            "<h1>404 Not Found</h1><p>The page you requested does not exist.</p></body></html>",
                            status_code=404)
    if status_code == 403:
        return HTMLResponse("<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body>"
                            "<h1>403 Forbidden</h1><p>Access to this resource is denied.</p></body></html>",
                            status_code=403)
    return HTMLResponse("<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body>"
                        "<h1>500 Internal Server Error</h1><p>Something went wrong. Please try again.</p>"
                        "</body></html>", status_code=status_code)


async def _preflight(request: Request, *, is_page: bool) -> Response | None:
    state = state_of(request)
    if state.blocked_region:
        return error_page(403)
    if state.chaos.latency_seconds > 0:
        await asyncio.sleep(state.chaos.latency_seconds)
    if is_page and state.chaos.fail_next_pages > 0:
        state.chaos.fail_next_pages -= 1
        return error_page(500)
    return None


async def open_page_guard(request: Request) -> Response | None:
    """Region block, latency and forced failures for pages that need no login."""
    return await _preflight(request, is_page=True)


def portal_page(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a page handler: guard, then hand it the logged-in username."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        refused = await _preflight(request, is_page=True)
        if refused is not None:
            return refused
        username, expired = state_of(request).logins.touch(request.cookies.get(site_cookie_name(request)))
        if username is None:
            # No login on this site yet: the sign-on hop through the identity site, back to this page.
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(authorize_url(request, site_of_path(request.url.path), target), status_code=302)
        if expired:
            # The 401 page drops this site's cookie, so a later visit (after a new login) signs on again.
            # The real portal's exact cookie handling here is a *guess*.
            refused_page = error_page(401)
            refused_page.delete_cookie(site_cookie_name(request))
            return refused_page
        return await handler(request, username)

    return wrapper


def portal_api(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Wrap a JSON endpoint: guard, then hand it the logged-in username."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        refused = await _preflight(request, is_page=False)
        if refused is not None:
            return refused
        username, expired = state_of(request).logins.touch(request.cookies.get(site_cookie_name(request)))
        if username is None or expired:
            return JSONResponse({"error": "unauthorized"}, status_code=401)
        return await handler(request, username)

    return wrapper
