"""The sign-on hop across the real host names, host-only cookies, the welcome page and the wizard's chaos."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from sandbox.app import create_sandbox_app
from sandbox.catalog import SITE_KEY
from sandbox.config import SandboxConfig
from sandbox.portal_sessions import COOKIE_NAME, SITE_COOKIE_NAMES
from sandbox.state import SandboxState

CHAOS = "sign-on-chaos"
ECP2, TERMOPS, IDENTITY = "https://ecp2.emodal.com", "https://termops.emodal.com", "https://identity.emodal.com"


@pytest.fixture
def state() -> SandboxState:
    return SandboxState(SandboxConfig(captcha_delay_seconds=0, containers_per_account=5, chaos_token=CHAOS,
                                      welcome_accounts=("dispatch1",)))


@pytest.fixture
def client(state: SandboxState) -> Iterator[TestClient]:
    with TestClient(create_sandbox_app(state.config, state), base_url=ECP2) as client:
        yield client


def flip(state: SandboxState, action: str, **body: object) -> None:
    with TestClient(create_sandbox_app(state.config, state)) as plain:
        assert plain.post(f"/_chaos/{action}", json=body, headers={"X-Chaos-Token": CHAOS}).status_code == 200


def token(state: SandboxState, page_url: str) -> str:
    _, task = state.solver.submit(state.config.solver_api_key, "userrecaptcha", SITE_KEY, page_url)
    _, value = state.solver.poll(state.config.solver_api_key, "get", task)
    return value


def log_in(client: TestClient, state: SandboxState, username: str = "dispatch1") -> str:
    """Log in from ecp2's /login entry; returns the URL the browser ends on."""
    form = client.get(f"{ECP2}/login")
    assert str(form.url).startswith(f"{IDENTITY}/identity/Account/Login")
    password = state.accounts[username].password
    landed = client.post(str(form.url), data={"Username": username, "Password": password,
                                              "g-recaptcha-response": token(state, str(form.url))})
    return str(landed.url)


class TestHop:
    def test_login_entry_goes_through_identity_and_signin_oidc(self, client: TestClient, state: SandboxState) -> None:
        first = client.get(f"{ECP2}/login", follow_redirects=False)
        assert first.headers["location"].startswith(f"{IDENTITY}/connect/authorize?client_id=ecp2")
        assert "redirect_uri=https%3A%2F%2Fecp2.emodal.com%2Fsignin-oidc" in first.headers["location"]
        url, form = self._form(client, state)
        landed = client.post(url, data=form, follow_redirects=False)
        assert landed.headers["location"].startswith("/connect/authorize")
        back = client.get(IDENTITY + landed.headers["location"], follow_redirects=False)
        assert back.headers["location"].startswith(f"{ECP2}/signin-oidc?code=")

    def _form(self, client: TestClient, state: SandboxState) -> tuple[str, dict[str, str]]:
        url = str(client.get(f"{ECP2}/login").url)
        return url, {"Username": "dispatch2", "Password": "Sandbox-Pass-2", "g-recaptcha-response": token(state, url)}

    def test_cookies_are_host_only_and_each_site_hops_once(self, client: TestClient, state: SandboxState) -> None:
        assert log_in(client, state, "dispatch2") == f"{ECP2}/containers"
        jar = {(c.name, c.domain) for c in client.cookies.jar}
        assert (COOKIE_NAME, "identity.emodal.com") in jar
        assert (SITE_COOKIE_NAMES["ecp2"], "ecp2.emodal.com") in jar
        assert all(not c.domain.startswith(".") for c in client.cookies.jar)
        hop = client.get(f"{TERMOPS}/trucker/web/addvisit", follow_redirects=False)
        assert hop.headers["location"].startswith(f"{IDENTITY}/connect/authorize?client_id=termops")
        page = client.get(f"{TERMOPS}/trucker/web/addvisit")
        assert str(page.url) == f"{TERMOPS}/trucker/web/addvisit" and "mat-step-header" in page.text
        assert client.get(f"{TERMOPS}/trucker/web/addvisit", follow_redirects=False).status_code == 200

    def test_a_code_works_once_and_only_at_its_site(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state, "dispatch2")
        code = state.logins.issue_code(client.cookies.get(COOKIE_NAME, domain="identity.emodal.com"), "ecp2")
        assert client.get(f"{TERMOPS}/signin-oidc?code={code}&state=/", follow_redirects=False).status_code == 401
        code = state.logins.issue_code(client.cookies.get(COOKIE_NAME, domain="identity.emodal.com"), "ecp2")
        assert client.get(f"{ECP2}/signin-oidc?code={code}&state=/", follow_redirects=False).status_code == 302
        assert client.get(f"{ECP2}/signin-oidc?code={code}&state=/", follow_redirects=False).status_code == 401

    def test_each_host_answers_only_its_own_pages(self, client: TestClient) -> None:
        assert client.get(f"{TERMOPS}/containers").status_code == 404
        assert client.get(f"{ECP2}/trucker/web/addvisit").status_code == 404
        assert client.get(f"{ECP2}/in.php").status_code == 404
        assert client.get(f"{ECP2}/_chaos/state").status_code == 404
        assert client.get(f"{TERMOPS}/static/portal.css").status_code == 200


class TestWelcomeAndShell:
    def test_first_login_shows_welcome_once(self, client: TestClient, state: SandboxState) -> None:
        landed = log_in(client, state)
        assert landed.startswith(f"{ECP2}/welcome?ReturnUrl=%2Fcontainers")
        page = client.get(landed).text
        assert "Continue" in page and "user-menu-btn" not in page
        after = client.post(f"{ECP2}/welcome", data={"ReturnUrl": "/containers"})
        assert str(after.url) == f"{ECP2}/containers"
        client.cookies.clear()
        assert log_in(client, state) == f"{ECP2}/containers"

    def test_app_shell_markers(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state, "dispatch2")
        page = client.get(f"{ECP2}/containers").text
        for marker in ("<app-root", "<router-outlet", "<mat-sidenav-container", "/static/shell.js"):
            assert marker in page


class TestChaos:
    def test_token_rejected_once(self, client: TestClient, state: SandboxState) -> None:
        flip(state, "captcha-reject", count=1)
        assert "Account/Login" in log_in(client, state, "dispatch2")
        assert log_in(client, state, "dispatch2") == f"{ECP2}/containers"

    def test_idle_expiry_shows_401(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state, "dispatch2")
        flip(state, "idle-expire", username="dispatch2")
        page = client.get(f"{ECP2}/containers")
        assert page.status_code == 401 and "<h1>401</h1>" in page.text

    def test_login_expires_mid_wizard(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state, "dispatch2")
        client.get(f"{TERMOPS}/trucker/web/addvisit")
        flip(state, "expire-login-mid-wizard", username="dispatch2")
        assert client.post(f"{TERMOPS}/trucker/web/api/phase1", json={}).status_code == 401
        assert client.get(f"{TERMOPS}/trucker/web/addvisit").status_code == 401

    def test_slow_wizard_shows_the_stepper_late(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state, "dispatch2")
        flip(state, "slow-wizard", seconds=0.2)
        page = client.get(f"{TERMOPS}/trucker/web/addvisit").text
        assert "mat-step-header" not in page and "slowstart.js" in page
        view = client.get(f"{TERMOPS}/trucker/web/api/addvisit-view")
        assert view.status_code == 200 and "mat-step-header" in view.text
