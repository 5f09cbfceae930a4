"""The caller's auth sessions through HTTP: current, list, revoke, disconnect."""

from __future__ import annotations

from tests.backend.conftest import Api, LoggedInUser


class TestAuthSessions:
    def test_current_session_shows_who_and_which(self, api: Api, user: LoggedInUser) -> None:
        current = user.client.get("/sessions/current", headers={"user-agent": "dispatch-desk/1.0"}).json()
        assert current["user"]["username"] == user.username
        assert current["auth_session"]["id"] == user.auth_session_id
        assert current["active_account"] is None and current["portal_session"] is None
        expected_store = "redis" if api.redis else "sql"
        assert current["auth_session_store"] == expected_store

    def test_each_login_is_its_own_session_and_can_be_revoked_from_another(self, api: Api) -> None:
        desk = api.new_user()
        phone_tokens = api.login(desk.username, desk.password)
        phone = api.client(phone_tokens["access_token"])
        listed = desk.client.get("/sessions").json()
        assert {s["id"] for s in listed} == {desk.auth_session_id, phone_tokens["auth_session_id"]}
        assert [s["current"] for s in listed if s["id"] == desk.auth_session_id] == [True]
        assert desk.client.delete(f"/sessions/{phone_tokens['auth_session_id']}").status_code == 204
        assert phone.get("/auth/me").status_code == 401
        assert desk.client.get("/auth/me").status_code == 200
        assert [s["id"] for s in desk.client.get("/sessions").json()] == [desk.auth_session_id]
        assert desk.client.delete(f"/sessions/{phone_tokens['auth_session_id']}").status_code == 404

    def test_disconnect_keeps_the_login(self, user: LoggedInUser) -> None:
        user.client.post("/accounts", json={"label": "A", "username": "u", "password": "p", "captcha_api_key": "k"})
        response = user.client.post("/sessions/current/disconnect")
        assert response.status_code == 200 and response.json()["disconnected"] is True
        assert user.client.get("/auth/me").status_code == 200

    def test_auth_session_is_written_through_to_sql_and_kept_in_redis(self, api: Api, user: LoggedInUser) -> None:
        from backend.models import AuthSessionRow

        with api.server.services.session_factory() as db:
            row = db.get(AuthSessionRow, user.auth_session_id)
            assert row is not None and row.revoked_at is None
        if api.redis is None:
            return
        client = api.redis.client()
        key = f"{api.settings.redis_key_prefix}:auth-session:{user.auth_session_id}"
        assert client.exists(key)
        client.expire(key, 30)
        user.client.get("/auth/me")
        assert client.ttl(key) > 30  # the idle expiry slides on every request
        user.client.post("/auth/logout")
        assert not client.exists(key)


def test_a_revoked_session_stays_revoked_even_if_a_racing_request_rewrites_its_redis_copy(api: Api) -> None:
    if api.redis is None:
        return
    desk = api.new_user()
    phone_tokens = api.login(desk.username, desk.password)
    phone = api.client(phone_tokens["access_token"])
    client = api.redis.client()
    key = f"{api.settings.redis_key_prefix}:auth-session:{phone_tokens['auth_session_id']}"
    copy = client.get(key)
    assert copy is not None
    assert desk.client.delete(f"/sessions/{phone_tokens['auth_session_id']}").status_code == 204
    client.set(key, copy, ex=600)  # what a request that read the session just before the revocation would write
    assert phone.get("/auth/me").status_code == 401
