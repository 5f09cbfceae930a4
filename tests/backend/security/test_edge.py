"""The edge: NUL characters and out-of-range ids refused with a message, a body-size limit, security headers,
no Host-built redirects, API docs off in production."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.backend.security.conftest import PASSWORD, LiveApi, live_api

PRODUCTION: dict[str, Any] = {"env": "production", "secret_key": "s" * 32, "encryption_key": "e" * 32}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    tmp: Path = tmp_path_factory.mktemp(f"edge-{request.param}")
    with live_api(tmp, database=request.param, max_body_bytes=64 * 1024) as served:
        yield served


def _refused_for_nul(response_status: int, body: dict[str, dict[str, str]]) -> bool:
    return response_status == 422 and "NUL" in body["error"]["message"]


def test_nul_characters_are_refused_everywhere(api: LiveApi) -> None:
    user = api.new_user()
    login = api.client().post("/auth/login", data={"username": "ad\x00min", "password": PASSWORD})
    assert _refused_for_nul(login.status_code, login.json())
    register = api.client().post("/auth/register", json={"username": "x\u0000y", "password": PASSWORD})
    assert _refused_for_nul(register.status_code, register.json())
    cases = [
        user.client.post("/threads", json={"title": "dispatch \u0000 board"}),
        user.client.patch("/threads/some-id", json={"title": "\u0000"}),
        user.client.post("/accounts", json={"label": "main\u0000", "username": "u", "password": "p",
                                            "captcha_api_key": "k"}),
        user.client.get("/threads/abc%00def"),
        user.client.get("/accounts/1%00"),
        user.client.get("/admin/audit", params={"action": "login\x00"}),
        user.client.post("/ask", json={"message": "book it\u0000 please"}),
        user.client.post("/ask", json={"message": "hi", "thread_id": "\u0000"}),
    ]
    for response in cases:
        assert _refused_for_nul(response.status_code, response.json()), response.text
    # A NUL-free request with an escaped backslash-u is ordinary text.
    assert user.client.post("/threads", json={"title": "path C:\\u0000dir"}).status_code == 201


def test_ids_beyond_the_column_range_are_refused(api: LiveApi) -> None:
    user = api.new_user()
    for account_id in (2**31, 2**63 - 1, 2**64):
        response = user.client.get(f"/accounts/{account_id}")
        assert response.status_code == 422, response.text
        assert "account_id" in response.json()["error"]["message"]
    assert user.client.get(f"/accounts/{2**31 - 1}").status_code == 404
    chosen = user.client.post("/sessions/current/account", json={"account_id": 2**40})
    assert chosen.status_code == 422
    portal = user.client.post("/emodal/get_session", json={"account_id": 2**31})
    assert portal.status_code == 422


def test_bodies_over_the_limit_are_refused_unread(api: LiveApi) -> None:
    user = api.new_user()
    too_big = user.client.post("/threads", content=b'{"title": "' + b"a" * 70_000 + b'"}',
                               headers={"Content-Type": "application/json"})
    assert too_big.status_code == 413 and "65536 bytes" in too_big.json()["error"]["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"title": "'
        for _ in range(100):
            yield b"a" * 1024
        yield b'"}'

    streamed = user.client.post("/threads", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413
    # A 100 MB declared body is refused from its headers alone, before the body is sent.
    host, port = api.server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as raw:
        raw.sendall(b"POST /auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 104857600\r\n\r\n")
        assert raw.recv(200).startswith(b"HTTP/1.1 413")


def test_the_page_and_every_answer_carry_security_headers(api: LiveApi) -> None:
    page = api.client().get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert "<script>" not in page.text  # the page has no inline script for the CSP to block
    for response in (page, api.client().get("/health"), api.client().get("/auth/me"),
                     api.client().post("/auth/login", data={})):
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_trailing_slash_is_served_not_redirected_to_the_host_header(api: LiveApi) -> None:
    user = api.new_user()
    response = user.client.get("/threads/", headers={"Host": "evil.example"})
    assert response.status_code == 200 and "location" not in response.headers
    assert response.json() == user.client.get("/threads").json()


def test_docs_are_on_in_development(api: LiveApi) -> None:
    assert api.client().get("/openapi.json").status_code == 200
    assert api.client().get("/docs").status_code == 200


def test_docs_are_off_in_production_unless_enabled(tmp_path: Path) -> None:
    with live_api(tmp_path / "off", with_redis=False, **PRODUCTION) as api:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert api.client().get(path).status_code == 404
    with live_api(tmp_path / "on", with_redis=False, api_docs_enabled=True, **PRODUCTION) as api:
        assert api.client().get("/openapi.json").status_code == 200


def test_a_wrong_method_names_every_method_the_schema_declares(api: LiveApi) -> None:
    user = api.new_user()
    paths = api.client().get("/openapi.json").json()["paths"]
    templates = {path: re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$") for path in paths}
    for path in paths:
        concrete = path.replace("{", "").replace("}", "")  # any value fills a path parameter
        # Every template the address fits counts (`/sessions/current` is also `/sessions/{auth_session_id}`).
        declared = {method.upper() for template, pattern in templates.items() if pattern.match(concrete)
                    for method in paths[template]}
        for method in ("OPTIONS", *({"PUT", "PATCH", "DELETE", "POST", "GET"} - declared)):
            response = user.client.request(method, concrete)
            assert response.status_code == 405, (method, path, response.status_code)
            allowed = {m.strip() for m in response.headers["allow"].split(",")}
            assert allowed - {"HEAD"} == declared, (method, path, allowed)
            assert method in response.json()["error"]["message"]
