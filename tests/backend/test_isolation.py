"""A second user gets 404, never data, on every route that names the first user's resources."""

from __future__ import annotations

from backend.files.repository import FileRepository
from tests.backend.conftest import Api


def test_other_users_resources_are_invisible(api: Api) -> None:
    owner, intruder = api.new_user(), api.new_user()
    account = owner.client.post("/accounts", json={"label": "Owner", "username": "o", "password": "p",
                                                   "captcha_api_key": "k"}).json()
    thread = owner.client.post("/threads", json={"title": "Owner's chat"}).json()
    with api.server.services.session_factory.begin() as db:
        stored = FileRepository(db=db, files_dir=api.settings.files_dir).add(
            user_id=owner.user_id, kind="excel", filename="containers.xlsx",
            content_type="application/octet-stream", content=b"owner data")
        file_id = stored.id

    attempts = [
        ("GET", f"/accounts/{account['id']}", None),
        ("PATCH", f"/accounts/{account['id']}", {"label": "mine now"}),
        ("DELETE", f"/accounts/{account['id']}", None),
        ("POST", "/sessions/current/account", {"account_id": account["id"]}),
        ("DELETE", f"/sessions/{owner.auth_session_id}", None),
        ("GET", f"/threads/{thread['id']}", None),
        ("PATCH", f"/threads/{thread['id']}", {"title": "mine now"}),
        ("DELETE", f"/threads/{thread['id']}", None),
        ("GET", f"/threads/{thread['id']}/stream", None),
        ("POST", f"/threads/{thread['id']}/cancel", None),
        ("GET", f"/files/{file_id}", None),
    ]
    for method, path, body in attempts:
        response = intruder.client.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.status_code)
        assert response.json()["error"]["code"] == "not_found"
        assert "Owner" not in response.text and "owner data" not in response.text

    assert intruder.client.get("/accounts").json() == []
    assert intruder.client.get("/threads").json() == []
    assert owner.auth_session_id not in intruder.client.get("/sessions").text
    # The owner still has everything, untouched.
    assert owner.client.get(f"/accounts/{account['id']}").json()["label"] == "Owner"
    assert owner.client.get(f"/threads/{thread['id']}").json()["title"] == "Owner's chat"
    assert owner.client.get(f"/files/{file_id}").content == b"owner data"
    assert owner.client.get("/auth/me").status_code == 200
