"""The sign-on: `/login` entry, the identity site's form and OIDC authorize, each site's `signin-oidc`, welcome."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from sandbox.accounts import CAPTCHA_FAILED_TEXT, LOCKED_TEXT, WRONG_CREDENTIALS_TEXT
from sandbox.catalog import SITE_KEY
from sandbox.portal_sessions import COOKIE_NAME, SITE_COOKIE_NAMES
from sandbox.sites import APP_SITES, authorize_url, host_site, origin
from sandbox.web import (
    LOGIN_PATH,
    error_page,
    esc,
    open_page_guard,
    page,
    portal_page,
    site_cookie_name,
    state_of,
    template,
)

DEFAULT_LANDING = "/containers"
WELCOME_PATH = "/welcome"


def _safe_return(url: str, default: str = DEFAULT_LANDING) -> str:
    return url if url.startswith("/") and not url.startswith("//") else default


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


def _default_return(request: Request) -> str:
    """Where a login opened directly on the identity page goes: the sign-on hop to ecp2's containers."""
    target = authorize_url(request, "ecp2", DEFAULT_LANDING)
    return target[len(origin(request, "identity")):]


async def login_entry(request: Request) -> Response:
    """`/login` on ecp2: the app if this site is signed on, else the hop through the identity site."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    target = _safe_return(request.query_params.get("ReturnUrl", DEFAULT_LANDING))
    username, expired = state_of(request).logins.touch(request.cookies.get(site_cookie_name(request)))
    if username is not None and not expired:
        return RedirectResponse(target, status_code=302)
    return RedirectResponse(authorize_url(request, "ecp2", target), status_code=302)


async def authorize(request: Request) -> Response:
    """OIDC authorize: a code back to the site's `signin-oidc` when logged in here, else the login form."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    site = request.query_params.get("client_id", "")
    redirect_uri = request.query_params.get("redirect_uri", "")
    if site not in APP_SITES or redirect_uri != origin(request, site) + "/signin-oidc":
        return HTMLResponse("<h1>400</h1><p>invalid_request: unknown client_id or redirect_uri</p>", 400)
    code = state_of(request).logins.issue_code(request.cookies.get(COOKIE_NAME), site)
    if code is None:
        here = request.url.path + "?" + request.url.query
        return RedirectResponse(f"{LOGIN_PATH}?ReturnUrl={quote(here, safe='')}", status_code=302)
    state = quote(request.query_params.get("state", "/"), safe="")
    return RedirectResponse(f"{redirect_uri}?code={code}&state={state}", status_code=302)


async def signin_oidc(request: Request) -> Response:
    """The OIDC return on an app site: trade the code for this host's own cookie, then open the page asked for.

    The real return is most likely a form post carrying an id_token; a GET with a code is this look-alike's *guess*.
    """
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    state = state_of(request)
    redeemed = state.logins.redeem_code(request.query_params.get("code", ""),
                                        host_site(request.headers.get("host", "")))
    if redeemed is None:
        return error_page(401)
    site, cookie, username = redeemed
    target = _safe_return(request.query_params.get("state", "/"), "/")
    if site == "ecp2" and username in state.welcome_pending:
        target = f"{WELCOME_PATH}?ReturnUrl={quote(target, safe='')}"
    response = RedirectResponse(target, status_code=302)
    response.set_cookie(SITE_COOKIE_NAMES[site], cookie, httponly=True, secure=bool(origin(request, site)),
                        samesite="lax")
    return response


async def login_form(request: Request) -> Response:
    """The identity page with the form and the reCAPTCHA widget."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    return _login_form(request, _safe_return(request.query_params.get("ReturnUrl", ""), _default_return(request)))


async def login_submit(request: Request) -> Response:
    """Check the captcha token, then the credentials; on success set the identity cookie and go on."""
    refused = await open_page_guard(request)
    if refused is not None:
        return refused
    state = state_of(request)
    form = await request.form()
    username = str(form.get("Username", "")).strip()
    password = str(form.get("Password", ""))
    token = str(form.get("g-recaptcha-response", "") or form.get("hdnToken", "")).strip()
    return_url = _safe_return(str(form.get("ReturnUrl", "") or request.query_params.get("ReturnUrl", "")),
                              _default_return(request))
    accepted = bool(token) and state.solver.redeem(token, SITE_KEY, str(request.url))
    if accepted and state.chaos.reject_next_tokens > 0:
        state.chaos.reject_next_tokens -= 1  # the real portal sometimes refuses a good token once
        accepted = False
    if not accepted:
        return _login_form(request, return_url, error=CAPTCHA_FAILED_TEXT, username=username)
    account = state.accounts.get(username.lower())
    if account is None or account.password != password:
        return _login_form(request, return_url, error=WRONG_CREDENTIALS_TEXT, username=username)
    if account.locked:
        return _login_form(request, return_url, error=LOCKED_TEXT, username=username)
    response = RedirectResponse(return_url, status_code=302)
    response.set_cookie(COOKIE_NAME, state.logins.open(account.username), httponly=True,
                        secure=bool(origin(request, "identity")), samesite="lax")
    return response


@portal_page
async def welcome(request: Request, username: str) -> Response:
    """The first-login welcome / what's-new page; "Continue" goes on to the page asked for.

    Its texts are a *guess*: the facts say only "a welcome / what's-new page with a Continue button".
    """
    if request.method == "POST":
        state_of(request).welcome_pending.discard(username)
        form = await request.form()
        return RedirectResponse(_safe_return(str(form.get("ReturnUrl", ""))), status_code=302)
    target = _safe_return(request.query_params.get("ReturnUrl", ""))
    body = template("welcome.html").substitute(return_url=esc(target))
    return page("Welcome to eModal", body)


async def logout(request: Request) -> Response:
    """Forget the login (on every site) and go back to the identity page."""
    state_of(request).logins.close(request.cookies.get(COOKIE_NAME))
    response = RedirectResponse(LOGIN_PATH, status_code=302)
    response.delete_cookie(COOKIE_NAME)
    return response


ROUTES = [
    Route("/login", login_entry, methods=["GET"]),
    Route("/connect/authorize", authorize, methods=["GET"]),
    Route("/signin-oidc", signin_oidc, methods=["GET"]),
    Route(WELCOME_PATH, welcome, methods=["GET", "POST"]),
    Route(LOGIN_PATH, login_form, methods=["GET"]),
    Route(LOGIN_PATH, login_submit, methods=["POST"]),
    Route("/logout", logout, methods=["GET", "POST"]),
]
