"""The security audit trail: who did what, when and from which address, queryable by an admin only."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from backend.audit import DatabaseAuditTrail, current_client_address
from tests.backend.security.conftest import PASSWORD, LiveApi

ADDRESS = "127.0.0.9"


def test_security_events_are_recorded_with_user_time_and_address(dev_api: LiveApi) -> None:
    admin = dev_api.new_user("admin")
    username = dev_api.add_user()
    started = datetime.now(UTC) - timedelta(seconds=1)
    from_there = dev_api.client(local_address=ADDRESS)
    for _ in range(dev_api.settings.login_failures_per_username):
        assert from_there.post("/auth/login", data={"username": username, "password": "nope"}).status_code == 401
    assert from_there.post("/auth/login", data={"username": username, "password": PASSWORD}).status_code == 429
    admin_view = admin.client.get("/admin/audit", params={"action": "login_throttled"}).json()
    assert admin_view and admin_view[0]["client_address"] == ADDRESS

    # Clear the username's count so the rest of the story can log in.
    dev_api.services.login_throttle.forget_username(username)
    tokens = from_there.post("/auth/login", data={"username": username, "password": PASSWORD}).json()
    user_id = int(dev_api.client(tokens["access_token"]).get("/auth/me").json()["id"])
    rotated = from_there.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    assert from_there.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    second, third = dev_api.login(username), dev_api.login(username)
    assert second.client.delete(f"/sessions/{third.tokens['auth_session_id']}").status_code == 204
    assert admin.client.post(f"/admin/users/{user_id}/disable").status_code == 200

    trail = admin.client.get("/admin/audit", params={"user_id": user_id, "since": started.isoformat()}).json()
    actions = [entry["action"] for entry in trail]
    for expected in ("login_failed", "login_throttled", "login", "refresh_token_reuse", "auth_session_revoked"):
        assert expected in actions, actions
    assert all(entry["client_address"] == ADDRESS for entry in trail
               if entry["action"] in ("login_failed", "login_throttled", "refresh_token_reuse"))
    assert all(datetime.fromisoformat(entry["created_at"]) >= started for entry in trail)
    disabled = admin.client.get("/admin/audit", params={"action": "admin_user_disabled"}).json()
    assert disabled[0]["user_id"] == admin.user_id and disabled[0]["detail"]["target_user_id"] == user_id
    assert disabled[0]["client_address"] == "127.0.0.1"


def test_the_trail_is_for_admins_and_filters_by_time(dev_api: LiveApi) -> None:
    admin, user = dev_api.new_user("admin"), dev_api.new_user()
    assert user.client.get("/admin/audit").status_code == 403
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    assert admin.client.get("/admin/audit", params={"since": future}).json() == []
    page = admin.client.get("/admin/audit", params={"limit": 2}).json()
    assert len(page) == 2 and page[0]["id"] > page[1]["id"]
    older = admin.client.get("/admin/audit", params={"limit": 1, "before_id": page[1]["id"]}).json()
    assert older[0]["id"] < page[1]["id"]


def test_a_booking_by_the_agent_is_recorded_with_the_callers_address(dev_api: LiveApi) -> None:
    admin, user = dev_api.new_user("admin"), dev_api.new_user()
    token = current_client_address.set("127.0.0.10")
    try:  # the sink is built in the request; the booking is written later from the run's own thread
        sink = DatabaseAuditTrail(session_factory=dev_api.services.session_factory, user_id=user.user_id,
                                  channel="agent", thread_id="t-1")
    finally:
        current_client_address.reset(token)
    writer = threading.Thread(target=sink.record, args=("appointment_booked",),
                              kwargs={"appointment_number": "APT-1", "container_number": "MSDU5772413"})
    writer.start()
    writer.join()
    booked = admin.client.get("/admin/audit", params={"action": "appointment_booked", "user_id": user.user_id})
    entry = booked.json()[0]
    assert entry["client_address"] == "127.0.0.10" and entry["detail"]["appointment_number"] == "APT-1"
