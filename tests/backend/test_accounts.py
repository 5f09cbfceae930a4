"""Stored E-Modal accounts: CRUD, switching the active one, and secrets that never leave."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.backend.conftest import Api, LoggedInUser

PASSWORD = "Emodal-Pa55-unique-7f3c"
CAPTCHA_KEY = "captcha-key-unique-91ab2e"


def _create(user: LoggedInUser, label: str = "K&R main") -> dict[str, object]:
    response = user.client.post("/accounts", json={"label": label, "username": "kr-dispatch",
                                                   "password": PASSWORD, "captcha_api_key": CAPTCHA_KEY})
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestAccounts:
    def test_create_list_update_delete(self, user: LoggedInUser) -> None:
        account = _create(user)
        assert account["is_active"] is True  # the first account becomes active
        second = _create(user, label="Second")
        assert second["is_active"] is False
        listed = user.client.get("/accounts").json()
        assert [a["label"] for a in listed] == ["K&R main", "Second"]
        patched = user.client.patch(f"/accounts/{second['id']}", json={"label": "Renamed", "password": "new-pass"})
        assert patched.status_code == 200 and patched.json()["label"] == "Renamed"
        assert user.client.delete(f"/accounts/{second['id']}").status_code == 204
        assert user.client.get(f"/accounts/{second['id']}").status_code == 404
        assert [a["id"] for a in user.client.get("/accounts").json()] == [account["id"]]

    def test_switch_active_account_updates_session_and_last_used(self, user: LoggedInUser) -> None:
        _create(user)
        second = _create(user, label="Night shift")
        switched = user.client.post("/sessions/current/account", json={"account_id": second["id"]})
        assert switched.status_code == 200
        assert switched.json()["is_active"] is True and switched.json()["last_used_at"] is not None
        current = user.client.get("/sessions/current").json()
        assert current["active_account"]["id"] == second["id"]
        assert current["auth_session"]["active_account_id"] == second["id"]

    def test_deleting_the_active_account_clears_it_from_the_session(self, user: LoggedInUser) -> None:
        account = _create(user)
        assert user.client.delete(f"/accounts/{account['id']}").status_code == 204
        assert user.client.get("/sessions/current").json()["active_account"] is None

    def test_bad_input_is_a_clear_422_and_stores_nothing(self, user: LoggedInUser) -> None:
        response = user.client.post("/accounts", json={"label": "", "username": "x"})
        assert response.status_code == 422
        message = response.json()["error"]["message"]
        assert "password" in message and "captcha_api_key" in message
        assert user.client.get("/accounts").json() == []
        account = _create(user)
        bad_patch = user.client.patch(f"/accounts/{account['id']}", json={"label": ""})
        assert bad_patch.status_code == 422
        assert user.client.get(f"/accounts/{account['id']}").json()["label"] == "K&R main"
        assert user.client.post("/sessions/current/account", json={"account_id": "abc"}).status_code == 422


class TestSecrets:
    def test_secrets_are_never_returned_stored_or_logged_in_plain_text(
        self, api: Api, user: LoggedInUser, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG)
        account = _create(user)
        user.client.patch(f"/accounts/{account['id']}", json={"captcha_api_key": CAPTCHA_KEY})
        for response in (user.client.get("/accounts"), user.client.get(f"/accounts/{account['id']}"),
                         user.client.get("/sessions/current")):
            assert PASSWORD not in response.text and CAPTCHA_KEY not in response.text
        assert PASSWORD not in caplog.text and CAPTCHA_KEY not in caplog.text

        if api.flavour.startswith("sqlite"):
            database = Path(api.settings.sqlalchemy_url.removeprefix("sqlite:///"))
            raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
            assert raw, "the database file should exist"
            assert PASSWORD.encode() not in raw and CAPTCHA_KEY.encode() not in raw
            assert b"kr-dispatch" in raw  # the scan does see plain data: the secrets really are encrypted
        engine = create_engine(api.settings.sqlalchemy_url)
        with engine.connect() as connection:
            for table in ("emodal_accounts", "audit_log", "auth_sessions"):
                dump = " ".join(str(row) for row in connection.execute(text(f"SELECT * FROM {table}")))  # noqa: S608
                assert PASSWORD not in dump and CAPTCHA_KEY not in dump
        engine.dispose()


def test_out_of_range_ids_are_422_not_500(user: LoggedInUser) -> None:
    huge = 2**70
    for method, path, body in [("GET", f"/accounts/{huge}", None), ("DELETE", f"/accounts/{huge}", None),
                               ("POST", "/sessions/current/account", {"account_id": huge}),
                               ("POST", "/emodal/get_session", {"account_id": huge})]:
        response = user.client.request(method, path, json=body)
        assert response.status_code == 422, (path, response.text)


class TestSelection:
    def _log_in_again(self, api: Api, user: LoggedInUser) -> LoggedInUser:
        tokens = api.login(user.username, user.password)
        return LoggedInUser(user.username, user.password, tokens, api.client(tokens["access_token"]), user.user_id)

    def test_the_only_account_is_selected_at_the_next_login_without_a_pick(self, api: Api, user: LoggedInUser) -> None:
        account = _create(user)
        again = self._log_in_again(api, user)
        current = again.client.get("/sessions/current").json()
        assert current["active_account"]["id"] == account["id"]
        assert current["auth_session"]["active_account_id"] == account["id"]
        assert again.client.get("/accounts").json()[0]["is_active"] is True

    def test_an_account_added_in_another_login_is_seen_without_a_pick(self, api: Api, user: LoggedInUser) -> None:
        elsewhere = self._log_in_again(api, user)  # a second device, logged in before the account existed
        account = _create(user)
        assert elsewhere.client.get("/sessions/current").json()["active_account"]["id"] == account["id"]

    def test_the_chosen_default_is_remembered_across_logins(self, api: Api, user: LoggedInUser) -> None:
        first = _create(user)
        assert first["is_default"] is True  # the first account is the default until another is chosen
        second = _create(user, label="Night shift")
        assert user.client.post("/sessions/current/account", json={"account_id": second["id"]}).status_code == 200
        again = self._log_in_again(api, user)
        assert again.client.get("/sessions/current").json()["active_account"]["id"] == second["id"]
        listed = {a["id"]: a["is_default"] for a in again.client.get("/accounts").json()}
        assert listed == {first["id"]: False, second["id"]: True}
        assert again.client.post("/sessions/current/account", json={"account_id": first["id"]}).status_code == 200
        assert self._log_in_again(api, user).client.get("/sessions/current").json()["active_account"]["id"] == \
            first["id"]

    def test_without_an_account_the_error_says_to_add_one(self, user: LoggedInUser) -> None:
        assert user.client.get("/sessions/current").json()["active_account"] is None
        response = user.client.post("/emodal/get_session", json={})
        assert 400 <= response.status_code < 500
        assert "Add your E-Modal account first" in response.text
