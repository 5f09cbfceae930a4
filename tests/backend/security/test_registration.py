"""Registration: open in development, closed in production unless opened; admins create users or invite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backend.cli import main
from tests.backend.security.conftest import PASSWORD, LiveApi, live_api

PRODUCTION: dict[str, Any] = {"env": "production", "secret_key": "s" * 32, "encryption_key": "e" * 32}


@pytest.fixture(scope="module")
def prod_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    with live_api(tmp_path_factory.mktemp("prod"), **PRODUCTION) as api:
        yield api


def _register(api: LiveApi, username: str, code: str | None = None) -> tuple[int, str]:
    body = {"username": username, "password": PASSWORD} | ({"invitation_code": code} if code else {})
    response = api.client().post("/auth/register", json=body)
    return response.status_code, response.text


def test_production_refuses_self_registration(prod_api: LiveApi) -> None:
    status, text = _register(prod_api, "stranger")
    assert status == 403 and "invitation" in text


def test_an_invitation_registers_once(prod_api: LiveApi) -> None:
    admin = prod_api.new_user("admin")
    issued = admin.client.post("/admin/invitations", json={})
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert _register(prod_api, "invited-one", code)[0] == 201
    status, text = _register(prod_api, "invited-two", code)
    assert status == 403 and "already used" in text
    assert prod_api.login("invited-one").client.get("/auth/me").json()["role"] == "user"
    assert _register(prod_api, "guesser", "not-a-real-code")[0] == 403


def test_admin_creates_users_and_others_cannot(prod_api: LiveApi) -> None:
    admin, user = prod_api.new_user("admin"), prod_api.new_user()
    created = admin.client.post("/admin/users", json={"username": "made-by-admin", "password": PASSWORD})
    assert created.status_code == 201 and created.json()["role"] == "user"
    assert prod_api.login("made-by-admin").client.get("/auth/me").status_code == 200
    assert admin.client.post("/admin/users", json={"username": "made-by-admin", "password": PASSWORD}
                             ).status_code == 409
    assert user.client.post("/admin/users", json={"username": "sneaky", "password": PASSWORD}).status_code == 403
    assert user.client.post("/admin/invitations", json={}).status_code == 403


def test_a_setting_opens_registration_in_production(tmp_path: Path) -> None:
    with live_api(tmp_path, with_redis=False, registration_open=True, **PRODUCTION) as api:
        assert _register(api, "welcome")[0] == 201


def test_development_registration_is_open(tmp_path: Path) -> None:
    with live_api(tmp_path, with_redis=False) as api:
        assert _register(api, "newcomer")[0] == 201


def test_cli_creates_a_user_and_prints_an_invitation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EMODAL_AGENT_DATA_DIR", str(tmp_path))
    assert main(["create-user", "--username", "Cli-Admin", "--password", PASSWORD, "--role", "admin"]) == 0
    assert "admin 'cli-admin' created" in capsys.readouterr().out
    assert main(["create-user", "--username", "cli-admin", "--password", PASSWORD]) == 2
    assert main(["invite", "--by", "cli-admin"]) == 0
    code = capsys.readouterr().out.strip().rsplit(" ", 1)[-1]
    with live_api(tmp_path, with_redis=False, **PRODUCTION) as api:
        assert _register(api, "from-cli-code", code)[0] == 201
        assert api.login("cli-admin").client.get("/auth/me").json()["role"] == "admin"
