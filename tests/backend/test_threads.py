"""Conversation thread records: create, list, rename, delete."""

from __future__ import annotations

from tests.backend.conftest import LoggedInUser


def test_thread_lifecycle(user: LoggedInUser) -> None:
    untitled = user.client.post("/threads", json={}).json()
    assert untitled["title"] == "New conversation"
    titled = user.client.post("/threads", json={"title": "Pregate checks"}).json()
    assert {t["id"] for t in user.client.get("/threads").json()} == {untitled["id"], titled["id"]}
    renamed = user.client.patch(f"/threads/{titled['id']}", json={"title": "ITS bookings"})
    assert renamed.json()["title"] == "ITS bookings"
    assert user.client.get("/threads").json()[0]["id"] == titled["id"]  # most recently active first
    assert user.client.patch(f"/threads/{titled['id']}", json={"title": ""}).status_code == 422
    assert user.client.delete(f"/threads/{titled['id']}").status_code == 204
    assert user.client.get(f"/threads/{titled['id']}").status_code == 404
