"""The 2captcha protocol of `/in.php` and `/res.php` over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from sandbox.app import create_sandbox_app
from sandbox.catalog import SITE_KEY
from sandbox.config import SandboxConfig
from sandbox.state import SandboxState

KEY = "sandbox-solver-key"
PAGE = "http://127.0.0.1:9/identity/Account/Login?ReturnUrl=%2Fcontainers"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def state(clock: Clock) -> SandboxState:
    state = SandboxState(SandboxConfig(captcha_delay_seconds=5, containers_per_account=10))
    state.solver.clock = clock
    return state


@pytest.fixture
def client(state: SandboxState) -> Iterator[TestClient]:
    with TestClient(create_sandbox_app(state.config, state)) as client:
        yield client


def submit(client: TestClient, **overrides: str) -> dict[str, object]:
    params = {"key": KEY, "method": "userrecaptcha", "googlekey": SITE_KEY, "pageurl": PAGE, "json": "1"}
    params.update(overrides)
    answer: dict[str, object] = client.get("/in.php", params=params).json()
    return answer


def poll(client: TestClient, task_id: object, key: str = KEY) -> dict[str, object]:
    answer: dict[str, object] = client.get(
        "/res.php", params={"key": key, "action": "get", "id": str(task_id), "json": "1"}).json()
    return answer


class TestSubmit:
    def test_task_id(self, client: TestClient) -> None:
        answer = submit(client)
        assert answer["status"] == 1 and str(answer["request"]).isdigit()

    @pytest.mark.parametrize(("key", "error"), [("", "ERROR_WRONG_USER_KEY"), ("nope", "ERROR_KEY_DOES_NOT_EXIST")])
    def test_bad_key(self, client: TestClient, key: str, error: str) -> None:
        assert submit(client, key=key) == {"status": 0, "request": error}

    def test_zero_balance_and_no_slot(self, client: TestClient, state: SandboxState) -> None:
        state.solver.mode = "zero_balance"
        assert submit(client)["request"] == "ERROR_ZERO_BALANCE"
        state.solver.mode = "no_slot"
        assert submit(client)["request"] == "ERROR_NO_SLOT_AVAILABLE"

    def test_plain_text_answer(self, client: TestClient) -> None:
        text = client.get("/in.php", params={"key": KEY, "method": "userrecaptcha", "googlekey": SITE_KEY,
                                              "pageurl": PAGE}).text
        assert text.startswith("OK|")


class TestResult:
    def test_not_ready_until_delay_then_token(self, client: TestClient, clock: Clock) -> None:
        task = submit(client)["request"]
        assert poll(client, task) == {"status": 0, "request": "CAPCHA_NOT_READY"}
        clock.now += 5
        answer = poll(client, task)
        assert answer["status"] == 1 and len(str(answer["request"])) > 100

    def test_unsolvable(self, client: TestClient, clock: Clock, state: SandboxState) -> None:
        task = submit(client)["request"]
        state.solver.mode = "unsolvable"
        clock.now += 5
        assert poll(client, task) == {"status": 0, "request": "ERROR_CAPTCHA_UNSOLVABLE"}

    def test_wrong_key_and_unknown_task(self, client: TestClient) -> None:
        task = submit(client)["request"]
        assert poll(client, task, key="nope")["request"] == "ERROR_KEY_DOES_NOT_EXIST"
        assert poll(client, "123")["request"] == "ERROR_WRONG_CAPTCHA_ID"

    def test_balance(self, client: TestClient) -> None:
        answer = client.get("/res.php", params={"key": KEY, "action": "getbalance", "json": "1"}).json()
        assert answer["status"] == 1 and float(answer["request"]) > 0


class TestTokenRedemption:
    def _token(self, client: TestClient, clock: Clock, **overrides: str) -> str:
        task = submit(client, **overrides)["request"]
        clock.now += 5
        return str(poll(client, task)["request"])

    def _login(self, client: TestClient, token: str) -> int:
        response = client.post("/identity/Account/Login", data={
            "Username": "dispatch1", "Password": "Sandbox-Pass-1", "g-recaptcha-response": token,
            "ReturnUrl": "/containers"}, follow_redirects=False)
        return response.status_code

    def test_single_use(self, client: TestClient, clock: Clock) -> None:
        token = self._token(client, clock)
        assert self._login(client, token) == 302
        assert self._login(client, token) == 200  # back on the form with the captcha error

    def test_expires_after_two_minutes(self, client: TestClient, clock: Clock) -> None:
        token = self._token(client, clock)
        clock.now += 121
        assert self._login(client, token) == 200

    def test_bound_to_site_key_and_page(self, client: TestClient, clock: Clock) -> None:
        assert self._login(client, self._token(client, clock, googlekey="6LotherKey")) == 200
        assert self._login(client, self._token(client, clock, pageurl="http://127.0.0.1:9/elsewhere")) == 200
        assert self._login(client, self._token(client, clock)) == 302
