"""The business API (`/emodal/*`) through HTTP, against the sandbox portal in real headless Chromium."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from openpyxl import load_workbook

from backend.app import create_app
from backend.config import Settings
from sandbox.accounts import DISPATCH1, DISPATCH2
from tests.support.sandbox import CHAOS_TOKEN, SOLVER_KEY, chaos, start_sandbox
from tests.support.services import ApiServer, sqlite_url

pytestmark = pytest.mark.browser

PREGATED, ACTIONABLE = "MSDU5772413", "MSCU5165756"


@pytest.fixture(scope="module")
def portal_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiServer, str]]:
    sandbox, sandbox_url = start_sandbox(containers_per_account=60)
    tmp: Path = tmp_path_factory.mktemp("portal-api")
    settings = Settings(data_dir=tmp, database_url=sqlite_url(tmp), portal_base_url=sandbox_url,
                        captcha_base_url=sandbox_url, captcha_poll_seconds=0.05, browser_pool_size=3,
                        page_timeout_seconds=30)
    try:
        with ApiServer(create_app(settings)) as server:
            yield server, sandbox_url
    finally:
        sandbox.stop()
    assert CHAOS_TOKEN  # the sandbox above runs with chaos switches on


def _user(server: ApiServer, name: str, account: Any | None) -> tuple[httpx.Client, int | None]:
    anonymous = httpx.Client(base_url=server.url, timeout=180)
    anonymous.post("/auth/register", json={"username": name, "password": "portal-api-pass"})
    token = anonymous.post("/auth/login", data={"username": name, "password": "portal-api-pass"}).json()
    client = httpx.Client(base_url=server.url, timeout=180,
                          headers={"Authorization": f"Bearer {token['access_token']}"})
    if account is None:
        return client, None
    created = client.post("/accounts", json={"label": account.username, "username": account.username,
                                             "password": account.password, "captcha_api_key": SOLVER_KEY})
    return client, int(created.json()["id"])


@pytest.fixture(scope="module")
def alice(portal_api: tuple[ApiServer, str]) -> tuple[httpx.Client, int | None]:
    return _user(portal_api[0], "alice-portal", DISPATCH1)


@pytest.fixture(scope="module")
def bob(portal_api: tuple[ApiServer, str]) -> tuple[httpx.Client, int | None]:
    return _user(portal_api[0], "bob-portal", DISPATCH2)


def test_session_is_reused_across_calls_and_auth_sessions(
    portal_api: tuple[ApiServer, str], alice: tuple[httpx.Client, int | None]
) -> None:
    client, account_id = alice
    first = client.post("/emodal/get_session", json={"account_id": account_id})
    assert first.status_code == 200, first.text
    assert first.json()["success"] is True
    portal_session_id = first.json()["portal_session_id"]
    assert first.json()["session_id"] == portal_session_id  # the deprecated name still answers
    second = client.post("/emodal/get_session", json={})  # the active account
    assert second.json()["portal_session_id"] == portal_session_id
    assert second.json()["is_new_session"] is False
    # A second login of the same user reuses the same browser.
    other_login = httpx.Client(base_url=portal_api[0].url, timeout=180)
    token = other_login.post("/auth/login", data={"username": "alice-portal", "password": "portal-api-pass"}).json()
    reused = other_login.post("/emodal/get_session", json={"account_id": account_id},
                              headers={"Authorization": f"Bearer {token['access_token']}"})
    assert reused.json()["is_new_session"] is False
    assert reused.json()["portal_session_id"] == portal_session_id
    listed = client.get("/emodal/sessions").json()
    assert [s["portal_session_id"] for s in listed] == [portal_session_id]
    assert listed[0]["live_in_pool"] is True
    assert client.get("/health").json()["browser_pool"] == "1/3"


def test_containers_with_excel_file(
    alice: tuple[httpx.Client, int | None], bob: tuple[httpx.Client, int | None]
) -> None:
    client, _ = alice
    response = client.post("/emodal/get_containers", json={"target_count": 30})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["containers"]) >= 30
    numbers = [c["container_number"] for c in body["containers"] if c["trade_type"] != "N/A"]
    assert numbers and all(len(n) == 11 for n in numbers)  # trailing L/E letter stripped
    download = client.get(body["file_url"])
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert sheet is not None and sheet.max_row == body["count"] + 1
    assert bob[0].get(body["file_url"]).status_code == 404


def test_timeline_pregate_and_screenshot(alice: tuple[httpx.Client, int | None]) -> None:
    client, _ = alice
    body = client.post("/emodal/get_container_timeline", json={"container_number": PREGATED}).json()
    assert body["passed_pregate"] is True and body["detection_method"]
    assert any(m["name"] == "Pregate" and m["reached"] for m in body["milestones"])
    assert body["next_move"] == "DROP EMPTY"
    image = client.get(body["screenshot_url"])
    assert image.headers["content-type"] == "image/png" and image.content.startswith(b"\x89PNG")


def test_invalid_container_number_is_422_before_any_browser_work(alice: tuple[httpx.Client, int | None]) -> None:
    response = alice[0].post("/emodal/get_container_timeline", json={"container_number": "MSDU5772414"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_container_number"
    assert "MSDU5772414" in response.json()["error"]["message"]


def test_missing_field_resume_then_book(alice: tuple[httpx.Client, int | None]) -> None:
    client, _ = alice
    fields = {"trucking_company": DISPATCH1.company, "terminal": "ITS", "move_type": "PICK FULL",
              "container_number": ACTIONABLE, "own_chassis": False}
    missing = client.post("/emodal/check_appointments", json=fields)
    assert missing.status_code == 422
    error = missing.json()["error"]
    assert (error["code"], error["phase"], error["field"]) == ("missing_field", 2, "truck_plate")
    resumed = client.post("/emodal/check_appointments", json={
        "appointment_session_id": error["appointment_session_id"], "truck_plate": DISPATCH1.plates[0]})
    assert resumed.status_code == 200, resumed.text
    slots = resumed.json()
    assert slots["current_phase"] == 3 and slots["available_times"]
    booked = client.post("/emodal/make_appointment", json={
        "appointment_session_id": slots["appointment_session_id"], "slot": slots["available_times"][0]})
    assert booked.status_code == 200, booked.text
    result = booked.json()
    assert result["appointment_confirmed"] is True and result["appointment_number"]
    listed = client.post("/emodal/get_appointments", json={}).json()
    assert result["appointment_number"] in [a["appointment_number"] for a in listed["appointments"]]
    # The portal's state now forbids a second booking of that move, and any booking of a window that has ended:
    # both are conflicts (409) that say why, and nothing is booked.
    again = client.post("/emodal/make_appointment", json={**fields, "truck_plate": DISPATCH1.plates[0],
                                                          "slot": slots["available_times"][-1]})
    assert again.status_code == 409, again.text
    assert again.json()["error"]["code"] == "already_booked"
    assert result["appointment_number"] in again.json()["error"]["message"]
    ended = client.post("/emodal/make_appointment", json={**fields, "truck_plate": DISPATCH1.plates[0],
                                                          "slot": "Monday 01/05/2026 08:00 - 09:00"})
    assert ended.status_code == 409 and ended.json()["error"]["code"] == "slot_ended", ended.text
    after = client.post("/emodal/get_appointments", json={}).json()["appointments"]
    assert len(after) == len(listed["appointments"])


def test_users_never_touch_each_others_portal_sessions(
    alice: tuple[httpx.Client, int | None], bob: tuple[httpx.Client, int | None]
) -> None:
    alice_session = alice[0].post("/emodal/get_session", json={}).json()["portal_session_id"]
    bob_containers = bob[0].post("/emodal/get_containers", json={"target_count": 30}).json()
    alice_containers = alice[0].post("/emodal/get_containers", json={"target_count": 30}).json()
    assert bob_containers["portal_session_id"] != alice_session
    def known(body: dict[str, Any]) -> set[str]:
        return {c["container_number"] for c in body["containers"] if c["container_number"] != "N/A"}

    assert known(bob_containers) and known(alice_containers)
    assert not known(bob_containers) & known(alice_containers)
    assert bob[0].post("/emodal/get_containers", json={"portal_session_id": alice_session}).status_code == 404
    assert bob[0].post("/emodal/get_containers", json={"session_id": alice_session}).status_code == 404
    assert bob[0].delete(f"/emodal/sessions/{alice_session}").status_code == 404
    assert bob[0].post("/emodal/get_session", json={"account_id": alice[1]}).status_code == 404


def test_inline_credentials_errors_are_specific(bob: tuple[httpx.Client, int | None]) -> None:
    client, _ = bob
    wrong = client.post("/emodal/get_session", json={"username": "dispatch2", "password": "not-it",
                                                     "captcha_api_key": SOLVER_KEY})
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "portal_invalid_credentials"
    assert "not-it" not in wrong.text
    partial = client.post("/emodal/get_session", json={"username": "dispatch2"})
    assert partial.status_code == 422
    accounts_before = client.get("/accounts").json()
    ok = client.post("/emodal/get_session", json={"username": DISPATCH2.username, "password": DISPATCH2.password,
                                                  "captcha_api_key": SOLVER_KEY})
    assert ok.status_code == 200
    assert client.get("/accounts").json() == accounts_before  # inline credentials are not stored unasked


def test_expired_login_is_recovered_and_the_new_id_persisted(
    portal_api: tuple[ApiServer, str], alice: tuple[httpx.Client, int | None]
) -> None:
    server, sandbox_url = portal_api
    client, account_id = alice
    old_id = client.post("/emodal/get_session", json={}).json()["portal_session_id"]
    chaos(sandbox_url, "expire-login", username=DISPATCH1.username)
    response = client.post("/emodal/get_containers", json={"target_count": 30})
    assert response.status_code == 200, response.text
    new_id = response.json()["portal_session_id"]
    assert new_id != old_id
    from backend.models import PortalSessionRow

    with server.services.session_factory() as db:
        statuses = {r.portal_session_id: r.status for r in db.query(PortalSessionRow).filter_by(account_id=account_id)}
    assert statuses[old_id] == "replaced" and statuses[new_id] == "active"
    current = client.get("/sessions/current").json()
    assert current["portal_session"]["portal_session_id"] == new_id


def test_close_a_portal_session(alice: tuple[httpx.Client, int | None]) -> None:
    client, _ = alice
    portal_session_id = client.post("/emodal/get_session", json={}).json()["portal_session_id"]
    assert client.post("/emodal/get_session", json={"session_id": portal_session_id}).status_code == 200  # alias
    assert client.delete(f"/emodal/sessions/{portal_session_id}").status_code == 204
    assert portal_session_id not in [s["portal_session_id"] for s in client.get("/emodal/sessions").json()]
    assert client.post("/emodal/get_session", json={"portal_session_id": portal_session_id}).status_code == 404
    again = client.post("/emodal/get_session", json={})
    assert again.json()["is_new_session"] is True


def test_slots_made_up_as_operators_do_and_bookings_audited(
    portal_api: tuple[ApiServer, str], alice: tuple[httpx.Client, int | None]
) -> None:
    client, _ = alice
    response = client.post("/emodal/check_appointments", json={
        "container_number": ACTIONABLE, "truck_plate": DISPATCH1.plates[0], "own_chassis": False})
    assert response.status_code == 200, response.text
    slots = response.json()
    assert slots["move_type"] == "PICK FULL" and slots["terminal"] and slots["trucking_company"]
    assert set(slots["derived"]) == {"move_type", "terminal", "trucking_company"}
    # The booking test above gave it an appointment: then no second one is offered, and the result says which.
    assert (slots["available_times"] or slots["already_booked"]["appointment_number"]) and slots["portal_session_id"]
    unknown = client.post("/emodal/check_appointments", json={"container_number": ACTIONABLE, "terminal": "nowhere"})
    assert unknown.status_code == 422 and "nowhere" in unknown.json()["error"]["message"]
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    narrowed = client.post("/emodal/check_appointments", json={
        "container_number": ACTIONABLE, "truck_plate": DISPATCH1.plates[0], "day_from": tomorrow.isoformat(),
        "day_to": (tomorrow + timedelta(days=2)).isoformat(), "starting_after": "2pm"}).json()
    assert narrowed["filters"]["starting_after"] == "14:00" and narrowed["filters"]["day_from"] == tomorrow.isoformat()
    assert all(s.split()[2] >= "14:00" for s in narrowed["slots"])
    backwards = client.post("/emodal/check_appointments", json={
        "container_number": ACTIONABLE, "truck_plate": DISPATCH1.plates[0], "day_from": "12/31/2030",
        "day_to": "12/01/2030"})
    assert backwards.status_code == 422 and "day_from" in backwards.json()["error"]["message"]
    from backend.models import AuditLogEntry

    with portal_api[0].services.session_factory() as db:
        booked = [e.detail for e in db.query(AuditLogEntry).filter_by(action="booking_submitted")]
    assert booked and all(d["via"] == "api" and d["appointment_number"] for d in booked)


def test_closing_the_active_accounts_portal_sessions_keeps_the_login(alice: tuple[httpx.Client, int | None]) -> None:
    client, _ = alice
    portal_session_id = client.post("/emodal/get_session", json={}).json()["portal_session_id"]
    closed = client.post("/sessions/current/portal-sessions/close")
    assert closed.status_code == 200 and closed.json() == {"closed_portal_sessions": 1}
    assert portal_session_id not in [s["portal_session_id"] for s in client.get("/emodal/sessions").json()]
    assert client.get("/auth/me").status_code == 200  # the auth session lives on
    again = client.post("/emodal/get_session", json={})
    assert again.json()["is_new_session"] is True
    old_name = client.post("/sessions/current/disconnect")  # deprecated, same effect
    assert old_name.json() == {"disconnected": True, "closed_portal_sessions": 1}
