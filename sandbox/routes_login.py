"""The identity site: `/login` redirect, the login form with its captcha check, logout."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from sandbox.accounts import CAPTCHA_FAILED_TEXT, LOCKED_TEXT, WRONG_CREDENTIALS_TEXT
from sandbox.catalog import SITE_KEY
from sandbox.login_sessions import COOKIE_NAME
from sandbox.web import LOGIN_PATH, esc, open_page_guard, state_of, template

DEFAULT_LANDING = "/containers"


def _safe_return(url: str) -> str:
    return url if url.startswith("/") and not url.startswith("//") else DEFAULT_LANDING


def _login_form(request: Request, return_url: str, *, error: str = "", username: str = "") -> HTMLResponse:
    errors = (
        f'<div class="validation-summary-errors text-danger" role="alert"><ul><li>{esc(error)}</li></ul></div>'
        if error else ""
    )
    action = f"{LOGIN_PATH}?ReturnUrl={quote(return_url, safe='')}"
    text = template("login.html").substitute(
        errors=errors, action=esc(action), return_url=esc(return_url), username=esc(username), site_key=SITE_KEY
    )
    return HTMLResponse(text, status_code=200)


async def login_entry(request: Request) -> Response:
    """`/login`: send the browser to the identity page."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    target = _safe_return(request.query_params.get("ReturnUrl", DEFAULT_LANDING))
    return RedirectResponse(f"{LOGIN_PATH}?ReturnUrl={quote(target, safe='')}", status_code=302)


async def login_form(request: Request) -> Response:
    """The identity page with the form and the reCAPTCHA stand-in."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    return _login_form(request, _safe_return(request.query_params.get("ReturnUrl", DEFAULT_LANDING)))


async def login_submit(request: Request) -> Response:
    """Check the captcha token, then the credentials; on success set the login cookie."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    state = state_of(request)
    form = await request.form()
    username = str(form.get("Username", "")).strip()
    password = str(form.get("Password", ""))
    token = str(form.get("g-recaptcha-response", "") or form.get("hdnToken", "")).strip()
    return_url = _safe_return(str(form.get("ReturnUrl", "") or request.query_params.get("ReturnUrl", "")))
    if not token or not state.solver.redeem(token, SITE_KEY, str(request.url)):
        return _login_form(request, return_url, error=CAPTCHA_FAILED_TEXT, username=username)
    account = state.accounts.get(username.lower())
    if account is None or account.password != password:
        return _login_form(request, return_url, error=WRONG_CREDENTIALS_TEXT, username=username)
    if account.locked:
        return _login_form(request, return_url, error=LOCKED_TEXT, username=username)
    response = RedirectResponse(return_url, status_code=302)
    response.set_cookie(COOKIE_NAME, state.logins.open(account.username), httponly=True, samesite="lax")
    return response


async def logout(request: Request) -> Response:
    """Forget the login and go back to the identity page."""
    state_of(request).logins.close(request.cookies.get(COOKIE_NAME))
    response = RedirectResponse(LOGIN_PATH, status_code=302)
    response.delete_cookie(COOKIE_NAME)
    return response


ROUTES = [
    Route("/login", login_entry, methods=["GET"]),
    Route(LOGIN_PATH, login_form, methods=["GET"]),
    Route(LOGIN_PATH, login_submit, methods=["POST"]),
    Route("/logout", logout, methods=["GET", "POST"]),
]
