"""Chaos switches over HTTP: token protection, latency, forced 500s, variant flag, login expiry, exports."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from starlette.testclient import TestClient

from sandbox.app import create_sandbox_app
from sandbox.catalog import CONTAINER_COLUMNS, SITE_KEY
from sandbox.config import SandboxConfig
from sandbox.portal_sessions import COOKIE_NAME
from sandbox.state import SandboxState

TOKEN = "chaos-token"


@pytest.fixture
def state() -> SandboxState:
    return SandboxState(SandboxConfig(captcha_delay_seconds=0, chaos_token=TOKEN, containers_per_account=45))


@pytest.fixture
def client(state: SandboxState) -> Iterator[TestClient]:
    with TestClient(create_sandbox_app(state.config, state)) as client:
        yield client


def flip(client: TestClient, action: str, **body: object) -> dict[str, object]:
    response = client.post(f"/_chaos/{action}", json=body, headers={"X-Chaos-Token": TOKEN})
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def log_in(client: TestClient, state: SandboxState) -> None:
    status, task = state.solver.submit(state.config.solver_api_key, "userrecaptcha", SITE_KEY,
                                       "http://testserver/identity/Account/Login")
    assert status == 1
    _, token = state.solver.poll(state.config.solver_api_key, "get", task)
    response = client.post("/identity/Account/Login", follow_redirects=False, data={
        "Username": "dispatch1", "Password": "Sandbox-Pass-1", "g-recaptcha-response": token})
    assert response.status_code == 302 and COOKIE_NAME in response.cookies
    client.get(response.headers["location"])  # the sign-on hop back to ecp2, which sets that site's cookie


class TestProtection:
    def test_disabled_without_config_token(self) -> None:
        state = SandboxState(SandboxConfig(containers_per_account=5))
        with TestClient(create_sandbox_app(state.config, state)) as client:
            assert client.post("/_chaos/reset", headers={"X-Chaos-Token": "x"}).status_code == 404

    def test_wrong_token_refused(self, client: TestClient) -> None:
        assert client.post("/_chaos/reset", headers={"X-Chaos-Token": "nope"}).status_code == 403
        assert client.post("/_chaos/reset").status_code == 403


class TestSwitches:
    def test_fail_next_pages(self, client: TestClient) -> None:
        flip(client, "fail-next", count=2)
        assert [client.get("/identity/Account/Login").status_code for _ in range(3)] == [500, 500, 200]

    def test_latency(self, client: TestClient) -> None:
        flip(client, "latency", seconds=0.3)
        started = time.perf_counter()
        client.get("/identity/Account/Login")
        assert time.perf_counter() - started >= 0.3
        flip(client, "reset")
        assert client.get("/_chaos/state", headers={"X-Chaos-Token": TOKEN}).json()["latency_seconds"] == 0

    def test_blocked_region(self, client: TestClient) -> None:
        flip(client, "blocked-region", enabled=True)
        response = client.get("/login", follow_redirects=False)
        assert response.status_code == 403 and "403 Forbidden" in response.text

    def test_import_variant_reaches_the_page(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state)
        flip(client, "import-variant", enabled=True)
        assert '"variant": true' in client.get("/trucker/web/addvisit").text

    def test_expire_login(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state)
        assert client.get("/containers").status_code == 200
        flip(client, "expire-login", username="dispatch1")
        page = client.get("/containers")
        assert page.status_code == 401 and "<h1>401</h1>" in page.text
        assert client.get("/api/containers").status_code == 401

    def test_unknown_page_is_404_not_found(self, client: TestClient) -> None:
        response = client.get("/no/such/page")
        assert response.status_code == 404 and "<title>404 Not Found</title>" in response.text

    def test_bad_payload(self, client: TestClient) -> None:
        response = client.post("/_chaos/captcha", json={"mode": "sometimes"}, headers={"X-Chaos-Token": TOKEN})
        assert response.status_code == 400


class TestJsonAndExport:
    def test_pages_of_thirty(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state)
        pages = [client.get("/api/containers", params={"page": n}).json() for n in range(3)]
        assert [len(p["rows"]) for p in pages] == [30, 15, 0]
        assert [p["hasMore"] for p in pages] == [True, False, False]

    def test_export_is_a_real_workbook(self, client: TestClient, state: SandboxState) -> None:
        log_in(client, state)
        response = client.get("/api/containers/export.xlsx")
        assert response.headers["content-disposition"].startswith("attachment")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0] == CONTAINER_COLUMNS and len(rows) == 46


class TestLoginCounter:
    def test_counts_each_login_per_account_behind_the_token(self, client: TestClient, state: SandboxState) -> None:
        assert client.get("/_chaos/logins").status_code == 403
        headers = {"X-Chaos-Token": TOKEN}
        assert client.get("/_chaos/logins", headers=headers).json()["logins"] == {}
        log_in(client, state)
        log_in(client, state)
        assert client.get("/_chaos/logins", headers=headers).json()["logins"] == {"dispatch1": 2}
