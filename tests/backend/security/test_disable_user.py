"""Disabling a user: refresh refuses them, every auth session ends at once, re-enabling revives nothing."""

from __future__ import annotations

from sqlalchemy import select

from backend.models import AuthSessionRow
from tests.backend.security.conftest import LiveApi


def test_refresh_refuses_a_disabled_user_and_disabling_revokes_everything(dev_api: LiveApi) -> None:
    admin = dev_api.new_user("admin")
    username = dev_api.add_user()
    first, second = dev_api.login(username), dev_api.login(username)

    disabled = admin.client.post(f"/admin/users/{first.user_id}/disable")
    assert disabled.status_code == 200, disabled.text
    assert disabled.json()["revoked_auth_sessions"] == 2
    assert disabled.json()["user"]["is_active"] is False

    # Access and refresh tokens of both logins stop at once.
    for login in (first, second):
        assert login.client.get("/auth/me").status_code == 401
        refreshed = dev_api.client().post("/auth/refresh", json={"refresh_token": login.tokens["refresh_token"]})
        assert refreshed.status_code == 401
        assert "disabled" in refreshed.json()["error"]["message"]
    assert dev_api.client().post("/auth/login", data={"username": username, "password": "correct horse battery"}
                                 ).status_code == 401

    # Revoked in SQL and marked revoked in Redis.
    with dev_api.services.session_factory() as db:
        rows = db.scalars(select(AuthSessionRow).where(AuthSessionRow.user_id == first.user_id)).all()
    assert rows and all(row.revoked_at is not None and row.revoked_reason == "user-disabled" for row in rows)
    assert dev_api.redis is not None
    for login in (first, second):
        assert dev_api.redis.client().exists(f"emodal-agent:auth-session-revoked:{login.tokens['auth_session_id']}")

    # Re-enabled: no old token works again, a new login does.
    assert admin.client.post(f"/admin/users/{first.user_id}/enable").json()["is_active"] is True
    for login in (first, second):
        assert login.client.get("/auth/me").status_code == 401
        assert dev_api.client().post("/auth/refresh", json={"refresh_token": login.tokens["refresh_token"]}
                                     ).status_code == 401
    assert dev_api.login(username).client.get("/auth/me").status_code == 200


def test_only_admins_disable_and_not_themselves(dev_api: LiveApi) -> None:
    admin, user = dev_api.new_user("admin"), dev_api.new_user()
    assert user.client.post(f"/admin/users/{admin.user_id}/disable").status_code == 403
    refused = admin.client.post(f"/admin/users/{admin.user_id}/disable")
    assert refused.status_code == 409 and "your own account" in refused.json()["error"]["message"]
    assert admin.client.post("/admin/users/2147483647/disable").status_code == 404
