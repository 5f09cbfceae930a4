"""Login throttling: per username and per client address, 429 with Retry-After, others unaffected."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.backend.security.conftest import PASSWORD, LiveApi, live_api


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    tmp: Path = tmp_path_factory.mktemp(f"throttle-{request.param}")
    with live_api(tmp, database=request.param, login_failures_per_username=3, login_failures_per_address=6,
                  login_throttle_window_seconds=120) as served:
        yield served


def _login(api: LiveApi, username: str, password: str, address: str | None = None) -> tuple[int, dict[str, str]]:
    response = api.client(local_address=address).post("/auth/login", data={"username": username, "password": password})
    return response.status_code, dict(response.headers)


def test_a_guessed_username_is_throttled_and_other_users_are_not(api: LiveApi) -> None:
    victim, bystander = api.add_user(), api.add_user()
    assert [_login(api, victim, "wrong password", "127.0.0.2")[0] for _ in range(3)] == [401, 401, 401]
    status, headers = _login(api, victim, PASSWORD, "127.0.0.3")  # even the right password waits now
    assert status == 429
    assert 1 <= int(headers["retry-after"]) <= 120
    assert _login(api, bystander, PASSWORD, "127.0.0.2")[0] == 200


def test_one_address_guessing_many_usernames_is_throttled_other_addresses_are_not(api: LiveApi) -> None:
    names = [api.add_user() for _ in range(4)]
    statuses = [_login(api, name, "wrong password", "127.0.0.4")[0] for name in names for _ in range(2)]
    assert statuses[:6] == [401] * 6 and statuses[6:] == [429, 429]
    assert _login(api, names[0], PASSWORD, "127.0.0.4")[0] == 429
    assert _login(api, api.add_user(), PASSWORD, "127.0.0.5")[0] == 200


def test_a_success_clears_the_username_count(api: LiveApi) -> None:
    name = api.add_user()
    for _ in range(2):
        assert _login(api, name, "wrong password", "127.0.0.6")[0] == 401
    assert _login(api, name, PASSWORD, "127.0.0.6")[0] == 200
    assert [_login(api, name, "wrong password", "127.0.0.7")[0] for _ in range(3)] == [401, 401, 401]
    assert _login(api, name, PASSWORD, "127.0.0.7")[0] == 429


def test_throttling_holds_through_a_redis_outage(tmp_path: Path) -> None:
    with live_api(tmp_path, login_failures_per_username=3, login_throttle_window_seconds=120) as api:
        name = api.add_user()
        assert [_login(api, name, "wrong password", "127.0.0.8")[0] for _ in range(2)] == [401, 401]
        assert api.redis is not None
        api.redis.stop()
        assert _login(api, name, "wrong password", "127.0.0.8")[0] == 401  # counted in SQL
        status, headers = _login(api, name, PASSWORD, "127.0.0.8")
        assert status == 429 and int(headers["retry-after"]) >= 1
