"""Which E-Modal site answers which path, and the addresses one site uses to send the browser to another."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

REAL_DOMAIN = "emodal.com"
# The identity pages' host: the facts say only "an identity/account host"; `identity` is a *guess*.
IDENTITY_SITE = "identity"
APP_SITES = ("ecp2", "termops", "truckerportal")
SHARED = "shared"  # static files and the OIDC return, on every host
SERVICE = "service"  # the solver and the chaos switches: never on an emodal.com host

_PREFIXES: tuple[tuple[str, str], ...] = (
    ("/static/", SHARED),
    ("/signin-oidc", SHARED),
    ("/identity/", IDENTITY_SITE),
    ("/connect/", IDENTITY_SITE),
    ("/recaptcha/", IDENTITY_SITE),
    ("/logout", IDENTITY_SITE),
    ("/trucker/web", "termops"),
    ("/myappointments", "truckerportal"),
    ("/api/appointments", "truckerportal"),
    ("/in.php", SERVICE),
    ("/res.php", SERVICE),
    ("/_chaos/", SERVICE),
)


def site_of_path(path: str) -> str:
    """The site a path belongs to; everything not listed is ecp2's (login entry, containers, welcome)."""
    for prefix, site in _PREFIXES:
        if path.startswith(prefix):
            return site
    return "ecp2"


def host_site(host: str) -> str | None:
    """`ecp2` for `ecp2.emodal.com[:port]`; None when the sandbox is reached by its own address."""
    name = host.split(":")[0].lower()
    if name.endswith("." + REAL_DOMAIN):
        return name[: -len(REAL_DOMAIN) - 1]
    return None


def origin(request: Request, site: str) -> str:
    """Scheme and host of `site` as the browser sees it; empty (same host) in the single-address layout."""
    if host_site(request.headers.get("host", "")) is None:
        return ""
    return f"https://{site}.{REAL_DOMAIN}"


def authorize_url(request: Request, site: str, return_path: str) -> str:
    """The identity site's OIDC authorize address that signs the browser on at `site`, then opens `return_path`."""
    redirect_uri = origin(request, site) + "/signin-oidc"
    return (f"{origin(request, IDENTITY_SITE)}/connect/authorize?client_id={site}&response_type=code"
            f"&scope=openid%20profile&redirect_uri={quote(redirect_uri, safe='')}&state={quote(return_path, safe='')}")


class HostGate:
    """Under the real host names, each host answers only its own site's paths (others: 404), like separate apps."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            site = host_site(host)
            if site is not None:
                wanted = site_of_path(scope.get("path", "/"))
                if wanted == SERVICE or (wanted != SHARED and wanted != site):
                    from sandbox.web import error_page

                    response: Response = error_page(404)
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)
