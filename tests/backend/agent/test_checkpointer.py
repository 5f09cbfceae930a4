"""Conversations live in the checkpointer of the app's database: SQLite file or pooled PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from tests.support.services import ApiServer, fresh_postgres_database, sqlite_url


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgres":
        with fresh_postgres_database() as url:
            yield url
    else:
        yield sqlite_url(tmp_path)


def _client(server: ApiServer, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=server.url, timeout=60, headers=headers)


def test_a_thread_survives_a_restart(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url)
    with ApiServer(create_app(settings)) as server, _client(server) as anonymous:
        anonymous.post("/auth/register", json={"username": "nightshift", "password": "night-shift-pw"})
        token = anonymous.post("/auth/login", data={"username": "nightshift", "password": "night-shift-pw"}).json()
        with _client(server, token["access_token"]) as http:
            first = http.post("/ask", json={"message": "help"})
            assert first.status_code == 200, first.text
            thread_id = first.json()["thread_id"]
            no_account = http.post("/ask", json={"message": "has MSDU5772413 passed pregate?",
                                                 "thread_id": thread_id}).json()
            assert "account" in no_account["answer"].lower()  # no E-Modal account yet: it says what to do
    with ApiServer(create_app(settings)) as server, _client(server, token["access_token"]) as http:
        detail = http.get(f"/threads/{thread_id}").json()
        users = [m["content"] for m in detail["messages"] if m["role"] == "user"]
        assert users == ["help", "has MSDU5772413 passed pregate?"]
        assert detail["title"] == "help"
        again = http.post("/ask", json={"message": "help", "thread_id": thread_id})
        assert again.status_code == 200
        assert len(http.get(f"/threads/{thread_id}").json()["messages"]) > len(detail["messages"])
