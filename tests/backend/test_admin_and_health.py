"""Admin endpoints (via an admin made by the CLI) and health."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.backend.conftest import Api, LoggedInUser


def _create_admin(api: Api, username: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EMODAL_AGENT_DATABASE_URL": api.settings.sqlalchemy_url,
           "EMODAL_AGENT_DATA_DIR": str(api.settings.data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "create-admin", "--username", username, "--password", password],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_admin_sees_users_and_their_status(api: Api, user: LoggedInUser) -> None:
    created = _create_admin(api, "ops-admin", "admin password 1")
    assert created.returncode == 0, created.stderr
    assert "admin password 1" not in created.stdout + created.stderr
    admin = api.client(api.login("ops-admin", "admin password 1")["access_token"])
    user.client.post("/accounts", json={"label": "Main", "username": "kr", "password": "secret-pw",
                                        "captcha_api_key": "secret-key"})

    users = admin.get("/admin/users")
    assert users.status_code == 200
    assert {"ops-admin", user.username} <= {u["username"] for u in users.json()}
    status = admin.get(f"/admin/users/{user.user_id}/status")
    assert status.status_code == 200
    body = status.json()
    assert body["user"]["username"] == user.username
    assert body["live_auth_sessions"] == 1 and body["last_activity_at"] is not None
    assert [a["label"] for a in body["accounts"]] == ["Main"]
    assert "secret-pw" not in status.text and "secret-key" not in status.text
    assert admin.get("/admin/users/999999/status").status_code == 404


def test_regular_users_get_403_on_admin_routes(user: LoggedInUser) -> None:
    for path in ("/admin/users", f"/admin/users/{user.user_id}/status"):
        response = user.client.get(path)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"


def test_health(api: Api) -> None:
    body = api.client().get("/health").json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["browser_pool"] == f"0/{api.settings.browser_pool_size}"
    assert body["auth_session_store"] == ("redis" if api.redis else "sql")


def test_session_health_needs_login_and_reports_own_session(api: Api, user: LoggedInUser) -> None:
    assert api.client().get("/health/session").status_code == 401
    body = user.client.get("/health/session").json()
    assert body["auth_session_id"] == user.auth_session_id
    assert body["portal_session_status"] == "no account selected"


def test_unknown_route_is_json_404(api: Api) -> None:
    response = api.client().get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
