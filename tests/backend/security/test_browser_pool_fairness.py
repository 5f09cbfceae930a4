"""Fair use of the browser pool through the API, in real headless Chromium against the sandbox portal:
another user's recent browser is never evicted, a per-user cap, "busy, try again in N s", disabling closes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.portal.account_keys import stored_account_key
from EModal import Credentials
from sandbox.accounts import DISPATCH1, DISPATCH2, SandboxAccount
from tests.backend.security.conftest import LiveApi, LoggedIn, live_api
from tests.support.sandbox import SOLVER_KEY, start_sandbox

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    sandbox, sandbox_url = start_sandbox()
    tmp: Path = tmp_path_factory.mktemp("pool-fairness")
    try:
        with live_api(tmp, with_redis=False, portal_base_url=sandbox_url, captcha_base_url=sandbox_url,
                      captcha_poll_seconds=0.05, page_timeout_seconds=30, browser_pool_size=2,
                      browser_pool_per_user=1, browser_pool_protect_seconds=120,
                      browser_pool_wait_seconds=0.5) as served:
            yield served
    finally:
        sandbox.stop()


def _add_account(user: LoggedIn, account: SandboxAccount, label: str) -> int:
    created = user.client.post("/accounts", json={"label": label, "username": account.username,
                                                  "password": account.password, "captcha_api_key": SOLVER_KEY})
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


def _open(user: LoggedIn, account_id: int) -> httpx.Response:
    return user.client.post("/emodal/get_session", json={"account_id": account_id}, timeout=120)


def test_one_user_cannot_push_out_another_and_disabling_closes_browsers(api: LiveApi) -> None:
    admin, alice, bob, carol = api.new_user("admin"), api.new_user(), api.new_user(), api.new_user()
    alice_first, bob_account = _add_account(alice, DISPATCH1, "a1"), _add_account(bob, DISPATCH2, "b1")
    carol_account = _add_account(carol, DISPATCH1, "c1")
    alice_session = _open(alice, alice_first).json()["session_id"]
    bob_session = _open(bob, bob_account).json()["session_id"]

    # The pool is full of browsers their owners used just now: carol is told to come back, not given one.
    busy = _open(carol, carol_account)
    assert busy.status_code == 503, busy.text
    assert busy.json()["error"]["code"] == "browser_pool_busy"
    assert 1 <= int(busy.headers["retry-after"]) <= 120
    assert f"try again in {busy.headers['retry-after']} s" in busy.json()["error"]["message"]
    assert _open(alice, alice_first).json()["session_id"] == alice_session
    assert _open(bob, bob_account).json()["session_id"] == bob_session

    # At her cap of one, alice's second account replaces her own browser, never bob's.
    alice_second = _add_account(alice, DISPATCH2, "a2")
    second = _open(alice, alice_second)
    assert second.status_code == 200 and second.json()["is_new_session"] is True
    assert _open(bob, bob_account).json()["session_id"] == bob_session

    # While her one browser is in use, another of hers is refused with the per-user limit.
    pool = api.services.portal_pool
    assert pool is not None
    credentials = Credentials(DISPATCH2.username, DISPATCH2.password, SOLVER_KEY)
    with pool.hold(stored_account_key(alice_second), credentials):
        limited = _open(alice, alice_first)
    assert limited.status_code == 429, limited.text
    assert limited.json()["error"]["code"] == "portal_session_limit" and "retry-after" in limited.headers

    # Disabling bob closes his browser at once; the room goes to carol.
    disabled = admin.client.post(f"/admin/users/{bob.user_id}/disable")
    assert disabled.json()["closed_portal_sessions"] == 1
    assert bob_session not in {s.portal_session_id for s in pool.stats().sessions}
    status = admin.client.get(f"/admin/users/{bob.user_id}/status").json()
    assert status["accounts"][0]["portal_sessions"][0]["status"] == "closed"
    assert _open(carol, carol_account).status_code == 200
