"""Redis goes away while users are logged in: SQL carries on, and Redis takes over again when back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from tests.backend.conftest import build_settings
from tests.support.services import ApiServer, RedisServer, sqlite_url, wait_until


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer().start()
    yield server
    server.close()


def _login(http: httpx.Client, username: str) -> dict[str, str]:
    http.post("/auth/register", json={"username": username, "password": "outage-password"})
    response = http.post("/auth/login", data={"username": username, "password": "outage-password"})
    assert response.status_code == 200, response.text
    return dict(response.json())


def _wait_for_store(http: httpx.Client, expected: str) -> None:
    wait_until(lambda: http.get("/health").json()["auth_session_store"] == expected, what=f"store {expected}")


def test_outage_and_recovery(
    tmp_path: Path, redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="backend.auth_sessions.store")
    settings = build_settings(tmp_path, sqlite_url(tmp_path), redis_server.url)
    with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        alice = _login(http, "alice")
        bob = _login(http, "bob")
        assert http.get("/health").json()["auth_session_store"] == "redis"

        redis_server.stop()
        for _ in range(5):  # many requests, one log line
            me = http.get("/auth/me", headers={"Authorization": f"Bearer {alice['access_token']}"})
            assert me.status_code == 200, me.text
        assert http.get("/health").json() | {"browser_pool": None} == {
            "status": "ok", "database": "ok", "redis": "unreachable (auth sessions on SQL)",
            "auth_session_store": "sql-fallback", "browser_pool": None}
        refreshed = http.post("/auth/refresh", json={"refresh_token": bob["refresh_token"]})
        assert refreshed.status_code == 200
        carol = _login(http, "carol")  # a login during the outage
        assert http.get("/auth/me", headers={"Authorization": f"Bearer {carol['access_token']}"}).status_code == 200
        # Bob logs out during the outage: that must hold after Redis returns.
        bob_token = refreshed.json()["access_token"]
        assert http.post("/auth/logout", headers={"Authorization": f"Bearer {bob_token}"}).status_code == 204

        down_lines = [r for r in caplog.records if "unreachable" in r.getMessage()]
        assert len(down_lines) == 1

        redis_server.start()
        _wait_for_store(http, "redis")
        for token in (alice["access_token"], carol["access_token"]):
            assert http.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert http.get("/auth/me", headers={"Authorization": f"Bearer {bob_token}"}).status_code == 401
        keys = redis_server.client().keys(f"{settings.redis_key_prefix}:auth-session:*")
        assert {str(k).rsplit(":", 1)[1] for k in keys} == {alice["auth_session_id"], carol["auth_session_id"]}
        up_lines = [r for r in caplog.records if "reachable again" in r.getMessage()]
        assert len(up_lines) == 1


def test_redis_down_at_start_is_not_fatal(tmp_path: Path) -> None:
    settings = build_settings(tmp_path, sqlite_url(tmp_path), "redis://127.0.0.1:1/0")
    with ApiServer(create_app(settings)) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        tokens = _login(http, "dave")
        assert http.get("/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code == 200
        assert http.get("/health").json()["auth_session_store"] == "sql-fallback"
